/** Ingress implementation of an environment. */
export enum IngressMode {
  /** NGINX Inc. controller installed with Helm (`ingressClassName: nginx`). */
  NGINX = 'nginx',
  /** GKE's L7 load balancer with a static IP and a Google-managed certificate. */
  GCE = 'gce',
}

/** TLS of the nginx Ingress. */
export enum TlsMode {
  /** Plain HTTP (GKE mode always has TLS through its managed certificate). */
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

/** Where the API keeps `/persistent` (see {@link ApiStorage}). */
export enum ApiStorageMode {
  /** A ReadWriteOnce disk `persistent-pvc` (`apiStorageGiB`): the API pod and its surge pod share the disk's node. */
  READ_WRITE_ONCE_DISK = 'rwo-disk',
  /** A ReadWriteMany Filestore share `persistent-pvc` (`apiStorageGiB`, at least 1024 for Basic HDD outside GKE's 100 GiB floor): the API spreads. */
  FILESTORE = 'filestore',
  /** The Cloud Storage bucket `apiBucket` through GKE's Cloud Storage FUSE CSI driver (Workload Identity): the API spreads. */
  CLOUD_STORAGE_BUCKET = 'gcs-bucket',
  /** An emptyDir: nothing persists; the API spreads. */
  NONE = 'none',
}

/** Replicas and per-pod resources of one workload. */
export interface WorkloadSettings {
  /** Fewest pods (the HPA's floor). */
  readonly minReplicas: number;
  /** Most pods (the HPA's ceiling). */
  readonly maxReplicas: number;
  /** CPU request per pod, in millicores. */
  readonly cpuRequestMillis: number;
  /**
   * CPU limit per pod, in millicores.
   * @default - no CPU limit
   */
  readonly cpuLimitMillis?: number;
  /** Request and limit (memory request = limit). */
  readonly memoryMiB: number;
}

/** The node pool the environment runs on, for the capacity plan. */
export interface NodePoolSettings {
  /**
   * A known GKE machine type, e.g. `n2d-standard-2`.
   * @default - none: give `allocatableCpuMillis` and `allocatableMemoryMiB` instead
   */
  readonly machineType?: string;
  /**
   * Allocatable CPU per node, in millicores, for a machine type the planner does not know.
   * @default - from `machineType`
   */
  readonly allocatableCpuMillis?: number;
  /**
   * Allocatable memory per node, in MiB, for a machine type the planner does not know.
   * @default - from `machineType`
   */
  readonly allocatableMemoryMiB?: number;
  /** Nodes the pool keeps (cluster autoscaler minimum). */
  readonly minNodes: number;
  /** Nodes the pool may grow to (cluster autoscaler maximum). */
  readonly maxNodes: number;
  /** Fail synth (instead of warning) when scale-out cannot fit. */
  readonly failOnOverflow: boolean;
}

/**
 * Everything that differs between environments, as plain data (no code paths): the
 * entry point turns it into `CheeseAppProps`, after pipeline overrides (tag, project, host).
 */
export interface EnvironmentSettings {
  /** Environment name: the output folder `dist/<name>/` and the instance label `cheese-app-<name>`. */
  readonly name: string;
  /** Namespace of every object; give each environment its own. */
  readonly namespace: string;
  /** GCP project id (overridable with `--project`). */
  readonly gcpProject: string;
  /**
   * Registry path of the app images (overridable with `--registry`).
   * @default - `us-docker.pkg.dev/<gcpProject>/cheese-app-repository`
   */
  readonly imageRegistry?: string;
  /** Tag of the three app images (overridable with `--tag` or `--tag-file`). */
  readonly imageTag: string;
  /** Ingress host (overridable with `--host`). */
  readonly host: string;
  /** Which Ingress controller serves the app. */
  readonly ingress: IngressMode;
  /**
   * GCE mode: name of the reserved global static IP.
   * @default - none (required with `IngressMode.GCE`)
   */
  readonly staticIpName?: string;
  /** TLS of the NGINX Ingress. */
  readonly tls: TlsMode;
  /**
   * `TlsMode.SECRET`: name of the existing TLS Secret.
   * @default - none (required with `TlsMode.SECRET`)
   */
  readonly tlsSecretName?: string;
  /**
   * `TlsMode.CERT_MANAGER`: name of the cert-manager ClusterIssuer.
   * @default - none (required with `TlsMode.CERT_MANAGER`)
   */
  readonly clusterIssuer?: string;
  /** Make the policy fail synth when the Ingress has no TLS. */
  readonly requireTls: boolean;
  /** How the API is mounted under the host. */
  readonly routing: RoutingMode;
  /** How the API and the loader authenticate to Google APIs. */
  readonly credentials: CredentialsMode;
  /**
   * Workload Identity: the Google service account email.
   * @default - none (required with `CredentialsMode.WORKLOAD_IDENTITY`)
   */
  readonly gcpServiceAccount?: string;
  /**
   * KEY_SECRET: name of the existing Secret with `gcp-service.json`.
   * @default - none (required with `CredentialsMode.KEY_SECRET`)
   */
  readonly keySecretName?: string;
  /** Replicas and resources of the frontend. */
  readonly frontend: WorkloadSettings;
  /** Replicas and resources of the API. */
  readonly api: WorkloadSettings;
  /** Size of the vector DB's claim `chromadb-pvc`, in GiB. */
  readonly vectorDbStorageGiB: number;
  /** Size of the API's claim `persistent-pvc`, in GiB (disk and Filestore modes). */
  readonly apiStorageGiB: number;
  /**
   * Where the API keeps `/persistent`.
   * @default ApiStorageMode.READ_WRITE_ONCE_DISK
   */
  readonly apiStorage?: ApiStorageMode;
  /**
   * `ApiStorageMode.CLOUD_STORAGE_BUCKET`: the existing bucket (follows a `--project` override when it starts with `<gcpProject>-`).
   * @default - none (required with `ApiStorageMode.CLOUD_STORAGE_BUCKET`)
   */
  readonly apiBucket?: string;
  /**
   * `ApiStorageMode.FILESTORE`: the Filestore StorageClass.
   * @default 'standard-rwx'
   */
  readonly apiFilestoreClassName?: string;
  /**
   * StorageClass of both claims.
   * @default - the cluster's default StorageClass
   */
  readonly storageClassName?: string;
  /** The node pool, for the capacity plan. */
  readonly nodePool: NodePoolSettings;
}
