import { Size, SizeRoundingBehavior } from 'cdk8s';
import { Construct } from 'constructs';
import { KubePersistentVolumeClaim, Quantity } from '../imports/k8s';
import { instanceOf, partOfOf } from './core/context';
import { workloadLabels } from './core/labels';
import { sizeQuantity } from './core/quantity';
import { IClaimRef } from './core/refs';
import { checkDnsSubdomain, checkLabeledName, invalid } from './core/validate';

/**
 * Annotations that keep GitOps tools from deleting a claim (and with it, through the
 * StorageClass's default `reclaimPolicy: Delete`, the disk).
 */
export const CLAIM_PROTECTION_ANNOTATIONS: Readonly<Record<string, string>> = {
  'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false',
  'helm.sh/resource-policy': 'keep',
};

/** How many nodes may mount a claim at once. */
export enum ClaimAccessMode {
  /** One node (a Persistent Disk): pods sharing it must run on that node. */
  READ_WRITE_ONCE = 'ReadWriteOnce',
  /** Many nodes (a file share such as Filestore): pods may run anywhere. */
  READ_WRITE_MANY = 'ReadWriteMany',
}

/** Props of {@link PersistentClaim}. */
export interface PersistentClaimProps {
  /** Claim name. Renaming it makes `kubectl apply` create a new, empty disk. */
  readonly name: string;
  /** Requested capacity. */
  readonly storage: Size;
  /**
   * StorageClass. On GKE Standard the default class is `standard-rwo` (PD-balanced, WaitForFirstConsumer).
   * @default - the cluster's default StorageClass
   */
  readonly storageClassName?: string;
  /**
   * Access mode; ReadWriteMany needs a StorageClass that provides it (GKE: Filestore's `standard-rwx`).
   * @default ClaimAccessMode.READ_WRITE_ONCE
   */
  readonly accessMode?: ClaimAccessMode;
}

/**
 * A PersistentVolumeClaim (ReadWriteOnce unless told otherwise), annotated against accidental pruning.
 *
 * Deleting the claim (`kubectl delete -f`, or `apply --prune` after removing it from the
 * code) deletes the disk with the default `reclaimPolicy: Delete`; set a Retain
 * StorageClass or patch the bound PV to `Retain` to keep data past that.
 */
export class PersistentClaim extends Construct implements IClaimRef {
  public readonly claimName: string;
  public readonly readWriteOnce: boolean;
  /** Access mode of the claim. */
  public readonly accessMode: ClaimAccessMode;
  /** Requested capacity. */
  public readonly storage: Size;
  /** StorageClass; undefined means the cluster's default class. */
  public readonly storageClassName?: string;
  /** The PersistentVolumeClaim object. */
  public readonly claim: KubePersistentVolumeClaim;

  constructor(scope: Construct, id: string, props: PersistentClaimProps) {
    super(scope, id);
    const owner = this.node.path;
    this.claimName = checkLabeledName(owner, 'name', props.name);
    if (!(props.storage.toMebibytes({ rounding: SizeRoundingBehavior.NONE }) > 0)) invalid(owner, 'storage', props.storage.asString(), 'use a positive size such as Size.gibibytes(5)');
    const storage = sizeQuantity(owner, 'storage', props.storage);
    if (props.storageClassName !== undefined) checkDnsSubdomain(owner, 'storageClassName', props.storageClassName);
    this.accessMode = props.accessMode ?? ClaimAccessMode.READ_WRITE_ONCE;
    this.readWriteOnce = this.accessMode === ClaimAccessMode.READ_WRITE_ONCE;
    this.storage = props.storage;
    this.storageClassName = props.storageClassName;
    this.claim = new KubePersistentVolumeClaim(this, 'Resource', {
      metadata: {
        name: this.claimName,
        labels: workloadLabels({ name: this.claimName, instance: instanceOf(this), component: 'storage', partOf: partOfOf(this) }),
        annotations: { ...CLAIM_PROTECTION_ANNOTATIONS },
      },
      spec: {
        accessModes: [this.accessMode],
        resources: { requests: { storage: Quantity.fromString(storage) } },
        ...(props.storageClassName ? { storageClassName: props.storageClassName } : {}),
      },
    });
  }
}
