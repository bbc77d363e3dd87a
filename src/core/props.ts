/**
 * `{ ...defaults, ...props }`, except that a prop explicitly set to `undefined` keeps the
 * default (a caller forwarding an optional value must not erase it).
 */
export function withDefaults<T extends object>(defaults: Partial<T>, props: T): T {
  const merged: any = { ...defaults };
  for (const [key, value] of Object.entries(props)) {
    if (value !== undefined) merged[key] = value;
  }
  return merged as T;
}
