/** Ingress implementation of an environment. */
export enum IngressMode {
  /** NGINX Inc. controller installed with Helm (`ingressClassName: nginx`). */
  NGINX = 'nginx',
  /** GKE's L7 load balancer with a static IP and a Google-managed certificate. */
  GCE = 'gce',
}

/** TLS of the nginx Ingress. */
export enum TlsMode {
  NONE = 'none',
  /** An existing TLS Secret (`tlsSecretName`). */
  SECRET = 'secret',
  /** cert-manager issues the certificate (`clusterIssuer`). */
  CERT_MANAGER = 'cert-manager',
}

/** How the API is mounted under the host. */
export enum RoutingMode {
  /** `/api-service`, forwarded unchanged, `ROOT_PATH` on the API (course Gen B). */
  ROOT_PATH = 'root-path',
  /** `/api/`, stripped by `nginx.org/rewrites` (course Gen A). */
  REWRITE = 'rewrite',
}

/** How pods authenticate to Google APIs. */
export enum CredentialsMode {
  /** Workload Identity through an annotated KSA (no key). */
  WORKLOAD_IDENTITY = 'workload-identity',
  /** A JSON key from an existing Secret (`keySecretName`), mounted at /secrets. */
  KEY_SECRET = 'key-secret',
  /** The node's service account. */
  NODE_DEFAULT = 'node-default',
}

/** Replicas and per-pod resources of one workload. */
export interface WorkloadSettings {
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly cpuRequestMillis: number;
  /** Omit for no CPU limit. */
  readonly cpuLimitMillis?: number;
  /** Request and limit (memory request = limit). */
  readonly memoryMiB: number;
}

/** The node pool the environment runs on, for the capacity plan. */
export interface NodePoolSettings {
  /** A known GKE machine type; or give allocatable figures instead. */
  readonly machineType?: string;
  readonly allocatableCpuMillis?: number;
  readonly allocatableMemoryMiB?: number;
  readonly minNodes: number;
  readonly maxNodes: number;
  /** Fail synth (instead of warning) when scale-out cannot fit. */
  readonly failOnOverflow: boolean;
}

/**
 * Everything that differs between environments, as plain data (no code paths): the
 * entry point turns it into `CheeseAppProps`, after pipeline overrides (tag, project, host).
 */
export interface EnvironmentSettings {
  readonly name: string;
  readonly namespace: string;
  readonly gcpProject: string;
  /** @default - `gcr.io/<gcpProject>` */
  readonly imageRegistry?: string;
  readonly imageTag: string;
  readonly host: string;
  readonly ingress: IngressMode;
  /** GCE mode: name of the reserved global static IP. */
  readonly staticIpName?: string;
  readonly tls: TlsMode;
  readonly tlsSecretName?: string;
  readonly clusterIssuer?: string;
  readonly requireTls: boolean;
  readonly routing: RoutingMode;
  readonly credentials: CredentialsMode;
  /** Workload Identity: the Google service account email. */
  readonly gcpServiceAccount?: string;
  /** KEY_SECRET: name of the existing Secret with `gcp-service.json`. */
  readonly keySecretName?: string;
  readonly frontend: WorkloadSettings;
  readonly api: WorkloadSettings;
  readonly vectorDbStorageGiB: number;
  readonly apiStorageGiB: number;
  readonly storageClassName?: string;
  readonly nodePool: NodePoolSettings;
}
