import { ApiObject } from 'cdk8s';

/**
 * User-given maps (ConfigMap data, Secret keys, annotations) may use any key, including the names of
 * `Object.prototype` members. Plain assignment drops `__proto__` (it sets the prototype), and cdk8s'
 * renderer reads `obj.constructor.name`, so an own `constructor` key crashes synth and `__proto__` is
 * lost when it copies objects. These helpers keep such keys as ordinary data.
 */

/** Keys that name `Object.prototype` members (`constructor`, `__proto__`, `toString`, `hasOwnProperty`, ...). */
export const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

// a key cdk8s sees instead of a prototype-named one; no valid Kubernetes key starts with NUL
const ESCAPE = '\u0000';

/** Sets `key` as an own, enumerable data property, whatever its name. */
export function setKey<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A plain object with exactly these entries as own data properties (`__proto__` and `constructor` included). */
export function plainRecord<T>(entries: Iterable<readonly [string, T]>): Record<string, T> {
  const result: Record<string, T> = {};
  for (const [key, value] of entries) setKey(result, key, value);
  return result;
}

/**
 * A copy of `record` safe to hand to cdk8s: prototype-named keys are escaped, to be restored by
 * {@link restoreKeysOnRender} on the ApiObject that renders it.
 */
export function forCdk8s<T>(record: Record<string, T>): Record<string, T> {
  return plainRecord(Object.entries(record).map(([key, value]) => [PROTOTYPE_KEYS.has(key) ? ESCAPE + key : key, value] as const));
}

/** Whether any key of the records names an `Object.prototype` member. */
export function hasPrototypeKey(...records: Array<Record<string, unknown> | undefined>): boolean {
  return records.some(r => Object.keys(r ?? {}).some(k => PROTOTYPE_KEYS.has(k)));
}

const restoring = new WeakSet<ApiObject>();

/**
 * Makes `apiObject.toJson()` restore the keys {@link forCdk8s} escaped, keeping cdk8s' sorted key
 * order. Call it only when a record has such a key ({@link hasPrototypeKey}): the wrapper is an own
 * `toJson`, which the policy does not cache, so the object is then rendered twice per synth.
 */
export function restoreKeysOnRender(apiObject: ApiObject): void {
  if (restoring.has(apiObject)) return;
  restoring.add(apiObject);
  const render = apiObject.toJson.bind(apiObject);
  Object.defineProperty(apiObject, 'toJson', { value: () => restore(render()), configurable: true, writable: true });
}

function restore(value: any): any {
  if (Array.isArray(value)) return value.map(restore);
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value);
  const escaped = keys.some(k => k.startsWith(ESCAPE));
  const entries = keys.map(k => [escaped && k.startsWith(ESCAPE) ? k.slice(1) : k, restore(value[k])] as const);
  if (!escaped) {
    for (const [k, v] of entries) value[k] = v;
    return value;
  }
  return plainRecord([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
