import { Size } from 'cdk8s';
import { sizeQuantity } from './quantity';
import { IClaimRef, IConfigMapRef, ISecretRef } from './refs';
import { checkPath } from './validate';
import { Quantity } from '../../imports/k8s';

/** Options for {@link Mount.emptyDir}. */
export interface EmptyDirOptions {
  /**
   * Cap on the scratch space; the pod is evicted above it.
   * @default Size.mebibytes(512)
   */
  readonly sizeLimit?: Size;
}

/**
 * A volume mounted into a container. Only volume types allowed by Pod Security
 * "restricted" can be expressed (emptyDir, PVC, Secret, ConfigMap).
 */
export class Mount {
  /** A writable scratch directory (`/tmp`, caches, a working dir), needed with a read-only root filesystem. */
  public static emptyDir(path: string, options: EmptyDirOptions = {}): Mount {
    const sizeLimit = Quantity.fromString(sizeQuantity('Mount.emptyDir', 'sizeLimit', options.sizeLimit ?? Size.mebibytes(512)));
    return new Mount(path, volumeName('scratch', path), { emptyDir: { sizeLimit } }, false);
  }

  /** A PersistentVolumeClaim. */
  public static claim(claim: IClaimRef, path: string): Mount {
    return new Mount(path, `pvc-${claim.claimName}`, { persistentVolumeClaim: { claimName: claim.claimName } }, false, { claim });
  }

  /** A Secret's keys as read-only files (preferred over env vars for credentials). */
  public static secret(secret: ISecretRef, path: string): Mount {
    return new Mount(path, `secret-${secret.secretName}`, { secret: { secretName: secret.secretName, defaultMode: 0o440 } }, true, { secret });
  }

  /** A ConfigMap's keys as read-only files; the whole map counts toward the rollout checksum. */
  public static configMap(configMap: IConfigMapRef, path: string): Mount {
    return new Mount(path, `config-${configMap.configMapName}`, { configMap: { name: configMap.configMapName } }, true, { configMap });
  }

  /**
   * A volume of any source type, for constructs that render one the factories above do not
   * (a CSI ephemeral volume); Pod Security is still checked by the policy at synth.
   * @internal
   */
  public static _of(path: string, name: string, volume: any, source: Mount['_source'] = {}): Mount {
    return new Mount(path, name, volume, false, source);
  }

  /** Absolute path inside the container. */
  public readonly path: string;
  /** Volume name in the pod spec. */
  public readonly volumeName: string;
  /** @internal */
  public readonly _source: { readonly claim?: IClaimRef; readonly secret?: ISecretRef; readonly configMap?: IConfigMapRef };
  private readonly volume: any;
  private readonly readOnly: boolean;

  private constructor(path: string, name: string, volume: any, readOnly: boolean, source: Mount['_source'] = {}) {
    checkPath('Mount', 'path', path);
    this.path = path;
    this.volumeName = toVolumeName(name);
    this.volume = volume;
    this.readOnly = readOnly;
    this._source = source;
  }

  /** @internal */
  public _toVolume(): any {
    return { name: this.volumeName, ...this.volume };
  }

  /** @internal */
  public _toVolumeMount(): any {
    return { name: this.volumeName, mountPath: this.path, ...(this.readOnly ? { readOnly: true } : {}) };
  }
}

/** Volume names are DNS labels: lower-case alphanumerics and '-', at most 63 characters. */
function toVolumeName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').slice(0, 63).replace(/^-+|-+$/g, '');
}

function volumeName(prefix: string, path: string): string {
  const slug = path.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return slug ? `${prefix}-${slug}` : prefix;
}
