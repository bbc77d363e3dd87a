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
  private readonly matchCache = new Map<object, Match>();
  private readonly labelIndex = new Map<string, number[]>();
  /** Per template: the other templates' required anti-affinity terms that match its pods. */
  private repellers?: Array<Array<{ readonly j: number; readonly term: AffinityTerm }>>;
  /** Per template: the other templates' preferred terms and required affinity (weight 1) that match its pods, with their sign. */
  private scorers?: Array<Array<{ readonly j: number; readonly term: AffinityTerm; readonly sign: number }>>;

  public constructor(private readonly templates: readonly PodTemplate[], private readonly node: NodeShape, nodes: number) {
    templates.forEach((x, j) => {
      for (const [k, v] of Object.entries(x.shape.labels)) {
        const key = `${k}=${v}`;
        const list = this.labelIndex.get(key);
        if (list) list.push(j);
        else this.labelIndex.set(key, [j]);
      }
    });
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
    const spreadMin = this.spreadMinima(t);
    for (let n = 0; n < this.nodes.length; n++) {
      const why = this.filter(t, n, spreadMin);
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
    const spreadMin = this.spreadMinima(t);
    return this.nodes.flatMap((_, n) => this.filter(t, n, spreadMin));
  }

  /** Whether one pod of template `t` would pass every filter on a new, empty node. */
  public fitsNewNode(t: number): boolean {
    this.addNode();
    const ok = this.filter(t, this.nodes.length - 1, this.spreadMinima(t)).length === 0;
    this.nodes.pop();
    return ok;
  }

  /** Per node: requested CPU and memory (system pods and DaemonSets included) and pods per template. */
  public snapshot(): ReadonlyArray<{
    /** Requested CPU, millicores. */
    readonly cpuMillis: number;
    /** Requested memory, MiB. */
    readonly memoryMiB: number;
    /** Pods per template index. */
    readonly pods: ReadonlyMap<number, number>;
  }> {
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

  /** Per DoNotSchedule constraint on the hostname: the fewest matching pods on any node (0 below minDomains). */
  private spreadMinima(t: number): number[] {
    const shape = this.templates[t].shape;
    return shape.hardSpread.map((c) => {
      if (domainLevel(c.topologyKey) !== 'node' || this.nodes.length < c.minDomains) return 0;
      const match = this.spreadMatches(c, shape.namespace);
      let min = Number.POSITIVE_INFINITY;
      for (let m = 0; m < this.nodes.length && min > 0; m++) min = Math.min(min, this.countOnNode(m, match));
      return min;
    });
  }

  /** The reasons node `n` is filtered out for a pod of template `t` (empty: it passes). */
  private filter(t: number, n: number, spreadMin: readonly number[]): string[] {
    const template = this.templates[t];
    const node = this.nodes[n];
    const fit: string[] = [];
    if (node.cpuMillis + template.cpuMillis > this.node.allocatableCpuMillis && template.cpuMillis > 0) fit.push(REASONS.cpu);
    if (node.memoryMiB + template.memoryMiB > this.node.allocatableMemoryMiB && template.memoryMiB > 0) fit.push(REASONS.memory);
    if (fit.length > 0) return fit;
    const spread = this.spreadFilter(t, n, spreadMin);
    if (spread) return [spread];
    const affinity = this.affinityFilter(t, n);
    if (affinity) return [affinity];
    for (const claim of template.shape.rwoClaims) {
      const attached = this.claimNode.get(claim);
      if (attached !== undefined && attached !== n) return [REASONS.readWriteOnce];
    }
    return [];
  }

  private spreadFilter(t: number, n: number, spreadMin: readonly number[]): string | undefined {
    const shape = this.templates[t].shape;
    for (let i = 0; i < shape.hardSpread.length; i++) {
      const c = shape.hardSpread[i];
      const level = domainLevel(c.topologyKey);
      if (level === undefined) return REASONS.spreadLabel;
      if (level === 'cluster') continue; // one domain: the skew is always 0
      const match = this.spreadMatches(c, shape.namespace);
      const self = match.has.has(t) ? 1 : 0;
      if (this.countOnNode(n, match) + self - spreadMin[i] > c.maxSkew) return REASONS.spread;
    }
    return undefined;
  }

  private affinityFilter(t: number, n: number): string | undefined {
    const shape = this.templates[t].shape;
    if (shape.requiredAffinity.length > 0) {
      const all = this.allTermsMatch(shape.requiredAffinity);
      const anyMatching = all.list.some((j) => (this.totals.get(j) ?? 0) > 0);
      const here = shape.requiredAffinity.every((term) => (this.countInDomain(n, term.topologyKey, all) ?? 0) > 0);
      const labelled = shape.requiredAffinity.every((term) => domainLevel(term.topologyKey) !== undefined);
      // the first pod of a group with affinity to itself may go anywhere (kube-scheduler's special case)
      if (!labelled || (!here && (anyMatching || !all.has.has(t)))) return REASONS.affinity;
    }
    for (const term of shape.requiredAntiAffinity) {
      if ((this.countInDomain(n, term.topologyKey, this.termMatches(term)) ?? 0) > 0) return REASONS.antiAffinity;
    }
    for (const { j, term } of this.reverseIndex().repellers[t]) {
      const near = (this.totals.get(j) ?? 0) > 0 ? this.countInDomain(n, term.topologyKey, this.onlyTemplate(j)) ?? 0 : 0;
      if (near > 0) return REASONS.existingAntiAffinity;
    }
    return undefined;
  }

  /** The feasible node with the highest total score; ties to the lowest index. */
  private best(t: number, feasible: readonly number[]): number {
    if (feasible.length === 1) return feasible[0];
    const template = this.templates[t];
    const affinity = normalizeAffinity(this.affinityScores(t, feasible));
    const spread = this.spreadScores(t, feasible);
    let bestIndex = 0;
    let bestScore = Number.NEGATIVE_INFINITY;
    feasible.forEach((n, i) => {
      const score = this.resourceScore(n, template) + 2 * affinity[i] + 2 * spread[i];
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

  /** InterPodAffinity's raw score per node: the pod's preferred terms; existing pods' preferred terms and required affinity (weight 1) towards it. */
  private affinityScores(t: number, feasible: readonly number[]): number[] {
    const shape = this.templates[t].shape;
    const terms = [
      ...shape.preferredAffinity.map((term) => ({ term, sign: 1, match: this.termMatches(term) })),
      ...shape.preferredAntiAffinity.map((term) => ({ term, sign: -1, match: this.termMatches(term) })),
      ...this.reverseIndex().scorers[t].filter(({ j }) => (this.totals.get(j) ?? 0) > 0)
        .map(({ j, term, sign }) => ({ term, sign, match: this.onlyTemplate(j) })),
    ];
    return feasible.map((n) => {
      let score = 0;
      for (const { term, sign, match } of terms) score += sign * term.weight * (this.countInDomain(n, term.topologyKey, match) ?? 0);
      return score;
    });
  }

  /** Built once: for each template, the other templates' terms that match its pods (anti-affinity filter, affinity score). */
  private reverseIndex(): { repellers: NonNullable<SimulatedCluster['repellers']>; scorers: NonNullable<SimulatedCluster['scorers']> } {
    if (!this.repellers || !this.scorers) {
      const repellers: NonNullable<SimulatedCluster['repellers']> = this.templates.map(() => []);
      const scorers: NonNullable<SimulatedCluster['scorers']> = this.templates.map(() => []);
      this.templates.forEach((x, j) => {
        for (const term of x.shape.requiredAntiAffinity) for (const k of this.termMatches(term).list) repellers[k].push({ j, term });
        const scoring = [
          ...x.shape.preferredAffinity.map((term) => ({ term, sign: 1 })),
          ...x.shape.preferredAntiAffinity.map((term) => ({ term, sign: -1 })),
          ...x.shape.requiredAffinity.map((term) => ({ term, sign: 1 })),
        ];
        for (const { term, sign } of scoring) for (const k of this.termMatches(term).list) scorers[k].push({ j, term, sign });
      });
      this.repellers = repellers;
      this.scorers = scorers;
    }
    return { repellers: this.repellers, scorers: this.scorers };
  }

  /** PodTopologySpread's normalized score for ScheduleAnyway constraints (0 for all when the pod has none). */
  private spreadScores(t: number, feasible: readonly number[]): number[] {
    const shape = this.templates[t].shape;
    if (shape.softSpread.length === 0) return feasible.map(() => 0);
    const constraints = shape.softSpread.filter((c) => domainLevel(c.topologyKey) !== undefined)
      .map((c) => ({ c, node: domainLevel(c.topologyKey) === 'node', match: this.spreadMatches(c, shape.namespace) }));
    const raw = feasible.map((n) => {
      let score = 0;
      for (const { c, node, match } of constraints) {
        const count = this.countInDomain(n, c.topologyKey, match) ?? 0;
        score += count * Math.log((node ? feasible.length : 1) + 2) + (c.maxSkew - 1);
      }
      return Math.round(score);
    });
    const max = Math.max(...raw);
    const min = Math.min(...raw);
    return raw.map((s) => (max === 0 ? 100 : Math.floor((100 * (max + min - s)) / max)));
  }

  private countOnNode(n: number, match: Match): number {
    const pods = this.nodes[n].pods;
    let count = 0;
    if (pods.size < match.list.length) {
      for (const [j, c] of pods) if (match.has.has(j)) count += c;
    } else {
      for (const j of match.list) count += pods.get(j) ?? 0;
    }
    return count;
  }

  /** Matching pods in node n's domain for this key; undefined when the nodes lack the label. */
  private countInDomain(n: number, key: string, match: Match): number | undefined {
    const level = domainLevel(key);
    if (level === undefined) return undefined;
    if (level === 'node') return this.countOnNode(n, match);
    let count = 0;
    for (const j of match.list) count += this.totals.get(j) ?? 0;
    return count;
  }

  /** The templates whose pods match the term (selector and namespaces). */
  private termMatches(term: AffinityTerm): Match {
    return this.cached(term, () => this.select(term.selector, (x) => term.namespaces === '*' || term.namespaces.has(x.shape.namespace)));
  }

  /** The templates whose pods match every term (what makes an existing pod count for required affinity). */
  private allTermsMatch(terms: readonly AffinityTerm[]): Match {
    return this.cached(terms, () => {
      const each = terms.map((term) => this.termMatches(term));
      return toMatch(each[0].list.filter((j) => each.every((m) => m.has.has(j))));
    });
  }

  private spreadMatches(c: SpreadConstraint, namespace: string): Match {
    return this.cached(c, () => this.select(c.selector, (x) => x.shape.namespace === namespace));
  }

  private onlyTemplate(j: number): Match {
    return this.cached(this.templates[j], () => toMatch([j]));
  }

  /** Templates matching a label selector, looked up through its rarest matchLabels pair when it has one. */
  private select(selector: any, namespaceOk: (x: PodTemplate) => boolean): Match {
    let candidates: readonly number[] | undefined;
    for (const [k, v] of Object.entries(selector?.matchLabels ?? {})) {
      const list = this.labelIndex.get(`${k}=${v}`) ?? [];
      if (candidates === undefined || list.length < candidates.length) candidates = list;
    }
    candidates ??= this.templates.map((_, j) => j);
    return toMatch(candidates.filter((j) => namespaceOk(this.templates[j]) && selectorMatches(selector, this.templates[j].shape.labels, false)));
  }

  private cached(key: object, compute: () => Match): Match {
    let value = this.matchCache.get(key);
    if (value === undefined) {
      value = compute();
      this.matchCache.set(key, value);
    }
    return value;
  }
}

/** A set of template indices, as a list (to iterate) and a set (to test). */
interface Match {
  readonly list: readonly number[];
  readonly has: ReadonlySet<number>;
}

function toMatch(list: readonly number[]): Match {
  return { list, has: new Set(list) };
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
