// Resource quantities: apimachinery resource.ParseQuantity's grammar (src/core/quantity.ts) and
// k8s ValidateResourceRequirements (requests non-negative, request ≤ limit, standard names).
import { isQualifiedName, ALLOWED } from './names';
import { entriesOf, key, Report } from './types';
import { ExactQuantity, parseQuantity, QuantityError } from '../core/quantity';

/** Parses a quantity, or reports it and returns undefined. */
export function checkQuantity(report: Report, field: string, value: unknown, positive = false): ExactQuantity | undefined {
  let q: ExactQuantity;
  try {
    q = parseQuantity(value as string | number);
  } catch (e) {
    if (!(e instanceof QuantityError)) throw e;
    report(field, value, e.allowed);
    return undefined;
  }
  if (positive && q.numerator === 0n) {
    report(field, value, 'a quantity greater than zero');
    return undefined;
  }
  return q;
}

/** `a ≤ b` for exact quantities. */
function atMost(a: ExactQuantity, b: ExactQuantity): boolean {
  return a.numerator * b.denominator <= b.numerator * a.denominator;
}

/** A `{ requests, limits }` block: resource names, quantities, and every request at most its limit. */
export function checkResources(resources: any, path: string, report: Report): void {
  if (!resources) return;
  const parsed: Record<'requests' | 'limits', Map<string, ExactQuantity>> = { requests: new Map(), limits: new Map() };
  for (const part of ['requests', 'limits'] as const) {
    for (const [name, value] of entriesOf(resources[part])) {
      const field = key(key(path, part), name);
      if (!isQualifiedName(name)) report(`${key(path, part)} key`, name, ALLOWED.qualifiedName);
      const q = checkQuantity(report, field, value);
      if (q) parsed[part].set(name, q);
    }
  }
  for (const [name, request] of parsed.requests) {
    const limit = parsed.limits.get(name);
    if (limit && !atMost(request, limit)) {
      report(key(key(path, 'requests'), name), resources.requests[name], `a request at most the limit ${JSON.stringify(resources.limits[name])}`);
    }
  }
}

/** Every value of a `{ name: quantity }` map (ResourceQuota `hard`, PersistentVolume `capacity`, pod `overhead`). */
export function checkQuantityMap(map: unknown, path: string, report: Report): void {
  for (const [name, value] of entriesOf(map)) checkQuantity(report, key(path, name), value);
}
