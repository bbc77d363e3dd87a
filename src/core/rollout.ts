import { checkInt, invalid } from './validate';
import { IntOrString } from '../../imports/k8s';

/** Options for {@link Rollout.rolling}. */
export interface RollingOptions {
  /**
   * Extra pods allowed above the desired count during a rollout.
   * @default 1
   */
  readonly maxSurge?: number;
  /**
   * Pods allowed to be unavailable during a rollout.
   * @default 0 (full capacity throughout)
   */
  readonly maxUnavailable?: number;
}

/** How a Deployment replaces its pods. */
export class Rollout {
  /** Start new pods before stopping old ones (zero downtime; needs no ReadWriteOnce volume). */
  public static rolling(options: RollingOptions = {}): Rollout {
    const maxSurge = checkInt('Rollout.rolling', 'maxSurge', options.maxSurge ?? 1, 0, 1000);
    const maxUnavailable = checkInt('Rollout.rolling', 'maxUnavailable', options.maxUnavailable ?? 0, 0, 1000);
    if (maxSurge === 0 && maxUnavailable === 0) {
      invalid('Rollout.rolling', 'maxSurge', maxSurge, 'maxSurge and maxUnavailable cannot both be 0: the rollout could never make progress');
    }
    return new Rollout({ type: 'RollingUpdate', rollingUpdate: { maxSurge: IntOrString.fromNumber(maxSurge), maxUnavailable: IntOrString.fromNumber(maxUnavailable) } }, true);
  }

  /** Stop every old pod, then start new ones: required when a ReadWriteOnce volume is mounted. */
  public static recreate(): Rollout {
    return new Rollout({ type: 'Recreate' }, false);
  }

  /** Whether old and new pods overlap (RollingUpdate). */
  public readonly overlaps: boolean;

  private constructor(private readonly spec: any, overlaps: boolean) {
    this.overlaps = overlaps;
  }

  /** @internal */
  public _toKube(): any {
    return this.spec;
  }
}
