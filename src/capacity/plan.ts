import { formatCpu, formatMemory, plural, poolName } from './format';
import { NodePool, NodePoolSummary } from './node-pool';
import { compare } from './order';
import { firstFitDecreasing, NodeCapacity, PackItem, Packing, pendingPods } from './packing';
import { ReplicaSource, scanWorkloads, Workload, WorkloadScan } from './workloads';
import { KubeObject } from '../core/manifest';
import { show } from '../core/validate';

/** Options of {@link planCapacity}. */
export interface CapacityPlanOptions {
  /** Environment name, used in every error message and recorded in the plan. */
  readonly environment: string;
  /**
   * Throw an `Error` listing the blocking problems (a pod that fits no node, pods that stay
   * Pending even at the pool's maximum size) instead of only reporting them as warnings.
   *
   * @default false
   */
  readonly failOnOverflow?: boolean;
}

/** One workload's line of the plan. */
export interface WorkloadCapacity {
  /** `Kind/namespace/name`. */
  readonly id: string;
  /** Object kind (Deployment, StatefulSet, Job, …). */
  readonly kind: string;
  /** `metadata.name`. */
  readonly name: string;
  /** `metadata.namespace`, when set. */
  readonly namespace?: string;
  /** Effective CPU request of one pod, millicores. */
  readonly podCpuMillis: number;
  /** Effective memory request of one pod, MiB. */
  readonly podMemoryMiB: number;
  /** Pods at minimum scale (HPA minReplicas, spec.replicas, Job parallelism; DaemonSet: minNodes). */
  readonly minReplicas: number;
  /** Pods at maximum scale (HPA maxReplicas, spec.replicas, Job parallelism; DaemonSet: maxNodes). */
  readonly maxReplicas: number;
  /** Where the bounds come from. */
  readonly replicaSource: ReplicaSource;
  /** The HPA setting the bounds, when there is one. */
  readonly hpa?: string;
  /** `podCpuMillis × minReplicas`. */
  readonly totalCpuMillisAtMin: number;
  /** `podCpuMillis × maxReplicas`. */
  readonly totalCpuMillisAtMax: number;
  /** `podMemoryMiB × minReplicas`. */
  readonly totalMemoryMiBAtMin: number;
  /** `podMemoryMiB × maxReplicas`. */
  readonly totalMemoryMiBAtMax: number;
  /** Whether one pod fits on an empty node (allocatable − system reservation − DaemonSets). */
  readonly podFitsOnNode: boolean;
  /** `container: resource` pairs without a request (counted as 0). */
  readonly missingRequests: readonly string[];
}

/** Pods and requested resources at one end of the scale. */
export interface CapacityTotals {
  /** Pods across all workloads. */
  readonly pods: number;
  /** Requested CPU, millicores. */
  readonly cpuMillis: number;
  /** Requested memory, MiB. */
  readonly memoryMiB: number;
}

/** One replicas × nodes combination, bin-packed. */
export interface CapacityScenario {
  /** Which replica bound every workload is at. */
  readonly replicas: 'min' | 'max';
  /** Nodes in the pool for this scenario (its minNodes or its maxNodes). */
  readonly nodes: number;
  /** Requested by the app's pods (DaemonSets: one pod per node), millicores. */
  readonly requestedCpuMillis: number;
  /** Requested by the app's pods, MiB. */
  readonly requestedMemoryMiB: number;
  /** `nodes` × per-node schedulable CPU (allocatable − system reservation), millicores. */
  readonly schedulableCpuMillis: number;
  /** `nodes` × per-node schedulable memory, MiB. */
  readonly schedulableMemoryMiB: number;
  /** Every pod gets a node (first-fit decreasing). */
  readonly fits: boolean;
  /** Pods that would stay Pending, per workload. */
  readonly pending: ReadonlyArray<{ readonly id: string; readonly pods: number }>;
}

/** Kinds of warning. */
export type CapacityWarningCode =
  /** One pod requests more than a node can offer: it can never be scheduled. Blocking. */
  | 'pod-too-large'
  /** The minimum replicas do not fit even on the pool's maximum nodes. Blocking. */
  | 'minimum-overflow'
  /** The maximum replicas (full scale-out) do not fit on the pool's maximum nodes. Blocking. */
  | 'scale-out-overflow'
  /** The minimum replicas need more than minNodes: the cluster autoscaler must add nodes first. */
  | 'needs-node-scale-up'
  /** A container has no CPU or memory request: it is counted as 0. */
  | 'missing-requests'
  /** A HorizontalPodAutoscaler that matches no workload, or a workload with several. */
  | 'hpa-unmatched';

/** A human-readable finding of the plan. */
export interface CapacityWarning {
  /** What kind of finding this is. */
  readonly code: CapacityWarningCode;
  /** Pods would stay Pending; `failOnOverflow` throws on these. */
  readonly blocking: boolean;
  /** One sentence for a person (without the environment; prefix it when logging). */
  readonly message: string;
}

/** The capacity plan of one environment: plain JSON data. */
export interface CapacityPlan {
  /** Version of this JSON shape. */
  readonly schemaVersion: 1;
  /** The environment planned. */
  readonly environment: string;
  /** The pool, per node, with the system reservation. */
  readonly nodePool: NodePoolSummary;
  /** Requests of the DaemonSets among the objects, taken from every node before packing. */
  readonly daemonSetsPerNode: { readonly cpuMillis: number; readonly memoryMiB: number };
  /** Sorted by id. */
  readonly workloads: readonly WorkloadCapacity[];
  /** All workloads at minimum and at maximum scale. */
  readonly totals: { readonly atMin: CapacityTotals; readonly atMax: CapacityTotals };
  /** min/max replicas × min/max nodes, in that order. */
  readonly scenarios: readonly CapacityScenario[];
  /** Nodes first-fit decreasing needs at each end of the scale; null when some pod fits no node. */
  readonly nodesNeeded: { readonly atMinReplicas: number | null; readonly atMaxReplicas: number | null };
  /** Minimum replicas fit on minNodes: the app comes up without the cluster autoscaler. */
  readonly fitsAtMinimum: boolean;
  /** Maximum replicas fit on maxNodes: full scale-out never leaves pods Pending. */
  readonly fitsAtFullScaleOut: boolean;
  /** Blocking ones first. */
  readonly warnings: readonly CapacityWarning[];
}

/**
 * Computes the capacity plan of an environment: every workload's pod requests and replica
 * bounds, totals at minimum and maximum scale, and whether the pods fit the node pool at
 * its minimum and maximum size (first-fit-decreasing bin packing: pods are indivisible).
 *
 * Pure: no I/O, no clock, no environment variables; same input, same plan.
 *
 * Throws an `Error` prefixed with `[environment]` for an invalid node pool, an unparseable
 * request, bad replica counts, or (with `failOnOverflow`) when the app cannot fit.
 */
export function planCapacity(objects: readonly KubeObject[], pool: NodePool, options: CapacityPlanOptions): CapacityPlan {
  const environment = options?.environment;
  if (typeof environment !== 'string' || environment.trim() === '') {
    throw new Error(`planCapacity: invalid options.environment ${show(environment)}: use a non-empty environment name`);
  }
  pool.validate(environment);
  const scan = scanWithEnvironment(objects, environment);

  const daemonSets = scan.workloads.filter((w) => w.replicaSource === 'per-node');
  const daemonSetsPerNode = {
    cpuMillis: sum(daemonSets.map((w) => w.podCpuMillis)),
    memoryMiB: sum(daemonSets.map((w) => w.podMemoryMiB)),
  };
  const perNode: NodeCapacity = {
    cpuMillis: pool.schedulableCpuMillis - daemonSetsPerNode.cpuMillis,
    memoryMiB: pool.schedulableMemoryMiB - daemonSetsPerNode.memoryMiB,
  };
  const workloads = scan.workloads.map((w) => workloadCapacity(w, pool, perNode));
  const totals = { atMin: totalsOf(workloads, 'min'), atMax: totalsOf(workloads, 'max') };

  const packings = { min: pack(workloads, 'min', perNode), max: pack(workloads, 'max', perNode) };
  const scenarios: CapacityScenario[] = [];
  for (const replicas of ['min', 'max'] as const) {
    for (const nodes of [pool.minNodes, pool.maxNodes]) {
      scenarios.push(scenario(workloads, replicas, nodes, pool, packings[replicas]));
    }
  }
  const find = (replicas: 'min' | 'max', nodes: number): CapacityScenario =>
    scenarios.find((s) => s.replicas === replicas && s.nodes === nodes)!;
  const anyTooLarge = workloads.some((w) => !w.podFitsOnNode && w.maxReplicas > 0);
  const nodesNeeded = {
    atMinReplicas: anyTooLarge && workloads.some((w) => !w.podFitsOnNode && w.minReplicas > 0) ? null : packings.min.nodesUsed,
    atMaxReplicas: anyTooLarge ? null : packings.max.nodesUsed,
  };

  const warnings = collectWarnings(workloads, pool, perNode, daemonSetsPerNode, find, nodesNeeded, scan.notes);
  const plan: CapacityPlan = {
    schemaVersion: 1,
    environment,
    nodePool: pool.toJson(),
    daemonSetsPerNode,
    workloads,
    totals,
    scenarios,
    nodesNeeded,
    fitsAtMinimum: find('min', pool.minNodes).fits,
    fitsAtFullScaleOut: find('max', pool.maxNodes).fits,
    warnings,
  };

  const blocking = warnings.filter((w) => w.blocking);
  if (options.failOnOverflow && blocking.length > 0) {
    throw new Error(`[${environment}] the app does not fit node pool ${poolName(pool)}:\n`
      + blocking.map((w) => `- ${w.message}`).join('\n'));
  }
  return plan;
}

function scanWithEnvironment(objects: readonly KubeObject[], environment: string): WorkloadScan {
  try {
    return scanWorkloads(objects);
  } catch (error) {
    throw new Error(`[${environment}] ${(error as Error).message}`);
  }
}

function workloadCapacity(w: Workload, pool: NodePool, perNode: NodeCapacity): WorkloadCapacity {
  const perNodeWorkload = w.replicaSource === 'per-node';
  const minReplicas = perNodeWorkload ? pool.minNodes : w.minReplicas;
  const maxReplicas = perNodeWorkload ? pool.maxNodes : w.maxReplicas;
  // A DaemonSet pod has already been taken from the node's capacity: it fits if what is
  // left is not negative.
  const podFitsOnNode = perNodeWorkload
    ? perNode.cpuMillis >= 0 && perNode.memoryMiB >= 0
    : w.podCpuMillis <= perNode.cpuMillis && w.podMemoryMiB <= perNode.memoryMiB;
  return {
    id: w.id,
    kind: w.kind,
    name: w.name,
    ...(w.namespace !== undefined ? { namespace: w.namespace } : {}),
    podCpuMillis: w.podCpuMillis,
    podMemoryMiB: w.podMemoryMiB,
    minReplicas,
    maxReplicas,
    replicaSource: w.replicaSource,
    ...(w.hpa !== undefined ? { hpa: w.hpa } : {}),
    totalCpuMillisAtMin: w.podCpuMillis * minReplicas,
    totalCpuMillisAtMax: w.podCpuMillis * maxReplicas,
    totalMemoryMiBAtMin: w.podMemoryMiB * minReplicas,
    totalMemoryMiBAtMax: w.podMemoryMiB * maxReplicas,
    podFitsOnNode,
    missingRequests: w.missingRequests,
  };
}

function totalsOf(workloads: readonly WorkloadCapacity[], end: 'min' | 'max'): CapacityTotals {
  return {
    pods: sum(workloads.map((w) => (end === 'min' ? w.minReplicas : w.maxReplicas))),
    cpuMillis: sum(workloads.map((w) => (end === 'min' ? w.totalCpuMillisAtMin : w.totalCpuMillisAtMax))),
    memoryMiB: sum(workloads.map((w) => (end === 'min' ? w.totalMemoryMiBAtMin : w.totalMemoryMiBAtMax))),
  };
}

/** Packs every non-DaemonSet pod at one end of the scale (DaemonSets are already in `perNode`). */
function pack(workloads: readonly WorkloadCapacity[], end: 'min' | 'max', perNode: NodeCapacity): Packing {
  const items: PackItem[] = [];
  for (const w of workloads) {
    if (w.replicaSource === 'per-node') continue;
    const replicas = end === 'min' ? w.minReplicas : w.maxReplicas;
    for (let i = 0; i < replicas; i++) items.push({ id: w.id, cpuMillis: w.podCpuMillis, memoryMiB: w.podMemoryMiB });
  }
  return firstFitDecreasing(items, perNode);
}

function scenario(workloads: readonly WorkloadCapacity[], replicas: 'min' | 'max', nodes: number, pool: NodePool, packing: Packing): CapacityScenario {
  const daemonSets = workloads.filter((w) => w.replicaSource === 'per-node');
  const others = workloads.filter((w) => w.replicaSource !== 'per-node');
  const replicaCount = (w: WorkloadCapacity): number => (replicas === 'min' ? w.minReplicas : w.maxReplicas);
  const pending = [
    ...daemonSets.filter((w) => !w.podFitsOnNode).map((w) => ({ id: w.id, pods: nodes })),
    ...pendingPods(packing, nodes),
  ].sort((a, b) => compare(a.id, b.id));
  return {
    replicas,
    nodes,
    requestedCpuMillis: sum(others.map((w) => w.podCpuMillis * replicaCount(w))) + sum(daemonSets.map((w) => w.podCpuMillis * nodes)),
    requestedMemoryMiB: sum(others.map((w) => w.podMemoryMiB * replicaCount(w))) + sum(daemonSets.map((w) => w.podMemoryMiB * nodes)),
    schedulableCpuMillis: pool.schedulableCpuMillis * nodes,
    schedulableMemoryMiB: pool.schedulableMemoryMiB * nodes,
    fits: pending.length === 0,
    pending,
  };
}

function collectWarnings(
  workloads: readonly WorkloadCapacity[],
  pool: NodePool,
  perNode: NodeCapacity,
  daemonSetsPerNode: { readonly cpuMillis: number; readonly memoryMiB: number },
  find: (replicas: 'min' | 'max', nodes: number) => CapacityScenario,
  nodesNeeded: CapacityPlan['nodesNeeded'],
  notes: readonly string[],
): CapacityWarning[] {
  const warnings: CapacityWarning[] = [];
  const nodeRoom = `a node offers ${formatCpu(perNode.cpuMillis)} CPU / ${formatMemory(perNode.memoryMiB)} `
    + `(${poolName(pool, false)} allocatable ${formatCpu(pool.allocatableCpuMillis)} / ${formatMemory(pool.allocatableMemoryMiB)}`
    + ` − system pods ${formatCpu(pool.systemReservedCpuMillis)} / ${formatMemory(pool.systemReservedMemoryMiB)}`
    + (daemonSetsPerNode.cpuMillis > 0 || daemonSetsPerNode.memoryMiB > 0
      ? ` − DaemonSets ${formatCpu(daemonSetsPerNode.cpuMillis)} / ${formatMemory(daemonSetsPerNode.memoryMiB)}`
      : '')
    + ')';
  for (const w of workloads) {
    if (w.podFitsOnNode || w.maxReplicas === 0) continue;
    warnings.push({
      code: 'pod-too-large',
      blocking: true,
      message: w.replicaSource === 'per-node'
        ? `${w.id}: the DaemonSets leave no room on a node; ${nodeRoom}`
        : `${w.id}: one pod requests ${formatCpu(w.podCpuMillis)} CPU / ${formatMemory(w.podMemoryMiB)} but ${nodeRoom}; `
          + 'it can never be scheduled',
    });
  }
  const minOnMax = find('min', pool.maxNodes);
  const maxOnMax = find('max', pool.maxNodes);
  const minOnMin = find('min', pool.minNodes);
  if (!minOnMax.fits) {
    warnings.push({
      code: 'minimum-overflow',
      blocking: true,
      message: `at minimum replicas, ${describePending(minOnMax)} would stay Pending even on ${plural(pool.maxNodes, 'node')} (maxNodes)`
        + needs(nodesNeeded.atMinReplicas),
    });
  }
  if (!maxOnMax.fits) {
    warnings.push({
      code: 'scale-out-overflow',
      blocking: true,
      message: `at full scale-out (maximum replicas), ${describePending(maxOnMax)} would stay Pending on ${plural(pool.maxNodes, 'node')} (maxNodes)`
        + ` — requested ${formatCpu(maxOnMax.requestedCpuMillis)} CPU / ${formatMemory(maxOnMax.requestedMemoryMiB)},`
        + ` schedulable ${formatCpu(maxOnMax.schedulableCpuMillis)} / ${formatMemory(maxOnMax.schedulableMemoryMiB)}`
        + needs(nodesNeeded.atMaxReplicas),
    });
  }
  if (minOnMax.fits && !minOnMin.fits) {
    warnings.push({
      code: 'needs-node-scale-up',
      blocking: false,
      message: `at minimum replicas the app needs ${plural(nodesNeeded.atMinReplicas ?? 0, 'node')} but minNodes is ${pool.minNodes}: `
        + `${describePending(minOnMin)} stay Pending until the cluster autoscaler adds nodes`,
    });
  }
  for (const w of workloads) {
    if (w.missingRequests.length === 0) continue;
    warnings.push({
      code: 'missing-requests',
      blocking: false,
      message: `${w.id}: no request for ${w.missingRequests.join(', ')} (counted as 0, so this plan understates it)`,
    });
  }
  for (const note of notes) warnings.push({ code: 'hpa-unmatched', blocking: false, message: note });
  return warnings;
}

function needs(nodes: number | null): string {
  return nodes === null ? '' : `; first-fit packing needs ${plural(nodes, 'node')}`;
}

function describePending(s: CapacityScenario): string {
  const pods = sum(s.pending.map((p) => p.pods));
  return `${plural(pods, 'pod')} (${s.pending.map((p) => `${p.id} ×${p.pods}`).join(', ')})`;
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
