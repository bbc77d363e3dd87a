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
  /**
   * Start new pods before stopping old ones (zero downtime). With a ReadWriteOnce volume the
   * surge pod must join the others on the disk's node, so that node needs room for it.
   */
  public static rolling(options: RollingOptions = {}): Rollout {
    const maxSurge = checkInt('Rollout.rolling', 'maxSurge', options.maxSurge ?? 1, 0, 1000);
    const maxUnavailable = checkInt('Rollout.rolling', 'maxUnavailable', options.maxUnavailable ?? 0, 0, 1000);
    if (maxSurge === 0 && maxUnavailable === 0) {
      invalid('Rollout.rolling', 'maxSurge', maxSurge, 'maxSurge and maxUnavailable cannot both be 0: the rollout could never make progress');
    }
    const spec = { type: 'RollingUpdate', rollingUpdate: { maxSurge: IntOrString.fromNumber(maxSurge), maxUnavailable: IntOrString.fromNumber(maxUnavailable) } };
    return new Rollout(spec, true, maxSurge, maxUnavailable);
  }

  /**
   * Stop every old pod, then start new ones: every deploy is an outage, but it needs no room
   * for an extra pod (a ReadWriteOnce disk on a full node, a ReadWriteOncePod claim).
   */
  public static recreate(): Rollout {
    return new Rollout({ type: 'Recreate' }, false, 0, undefined);
  }

  /** Whether old and new pods overlap (RollingUpdate). */
  public readonly overlaps: boolean;
  /** Extra pods above the desired count during a rollout (0 for Recreate). */
  public readonly maxSurge: number;
  /** Pods allowed to be unavailable during a rollout; undefined for Recreate (all of them). */
  public readonly maxUnavailable?: number;

  private constructor(private readonly spec: any, overlaps: boolean, maxSurge: number, maxUnavailable: number | undefined) {
    this.overlaps = overlaps;
    this.maxSurge = maxSurge;
    this.maxUnavailable = maxUnavailable;
  }

  /** @internal */
  public _toKube(): any {
    return this.spec;
  }
}
