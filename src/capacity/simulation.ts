import { NodeShape, PodTemplate, SimulatedCluster } from './scheduler';
import { compare } from '../core/order';

/**
 * In which order the pods arrive:
 * - `scale-out`: every object at its minimum replicas in apply (document) order, then each
 *   HPA target scaled to its maximum in turn, in apply order (the HPA's scale-up policy adds up to
 *   4 pods or 100% per minute, so one sync takes a small target to its maximum; HPAs sync
 *   independently, so workloads scale one after another), then the rolling-update surge;
 * - `all-at-maximum`: every object applied at its maximum replicas at once, then the surge.
 */
export type ArrivalOrder = 'scale-out' | 'all-at-maximum';

/** A step of a simulation. */
export type SimulationPhase =
  /** Objects applied at minimum replicas (or at maximum, in the `all-at-maximum` order). */
  | 'apply'
  /** HPAs scale their targets to maxReplicas. */
  | 'scale-out'
  /** A rollout of every Deployment with RollingUpdate adds its maxSurge pods (StatefulSets roll in place, Recreate adds none). */
  | 'surge';

/** A workload's replica bounds for the simulation. */
export interface SimulatedWorkload {
  /** The pods' template (index into the cluster's templates). */
  readonly template: PodTemplate;
  /** Pods at the low end. */
  readonly minReplicas: number;
  /** Pods at the high end. */
  readonly maxReplicas: number;
}

/** A pod that stays Pending. */
export interface PendingPod {
  /** Its workload's id. */
  readonly id: string;
  /** 1-based ordinal within the workload (surge pods follow the maximum replicas). */
  readonly pod: number;
  /** The phase it arrived in. */
  readonly arrivedIn: SimulationPhase;
  /** The scheduler's event message, e.g. `0/2 nodes are available: 1 Insufficient cpu, 1 node(s) didn't match pod affinity rules.` */
  readonly message: string;
  /** Whether a new empty node would let it run (what the cluster autoscaler's scale-up simulation asks). */
  readonly newNodeWouldHelp: boolean;
  /** A surge pod of a Deployment whose maxUnavailable lets the rollout go on by removing an old pod first. */
  readonly rolloutCanProceed?: boolean;
}

/** The state after one phase. */
export interface PhaseOutcome {
  /** Which phase. */
  readonly phase: SimulationPhase;
  /** Pods that arrived in this phase. */
  readonly podsArrived: number;
  /** Nodes at the end of the phase (after the cluster autoscaler). */
  readonly nodes: number;
  /** Nodes the cluster autoscaler added during this phase. */
  readonly nodesAdded: number;
  /** No pod is Pending at the end of the phase. */
  readonly fits: boolean;
  /** Every pod Pending at the end of the phase (earlier phases' too), in arrival order. */
  readonly pending: readonly PendingPod[];
}

/** One run of the simulated scheduler and autoscaler. */
export interface Simulation {
  /** The arrival order. */
  readonly order: ArrivalOrder;
  /** Nodes at the start. */
  readonly startNodes: number;
  /** The phases, in order. */
  readonly phases: readonly PhaseOutcome[];
  /** Where the pods ended up, per node (requests include system pods and DaemonSets). */
  readonly placement: ReadonlyArray<{
    /** `node-1`, `node-2`, … */
    readonly node: string;
    /** Requested CPU on the node, millicores. */
    readonly cpuMillis: number;
    /** Requested memory on the node, MiB. */
    readonly memoryMiB: number;
    /** Pods per workload id, sorted by id. */
    readonly pods: ReadonlyArray<{
      /** The workload's id. */
      readonly id: string;
      /** Pods of it on this node. */
      readonly pods: number;
    }>;
  }>;
}

interface Arrival {
  readonly t: number;
  readonly pod: number;
  readonly phase: SimulationPhase;
  readonly rolloutCanProceed?: boolean;
}

/**
 * Runs the pods through the simulated kube-scheduler (`SimulatedCluster`) phase by phase, starting from `startNodes`. After
 * each phase the cluster autoscaler scales up while a new empty node would let some Pending pod run:
 * it adds the nodes its binpacking estimate asks for those pods (up to `maxNodes`), then the Pending
 * pods are retried in arrival order, as the scheduler's queue does.
 */
export function simulate(workloads: readonly SimulatedWorkload[], node: NodeShape, order: ArrivalOrder,
  startNodes: number, maxNodes: number): Simulation {
  const templates = workloads.map((w) => w.template);
  const cluster = new SimulatedCluster(templates, node, startNodes);
  const byApply = workloads.map((w, t) => ({ w, t })).sort((a, b) => a.w.template.shape.applyIndex - b.w.template.shape.applyIndex);
  const steps: Array<{ phase: SimulationPhase; arrivals: Arrival[] }> = [];
  const range = (t: number, from: number, to: number, phase: SimulationPhase, extra = {}): Arrival[] =>
    Array.from({ length: Math.max(0, to - from) }, (_, i) => ({ t, pod: from + i + 1, phase, ...extra }));
  if (order === 'scale-out') {
    steps.push({ phase: 'apply', arrivals: byApply.flatMap(({ w, t }) => range(t, 0, w.minReplicas, 'apply')) });
    steps.push({ phase: 'scale-out', arrivals: byApply.flatMap(({ w, t }) => range(t, w.minReplicas, w.maxReplicas, 'scale-out')) });
  } else {
    steps.push({ phase: 'apply', arrivals: byApply.flatMap(({ w, t }) => range(t, 0, w.maxReplicas, 'apply')) });
  }
  steps.push({
    phase: 'surge',
    arrivals: byApply.flatMap(({ w, t }) => {
      const surge = w.template.shape.surge(w.maxReplicas);
      const canProceed = w.template.shape.unavailable(w.maxReplicas) > 0;
      return w.maxReplicas > 0 ? range(t, w.maxReplicas, w.maxReplicas + surge, 'surge', canProceed ? { rolloutCanProceed: true } : {}) : [];
    }),
  });

  let pending: Arrival[] = [];
  const phases: PhaseOutcome[] = [];
  for (const step of steps) {
    for (const arrival of step.arrivals) {
      if ('reasons' in cluster.schedule(arrival.t)) pending.push(arrival);
    }
    const before = cluster.size;
    while (pending.length > 0 && cluster.size < maxNodes) {
      const helped = pending.filter((p) => cluster.fitsNewNode(p.t));
      if (helped.length === 0) break;
      const add = Math.min(maxNodes - cluster.size, nodesFor(helped.map((p) => templates[p.t]), node));
      for (let i = 0; i < add; i++) cluster.addNode();
      pending = pending.filter((p) => 'reasons' in cluster.schedule(p.t));
    }
    phases.push({
      phase: step.phase,
      podsArrived: step.arrivals.length,
      nodes: cluster.size,
      nodesAdded: cluster.size - before,
      fits: pending.length === 0,
      pending: pending.map((p) => describe(cluster, templates, p)),
    });
  }
  return { order, startNodes, phases, placement: placementOf(cluster, templates) };
}

/** The cluster autoscaler's binpacking estimate: empty nodes that first-fit these pods' requests (at least 1). */
function nodesFor(pods: readonly PodTemplate[], node: NodeShape): number {
  const room = { cpu: node.allocatableCpuMillis - node.baseCpuMillis, memory: node.allocatableMemoryMiB - node.baseMemoryMiB };
  const free: Array<{ cpu: number; memory: number }> = [];
  for (const pod of pods) {
    let slot = free.find((f) => f.cpu >= pod.cpuMillis && f.memory >= pod.memoryMiB);
    if (!slot) {
      slot = { ...room };
      free.push(slot);
    }
    slot.cpu -= pod.cpuMillis;
    slot.memory -= pod.memoryMiB;
  }
  return Math.max(1, free.length);
}

function describe(cluster: SimulatedCluster, templates: readonly PodTemplate[], p: Arrival): PendingPod {
  return {
    id: templates[p.t].shape.id,
    pod: p.pod,
    arrivedIn: p.phase,
    message: schedulerMessage(cluster.size, cluster.explain(p.t)),
    newNodeWouldHelp: cluster.fitsNewNode(p.t),
    ...(p.rolloutCanProceed ? { rolloutCanProceed: true } : {}),
  };
}

/** kube-scheduler's FailedScheduling text: `0/N nodes are available: <count> <reason>, …` (reasons sorted). */
export function schedulerMessage(nodes: number, reasons: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  const parts = [...counts.entries()].sort(([a], [b]) => compare(a, b)).map(([r, c]) => `${c} ${r}`);
  return `0/${nodes} nodes are available: ${parts.join(', ')}.`;
}

function placementOf(cluster: SimulatedCluster, templates: readonly PodTemplate[]): Simulation['placement'] {
  return cluster.snapshot().map((n, i) => ({
    node: `node-${i + 1}`,
    cpuMillis: n.cpuMillis,
    memoryMiB: n.memoryMiB,
    pods: [...n.pods.entries()].map(([t, pods]) => ({ id: templates[t].shape.id, pods })).sort((a, b) => compare(a.id, b.id)),
  }));
}
