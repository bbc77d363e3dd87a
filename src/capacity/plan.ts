import { formatCpu, formatMemory, plural, poolName } from './format';
import { NodePool, NodePoolSummary } from './node-pool';
import { firstFitDecreasing, NodeCapacity, PackItem, Packing, pendingPods } from './packing';
import { CapacityRemedy, isBlocking, remedies, simulateAll } from './scheduling-plan';
import { schedulingShapes } from './scheduling-shape';
import { Simulation, SimulatedWorkload } from './simulation';
import { simulationWarnings } from './simulation-warnings';
import { CapacityWarning } from './warning';
import { scanWorkloads, Workload, WorkloadScan } from './workloads';
import { HOSTNAME_TOPOLOGY_KEY } from '../core/colocation';
import { KubeObject } from '../core/manifest';
import { compare } from '../core/order';
import { show } from '../core/validate';

export type { CapacityWarning, CapacityWarningCode } from './warning';

/** Options of {@link planCapacity}. */
export interface CapacityPlanOptions {
  /** Environment name, used in every error message and recorded in the plan. */
  readonly environment: string;
  /**
   * Throw an `Error` listing the blocking problems (a pod that fits no node, pods the simulated
   * scheduler and autoscaler leave Pending at minimum or maximum replicas or in a rolling update
   * with maxUnavailable 0) instead of only reporting them as warnings.
   *
   * @default false
   */
  readonly failOnOverflow?: boolean;
}

/** One workload's line of the plan: its scan (pod request, replica bounds) plus totals and fit. */
export interface WorkloadCapacity extends Workload {
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
  /** Co-located only: all `minReplicas` pods together fit on an empty node (same room as `podFitsOnNode`). */
  readonly groupFitsOnNodeAtMin?: boolean;
  /** Co-located only: all `maxReplicas` pods together fit on an empty node. */
  readonly groupFitsOnNodeAtMax?: boolean;
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
  /** Every pod gets a node (first-fit decreasing; a co-located workload's pods as one item). */
  readonly fits: boolean;
  /** Pods that would stay Pending, per workload (a co-located group that gets no node counts all its pods). */
  readonly pending: ReadonlyArray<{
    /** The workload's id. */
    readonly id: string;
    /** How many of its pods stay Pending. */
    readonly pods: number;
  }>;
}

/** The capacity plan of one environment: plain JSON data. */
export interface CapacityPlan {
  /** Version of this JSON shape (2: `simulations`, `remedies`, `fitsSurge`; fits* from the simulation). */
  readonly schemaVersion: 2;
  /** The environment planned. */
  readonly environment: string;
  /** The pool, per node, with the system reservation. */
  readonly nodePool: NodePoolSummary;
  /** Requests of the DaemonSets among the objects, taken from every node before packing. */
  readonly daemonSetsPerNode: {
    /** CPU, in millicores. */
    readonly cpuMillis: number;
    /** Memory, in MiB. */
    readonly memoryMiB: number;
  };
  /** Sorted by id. */
  readonly workloads: readonly WorkloadCapacity[];
  /** All workloads at minimum and at maximum scale. */
  readonly totals: {
    /** At every workload's minimum replicas. */
    readonly atMin: CapacityTotals;
    /** At every workload's maximum replicas. */
    readonly atMax: CapacityTotals;
  };
  /**
   * Aggregate first-fit packing, min/max replicas × min/max nodes, in that order: a lower bound
   * that ignores arrival order and pod affinity between workloads (the verdicts come from `simulations`).
   */
  readonly scenarios: readonly CapacityScenario[];
  /**
   * The scheduler simulation: the `scale-out` and `all-at-maximum` arrival orders, each from
   * minNodes and from maxNodes (once when equal), phase by phase (see `simulate`).
   */
  readonly simulations: readonly Simulation[];
  /** When a simulation leaves a blocking pod Pending: each alternative re-simulated (bigger machine type, one more node, shared storage). */
  readonly remedies: readonly CapacityRemedy[];
  /** Nodes first-fit decreasing needs at each end of the scale; null when some pod (or co-located group) fits no node. */
  readonly nodesNeeded: {
    /** Nodes first-fit packing needs at minimum replicas; null when a pod fits no node. */
    readonly atMinReplicas: number | null;
    /** Nodes first-fit packing needs at maximum replicas; null when a pod fits no node. */
    readonly atMaxReplicas: number | null;
  };
  /** Simulated apply at minimum replicas (scale-out order) places every pod, from every starting size (the autoscaler may add nodes). */
  readonly fitsAtMinimum: boolean;
  /** Every simulation (both orders, every starting size) places every pod at maximum replicas. */
  readonly fitsAtFullScaleOut: boolean;
  /** Every simulation places the rolling-update surge pods (those whose rollout would otherwise stall: maxUnavailable 0), after scale-out. */
  readonly fitsSurge: boolean;
  /** Blocking ones first. */
  readonly warnings: readonly CapacityWarning[];
}

/**
 * Computes the capacity plan of an environment: every workload's pod requests and replica
 * bounds, totals at minimum and maximum scale, and whether the pods fit the node pool as a
 * simulated kube-scheduler and cluster autoscaler place them in arrival order (`simulations`:
 * minimum replicas in apply order, HPA scale-out, rolling-update surge; or all at maximum),
 * with re-simulated `remedies` when a pod stays Pending. The aggregate first-fit-decreasing
 * packing (`scenarios`, a co-located workload as one item) is kept as a lower bound.
 *
 * Pure: no I/O, no clock, no environment variables; same objects in the same (apply) order,
 * same plan.
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
  const nodesNeeded = {
    atMinReplicas: workloads.some((w) => placesNowhere(w, 'min')) ? null : packings.min.nodesUsed,
    atMaxReplicas: workloads.some((w) => placesNowhere(w, 'max')) ? null : packings.max.nodesUsed,
  };

  const shapes = schedulingShapes(objects);
  const simulated: SimulatedWorkload[] = workloads.filter((w) => w.replicaSource !== 'per-node').map((w) => ({
    template: { shape: shapes.get(w.id)!, cpuMillis: w.podCpuMillis, memoryMiB: w.podMemoryMiB },
    minReplicas: w.minReplicas,
    maxReplicas: w.maxReplicas,
  }));
  const simulations = simulateAll(simulated, pool, daemonSetsPerNode);
  const blockedIds = new Set(simulations.flatMap((sim) => sim.phases.flatMap((ph) => ph.pending.filter(isBlocking).map((p) => p.id))));
  const fixes = blockedIds.size > 0 ? remedies(simulated, pool, daemonSetsPerNode, blockedIds) : [];
  const phaseFits = (pick: (sim: Simulation) => readonly Simulation['phases'][number][]): boolean =>
    simulations.every((sim) => pick(sim).every((ph) => !ph.pending.some(isBlocking)));

  const warnings = [
    ...collectWarnings(workloads, pool, perNode, daemonSetsPerNode, scan.notes),
    ...simulationWarnings(simulations, pool),
  ].sort((a, b) => Number(b.blocking) - Number(a.blocking));
  const plan: CapacityPlan = {
    schemaVersion: 2,
    environment,
    nodePool: pool.toJson(),
    daemonSetsPerNode,
    workloads,
    totals,
    scenarios,
    nodesNeeded,
    simulations,
    remedies: fixes,
    fitsAtMinimum: phaseFits((sim) => (sim.order === 'scale-out' ? sim.phases.slice(0, 1) : [])),
    fitsAtFullScaleOut: phaseFits((sim) => sim.phases.filter((ph) => ph.phase !== 'surge')),
    fitsSurge: simulations.every((sim) => sim.phases.every((ph) => !ph.pending.some((p) => p.arrivedIn === 'surge' && isBlocking(p)))),
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
  const colocated = w.colocated === true && !perNodeWorkload;
  const groupFits = (pods: number): boolean => pods === 0 || groupFitsOnNode(w.podCpuMillis, w.podMemoryMiB, pods, perNode);
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
    ...(colocated ? { colocated: true, groupFitsOnNodeAtMin: groupFits(minReplicas), groupFitsOnNodeAtMax: groupFits(maxReplicas) } : {}),
  };
}

/** `pods` pods of this request, together, fit the room of one empty node. */
function groupFitsOnNode(cpuMillis: number, memoryMiB: number, pods: number, perNode: NodeCapacity): boolean {
  return cpuMillis * pods <= perNode.cpuMillis && memoryMiB * pods <= perNode.memoryMiB;
}

/** Some of the workload's pods at this end of the scale fit no node at all (alone, or as their co-located group). */
function placesNowhere(w: WorkloadCapacity, end: 'min' | 'max'): boolean {
  const replicas = end === 'min' ? w.minReplicas : w.maxReplicas;
  if (replicas === 0) return false;
  if (!w.podFitsOnNode) return true;
  return w.colocated === true && !(end === 'min' ? w.groupFitsOnNodeAtMin : w.groupFitsOnNodeAtMax);
}

/** The most pods of this workload that fit one empty node together (≥ 1 when a pod fits; Infinity if it requests nothing). */
function podsPerNode(w: WorkloadCapacity, perNode: NodeCapacity): number {
  const bound = (request: number, room: number): number => (request > 0 ? Math.floor(room / request) : Number.POSITIVE_INFINITY);
  let pods = Math.min(bound(w.podCpuMillis, perNode.cpuMillis), bound(w.podMemoryMiB, perNode.memoryMiB));
  if (!Number.isFinite(pods)) return pods;
  // guard the floating-point division: the answer must agree with groupFitsOnNode
  while (pods > 0 && !groupFitsOnNode(w.podCpuMillis, w.podMemoryMiB, pods, perNode)) pods--;
  while (groupFitsOnNode(w.podCpuMillis, w.podMemoryMiB, pods + 1, perNode)) pods++;
  return pods;
}

function totalsOf(workloads: readonly WorkloadCapacity[], end: 'min' | 'max'): CapacityTotals {
  return {
    pods: sum(workloads.map((w) => (end === 'min' ? w.minReplicas : w.maxReplicas))),
    cpuMillis: sum(workloads.map((w) => (end === 'min' ? w.totalCpuMillisAtMin : w.totalCpuMillisAtMax))),
    memoryMiB: sum(workloads.map((w) => (end === 'min' ? w.totalMemoryMiBAtMin : w.totalMemoryMiBAtMax))),
  };
}

/**
 * Packs every non-DaemonSet pod at one end of the scale (DaemonSets are already in `perNode`);
 * a co-located workload's pods go in as one item (sum of their requests, all on one node).
 */
function pack(workloads: readonly WorkloadCapacity[], end: 'min' | 'max', perNode: NodeCapacity): Packing {
  const items: PackItem[] = [];
  for (const w of workloads) {
    if (w.replicaSource === 'per-node') continue;
    const replicas = end === 'min' ? w.minReplicas : w.maxReplicas;
    if (w.colocated) {
      if (replicas > 0) items.push({ id: w.id, cpuMillis: w.podCpuMillis * replicas, memoryMiB: w.podMemoryMiB * replicas, pods: replicas });
      continue;
    }
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
  for (const w of workloads) {
    // a pod that fits no node alone is already reported as pod-too-large
    if (!w.colocated || !w.podFitsOnNode) continue;
    const end = !w.groupFitsOnNodeAtMin ? 'min' : !w.groupFitsOnNodeAtMax ? 'max' : undefined;
    if (end === undefined) continue;
    const pods = end === 'min' ? w.minReplicas : w.maxReplicas;
    const when = w.minReplicas === w.maxReplicas ? '' : end === 'min' ? ' at minimum replicas' : ' at maximum replicas';
    const most = podsPerNode(w, perNode);
    const bound = w.replicaSource === 'hpa'
      ? (end === 'min' ? 'the HPA minReplicas' : 'the HPA maxReplicas')
      : w.replicaSource === 'parallelism' ? 'the parallelism' : 'the replicas';
    warnings.push({
      code: 'colocated-group-too-large',
      blocking: true,
      message: `${w.id}: its ${pods} pods${when} must share one node (required pod affinity to its own pods on ${HOSTNAME_TOPOLOGY_KEY}) `
        + `but together request ${formatCpu(w.podCpuMillis * pods)} CPU / ${formatMemory(w.podMemoryMiB * pods)}; ${nodeRoom}; `
        + `at most ${plural(most, 'pod')} ${most === 1 ? 'fits' : 'fit'} on one node, so keep ${bound} at ${most} or fewer, or use a larger machine type`,
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

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
