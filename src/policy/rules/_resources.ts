import { parseQuantity } from '../../core/quantity';

/** Whether a resource quantity is missing, not a valid quantity, or zero (`0`, `0m`, `0Mi`, `0.0`, `0e3`). */
export function quantityMissing(value: unknown): boolean {
  if (typeof value !== 'string' && typeof value !== 'number') return true;
  try {
    return parseQuantity(value).numerator === 0n;
  } catch {
    return true;
  }
}
