import type * as kplus from 'cdk8s-plus-27';
import { facade, rendersObject } from './_facade';
import { IClaimRef, IConfigMapRef, ISecretRef, IServiceAccountRef } from '../core/refs';

/** {@link IConfigMapRef} from other libraries' ConfigMaps. */
export class ConfigMapRef {
  /**
   * A cdk8s-plus-27 ConfigMap. An owned `kplus.ConfigMap` lends its data to the pods' config
   * checksum (a change rolls the workloads that read it); one from `ConfigMap.fromConfigMapName`
   * is external.
   */
  public static fromPlus(configMap: kplus.IConfigMap): IConfigMapRef {
    const owned = rendersObject(configMap) && 'data' in configMap;
    return facade(configMap, {
      configMapName: configMap.name,
      data: () => owned ? (configMap as kplus.ConfigMap).data : undefined,
    });
  }

  private constructor() {}
}

/** {@link ISecretRef} from other libraries' Secrets. */
export class SecretRef {
  /** A cdk8s-plus-27 Secret: managed in the chart when owned, external when from `Secret.fromSecretName`. */
  public static fromPlus(secret: kplus.ISecret): ISecretRef {
    return facade(secret, { secretName: secret.name, managedInChart: rendersObject(secret) });
  }

  private constructor() {}
}

/** {@link IClaimRef} from other libraries' PersistentVolumeClaims. */
export class ClaimRef {
  /**
   * A cdk8s-plus-27 PersistentVolumeClaim.
   * @param claim the claim (owned, or from `PersistentVolumeClaim.fromClaimName`)
   * @param readWriteOnce whether at most one node may mount it
   * @default - from the claim's accessModes (ReadWriteOnce or ReadWriteOncePod); true when they are unknown (an imported claim), the cautious choice
   */
  public static fromPlus(claim: kplus.IPersistentVolumeClaim, readWriteOnce?: boolean): IClaimRef {
    const modes: readonly string[] | undefined = (claim as kplus.PersistentVolumeClaim).accessModes;
    return facade(claim, {
      claimName: claim.name,
      readWriteOnce: readWriteOnce ?? (modes === undefined || modes.some(m => m === 'ReadWriteOnce' || m === 'ReadWriteOncePod')),
    });
  }

  private constructor() {}
}

/** {@link IServiceAccountRef} from other libraries' ServiceAccounts. */
export class ServiceAccountRef {
  /** A cdk8s-plus-27 ServiceAccount, owned or from `ServiceAccount.fromServiceAccountName`. */
  public static fromPlus(serviceAccount: kplus.IServiceAccount): IServiceAccountRef {
    return facade(serviceAccount, { serviceAccountName: serviceAccount.name });
  }

  private constructor() {}
}
