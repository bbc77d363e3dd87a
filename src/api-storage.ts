import { Chart, Size, SizeRoundingBehavior } from 'cdk8s';
import { IConstruct } from 'constructs';
import { Cpu } from './core/cpu';
import { GCS_FUSE_VOLUMES_ANNOTATION } from './core/gcs-fuse';
import { Mount } from './core/mount';
import { checkDnsSubdomain, invalid } from './core/validate';
import { ClaimAccessMode, PersistentClaim } from './persistent-claim';

/** The CSI driver of GKE's Cloud Storage FUSE add-on. */
export const GCS_FUSE_CSI_DRIVER = 'gcsfuse.csi.storage.gke.io';

export { GCS_FUSE_VOLUMES_ANNOTATION, gcsFuseSidecarRequests } from './core/gcs-fuse';
export type { SidecarRequests } from './core/gcs-fuse';

/** Smallest Filestore share each GKE Filestore StorageClass provisions (a smaller claim stays Pending). */
const FILESTORE_MIN_GIB: Readonly<Record<string, number>> = {
  'standard-rwx': 100, // Basic HDD: 1 TiB outside GKE, 100 GiB through the GKE CSI driver (still 1 TiB of quota)
  'premium-rwx': 2560, // Basic SSD: 2.5 TiB
  'enterprise-rwx': 1024,
  'zonal-rwx': 1024,
};

/** Bucket names: 3-63 lower-case letters, digits, '-', '_' and '.', starting and ending with a letter or digit. */
const BUCKET_NAME = /^[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]$/;

/** Options for {@link ApiStorage.readWriteOnceDisk}. */
export interface DiskStorageOptions {
  /**
   * Capacity of the disk.
   * @default Size.gibibytes(5)
   */
  readonly size?: Size;
  /**
   * StorageClass (GKE: `standard-rwo`, PD-balanced).
   * @default - the cluster's default StorageClass
   */
  readonly storageClassName?: string;
}

/** Options for {@link ApiStorage.filestore}. */
export interface FilestoreOptions {
  /**
   * Capacity of the share; billed in full whether used or not.
   * @default Size.tebibytes(1)
   */
  readonly size?: Size;
  /**
   * A ReadWriteMany StorageClass of GKE's Filestore CSI driver: `standard-rwx` (Basic HDD),
   * `premium-rwx` (Basic SSD, 2.5 TiB minimum), `enterprise-rwx` or `zonal-rwx` (1 TiB minimum).
   * @default 'standard-rwx'
   */
  readonly storageClassName?: string;
}

/** Options for {@link ApiStorage.cloudStorageBucket}. */
export interface CloudStorageBucketOptions {
  /** An existing bucket the API's Google service account may read and write (`roles/storage.objectUser`). */
  readonly bucket: string;
  /**
   * CPU the injected `gke-gcsfuse-sidecar` requests (annotation `gke-gcsfuse/cpu-request`); it gets no CPU limit.
   * @default Cpu.millis(100) (GKE's default is 250m)
   */
  readonly sidecarCpuRequest?: Cpu;
  /**
   * Memory the sidecar requests (`gke-gcsfuse/memory-request`).
   * @default Size.mebibytes(256)
   */
  readonly sidecarMemoryRequest?: Size;
  /**
   * Memory limit of the sidecar (`gke-gcsfuse/memory-limit`).
   * @default Size.mebibytes(512)
   */
  readonly sidecarMemoryLimit?: Size;
  /**
   * Node disk the sidecar requests and may use to stage writes before upload (`gke-gcsfuse/ephemeral-storage-request` and `-limit`).
   * @default Size.gibibytes(5) (GKE's default)
   */
  readonly sidecarEphemeralStorage?: Size;
}

/** What a workload needs to mount the storage. */
export interface ApiStorageBinding {
  /** The claim, for the disk and Filestore. */
  readonly claim?: PersistentClaim;
  /** Annotations the pod template needs (the Cloud Storage FUSE sidecar). */
  readonly podAnnotations: Record<string, string>;
}

type Kind = 'disk' | 'filestore' | 'bucket' | 'none';

/**
 * Where the API keeps `/persistent` (chat history, the downloaded model), and so how it scales:
 *
 * | Choice | API pods | Nodes | Deploy |
 * |---|---|---|---|
 * | `readWriteOnceDisk()` | 1 (+1 surge pod) | the disk's node | rolling, needs room for 2 pods on that node |
 * | `filestore()` | 2-4 | spread | rolling, PDB |
 * | `cloudStorageBucket()` | 2-4 | spread | rolling, PDB |
 * | `none()` | 2-4 | spread | rolling, PDB; data lost with each pod |
 */
export class ApiStorage {
  /** A ReadWriteOnce Persistent Disk `persistent-pvc` (the course's choice): every API pod, surge pods included, runs on the disk's node. */
  public static readWriteOnceDisk(options: DiskStorageOptions = {}): ApiStorage {
    const size = checkSize('ApiStorage.readWriteOnceDisk', options.size ?? Size.gibibytes(5));
    if (options.storageClassName !== undefined) checkDnsSubdomain('ApiStorage.readWriteOnceDisk', 'storageClassName', options.storageClassName);
    return new ApiStorage('disk', { size, storageClassName: options.storageClassName, accessMode: ClaimAccessMode.READ_WRITE_ONCE });
  }

  /**
   * A ReadWriteMany Filestore share `persistent-pvc` through GKE's Filestore CSI driver (enable the
   * `GcpFilestoreCsiDriver` add-on): the API spreads over nodes. The kubelet mounts the NFS share on
   * the node, so no pod egress is needed for it. Costs the whole provisioned size (1 TiB of Basic HDD
   * is about $200 a month at list price), which dwarfs the course's node pool.
   */
  public static filestore(options: FilestoreOptions = {}): ApiStorage {
    const owner = 'ApiStorage.filestore';
    const size = checkSize(owner, options.size ?? Size.tebibytes(1));
    const storageClassName = checkDnsSubdomain(owner, 'storageClassName', options.storageClassName ?? 'standard-rwx');
    const min = FILESTORE_MIN_GIB[storageClassName];
    if (min !== undefined && size.toGibibytes({ rounding: SizeRoundingBehavior.NONE }) < min) {
      invalid(owner, 'size', size.asString(), `use at least ${min}Gi: the smallest ${storageClassName} share (a smaller claim stays Pending)`);
    }
    return new ApiStorage('filestore', { size, storageClassName, accessMode: ClaimAccessMode.READ_WRITE_MANY });
  }

  /**
   * A Cloud Storage bucket mounted by GKE's Cloud Storage FUSE CSI driver (enable the
   * `GcsFuseCsiDriver` add-on) as a CSI ephemeral volume: the API spreads over nodes. GKE injects a
   * non-root sidecar into each pod (annotation `gke-gcsfuse/volumes: "true"`) whose requests are
   * set here; it authenticates as the pod's ServiceAccount through Workload Identity and reaches
   * `storage.googleapis.com:443`. Storage costs cents a month; writes replace whole objects and
   * two pods writing one file concurrently keep the last writer's copy.
   */
  public static cloudStorageBucket(options: CloudStorageBucketOptions): ApiStorage {
    const owner = 'ApiStorage.cloudStorageBucket';
    if (typeof options.bucket !== 'string' || !BUCKET_NAME.test(options.bucket) || options.bucket.startsWith('goog') || options.bucket.includes('..')) {
      invalid(owner, 'bucket', options.bucket, "use an existing bucket's name: 3-63 lower-case letters, digits, '-', '_' or '.', starting and ending with a letter or digit");
    }
    const memoryRequest = checkSize(owner, options.sidecarMemoryRequest ?? Size.mebibytes(256), 'sidecarMemoryRequest');
    const memoryLimit = checkSize(owner, options.sidecarMemoryLimit ?? Size.mebibytes(512), 'sidecarMemoryLimit');
    if (memoryLimit.toMebibytes({ rounding: SizeRoundingBehavior.NONE }) < memoryRequest.toMebibytes({ rounding: SizeRoundingBehavior.NONE })) {
      invalid(owner, 'sidecarMemoryLimit', memoryLimit.asString(), `use at least sidecarMemoryRequest (${memoryRequest.asString()})`);
    }
    const ephemeral = checkSize(owner, options.sidecarEphemeralStorage ?? Size.gibibytes(5), 'sidecarEphemeralStorage');
    return new ApiStorage('bucket', {
      bucket: options.bucket,
      sidecarAnnotations: {
        [GCS_FUSE_VOLUMES_ANNOTATION]: 'true',
        'gke-gcsfuse/cpu-request': (options.sidecarCpuRequest ?? Cpu.millis(100)).toString(),
        'gke-gcsfuse/cpu-limit': '0', // no CPU limit: a throttled sidecar stalls every file operation of the API
        'gke-gcsfuse/memory-request': memoryRequest.asString(),
        'gke-gcsfuse/memory-limit': memoryLimit.asString(),
        'gke-gcsfuse/ephemeral-storage-request': ephemeral.asString(),
        'gke-gcsfuse/ephemeral-storage-limit': ephemeral.asString(),
      },
    });
  }

  /** An emptyDir (2Gi): nothing survives a pod, so the API is stateless and spreads freely. For demos. */
  public static none(): ApiStorage {
    return new ApiStorage('none', {});
  }

  /** Whether pods on several nodes can share the data (Filestore, a bucket) or there is no shared data (none). */
  public readonly spreads: boolean;
  /** Whether data outlives the pods. */
  public readonly persistent: boolean;
  /** The bucket, for {@link ApiStorage.cloudStorageBucket}. */
  public readonly bucket?: string;
  private readonly bindings = new WeakMap<Chart, ApiStorageBinding>();

  private constructor(
    /** @internal */ public readonly _kind: Kind,
    private readonly o: {
      size?: Size;
      storageClassName?: string;
      accessMode?: ClaimAccessMode;
      bucket?: string;
      sidecarAnnotations?: Record<string, string>;
    },
  ) {
    this.spreads = _kind !== 'disk';
    this.persistent = _kind !== 'none';
    this.bucket = o.bucket;
  }

  /** How the choice is written in code, for error messages. */
  public toString(): string {
    switch (this._kind) {
      case 'disk': return 'ApiStorage.readWriteOnceDisk()';
      case 'filestore': return 'ApiStorage.filestore()';
      case 'bucket': return `ApiStorage.cloudStorageBucket(${this.o.bucket})`;
      default: return 'ApiStorage.none()';
    }
  }

  /**
   * Throws when the pod cannot use the storage: the Cloud Storage FUSE driver authenticates as the
   * pod's ServiceAccount through Workload Identity, and its sidecar reaches storage.googleapis.com:443.
   * @internal
   */
  public _checkPod(owner: string, pod: { readonly workloadIdentity: boolean; readonly internetEgress: boolean }): void {
    if (this._kind !== 'bucket') return;
    if (!pod.workloadIdentity) {
      invalid(owner, 'storage', this.toString(), 'the Cloud Storage FUSE driver authenticates as the pod\'s ServiceAccount through Workload Identity; '
        + 'use credentials: GcpCredentials.workloadIdentity(...), or another ApiStorage');
    }
    if (!pod.internetEgress) {
      invalid(owner, 'allowInternetEgress', false, `the Cloud Storage FUSE sidecar of ${this.toString()} reaches storage.googleapis.com:443; `
        + 'allow internet egress, or use ApiStorage.filestore() (mounted by the node, no pod egress)');
    }
  }

  /**
   * The claim (created once per chart, as `ApiData` with the name `persistent-pvc`) and the pod annotations.
   * @internal
   */
  public _bind(scope: IConstruct): ApiStorageBinding {
    const chart = Chart.of(scope);
    let binding = this.bindings.get(chart);
    if (!binding) {
      // the claim is the chart's persistent-pvc: a second storage with a claim in one chart would collide on it
      if (this.o.size !== undefined && chart.node.tryFindChild('ApiData')) {
        invalid(scope.node.path, 'storage', this.toString(), `${chart.node.path} already has the API claim persistent-pvc from another ApiStorage; `
          + 'pass the same ApiStorage instance to share the claim, or give this API its own persistentClaim');
      }
      const claim = this.o.size === undefined ? undefined : new PersistentClaim(chart, 'ApiData', {
        name: 'persistent-pvc',
        storage: this.o.size,
        storageClassName: this.o.storageClassName,
        accessMode: this.o.accessMode,
      });
      binding = { claim, podAnnotations: { ...(this.o.sidecarAnnotations ?? {}) } };
      this.bindings.set(chart, binding);
    }
    return binding;
  }

  /**
   * The mount at `path`, files owned by `uid`/`gid` (FUSE has no fsGroup).
   * @internal
   */
  public _mount(binding: ApiStorageBinding, path: string, uid: number, gid: number): Mount {
    if (binding.claim) return Mount.claim(binding.claim, path);
    if (this._kind === 'bucket') {
      return Mount._of(path, 'gcs-persistent', {
        csi: {
          driver: GCS_FUSE_CSI_DRIVER,
          volumeAttributes: { bucketName: this.o.bucket!, mountOptions: `implicit-dirs,uid=${uid},gid=${gid}` },
        },
      });
    }
    return Mount.emptyDir(path, { sizeLimit: Size.gibibytes(2) });
  }
}

function checkSize(owner: string, size: Size, prop = 'size'): Size {
  if (!(size.toMebibytes({ rounding: SizeRoundingBehavior.NONE }) > 0)) invalid(owner, prop, size.asString(), 'use a positive size such as Size.gibibytes(5)');
  return size;
}
