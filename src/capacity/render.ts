import { formatCpu, formatMemory, formatNumber, plural, poolName } from './format';
import { CapacityPlan, CapacityScenario, WorkloadCapacity } from './plan';
import { blockingPods, fitWord, renderSimulations, startSizes } from './render-simulation';

/**
 * The plan as a short Markdown document (`dist/<env>/reports/capacity.md`): one table row per
 * workload, then the pool's per-node capacity, the verdict per scenario and the warnings.
 * Deterministic: the same plan renders to the same bytes (no dates, no locale formatting).
 */
export function renderCapacityMarkdown(plan: CapacityPlan): string {
  const pool = plan.nodePool;
  const lines: string[] = [];
  lines.push(`# Capacity plan: ${plan.environment}`, '');
  lines.push(`Node pool: ${poolName(pool)}. Simulated scheduler, from ${startSizes(plan)}: `
    + `minimum replicas ${fitWord(plan.fitsAtMinimum)}; full scale-out ${fitWord(plan.fitsAtFullScaleOut)}; `
    + `rolling-update surge ${fitWord(plan.fitsSurge)}.`, '');
  const blocked = blockingPods(plan);
  if (blocked.length > 0) lines.push(`Cannot be placed: ${blocked.join('; ')}.`, '');
  lines.push('| Workload | Pod CPU | Pod memory | Replicas (min–max) | Total CPU (min / max) | Total memory (min / max) | Pod fits a node |');
  lines.push('| --- | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const w of plan.workloads) {
    lines.push(row([
      w.id,
      formatCpu(w.podCpuMillis),
      formatMemory(w.podMemoryMiB),
      replicas(w) + (w.colocated ? ', co-located on one node' : ''),
      `${formatCpu(w.totalCpuMillisAtMin)} / ${formatCpu(w.totalCpuMillisAtMax)}`,
      `${formatMemory(w.totalMemoryMiBAtMin)} / ${formatMemory(w.totalMemoryMiBAtMax)}`,
      fitsCell(w),
    ]));
  }
  const { atMin, atMax } = plan.totals;
  lines.push(row([
    '**Total**',
    '',
    '',
    `${atMin.pods}–${atMax.pods} pods`,
    `${formatCpu(atMin.cpuMillis)} / ${formatCpu(atMax.cpuMillis)}`,
    `${formatMemory(atMin.memoryMiB)} / ${formatMemory(atMax.memoryMiB)}`,
    '',
  ]), '');
  if (plan.workloads.some((w) => w.colocated)) {
    lines.push('Co-located on one node: a required pod affinity to its own pods on kubernetes.io/hostname keeps all the workload\'s pods '
      + 'on one node (e.g. to share a ReadWriteOnce disk), the simulation places them one by one as the scheduler does; the aggregate packing counts them as one item.', '');
  }

  lines.push('## Node pool', '');
  const source = pool.allocatableSource === 'gke-formula' ? 'GKE reservation formula' : 'given explicitly';
  lines.push(`- Per node: allocatable ${formatCpu(pool.allocatableCpuMillis)} CPU / ${formatMemory(pool.allocatableMemoryMiB)} (${source}); `
    + `system pods ${formatCpu(pool.systemReservedCpuMillis)} / ${formatMemory(pool.systemReservedMemoryMiB)}; `
    + `left for the app ${formatCpu(pool.schedulableCpuMillis)} / ${formatMemory(pool.schedulableMemoryMiB)}.`);
  if (plan.daemonSetsPerNode.cpuMillis > 0 || plan.daemonSetsPerNode.memoryMiB > 0) {
    lines.push(`- The app's DaemonSets take ${formatCpu(plan.daemonSetsPerNode.cpuMillis)} / ${formatMemory(plan.daemonSetsPerNode.memoryMiB)} of every node.`);
  }
  lines.push(`- At ${plural(pool.minNodes, 'node')} (minNodes): ${formatCpu(pool.schedulableCpuMillis * pool.minNodes)} CPU / `
    + `${formatMemory(pool.schedulableMemoryMiB * pool.minNodes)} for the app.`);
  if (pool.maxNodes !== pool.minNodes) {
    lines.push(`- At ${plural(pool.maxNodes, 'node')} (maxNodes): ${formatCpu(pool.schedulableCpuMillis * pool.maxNodes)} CPU / `
      + `${formatMemory(pool.schedulableMemoryMiB * pool.maxNodes)} for the app.`);
  }
  lines.push('');
  lines.push(...renderSimulations(plan));
  lines.push('## Aggregate packing (lower bound)', '');
  lines.push('First-fit decreasing of all requests into empty nodes, ignoring arrival order and affinity between workloads: '
    + 'if this does not fit, nothing will; if it fits, the simulation above still decides.', '');
  lines.push(`- Nodes needed (first-fit decreasing): ${nodesNeeded(plan, 'min')} at minimum replicas, `
    + `${nodesNeeded(plan, 'max')} at maximum replicas.`);
  const seen = new Set<string>();
  for (const s of plan.scenarios) {
    const key = `${s.replicas}/${s.nodes}`;
    if (seen.has(key)) continue;
    seen.add(key);
    lines.push(`- ${verdict(s)}`);
  }
  lines.push('');

  lines.push('## Warnings', '');
  if (plan.warnings.length === 0) lines.push('None.');
  for (const w of plan.warnings) lines.push(`- ${w.blocking ? '**[blocking]** ' : ''}${w.message}`);
  return lines.join('\n') + '\n';
}

/**
 * The plan as JSON (`dist/<env>/reports/capacity.json`): keys sorted at every level, 2-space
 * indent, trailing newline, so the file is byte-identical for the same plan.
 */
export function renderCapacityJson(plan: CapacityPlan): string {
  return JSON.stringify(sortKeys(plan), null, 2) + '\n';
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

function replicas(w: WorkloadCapacity): string {
  const range = w.minReplicas === w.maxReplicas ? `${w.minReplicas}` : `${w.minReplicas}–${w.maxReplicas}`;
  switch (w.replicaSource) {
    case 'hpa': return `${range} (HPA)`;
    case 'parallelism': return `${range} (${w.kind})`;
    case 'per-node': return `${range} (1 per node)`;
    default: return range;
  }
}

function verdict(s: CapacityScenario): string {
  const label = `${s.replicas === 'min' ? 'Minimum' : 'Maximum'} replicas on ${plural(s.nodes, 'node')}`;
  const usage = `requests ${formatCpu(s.requestedCpuMillis)} CPU / ${formatMemory(s.requestedMemoryMiB)} of `
    + `${formatCpu(s.schedulableCpuMillis)} / ${formatMemory(s.schedulableMemoryMiB)} `
    + `(${percent(s.requestedCpuMillis, s.schedulableCpuMillis)} CPU, ${percent(s.requestedMemoryMiB, s.schedulableMemoryMiB)} memory)`;
  if (s.fits) return `${label}: fits — ${usage}.`;
  const pending = s.pending.map((p) => `${p.id} ×${p.pods}`).join(', ');
  return `${label}: **does not fit** — ${usage}; Pending: ${pending}.`;
}

function percent(part: number, whole: number): string {
  return whole > 0 ? `${formatNumber(Math.round((part / whole) * 100))}%` : 'n/a';
}

function nodesNeeded(plan: CapacityPlan, end: 'min' | 'max'): string {
  const n = end === 'min' ? plan.nodesNeeded.atMinReplicas : plan.nodesNeeded.atMaxReplicas;
  return n === null ? `none suffices (${noNodeReason(plan, end)})` : `${n}`;
}

/** Why no number of nodes suffices at this end: a pod too large for a node, else a co-located group too large. */
function noNodeReason(plan: CapacityPlan, end: 'min' | 'max'): string {
  const podsAt = (w: WorkloadCapacity): number => (end === 'min' ? w.minReplicas : w.maxReplicas);
  return plan.workloads.some((w) => !w.podFitsOnNode && podsAt(w) > 0) ? 'a pod fits no node' : 'a co-located group fits no node';
}

/** `yes` / `**NO**`; for a co-located workload, also whether all its pods fit one node together. */
function fitsCell(w: WorkloadCapacity): string {
  if (!w.podFitsOnNode) return '**NO**';
  if (!w.colocated) return 'yes';
  if (w.groupFitsOnNodeAtMax) return `yes (all ${w.maxReplicas} together too)`;
  const pods = w.groupFitsOnNodeAtMin ? w.maxReplicas : w.minReplicas;
  return `yes, but **NO** for all ${pods} together`;
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}
