import { AffinityTerm, SchedulingShape, SpreadConstraint } from './scheduling-shape';
import { HOSTNAME_TOPOLOGY_KEY } from '../core/colocation';
import { selectorMatches } from '../core/selector';

/** One workload's pods as the simulated scheduler sees them: constraints plus the pod request. */
export interface PodTemplate {
  /** The workload's scheduling constraints. */
  readonly shape: SchedulingShape;
  /** CPU request of one pod, millicores. */
  readonly cpuMillis: number;
  /** Memory request of one pod, MiB. */
  readonly memoryMiB: number;
}

/** Per-node figures of the simulated pool. */
export interface NodeShape {
  /** Allocatable CPU, millicores (what scoring divides by). */
  readonly allocatableCpuMillis: number;
  /** Allocatable memory, MiB. */
  readonly allocatableMemoryMiB: number;
  /** Already requested on every node before the app: system pods plus the app's DaemonSets, millicores. */
  readonly baseCpuMillis: number;
  /** Already requested on every node before the app, MiB. */
  readonly baseMemoryMiB: number;
}

/** A node of the simulated cluster: requests placed on it and its pods per template. */
interface SimNode {
  cpuMillis: number;
  memoryMiB: number;
  readonly pods: Map<number, number>;
}

/** The scheduler's reasons (its own words), when a node is filtered out. */
export const REASONS = {
  cpu: 'Insufficient cpu',
  memory: 'Insufficient memory',
  spread: "node(s) didn't match pod topology spread constraints",
  spreadLabel: "node(s) didn't match pod topology spread constraints (missing required label)",
  affinity: "node(s) didn't match pod affinity rules",
  antiAffinity: "node(s) didn't match pod anti-affinity rules",
  existingAntiAffinity: "node(s) didn't satisfy existing pods anti-affinity rules",
  /** Not a scheduler filter: kube-scheduler binds the pod, which then waits in ContainerCreating (Multi-Attach error). */
  readWriteOnce: 'node(s) did not have the ReadWriteOnce volume attached (Multi-Attach)',
} as const;

const ZONE_KEYS = new Set(['topology.kubernetes.io/zone', 'topology.kubernetes.io/region',
  'failure-domain.beta.kubernetes.io/zone', 'failure-domain.beta.kubernetes.io/region']);

/**
 * A deterministic model of kube-scheduler's default profile (v1.32) on identical nodes in one zone.
 *
 * Filter, in the scheduler's plugin order, first failure per node: NodeResourcesFit (requests),
 * PodTopologySpread (DoNotSchedule), InterPodAffinity (required affinity, incl. the first pod of a
 * self-affinity; required anti-affinity, the pod's and the existing pods'), then a ReadWriteOnce
 * claim already attached to another node (not a scheduler filter, see REASONS.readWriteOnce).
 * Score: NodeResourcesFit LeastAllocated ×1 + BalancedAllocation ×1 + InterPodAffinity ×2 +
 * PodTopologySpread (ScheduleAnyway) ×2, each normalized as the plugins do; the other default
 * plugins score identical nodes the same. Ties go to the lowest node index (the scheduler picks
 * at random among ties). Not modelled: the system default spread constraints, image locality,
 * taints, node affinity, preemption, the 110-pods limit.
 */
export class SimulatedCluster {
  private readonly nodes: SimNode[] = [];
  private readonly totals = new Map<number, number>();
  private readonly claimNode = new Map<string, number>();
  private readonly matchCache = new Map<object, boolean[]>();

  public constructor(private readonly templates: readonly PodTemplate[], private readonly node: NodeShape, nodes: number) {
    for (let i = 0; i < nodes; i++) this.addNode();
  }

  /** Nodes in the cluster. */
  public get size(): number {
    return this.nodes.length;
  }

  /** Adds an empty node (its system pods and DaemonSets only). */
  public addNode(): void {
    this.nodes.push({ cpuMillis: this.node.baseCpuMillis, memoryMiB: this.node.baseMemoryMiB, pods: new Map() });
  }

  /** Places one pod of template `t` like the scheduler; returns its node, or the per-node reasons. */
  public schedule(t: number): { readonly node: number } | { readonly reasons: readonly string[] } {
    const reasons: string[] = [];
    const feasible: number[] = [];
    for (let n = 0; n < this.nodes.length; n++) {
      const why = this.filter(t, n);
      if (why.length === 0) feasible.push(n);
      else reasons.push(...why);
    }
    if (feasible.length === 0) return { reasons };
    const node = this.best(t, feasible);
    this.bind(t, node);
    return { node };
  }

  /** Why each node is filtered out for a pod of template `t`, without placing it (one entry per failing filter reason). */
  public explain(t: number): string[] {
    return this.nodes.flatMap((_, n) => this.filter(t, n));
  }

  /** Whether one pod of template `t` would pass every filter on a new, empty node. */
  public fitsNewNode(t: number): boolean {
    this.addNode();
    const ok = this.filter(t, this.nodes.length - 1).length === 0;
    this.nodes.pop();
    return ok;
  }

  /** Per node: requested CPU and memory (system pods and DaemonSets included) and pods per template. */
  public snapshot(): ReadonlyArray<{ readonly cpuMillis: number; readonly memoryMiB: number; readonly pods: ReadonlyMap<number, number> }> {
    return this.nodes.map((n) => ({ cpuMillis: n.cpuMillis, memoryMiB: n.memoryMiB, pods: new Map(n.pods) }));
  }

  private bind(t: number, n: number): void {
    const node = this.nodes[n];
    const template = this.templates[t];
    node.cpuMillis += template.cpuMillis;
    node.memoryMiB += template.memoryMiB;
    node.pods.set(t, (node.pods.get(t) ?? 0) + 1);
    this.totals.set(t, (this.totals.get(t) ?? 0) + 1);
    for (const claim of template.shape.rwoClaims) if (!this.claimNode.has(claim)) this.claimNode.set(claim, n);
  }

  /** The reasons node `n` is filtered out for a pod of template `t` (empty: it passes). */
  private filter(t: number, n: number): string[] {
    const template = this.templates[t];
    const node = this.nodes[n];
    const fit: string[] = [];
    if (node.cpuMillis + template.cpuMillis > this.node.allocatableCpuMillis && template.cpuMillis > 0) fit.push(REASONS.cpu);
    if (node.memoryMiB + template.memoryMiB > this.node.allocatableMemoryMiB && template.memoryMiB > 0) fit.push(REASONS.memory);
    if (fit.length > 0) return fit;
    const spread = this.spreadFilter(t, n);
    if (spread) return [spread];
    const affinity = this.affinityFilter(t, n);
    if (affinity) return [affinity];
    for (const claim of template.shape.rwoClaims) {
      const attached = this.claimNode.get(claim);
      if (attached !== undefined && attached !== n) return [REASONS.readWriteOnce];
    }
    return [];
  }

  private spreadFilter(t: number, n: number): string | undefined {
    const shape = this.templates[t].shape;
    for (const c of shape.hardSpread) {
      const level = domainLevel(c.topologyKey);
      if (level === undefined) return REASONS.spreadLabel;
      const match = this.spreadMatches(c, shape.namespace);
      const self = match[t] ? 1 : 0;
      if (level === 'cluster') continue; // one domain: the skew is always 0
      let min = Number.POSITIVE_INFINITY;
      for (let m = 0; m < this.nodes.length; m++) min = Math.min(min, this.countOnNode(m, match));
      if (this.nodes.length < c.minDomains) min = 0;
      if (this.countOnNode(n, match) + self - min > c.maxSkew) return REASONS.spread;
    }
    return undefined;
  }

  private affinityFilter(t: number, n: number): string | undefined {
    const shape = this.templates[t].shape;
    if (shape.requiredAffinity.length > 0) {
      const all = this.allTermsMatch(shape.requiredAffinity);
      let anyMatching = false;
      for (const [j, count] of this.totals) if (count > 0 && all[j]) anyMatching = true;
      const here = shape.requiredAffinity.every((term) => (this.countInDomain(n, term.topologyKey, all) ?? 0) > 0);
      const labelled = shape.requiredAffinity.every((term) => domainLevel(term.topologyKey) !== undefined);
      // the first pod of a group with affinity to itself may go anywhere (kube-scheduler's special case)
      if (!labelled || (!here && (anyMatching || !all[t]))) return REASONS.affinity;
    }
    for (const term of shape.requiredAntiAffinity) {
      if ((this.countInDomain(n, term.topologyKey, this.termMatches(term)) ?? 0) > 0) return REASONS.antiAffinity;
    }
    for (const [j, count] of this.totals) {
      if (count === 0) continue;
      for (const term of this.templates[j].shape.requiredAntiAffinity) {
        if (!this.termMatches(term)[t]) continue;
        const only = this.onlyTemplate(j);
        if ((this.countInDomain(n, term.topologyKey, only) ?? 0) > 0) return REASONS.existingAntiAffinity;
      }
    }
    return undefined;
  }

  /** The feasible node with the highest total score; ties to the lowest index. */
  private best(t: number, feasible: readonly number[]): number {
    const template = this.templates[t];
    const resources = feasible.map((n) => this.resourceScore(n, template));
    const affinity = normalizeAffinity(feasible.map((n) => this.affinityScore(t, n)));
    const spread = this.spreadScores(t, feasible);
    let bestIndex = 0;
    let bestScore = Number.NEGATIVE_INFINITY;
    feasible.forEach((_, i) => {
      const score = resources[i] + 2 * affinity[i] + 2 * spread[i];
      if (score > bestScore) {
        bestScore = score;
        bestIndex = i;
      }
    });
    return feasible[bestIndex];
  }

  /** LeastAllocated (mean of CPU and memory) + BalancedAllocation, with the pod counted in. */
  private resourceScore(n: number, template: PodTemplate): number {
    const cpu = this.nodes[n].cpuMillis + template.cpuMillis;
    const memory = this.nodes[n].memoryMiB + template.memoryMiB;
    const free = (used: number, total: number): number => Math.max(0, Math.floor(((total - used) * 100) / total));
    const least = Math.floor((free(cpu, this.node.allocatableCpuMillis) + free(memory, this.node.allocatableMemoryMiB)) / 2);
    const fraction = (used: number, total: number): number => Math.min(1, used / total);
    const std = Math.abs(fraction(cpu, this.node.allocatableCpuMillis) - fraction(memory, this.node.allocatableMemoryMiB)) / 2;
    return least + Math.floor((1 - std) * 100);
  }

  /** InterPodAffinity's raw score: the pod's preferred terms, existing pods' preferred terms and required affinity (weight 1) towards it. */
  private affinityScore(t: number, n: number): number {
    const shape = this.templates[t].shape;
    let score = 0;
    for (const term of shape.preferredAffinity) score += term.weight * (this.countInDomain(n, term.topologyKey, this.termMatches(term)) ?? 0);
    for (const term of shape.preferredAntiAffinity) score -= term.weight * (this.countInDomain(n, term.topologyKey, this.termMatches(term)) ?? 0);
    for (const [j, count] of this.totals) {
      if (count === 0) continue;
      const other = this.templates[j].shape;
      const towards = (terms: readonly AffinityTerm[], sign: number): void => {
        for (const term of terms) {
          if (this.termMatches(term)[t]) score += sign * term.weight * (this.countInDomain(n, term.topologyKey, this.onlyTemplate(j)) ?? 0);
        }
      };
      towards(other.preferredAffinity, 1);
      towards(other.preferredAntiAffinity, -1);
      towards(other.requiredAffinity, 1);
    }
    return score;
  }

  /** PodTopologySpread's normalized score for ScheduleAnyway constraints (0 for all when the pod has none). */
  private spreadScores(t: number, feasible: readonly number[]): number[] {
    const shape = this.templates[t].shape;
    if (shape.softSpread.length === 0) return feasible.map(() => 0);
    const raw = feasible.map((n) => {
      let score = 0;
      for (const c of shape.softSpread) {
        const level = domainLevel(c.topologyKey);
        if (level === undefined) continue;
        const domains = level === 'node' ? feasible.length : 1;
        const count = level === 'node' ? this.countOnNode(n, this.spreadMatches(c, shape.namespace)) : 0;
        score += count * Math.log(domains + 2) + (c.maxSkew - 1);
      }
      return Math.round(score);
    });
    const max = Math.max(...raw);
    const min = Math.min(...raw);
    return raw.map((s) => (max === 0 ? 100 : Math.floor((100 * (max + min - s)) / max)));
  }

  private countOnNode(n: number, match: readonly boolean[]): number {
    let count = 0;
    for (const [j, pods] of this.nodes[n].pods) if (match[j]) count += pods;
    return count;
  }

  /** Matching pods in node n's domain for this key; undefined when the nodes lack the label. */
  private countInDomain(n: number, key: string, match: readonly boolean[]): number | undefined {
    const level = domainLevel(key);
    if (level === undefined) return undefined;
    if (level === 'node') return this.countOnNode(n, match);
    let count = 0;
    for (const [j, pods] of this.totals) if (match[j]) count += pods;
    return count;
  }

  /** Per template: whether its pods match the term (selector and namespaces). */
  private termMatches(term: AffinityTerm): boolean[] {
    return this.cached(term, () => this.templates.map((x) =>
      (term.namespaces === '*' || term.namespaces.has(x.shape.namespace)) && selectorMatches(term.selector, x.shape.labels, false)));
  }

  /** Per template: whether its pods match every term (what makes an existing pod count for required affinity). */
  private allTermsMatch(terms: readonly AffinityTerm[]): boolean[] {
    return this.cached(terms, () => {
      const each = terms.map((term) => this.termMatches(term));
      return this.templates.map((_, j) => each.every((m) => m[j]));
    });
  }

  private spreadMatches(c: SpreadConstraint, namespace: string): boolean[] {
    return this.cached(c, () => this.templates.map((x) => x.shape.namespace === namespace && selectorMatches(c.selector, x.shape.labels, false)));
  }

  private onlyTemplate(j: number): boolean[] {
    return this.cached(this.templates[j], () => this.templates.map((_, k) => k === j));
  }

  private cached(key: object, compute: () => boolean[]): boolean[] {
    let value = this.matchCache.get(key);
    if (value === undefined) {
      value = compute();
      this.matchCache.set(key, value);
    }
    return value;
  }
}

/** InterPodAffinity's NormalizeScore: (s − min) / (max − min) × 100, all 0 when equal. */
function normalizeAffinity(raw: readonly number[]): number[] {
  const max = Math.max(...raw);
  const min = Math.min(...raw);
  return raw.map((s) => (max > min ? Math.floor((100 * (s - min)) / (max - min)) : 0));
}

/** The domain a topology key draws on these nodes: each node (hostname), the one zone/region, or none (no such label). */
function domainLevel(key: string): 'node' | 'cluster' | undefined {
  if (key === HOSTNAME_TOPOLOGY_KEY) return 'node';
  return ZONE_KEYS.has(key) ? 'cluster' : undefined;
}
