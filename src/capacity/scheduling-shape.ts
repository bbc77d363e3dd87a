import { KubeObject, objectId, podLabelsOf, podSpecOf } from '../core/manifest';

/** A pod (anti-)affinity term as the scheduler evaluates it: selector with match/mismatchLabelKeys merged in. */
export interface AffinityTerm {
  /** `labelSelector`, with `matchLabelKeys` (In) and `mismatchLabelKeys` (NotIn) added from the pod's own labels. */
  readonly selector: any;
  /** Namespaces the term looks in; `'*'` for all (an empty `namespaceSelector`). */
  readonly namespaces: ReadonlySet<string> | '*';
  /** `topologyKey`. */
  readonly topologyKey: string;
  /** Preferred terms only: the weight (1–100). Required terms: 1. */
  readonly weight: number;
}

/** A `topologySpreadConstraints` entry, with matchLabelKeys merged into the selector. */
export interface SpreadConstraint {
  /** `maxSkew`. */
  readonly maxSkew: number;
  /** `topologyKey`. */
  readonly topologyKey: string;
  /** `labelSelector` plus `matchLabelKeys` (a null selector matches nothing). */
  readonly selector: any;
  /** `minDomains` (DoNotSchedule only). */
  readonly minDomains: number;
}

/** What a workload's pods need from the scheduler, read from the rendered pod template. */
export interface SchedulingShape {
  /** Workload id (`Kind/namespace/name`). */
  readonly id: string;
  /** Position of the object in apply (document) order. */
  readonly applyIndex: number;
  /** Object kind. */
  readonly kind: string;
  /** The pods' namespace (`default` when unset). */
  readonly namespace: string;
  /** The pod template's labels. */
  readonly labels: Readonly<Record<string, string>>;
  /** `requiredDuringScheduling…` pod affinity terms. */
  readonly requiredAffinity: readonly AffinityTerm[];
  /** `requiredDuringScheduling…` pod anti-affinity terms. */
  readonly requiredAntiAffinity: readonly AffinityTerm[];
  /** `preferredDuringScheduling…` pod affinity terms. */
  readonly preferredAffinity: readonly AffinityTerm[];
  /** `preferredDuringScheduling…` pod anti-affinity terms. */
  readonly preferredAntiAffinity: readonly AffinityTerm[];
  /** Spread constraints with `whenUnsatisfiable: DoNotSchedule` (a filter). */
  readonly hardSpread: readonly SpreadConstraint[];
  /** Spread constraints with `ScheduleAnyway` (a score). */
  readonly softSpread: readonly SpreadConstraint[];
  /** ReadWriteOnce claims the pod mounts (namespace-qualified): every pod using one must run on the node it is attached to. */
  readonly rwoClaims: readonly string[];
  /** Extra pods a rolling update adds at `replicas` (resolved maxSurge; 0 for Recreate, StatefulSets, Jobs, DaemonSets). */
  readonly surge: (replicas: number) => number;
  /** Pods a rolling update may take down at `replicas` (resolved maxUnavailable; Recreate: all). */
  readonly unavailable: (replicas: number) => number;
}

/**
 * Reads the scheduling constraints of every pod-bearing object, in document order. Namespace
 * labels come from the Namespace objects among `objects` (for `namespaceSelector`).
 */
export function schedulingShapes(objects: readonly KubeObject[]): Map<string, SchedulingShape> {
  const claims = new Map<string, readonly string[]>();
  const namespaceLabels = new Map<string, Record<string, string>>();
  for (const o of objects) {
    if (o.kind === 'PersistentVolumeClaim') claims.set(claimKey(o.metadata.namespace, o.metadata.name), o.spec?.accessModes ?? []);
    if (o.kind === 'Namespace') namespaceLabels.set(o.metadata.name, o.metadata.labels ?? {});
  }
  const shapes = new Map<string, SchedulingShape>();
  objects.forEach((obj, applyIndex) => {
    const spec = podSpecOf(obj);
    if (spec === undefined) return;
    const id = objectId(obj);
    if (shapes.has(id)) return;
    const namespace = obj.metadata.namespace ?? 'default';
    const labels = podLabelsOf(obj) ?? {};
    const term = (raw: any, weight: number): AffinityTerm => affinityTerm(raw, weight, labels, namespace, namespaceLabels);
    const list = (value: unknown): any[] => (Array.isArray(value) ? value : []);
    const affinity = spec.affinity ?? {};
    const spread = list(spec.topologySpreadConstraints).map((c) => ({ raw: c, constraint: spreadConstraint(c, labels) }));
    const rwoClaims = list(spec.volumes)
      .map((v) => v?.persistentVolumeClaim?.claimName)
      .filter((name): name is string => typeof name === 'string')
      .map((name) => claimKey(obj.metadata.namespace, name))
      .filter((key) => (claims.get(key) ?? []).includes('ReadWriteOnce'));
    shapes.set(id, {
      id,
      applyIndex,
      kind: obj.kind,
      namespace,
      labels,
      requiredAffinity: list(affinity.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution).map((t) => term(t, 1)),
      requiredAntiAffinity: list(affinity.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution).map((t) => term(t, 1)),
      preferredAffinity: list(affinity.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution)
        .map((t) => term(t?.podAffinityTerm, Number(t?.weight) || 0)),
      preferredAntiAffinity: list(affinity.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution)
        .map((t) => term(t?.podAffinityTerm, Number(t?.weight) || 0)),
      hardSpread: spread.filter((s) => s.raw?.whenUnsatisfiable !== 'ScheduleAnyway').map((s) => s.constraint),
      softSpread: spread.filter((s) => s.raw?.whenUnsatisfiable === 'ScheduleAnyway').map((s) => s.constraint),
      rwoClaims,
      ...rollout(obj),
    });
  });
  return shapes;
}

function claimKey(namespace: string | undefined, name: string): string {
  return `${namespace ?? 'default'}/${name}`;
}

function affinityTerm(raw: any, weight: number, labels: Record<string, string>, namespace: string,
  namespaceLabels: ReadonlyMap<string, Record<string, string>>): AffinityTerm {
  const names: string[] = Array.isArray(raw?.namespaces) ? raw.namespaces : [];
  const nsSelector = raw?.namespaceSelector;
  let namespaces: ReadonlySet<string> | '*';
  if (nsSelector !== undefined && nsSelector !== null) {
    const empty = Object.keys(nsSelector.matchLabels ?? {}).length === 0 && (nsSelector.matchExpressions ?? []).length === 0;
    namespaces = empty ? '*' : new Set([...names, ...[...namespaceLabels.entries()]
      .filter(([, l]) => Object.entries(nsSelector.matchLabels ?? {}).every(([k, v]) => l[k] === v))
      .map(([n]) => n)]);
  } else {
    namespaces = new Set(names.length > 0 ? names : [namespace]);
  }
  return {
    selector: withLabelKeys(raw?.labelSelector, labels, raw?.matchLabelKeys, raw?.mismatchLabelKeys),
    namespaces,
    topologyKey: String(raw?.topologyKey ?? ''),
    weight,
  };
}

function spreadConstraint(raw: any, labels: Record<string, string>): SpreadConstraint {
  return {
    maxSkew: Number(raw?.maxSkew) || 1,
    topologyKey: String(raw?.topologyKey ?? ''),
    selector: withLabelKeys(raw?.labelSelector, labels, raw?.matchLabelKeys, undefined),
    minDomains: Number(raw?.minDomains) || 1,
  };
}

/** The selector with `matchLabelKeys` (key In [own value]) and `mismatchLabelKeys` (key NotIn [own value]) merged in. */
function withLabelKeys(selector: any, labels: Record<string, string>, match: unknown, mismatch: unknown): any {
  if (selector === undefined || selector === null) return null;
  const extra: any[] = [];
  const add = (keys: unknown, operator: string): void => {
    for (const key of Array.isArray(keys) ? keys : []) {
      if (typeof key === 'string' && Object.prototype.hasOwnProperty.call(labels, key)) extra.push({ key, operator, values: [labels[key]] });
    }
  };
  add(match, 'In');
  add(mismatch, 'NotIn');
  return extra.length === 0 ? selector : { ...selector, matchExpressions: [...(selector.matchExpressions ?? []), ...extra] };
}

/** maxSurge / maxUnavailable of a Deployment's RollingUpdate (defaults 25% / 25%); none for other kinds. */
function rollout(obj: KubeObject): Pick<SchedulingShape, 'surge' | 'unavailable'> {
  const strategy = obj.spec?.strategy;
  if (obj.kind !== 'Deployment') return { surge: () => 0, unavailable: () => 1 };
  if (strategy?.type === 'Recreate') return { surge: () => 0, unavailable: (replicas) => replicas };
  const rolling = strategy?.rollingUpdate ?? {};
  return {
    surge: (replicas) => resolve(rolling.maxSurge ?? '25%', replicas, Math.ceil),
    unavailable: (replicas) => resolve(rolling.maxUnavailable ?? '25%', replicas, Math.floor),
  };
}

/** An int-or-percent rollout field at `replicas` (percentages rounded as the Deployment controller does). */
function resolve(value: unknown, replicas: number, round: (n: number) => number): number {
  if (typeof value === 'number') return value;
  const match = /^(\d+)%$/.exec(String(value));
  return match ? round((Number(match[1]) * replicas) / 100) : 0;
}
