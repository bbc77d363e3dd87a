import { compare } from '../core/order';

/** One pod (or one group of pods that must share a node) to place: its workload id and requests. */
export interface PackItem {
  /** Workload id (`Kind/namespace/name`); replicas share it. */
  readonly id: string;
  /** CPU request, millicores (for a group: the sum over its pods). */
  readonly cpuMillis: number;
  /** Memory request, MiB (for a group: the sum over its pods). */
  readonly memoryMiB: number;
  /**
   * Pods this item stands for: more than 1 for pods that must share one node (a co-located
   * workload). The item is still indivisible: all of them go on one node, or none.
   *
   * @default 1
   */
  readonly pods?: number;
}

/** Free CPU and memory of one (empty) node. */
export interface NodeCapacity {
  /** Millicores. */
  readonly cpuMillis: number;
  /** MiB. */
  readonly memoryMiB: number;
}

/** The result of packing pods onto as many identical nodes as needed. */
export interface Packing {
  /** Nodes opened; with this many nodes (or more) every pod that fits a node is placed. */
  readonly nodesUsed: number;
  /**
   * For every item, in packing order: the 0-based node it went to, or -1 if it fits no node;
   * `pods` is copied from the item when it has one (a co-located group).
   */
  readonly placements: ReadonlyArray<{
    /** The packed item's id. */
    readonly id: string;
    /** Index of the node it went to; -1 when it fits on no node. */
    readonly node: number;
    /** How many pods the item stands for (a co-located group); undefined for one pod. */
    readonly pods?: number;
  }>;
}

/**
 * First-fit decreasing over identical nodes, in two dimensions (CPU and memory), pods
 * indivisible — what kube-scheduler's "does the pod fit the node" filter amounts to. An item
 * with `pods` > 1 (a co-located group) is one indivisible item too: one node holds it all.
 *
 * Order: largest dominant share first (max of cpu/nodeCpu and mem/nodeMem), ties broken by
 * CPU, then memory (descending), then id (ascending), so the result is deterministic.
 * Each pod goes on the first node with room for both resources; a new node is opened when
 * none has room. Nodes are unlimited here: because first-fit fills nodes in order, the
 * placement with N nodes is the same on nodes 0…N−1 and the pods sent to node ≥ N are the
 * ones that would stay Pending (see {@link pendingPods}).
 */
export function firstFitDecreasing(items: readonly PackItem[], node: NodeCapacity): Packing {
  const ratio = (part: number, whole: number): number => (whole > 0 ? part / whole : part > 0 ? Number.POSITIVE_INFINITY : 0);
  const share = (item: PackItem): number => Math.max(ratio(item.cpuMillis, node.cpuMillis), ratio(item.memoryMiB, node.memoryMiB));
  const descending = (x: number, y: number): number => (x > y ? -1 : x < y ? 1 : 0);
  const ordered = [...items].sort((a, b) =>
    descending(share(a), share(b)) || descending(a.cpuMillis, b.cpuMillis) || descending(a.memoryMiB, b.memoryMiB) || compare(a.id, b.id));
  const free: Array<{ cpuMillis: number; memoryMiB: number }> = [];
  const placements: Array<{ id: string; node: number; pods?: number }> = [];
  const pods = (item: PackItem): { pods?: number } => (item.pods !== undefined ? { pods: item.pods } : {});
  for (const item of ordered) {
    if (item.cpuMillis > node.cpuMillis || item.memoryMiB > node.memoryMiB) {
      placements.push({ id: item.id, node: -1, ...pods(item) });
      continue;
    }
    let index = free.findIndex((f) => item.cpuMillis <= f.cpuMillis && item.memoryMiB <= f.memoryMiB);
    if (index < 0) {
      free.push({ cpuMillis: node.cpuMillis, memoryMiB: node.memoryMiB });
      index = free.length - 1;
    }
    free[index].cpuMillis -= item.cpuMillis;
    free[index].memoryMiB -= item.memoryMiB;
    placements.push({ id: item.id, node: index, ...pods(item) });
  }
  return { nodesUsed: free.length, placements };
}

/** Pods left Pending with `nodes` nodes, counted per workload id (a group counts all its pods), sorted by id. */
export function pendingPods(packing: Packing, nodes: number): Array<{
  /** The workload's id. */
  readonly id: string;
  /** How many of its pods stay Pending. */
  readonly pods: number;
}> {
  const counts = new Map<string, number>();
  for (const p of packing.placements) {
    if (p.node < 0 || p.node >= nodes) counts.set(p.id, (counts.get(p.id) ?? 0) + (p.pods ?? 1));
  }
  return [...counts.entries()].sort(([a], [b]) => compare(a, b)).map(([id, pods]) => ({ id, pods }));
}
