import { Size, SizeRoundingBehavior } from 'cdk8s';
import { Cpu } from './cpu';
import { sizeQuantity } from './quantity';
import { invalid } from './validate';
import { Quantity } from '../../imports/k8s';

/** Props of {@link Resources}. */
export interface ResourcesProps {
  /** CPU the scheduler reserves for the container; HPA CPU utilization is measured against it. */
  readonly cpuRequest: Cpu;
  /**
   * CPU ceiling (CFS quota).
   * @default - twice `cpuRequest`, unless `omitCpuLimit` is true
   */
  readonly cpuLimit?: Cpu;
  /**
   * Leave the CPU limit out, so the container may use idle node CPU without CFS throttling
   * (kube-linter's default; kube-score, Polaris and Checkov disagree, so the policy rule
   * CHEESE-RES2 is suppressed with a reason on that container's workload).
   * @default false
   */
  readonly omitCpuLimit?: boolean;
  /** Memory the scheduler reserves for the container. */
  readonly memoryRequest: Size;
  /**
   * Memory ceiling; the container is OOM-killed above it.
   * @default - equal to `memoryRequest` (memory is not compressible, so request = limit is predictable)
   */
  readonly memoryLimit?: Size;
}

/** Compute resources of one container: explicit requests and limits, never cdk8s-plus's silent 1 CPU / 512Mi. */
export class Resources {
  /** Requests and limits; limits default as documented on {@link ResourcesProps}. */
  public static of(props: ResourcesProps, owner = 'Resources'): Resources {
    return new Resources(props, owner);
  }

  /** CPU the scheduler reserves. */
  public readonly cpuRequest: Cpu;
  /** Undefined when the limit is omitted. */
  public readonly cpuLimit?: Cpu;
  /** Memory the scheduler reserves. */
  public readonly memoryRequest: Size;
  /** Memory ceiling; the container is OOM-killed above it. */
  public readonly memoryLimit: Size;

  private constructor(props: ResourcesProps, owner: string) {
    if (props.omitCpuLimit && props.cpuLimit) {
      invalid(owner, 'cpuLimit', props.cpuLimit.toString(), 'leave cpuLimit unset when omitCpuLimit is true');
    }
    this.cpuRequest = props.cpuRequest;
    this.cpuLimit = props.omitCpuLimit ? undefined : props.cpuLimit ?? Cpu.millis(props.cpuRequest.millis * 2);
    this.memoryRequest = props.memoryRequest;
    this.memoryLimit = props.memoryLimit ?? props.memoryRequest;
    const memReq = mebibytes(this.memoryRequest, owner, 'memoryRequest');
    const memLim = mebibytes(this.memoryLimit, owner, 'memoryLimit');
    if (this.cpuLimit && this.cpuLimit.millis < this.cpuRequest.millis) {
      invalid(owner, 'cpuLimit', this.cpuLimit.toString(), `use a limit at least the request (${this.cpuRequest})`);
    }
    if (memLim < memReq) {
      invalid(owner, 'memoryLimit', this.memoryLimit.asString(), `use a limit at least the request (${this.memoryRequest.asString()})`);
    }
  }

  /** The memory request in MiB. */
  public get memoryRequestMiB(): number {
    return this.memoryRequest.toMebibytes({ rounding: SizeRoundingBehavior.NONE });
  }

  /** @internal */
  public _toKube(): { requests: Record<string, Quantity>; limits: Record<string, Quantity> } {
    const q = (s: string) => Quantity.fromString(s);
    return {
      requests: { cpu: q(this.cpuRequest.toString()), memory: q(this.memoryRequest.asString()) },
      limits: { ...(this.cpuLimit ? { cpu: q(this.cpuLimit.toString()) } : {}), memory: q(this.memoryLimit.asString()) },
    };
  }
}

function mebibytes(size: Size, owner: string, prop: string): number {
  const mib = size.toMebibytes({ rounding: SizeRoundingBehavior.NONE });
  if (!(mib > 0)) invalid(owner, prop, size.asString(), 'use a positive size such as Size.mebibytes(512)');
  sizeQuantity(owner, prop, size);
  return mib;
}
