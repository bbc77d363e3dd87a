import { createHash } from 'crypto';
import { Lazy } from 'cdk8s';

/**
 * The first `length` hex digits of the sha256 of `value` as JSON, cdk8s `Lazy` values produced
 * first (so a hash taken at synth covers what the objects will hold). Deterministic for the
 * objects this library builds, whose keys are always added in the same order.
 */
export function contentHash(value: unknown, length: number): string {
  const json = JSON.stringify(value, (_key, v) => (v instanceof Lazy ? v.produce() : v)) ?? 'undefined';
  return createHash('sha256').update(json).digest('hex').slice(0, length);
}
