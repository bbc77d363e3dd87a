import { Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { AppSecret } from './app-secret';
import { KubeServiceAccount } from '../imports/k8s';
import { instanceOf, partOfOf } from './core/context';
import { EnvValue } from './core/env';
import { workloadLabels } from './core/labels';
import { Mount } from './core/mount';
import { ISecretRef, IServiceAccountRef } from './core/refs';
import { checkDataKey, checkDnsLabel, checkDnsSubdomain, checkPath, invalid } from './core/validate';

const GSA_EMAIL = /^[a-z][a-z0-9-]{4,28}[a-z0-9]@[a-z][a-z0-9-]{4,28}[a-z0-9]\.iam\.gserviceaccount\.com$/;

/** Options for {@link GcpCredentials.workloadIdentity}. */
export interface WorkloadIdentityOptions {
  /** Google service account the pods act as, e.g. `gcp-service@ac215-project.iam.gserviceaccount.com`. */
  readonly gcpServiceAccount: string;
  /**
   * Name of the Kubernetes ServiceAccount to create and annotate.
   * @default 'api-ksa'
   */
  readonly serviceAccountName?: string;
}

/** Options for {@link GcpCredentials.serviceAccountKey}. */
export interface ServiceAccountKeyOptions {
  /**
   * The Secret holding the JSON key.
   * @default - an existing Secret named `secretName`
   */
  readonly secret?: ISecretRef;
  /**
   * Name of an existing Secret holding the key, when no `secret` construct is given.
   * @default 'gcp-service-key' (the course's Secret)
   */
  readonly secretName?: string;
  /**
   * Key of the Secret that holds the JSON file.
   * @default 'gcp-service.json'
   */
  readonly key?: string;
  /**
   * Where the Secret is mounted.
   * @default '/secrets'
   */
  readonly mountPath?: string;
}

/** What a pod needs to use the credentials: a ServiceAccount, mounts and env. */
export interface GcpCredentialsBinding {
  /** ServiceAccount the pods run as; undefined keeps the namespace's default. */
  readonly serviceAccount?: IServiceAccountRef;
  /** Volumes the pods mount (the key Secret). */
  readonly mounts: Mount[];
  /** Environment variables the pods get (`GOOGLE_APPLICATION_CREDENTIALS`). */
  readonly env: Record<string, EnvValue>;
  /** Whether the pods get their Google credentials from the GKE metadata server (every mode but a key file). */
  readonly usesMetadataServer: boolean;
}

/**
 * How the API and the loader authenticate to Google APIs (Vertex AI, GCS).
 *
 * Workload Identity (the course's Gen B) needs no key at all. A mounted JSON key (Gen A)
 * is supported for clusters without it, from a Secret that already exists.
 */
export class GcpCredentials {
  /**
   * Workload Identity Federation for GKE: a Kubernetes ServiceAccount annotated with
   * `iam.gke.io/gcp-service-account`. The IAM binding (`roles/iam.workloadIdentityUser`
   * for `serviceAccount:<project>.svc.id.goog[<namespace>/<ksa>]`) is made outside Kubernetes.
   */
  public static workloadIdentity(options: WorkloadIdentityOptions): GcpCredentials {
    if (typeof options.gcpServiceAccount !== 'string' || !GSA_EMAIL.test(options.gcpServiceAccount)) {
      invalid('GcpCredentials.workloadIdentity', 'gcpServiceAccount', options.gcpServiceAccount, "use a service account email '<name>@<project>.iam.gserviceaccount.com'");
    }
    const name = checkDnsLabel('GcpCredentials.workloadIdentity', 'serviceAccountName', options.serviceAccountName ?? 'api-ksa');
    return new GcpCredentials('workload-identity', name, options.gcpServiceAccount);
  }

  /** A JSON key from an existing Secret, mounted read-only, with `GOOGLE_APPLICATION_CREDENTIALS` pointing at it. */
  public static serviceAccountKey(options: ServiceAccountKeyOptions): GcpCredentials {
    const key = checkDataKey('GcpCredentials.serviceAccountKey', 'key', options.key ?? 'gcp-service.json');
    const mountPath = checkPath('GcpCredentials.serviceAccountKey', 'mountPath', options.mountPath ?? '/secrets');
    if (options.secret && options.secretName) invalid('GcpCredentials.serviceAccountKey', 'secretName', options.secretName, 'give either secret or secretName, not both');
    const secretName = options.secret ? undefined
      : checkDnsSubdomain('GcpCredentials.serviceAccountKey', 'secretName', options.secretName ?? 'gcp-service-key');
    return new GcpCredentials('key', undefined, undefined, { secret: options.secret, secretName, key, mountPath });
  }

  /** Application Default Credentials from the node's service account; nothing is emitted. */
  public static nodeDefault(): GcpCredentials {
    return new GcpCredentials('node');
  }

  /** The Google service account, for Workload Identity. */
  public readonly gcpServiceAccount?: string;
  /** The Kubernetes ServiceAccount name, for Workload Identity. */
  public readonly serviceAccountName?: string;
  private readonly bindings = new WeakMap<Chart, GcpCredentialsBinding>();

  private constructor(
    /** @internal */ public readonly _mode: 'workload-identity' | 'key' | 'node',
    serviceAccountName?: string,
    gcpServiceAccount?: string,
    private readonly key?: { secret?: ISecretRef; secretName?: string; key: string; mountPath: string },
  ) {
    this.serviceAccountName = serviceAccountName;
    this.gcpServiceAccount = gcpServiceAccount;
  }

  /**
   * Renders the credentials for pods under `scope`; one ServiceAccount per chart, shared
   * by every workload that binds the same credentials.
   * @internal
   */
  public _bind(scope: IConstruct): GcpCredentialsBinding {
    const chart = Chart.of(scope);
    let binding = this.bindings.get(chart);
    if (!binding) {
      binding = this.render(chart);
      this.bindings.set(chart, binding);
    }
    return binding;
  }

  private render(chart: Chart): GcpCredentialsBinding {
    if (this._mode === 'workload-identity') {
      const id = `GcpServiceAccount-${this.serviceAccountName}`;
      const serviceAccount = new WorkloadIdentityServiceAccount(chart, id, this.serviceAccountName!, this.gcpServiceAccount!);
      return { serviceAccount, mounts: [], env: {}, usesMetadataServer: true };
    }
    if (this._mode === 'key') {
      const { key, mountPath } = this.key!;
      const secret = this.key!.secret ?? new AppSecret(chart, `GcpKeySecret-${this.key!.secretName}`, { name: this.key!.secretName! });
      return {
        mounts: [Mount.secret(secret, mountPath)],
        env: { GOOGLE_APPLICATION_CREDENTIALS: EnvValue.literal(`${mountPath.replace(/\/$/, '')}/${key}`) },
        // a key file needs no metadata server; keeping it unreachable hides the node's own credentials
        usesMetadataServer: false,
      };
    }
    return { mounts: [], env: {}, usesMetadataServer: true };
  }
}

/** The Kubernetes ServiceAccount of Workload Identity. No token is mounted: GKE's metadata server does the exchange. */
class WorkloadIdentityServiceAccount extends Construct implements IServiceAccountRef {
  public readonly serviceAccountName: string;

  constructor(scope: Construct, id: string, name: string, gcpServiceAccount: string) {
    super(scope, id);
    this.serviceAccountName = name;
    new KubeServiceAccount(this, 'Resource', {
      metadata: {
        name,
        labels: workloadLabels({ name, instance: instanceOf(this), component: 'identity', partOf: partOfOf(this) }),
        annotations: { 'iam.gke.io/gcp-service-account': gcpServiceAccount },
      },
      automountServiceAccountToken: false,
    });
  }
}
