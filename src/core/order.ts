/** Plain code-unit string comparison: deterministic whatever the locale (unlike `localeCompare`). */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
