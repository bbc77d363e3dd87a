/** Number formatting shared by the plan's messages and the Markdown rendering: locale-free, deterministic. */

/** What {@link poolName} needs of a pool (a `NodePool` or its JSON summary). */
export interface PoolSize {
  readonly label: string;
  readonly minNodes: number;
  readonly maxNodes: number;
}

/** `n2d-standard-2 × 1–2 nodes`, or just the label. */
export function poolName(pool: PoolSize, withNodes = true): string {
  const nodes = pool.minNodes === pool.maxNodes
    ? plural(pool.minNodes, 'node')
    : `${pool.minNodes}–${pool.maxNodes} nodes`;
  return withNodes ? `${pool.label} × ${nodes}` : pool.label;
}

/** `1 node`, `2 nodes`. */
export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** `250m`. */
export function formatCpu(millis: number): string {
  return `${formatNumber(millis)}m`;
}

/** `512 MiB`, `953.7 MiB`. */
export function formatMemory(mib: number): string {
  return `${formatNumber(mib)} MiB`;
}

/** Integers as they are, other numbers with one decimal (deterministic, locale-free). */
export function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}
