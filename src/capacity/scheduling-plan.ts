import { plural } from './format';
import { machineTypeSpec } from './machine-types';
import { NodePool } from './node-pool';
import { NodeShape } from './scheduler';
import { AffinityTerm, SchedulingShape } from './scheduling-shape';
import { ArrivalOrder, PendingPod, simulate, Simulation, SimulatedWorkload } from './simulation';
import { HOSTNAME_TOPOLOGY_KEY } from '../core/colocation';
import { selectorMatches } from '../core/selector';

/** A change that is re-simulated to see whether it would make every phase fit. */
export interface CapacityRemedy {
  /** What kind of change. */
  readonly kind: 'bigger-machine-type' | 'start-at-max-nodes' | 'more-nodes' | 'shared-storage';
  /** The change, for a person: `n2d-standard-4 nodes`, `3 nodes from the start`, `shared storage for Deployment/x`. */
  readonly change: string;
  /** Every simulation (both orders, every starting size) places every pod with this change. */
  readonly fits: boolean;
  /** Simulations that still leave a blocking pod Pending, e.g. `scale-out order from 1 node: Deployment/x pod 2`. */
  readonly stillPending: readonly string[];
}

/** Requests of the app's DaemonSets on every node. */
export interface PerNodeRequests {
  /** Millicores. */
  readonly cpuMillis: number;
  /** MiB. */
  readonly memoryMiB: number;
}

/** The scheduler simulations of a pool: both arrival orders from minNodes and from maxNodes. */
export function simulateAll(workloads: readonly SimulatedWorkload[], pool: NodePool, daemonSets: PerNodeRequests): Simulation[] {
  const node: NodeShape = {
    allocatableCpuMillis: pool.allocatableCpuMillis,
    allocatableMemoryMiB: pool.allocatableMemoryMiB,
    baseCpuMillis: pool.systemReservedCpuMillis + daemonSets.cpuMillis,
    baseMemoryMiB: pool.systemReservedMemoryMiB + daemonSets.memoryMiB,
  };
  const starts = [...new Set([pool.minNodes, pool.maxNodes])];
  const orders: ArrivalOrder[] = ['scale-out', 'all-at-maximum'];
  return orders.flatMap((order) => starts.map((start) => simulate(workloads, node, order, start, pool.maxNodes)));
}

/** A Pending pod that blocks: every one except a surge pod whose rollout can go on by removing an old pod first. */
export function isBlocking(p: PendingPod): boolean {
  return p.rolloutCanProceed !== true;
}

/** `scale-out order from 1 node`. */
export function simulationLabel(s: Simulation): string {
  return `${s.order} order from ${plural(s.startNodes, 'node')}`;
}

/** The blocking Pending pods of a simulation at its end, as `Deployment/x pod 2`. */
function stillPending(s: Simulation): string[] {
  const last = s.phases[s.phases.length - 1];
  return last.pending.filter(isBlocking).map((p) => `${p.id} pod ${p.pod}`);
}

/**
 * Re-runs the simulations with each alternative: the machine type twice the size in the same
 * family (when known), the pool kept at maxNodes, a pool of maxNodes + 1 nodes from the start
 * (the cluster autoscaler adds no node for a pod that a new node cannot take), and — when a
 * Pending pod belongs to a workload held on one node by a ReadWriteOnce claim or affinity to
 * itself — shared storage for it (the claim no longer ReadWriteOnce, the self-affinity gone;
 * same requests and replicas).
 */
export function remedies(workloads: readonly SimulatedWorkload[], pool: NodePool, daemonSets: PerNodeRequests,
  pendingIds: ReadonlySet<string>): CapacityRemedy[] {
  const evaluate = (kind: CapacityRemedy['kind'], change: string, w: readonly SimulatedWorkload[], p: NodePool): CapacityRemedy => {
    const failing = simulateAll(w, p, daemonSets).flatMap((s) => stillPending(s).map((pod) => `${simulationLabel(s)}: ${pod}`));
    return { kind, change, fits: failing.length === 0, stillPending: failing };
  };
  const out: CapacityRemedy[] = [];
  const bigger = biggerMachineType(pool.machineType);
  if (bigger !== undefined) {
    const reserved = { systemReservedCpuMillis: pool.systemReservedCpuMillis, systemReservedMemoryMiB: pool.systemReservedMemoryMiB };
    out.push(evaluate('bigger-machine-type', `${bigger} nodes`, workloads,
      NodePool.machineType(bigger, { minNodes: pool.minNodes, maxNodes: pool.maxNodes, ...reserved })));
  }
  const fixedPool = (nodes: number): NodePool => {
    const size = {
      minNodes: nodes,
      maxNodes: nodes,
      systemReservedCpuMillis: pool.systemReservedCpuMillis,
      systemReservedMemoryMiB: pool.systemReservedMemoryMiB,
    };
    return pool.machineType !== undefined && pool.toJson().allocatableSource === 'gke-formula'
      ? NodePool.machineType(pool.machineType, size)
      : NodePool.custom({
        ...size, label: pool.label, allocatableCpuMillis: pool.allocatableCpuMillis, allocatableMemoryMiB: pool.allocatableMemoryMiB,
      });
  };
  if (pool.minNodes < pool.maxNodes) {
    out.push(evaluate('start-at-max-nodes', `${plural(pool.maxNodes, 'node')} from the start (minNodes = maxNodes = ${pool.maxNodes})`,
      workloads, fixedPool(pool.maxNodes)));
  }
  const nodes = pool.maxNodes + 1;
  out.push(evaluate('more-nodes', `${plural(nodes, 'node')} from the start (minNodes = maxNodes = ${nodes})`, workloads, fixedPool(nodes)));
  const pinned = workloads.filter((w) => pendingIds.has(w.template.shape.id) && isPinned(w.template.shape));
  if (pinned.length > 0) {
    const ids = new Set(pinned.map((w) => w.template.shape.id));
    const shared = workloads.map((w) =>
      (ids.has(w.template.shape.id) ? { ...w, template: { ...w.template, shape: unpinned(w.template.shape) } } : w));
    const change = `shared storage (ReadWriteMany or Cloud Storage FUSE, no pod affinity) for ${[...ids].join(', ')}`;
    out.push(evaluate('shared-storage', change, shared, pool));
  }
  return out;
}

/** Held on one node: a ReadWriteOnce claim, or a required affinity that selects its own pods. */
function isPinned(shape: SchedulingShape): boolean {
  return shape.rwoClaims.length > 0 || shape.requiredAffinity.some((t) => selfSelecting(shape, t));
}

function unpinned(shape: SchedulingShape): SchedulingShape {
  return { ...shape, rwoClaims: [], requiredAffinity: shape.requiredAffinity.filter((t) => !selfSelecting(shape, t)) };
}

/**
 * The rule of core/colocation's `colocatesOnOneNode` on a normalised term: on the node topology, in
 * the pods' own namespace, a non-empty selector (matchLabelKeys/mismatchLabelKeys already folded in
 * as expressions) that the pods' own labels satisfy.
 */
function selfSelecting(shape: SchedulingShape, term: AffinityTerm): boolean {
  const selector = term.selector;
  if (term.topologyKey !== HOSTNAME_TOPOLOGY_KEY || selector === null || typeof selector !== 'object') return false;
  if (term.namespaces !== '*' && !term.namespaces.has(shape.namespace)) return false;
  const expressions = Array.isArray(selector.matchExpressions) ? selector.matchExpressions.length : 0;
  const requirements = Object.keys(selector.matchLabels ?? {}).length + expressions;
  return requirements > 0 && selectorMatches(selector, shape.labels, false);
}

/** `n2d-standard-2` → `n2d-standard-4`, when that machine type is known. */
function biggerMachineType(name: string | undefined): string | undefined {
  const match = name === undefined ? null : /^(.*-)(\d+)$/.exec(name);
  if (!match) return undefined;
  const bigger = `${match[1]}${Number(match[2]) * 2}`;
  return machineTypeSpec(bigger) ? bigger : undefined;
}
