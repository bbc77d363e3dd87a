import { invalid } from './validate';

/**
 * A CPU quantity. Kept as whole millicores so requests can be compared and summed
 * (cdk8s-plus-27's `Cpu` only holds a string).
 */
export class Cpu {
  /** `n` millicores, e.g. `Cpu.millis(250)` is `250m`. */
  public static millis(amount: number): Cpu {
    return new Cpu(amount);
  }

  /** `n` cores, e.g. `Cpu.cores(1.5)` is `1500m`. */
  public static cores(amount: number): Cpu {
    return new Cpu(amount * 1000);
  }

  /** The amount in millicores. */
  public readonly millis: number;

  private constructor(millis: number) {
    if (!Number.isInteger(millis) || millis <= 0) {
      invalid('Cpu', 'amount', millis, 'use a positive whole number of millicores (Cpu.millis(250)) or cores that convert to whole millicores (Cpu.cores(0.5))');
    }
    // String(1e25) is '1e+25': past 2^53 a number no longer renders as a plain quantity
    if (millis > Number.MAX_SAFE_INTEGER) invalid('Cpu', 'amount', millis, `use at most ${Number.MAX_SAFE_INTEGER} millicores`);
    this.millis = millis;
  }

  /** The Kubernetes quantity string: `250m`, or `2` for whole cores. */
  public toString(): string {
    return this.millis % 1000 === 0 ? String(this.millis / 1000) : `${this.millis}m`;
  }
}
