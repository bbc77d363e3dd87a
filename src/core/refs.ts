import { IConstruct } from 'constructs';

/**
 * A ConfigMap a pod can consume. `data()` returns the map's content when the chart owns
 * it (used for the rollout checksum), or undefined when it lives outside the chart.
 */
export interface IConfigMapRef extends IConstruct {
  /** `metadata.name` of the ConfigMap. */
  readonly configMapName: string;
  /** The content, resolved at synth time; undefined for external ConfigMaps. */
  data(): Record<string, string> | undefined;
}

/** A Secret a pod can consume. Its content is never known to the library. */
export interface ISecretRef extends IConstruct {
  /** `metadata.name` of the Secret. */
  readonly secretName: string;
  /** Whether the Secret object is emitted by this chart (ExternalSecret, SealedSecret, opt-in inline) or already exists. */
  readonly managedInChart: boolean;
}

/** A PersistentVolumeClaim a pod can mount. */
export interface IClaimRef extends IConstruct {
  /** `metadata.name` of the claim. */
  readonly claimName: string;
  /** True for ReadWriteOnce claims: one node mounts them, so pods sharing one, surge pods included, must run on that node. */
  readonly readWriteOnce: boolean;
}

/** A ServiceAccount a pod can run as. */
export interface IServiceAccountRef extends IConstruct {
  /** `metadata.name` of the ServiceAccount. */
  readonly serviceAccountName: string;
}
