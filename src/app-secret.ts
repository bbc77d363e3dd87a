import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { SealedSecret } from '../imports/bitnami.com';
import { ExternalSecret, ExternalSecretSpecSecretStoreRefKind } from '../imports/external-secrets.io';
import { KubeSecret } from '../imports/k8s';
import { instanceOf, partOfOf } from './core/context';
import { workloadLabels } from './core/labels';
import { forCdk8s, hasPrototypeKey, restoreKeysOnRender } from './core/record';
import { ISecretRef } from './core/refs';
import { checkDataKey, checkDnsSubdomain, checkLabeledName, checkToken, invalid } from './core/validate';
import { Suppressions, visibleLength } from './policy/suppressions';

/** Which kind of External Secrets store an ExternalSecret reads from. */
export enum SecretStoreKind {
  /** A namespaced SecretStore. */
  SECRET_STORE = 'SecretStore',
  /** A cluster-wide ClusterSecretStore. */
  CLUSTER_SECRET_STORE = 'ClusterSecretStore',
}

/** Options for {@link SecretSource.externalSecret}. */
export interface ExternalSecretOptions {
  /** Name of the (Cluster)SecretStore, e.g. one backed by GCP Secret Manager with Workload Identity. */
  readonly storeName: string;
  /** @default SecretStoreKind.CLUSTER_SECRET_STORE */
  readonly storeKind?: SecretStoreKind;
  /** Secret key → remote secret name in the store (e.g. `{ 'gcp-service.json': 'cheese-gcp-service-key' }`). */
  readonly data: Record<string, string>;
  /** @default Duration.hours(1) */
  readonly refreshInterval?: Duration;
}

/** Options for {@link SecretSource.inlinePlaintext}. */
export interface InlineSecretOptions {
  /** Plain values. They are written to `dist/` in clear text. */
  readonly stringData: Record<string, string>;
  /** Why clear text is acceptable here (e.g. 'local kind cluster, throwaway token'); required, shown in the output. */
  readonly acknowledgement: string;
}

/**
 * Where a Secret's content comes from. The default, {@link SecretSource.existing}, emits
 * nothing: the Secret is created outside git (kubectl, Secret Manager, a CI step).
 */
export class SecretSource {
  /** The Secret already exists in the namespace; nothing is emitted. */
  public static existing(): SecretSource {
    return new SecretSource('existing', {});
  }

  /** An External Secrets Operator `ExternalSecret` that syncs the Secret from a store (GCP Secret Manager). */
  public static externalSecret(options: ExternalSecretOptions): SecretSource {
    const owner = 'SecretSource.externalSecret';
    checkToken(owner, 'storeName', options.storeName);
    checkDnsSubdomain(owner, 'storeName', options.storeName);
    if (Object.keys(options.data ?? {}).length === 0) invalid(owner, 'data', options.data, 'map at least one secret key to a remote secret name');
    for (const [key, remote] of Object.entries(options.data)) {
      checkDataKey(owner, 'data key', key);
      checkToken(owner, `data[${JSON.stringify(key)}]`, remote);
    }
    return new SecretSource('external', { external: options });
  }

  /** A Bitnami `SealedSecret` whose values were encrypted with `kubeseal` for this namespace and name. */
  public static sealed(encryptedData: Record<string, string>): SecretSource {
    if (Object.keys(encryptedData ?? {}).length === 0) invalid('SecretSource.sealed', 'encryptedData', encryptedData, 'give at least one kubeseal-encrypted value');
    for (const [key, value] of Object.entries(encryptedData)) {
      checkDataKey('SecretSource.sealed', 'encryptedData key', key);
      checkToken('SecretSource.sealed', `encryptedData[${JSON.stringify(key)}]`, value);
    }
    return new SecretSource('sealed', { sealed: encryptedData });
  }

  /**
   * A plain `Secret` with `stringData` — clear text in `dist/`. Explicit opt-in only, for local clusters.
   * The acknowledgement becomes a visible policy suppression on the object.
   */
  public static inlinePlaintext(options: InlineSecretOptions): SecretSource {
    if (typeof options.acknowledgement !== 'string' || visibleLength(options.acknowledgement) < 10) {
      invalid('SecretSource.inlinePlaintext', 'acknowledgement', options.acknowledgement, 'say in at least 10 characters why a clear-text Secret in the manifests is acceptable');
    }
    if (Object.keys(options.stringData ?? {}).length === 0) invalid('SecretSource.inlinePlaintext', 'stringData', options.stringData, 'give at least one key');
    for (const [key, value] of Object.entries(options.stringData)) {
      checkDataKey('SecretSource.inlinePlaintext', 'stringData key', key);
      if (typeof value !== 'string') invalid('SecretSource.inlinePlaintext', `stringData[${JSON.stringify(key)}]`, typeof value, 'use a string');
    }
    return new SecretSource('inline', { inline: options });
  }

  private constructor(
    /** @internal */ public readonly _kind: 'existing' | 'external' | 'sealed' | 'inline',
    /** @internal */ public readonly _options: { external?: ExternalSecretOptions; sealed?: Record<string, string>; inline?: InlineSecretOptions },
  ) {}
}

/** Props of {@link AppSecret}. */
export interface AppSecretProps {
  /** Secret name in the namespace. */
  readonly name: string;
  /** @default SecretSource.existing() */
  readonly source?: SecretSource;
}

/**
 * A Secret the app reads. By default only a reference: no Secret with data is emitted
 * unless the caller opts in with {@link SecretSource.inlinePlaintext}.
 */
export class AppSecret extends Construct implements ISecretRef {
  public readonly secretName: string;
  public readonly managedInChart: boolean;
  /** Where the Secret's content comes from. */
  public readonly source: SecretSource;
  /** The emitted object: ExternalSecret, SealedSecret or Secret; undefined for an existing Secret. */
  public readonly apiObject?: ExternalSecret | SealedSecret | KubeSecret;

  constructor(scope: Construct, id: string, props: AppSecretProps) {
    super(scope, id);
    const owner = this.node.path;
    this.secretName = checkLabeledName(owner, 'name', props.name);
    this.source = props.source ?? SecretSource.existing();
    const labels = workloadLabels({ name: this.secretName, instance: instanceOf(this), component: 'secret', partOf: partOfOf(this) });
    const opts = this.source._options;
    switch (this.source._kind) {
      case 'external':
        this.apiObject = new ExternalSecret(this, 'Resource', {
          metadata: { name: this.secretName, labels },
          spec: {
            refreshInterval: `${(opts.external!.refreshInterval ?? Duration.hours(1)).toSeconds()}s`,
            secretStoreRef: {
              name: opts.external!.storeName,
              kind: (opts.external!.storeKind ?? SecretStoreKind.CLUSTER_SECRET_STORE) as string as ExternalSecretSpecSecretStoreRefKind,
            },
            target: { name: this.secretName },
            data: Object.keys(opts.external!.data).sort().map(secretKey => ({ secretKey, remoteRef: { key: opts.external!.data[secretKey] } })),
          },
        });
        break;
      case 'sealed':
        this.apiObject = new SealedSecret(this, 'Resource', {
          metadata: { name: this.secretName, labels },
          spec: { encryptedData: forCdk8s(opts.sealed!), template: { metadata: { name: this.secretName, labels } } },
        });
        if (hasPrototypeKey(opts.sealed)) restoreKeysOnRender(this.apiObject);
        break;
      case 'inline':
        this.apiObject = new KubeSecret(this, 'Resource', {
          metadata: { name: this.secretName, labels },
          type: 'Opaque',
          stringData: forCdk8s(opts.inline!.stringData),
        });
        if (hasPrototypeKey(opts.inline!.stringData)) restoreKeysOnRender(this.apiObject);
        Suppressions.add(this, 'CHEESE-SEC3', `plain-text Secret by explicit opt-in: ${opts.inline!.acknowledgement}`);
        break;
      default:
        break;
    }
    this.managedInChart = this.apiObject !== undefined;
  }
}
