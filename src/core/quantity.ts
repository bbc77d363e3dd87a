import { Size } from 'cdk8s';
import { invalid, show } from './validate';

/**
 * Kubernetes resource quantities (`250m`, `0.5`, `512Mi`, `1Gi`, `1G`, `1e3`, …), parsed
 * exactly (big-integer fractions, no floating-point rounding such as 0.1 × 1000 =
 * 100.00000000000001) and converted the way the API server does: CPU rounded up to whole
 * millicores, memory rounded up to whole bytes.
 *
 * Grammar (k8s.io/apimachinery `resource.Quantity`):
 *   quantity ::= sign? number suffix?
 *   number   ::= digits | digits "." digits? | "." digits
 *   suffix   ::= binary SI (Ki Mi Gi Ti Pi Ei) | decimal SI (n u m k M G T P E)
 *              | exponent ("e" | "E" followed by a signed integer)
 */

/** A value that is not a usable resource quantity; `allowed` says what is. */
export class QuantityError extends Error {
  constructor(
    /** The value that was given. */
    public readonly value: unknown,
    /** What is allowed instead. */
    public readonly allowed: string,
  ) {
    super(`invalid quantity ${show(value)}: ${allowed}`);
    this.name = 'QuantityError';
  }
}

/** A parsed quantity: the exact value `numerator / denominator` in base units (cores, bytes). */
export interface ExactQuantity {
  /** Numerator, ≥ 0. */
  readonly numerator: bigint;
  /** Denominator, a power of ten ≥ 1. */
  readonly denominator: bigint;
}

const BINARY_SUFFIX_POWER_OF_2: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_SUFFIX_POWER_OF_10: Readonly<Record<string, number>> = { 'n': -9, 'u': -6, 'm': -3, '': 0, 'k': 3, 'M': 6, 'G': 9, 'T': 12, 'P': 15, 'E': 18 };
const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)([eE][+-]?\d+|Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$/;
/** Exponents beyond this are rejected: no real request is near 10^±30 of anything. */
const MAX_EXPONENT = 30;
const EXAMPLES = 'e.g. 250m, 0.5, 2, 512Mi, 1Gi, 1G, 500M, 1e3';

/**
 * Parses a Kubernetes quantity (a string, or a number as it may appear in JSON) into an
 * exact non-negative fraction of base units. Throws a {@link QuantityError} naming the bad value.
 */
export function parseQuantity(value: string | number): ExactQuantity {
  const text = typeof value === 'number' ? numberToText(value) : value;
  const match = typeof text === 'string' ? QUANTITY.exec(text) : null;
  if (!match) {
    throw new QuantityError(value, `use a Kubernetes quantity (${EXAMPLES})`);
  }
  const [, sign, digits, suffix = ''] = match;
  const [whole, fraction = ''] = digits.split('.');
  let mantissa = BigInt((whole || '0') + fraction);
  if (sign === '-' && mantissa !== 0n) {
    throw new QuantityError(value, 'use a quantity ≥ 0 (requests cannot be negative)');
  }
  let power10 = -fraction.length;
  let power2 = 0;
  if (suffix in BINARY_SUFFIX_POWER_OF_2) {
    power2 = BINARY_SUFFIX_POWER_OF_2[suffix];
  } else if (suffix in DECIMAL_SUFFIX_POWER_OF_10) {
    power10 += DECIMAL_SUFFIX_POWER_OF_10[suffix];
  } else {
    const exponent = Number(suffix.slice(1));
    if (Math.abs(exponent) > MAX_EXPONENT) {
      throw new QuantityError(value, `use an exponent from -${MAX_EXPONENT} to ${MAX_EXPONENT}`);
    }
    power10 += exponent;
  }
  let denominator = 1n;
  if (power10 >= 0) mantissa *= 10n ** BigInt(power10);
  else denominator = 10n ** BigInt(-power10);
  return { numerator: mantissa * 2n ** BigInt(power2), denominator };
}

/** `numerator × scale / denominator`, rounded up, as a safe integer. */
function ceilScaled(q: ExactQuantity, scale: bigint, original: string | number): number {
  const scaled = q.numerator * scale;
  const result = scaled / q.denominator + (scaled % q.denominator === 0n ? 0n : 1n);
  if (result > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new QuantityError(original, `use a smaller quantity (at most ${Number.MAX_SAFE_INTEGER} base units)`);
  }
  return Number(result);
}

/** CPU quantity → millicores, rounded up to 1m like the API server (`0.1` → 100, `1` → 1000, `1u` → 1). */
export function cpuMillis(value: string | number): number {
  return ceilScaled(parseQuantity(value), 1000n, value);
}

/** Memory quantity → bytes, rounded up to whole bytes (`1Ki` → 1024, `1k` → 1000). */
export function memoryBytes(value: string | number): number {
  return ceilScaled(parseQuantity(value), 1n, value);
}

/** Bytes in one MiB. */
export const BYTES_PER_MIB = 1024 * 1024;

/**
 * Memory quantity → MiB (`512Mi` → 512, `1Gi` → 1024, `1G` → 953.67431640625). Exact:
 * whole bytes divided by 2^20 are exactly representable.
 */
export function memoryMiB(value: string | number): number {
  return memoryBytes(value) / BYTES_PER_MIB;
}

function numberToText(value: number): string | undefined {
  if (!Number.isFinite(value)) return undefined;
  // String(1e21) is "1e+21"; the quantity grammar's exponent takes the sign.
  return String(value);
}

const SIZE_TEXT = /^\d+(\.\d+)?(Ki|Mi|Gi|Ti|Pi|Ei)?$/;

/**
 * The quantity string of a cdk8s `Size`, checked: `Size` renders `String(amount) + unit`, so
 * `Size.mebibytes(Infinity)` would be `InfinityMi` and `Size.gibibytes(1e21)` `1e+21Gi`.
 */
export function sizeQuantity(owner: string, prop: string, size: Size): string {
  const text = size.asString();
  let ok = SIZE_TEXT.test(text);
  if (ok) {
    try {
      ok = memoryBytes(text) > 0;
    } catch {
      ok = false;
    }
  }
  if (!ok) invalid(owner, prop, text, `use a finite size of at most ${Number.MAX_SAFE_INTEGER} bytes, such as Size.mebibytes(512)`);
  return text;
}
