import { formatCpu, formatMemory, plural } from './format';
import type { CapacityPlan } from './plan';
import { isBlocking, simulationLabel } from './scheduling-plan';
import { Simulation, SimulationPhase } from './simulation';

/** `1 node and from 2 nodes`: the starting sizes simulated. */
export function startSizes(plan: CapacityPlan): string {
  const sizes = [...new Set(plan.simulations.map((s) => s.startNodes))];
  return sizes.map((n) => plural(n, 'node')).join(' and from ');
}

/** `**fits**` / `**DOES NOT FIT**`. */
export function fitWord(fits: boolean): string {
  return fits ? '**fits**' : '**DOES NOT FIT**';
}

/** Every blocking Pending pod once, with the simulations that leave it Pending: `Deployment/x pod 2 (scale-out order from 1 node, …)`. */
export function blockingPods(plan: CapacityPlan): string[] {
  const where = new Map<string, string[]>();
  for (const sim of plan.simulations) {
    const last = sim.phases[sim.phases.length - 1];
    for (const p of last.pending.filter(isBlocking)) {
      const key = `${p.id} pod ${p.pod}`;
      where.set(key, [...(where.get(key) ?? []), simulationLabel(sim)]);
    }
  }
  return [...where.entries()].map(([pod, sims]) => `${pod} (${sims.join(', ')})`);
}

const PHASE_NAMES: Record<SimulationPhase, string> = { 'apply': 'Apply', 'scale-out': 'HPA scale-out', 'surge': 'Rolling-update surge' };

/** The `## Scheduler simulation` and `## What would make it fit` sections. */
export function renderSimulations(plan: CapacityPlan): string[] {
  const lines: string[] = ['## Scheduler simulation', ''];
  lines.push('Pods arrive as they do in a cluster and each is placed like kube-scheduler v1.32\'s default profile on identical nodes in one zone: '
    + 'filter (requests, DoNotSchedule spread, required pod affinity and anti-affinity incl. the first pod of a self-affinity, '
    + 'a ReadWriteOnce claim attached to another node), then the highest score (LeastAllocated + BalancedAllocation + 2 × InterPodAffinity '
    + '+ 2 × ScheduleAnyway spread; ties to the first node). After each phase the cluster autoscaler adds a node only when a new empty node '
    + 'would let a Pending pod run, up to maxNodes. Orders:');
  lines.push('- **scale-out**: the objects at minimum replicas in apply (document) order; then each HPA target scaled to its maximum in turn, '
    + 'in apply order (its scale-up policy takes a small target to maxReplicas in one step; HPAs sync independently); '
    + 'then a rollout of every RollingUpdate Deployment adds its maxSurge pods (StatefulSets roll in place, Recreate adds none).');
  lines.push('- **all-at-maximum**: every object applied at its maximum replicas at once, then the same surge.', '');
  lines.push('| Order | Start | ' + phaseHeaders(plan.simulations).join(' | ') + ' | Nodes at end |');
  lines.push('| --- | ---: | ' + phaseHeaders(plan.simulations).map(() => '---').join(' | ') + ' | ---: |');
  for (const sim of plan.simulations) {
    const cells = phaseHeaders(plan.simulations).map((name) => {
      const phase = sim.phases.find((p) => PHASE_NAMES[p.phase] === name);
      if (!phase) return '—';
      const mine = phase.pending.filter((p) => p.arrivedIn === phase.phase);
      const added = phase.nodesAdded > 0 ? ` (+${plural(phase.nodesAdded, 'node')})` : '';
      if (mine.length === 0) return `${phase.fits ? 'fits' : 'its pods placed'}${added}`;
      const blocking = mine.some(isBlocking);
      return `${blocking ? '**Pending**' : 'Pending (rollout goes on)'}: ${mine.map((p) => `${short(p.id)} pod ${p.pod}`).join(', ')}${added}`;
    });
    lines.push(`| ${sim.order} | ${plural(sim.startNodes, 'node')} | ${cells.join(' | ')} | ${sim.phases[sim.phases.length - 1].nodes} |`);
  }
  lines.push('');
  const pending = pendingLines(plan.simulations);
  if (pending.length > 0) lines.push('Pending pods, in the scheduler\'s words:', '', ...pending, '');
  for (const sim of plan.simulations) {
    lines.push(`Placement at the end, ${simulationLabel(sim)}: ` + sim.placement.map((n) =>
      `${n.node} ${n.pods.map((p) => `${short(p.id)} ×${p.pods}`).join(', ')} (${formatCpu(n.cpuMillis)} / ${formatMemory(n.memoryMiB)} requested)`).join('; ') + '.');
  }
  lines.push('');
  if (plan.remedies.length > 0) {
    lines.push('## What would make it fit', '', 'Each alternative re-simulated (both orders, every starting size):', '');
    for (const r of plan.remedies) {
      lines.push(`- ${r.change}: ${r.fits ? '**fits**' : `does not fit (${r.stillPending.join('; ')})`}.`);
    }
    lines.push('');
  }
  return lines;
}

function phaseHeaders(simulations: readonly Simulation[]): string[] {
  const names = new Set(simulations.flatMap((s) => s.phases.map((p) => PHASE_NAMES[p.phase])));
  return Object.values(PHASE_NAMES).filter((n) => names.has(n));
}

function pendingLines(simulations: readonly Simulation[]): string[] {
  const seen = new Map<string, string[]>();
  for (const sim of simulations) {
    for (const phase of sim.phases) {
      for (const p of phase.pending.filter((x) => x.arrivedIn === phase.phase)) {
        const autoscaler = p.newNodeWouldHelp ? 'a new node could take it, but the pool is at maxNodes' : 'a new node could not take it, so the cluster autoscaler adds none';
        const key = `${p.id} pod ${p.pod}: "${p.message}" — ${autoscaler}`;
        seen.set(key, [...(seen.get(key) ?? []), simulationLabel(sim)]);
      }
    }
  }
  return [...seen.entries()].map(([line, sims]) => `- ${line} (${sims.join(', ')}).`);
}

/** The workload's kind and name without its namespace: `Deployment/api`. */
function short(id: string): string {
  const parts = id.split('/');
  return parts.length === 3 ? `${parts[0]}/${parts[2]}` : id;
}
