import { plural, PoolSize } from './format';

import { isBlocking, simulationLabel } from './scheduling-plan';
import { Simulation, SimulationPhase } from './simulation';
import { CapacityWarning, CapacityWarningCode } from './warning';
import { compare } from '../core/order';

const WHAT: Record<string, string> = {
  'minimum-overflow': 'at minimum replicas',
  'scale-out-overflow': 'at maximum replicas',
  'surge-overflow': 'in a rolling update (surge)',
};

/**
 * One warning per workload and kind of overflow, listing the simulations that leave its pods
 * Pending with the scheduler's message and what the cluster autoscaler does about it; plus the
 * advice when the minimum replicas needed more than minNodes.
 */
export function simulationWarnings(simulations: readonly Simulation[], pool: PoolSize): CapacityWarning[] {
  const groups = new Map<string, { code: CapacityWarningCode; id: string; blocking: boolean; details: Map<string, string[]> }>();
  for (const sim of simulations) {
    for (const phase of sim.phases) {
      const arrived = phase.pending.filter((p) => p.arrivedIn === phase.phase);
      const ids = [...new Set(arrived.map((p) => p.id))].sort(compare);
      for (const id of ids) {
        const pods = arrived.filter((p) => p.id === id);
        const code = codeOf(sim, phase.phase);
        const key = `${code} ${id}`;
        const group = groups.get(key) ?? { code, id, blocking: false, details: new Map<string, string[]>() };
        group.blocking ||= pods.some(isBlocking);
        const first = pods[0];
        const it = pods.length > 1 ? 'them' : 'it';
        const autoscaler = !first.newNodeWouldHelp
          ? `a new node could not take ${it} either, so the cluster autoscaler adds none`
          : `a new node could take ${it}, but the pool is at maxNodes (${pool.maxNodes})`;
        const canProceed = pods.every((p) => !isBlocking(p)) ? '; maxUnavailable > 0 lets the rollout remove an old pod first' : '';
        const detail = `${plural(pods.length, 'pod').replace(/^\d+ /, '')} ${pods.map((p) => p.pod).join(', ')} Pending — `
          + `"${first.message}" (${autoscaler}${canProceed})`;
        group.details.set(detail, [...(group.details.get(detail) ?? []), simulationLabel(sim)]);
        groups.set(key, group);
      }
    }
  }
  const rank = (code: CapacityWarningCode): number => Object.keys(WHAT).indexOf(code);
  const sorted = [...groups.values()].sort((a, b) => rank(a.code) - rank(b.code) || compare(a.id, b.id));
  const warnings: CapacityWarning[] = sorted.map((g) => ({
    code: g.code,
    blocking: g.blocking,
    message: `${g.id}: cannot all be placed ${WHAT[g.code]} — `
      + [...g.details.entries()].map(([detail, labels]) => `${labels.join(', ')}: ${detail}`).join('; '),
  }));
  const first = simulations.find((s) => s.order === 'scale-out' && s.startNodes === pool.minNodes);
  const apply = first?.phases[0];
  if (apply && apply.fits && apply.nodesAdded > 0) {
    warnings.push({
      code: 'needs-node-scale-up',
      blocking: false,
      message: `at minimum replicas the app needs ${plural(apply.nodes, 'node')} but minNodes is ${pool.minNodes}: `
        + 'pods stay Pending until the cluster autoscaler adds nodes',
    });
  }
  return warnings;
}

function codeOf(sim: Simulation, phase: SimulationPhase): CapacityWarningCode {
  if (phase === 'surge') return 'surge-overflow';
  return phase === 'apply' && sim.order === 'scale-out' ? 'minimum-overflow' : 'scale-out-overflow';
}
