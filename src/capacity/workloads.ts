import { podRequestOf } from './pod-requests';
import { colocatesOnOneNode } from '../core/colocation';
import { KubeObject, locatePodTemplate, objectId, podSpecOf, SCALABLE_KINDS } from '../core/manifest';
import { compare } from '../core/order';
import { show } from '../core/validate';

/** Where a workload's replica bounds come from. */
export type ReplicaSource =
  /** `spec.replicas` of a Deployment, StatefulSet or ReplicaSet. */
  | 'spec.replicas'
  /** `spec.replicas` absent: Kubernetes defaults it to 1. */
  | 'default'
  /** A HorizontalPodAutoscaler targeting the workload: its minReplicas/maxReplicas. */
  | 'hpa'
  /** A Job or CronJob: its parallelism (capped by completions) at both bounds. */
  | 'parallelism'
  /** A DaemonSet: one pod per node, so min/max follow the pool's min/max nodes. */
  | 'per-node'
  /** A bare Pod. */
  | 'pod';

/** One workload's pod request and replica bounds. */
export interface Workload {
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
  /** Pods at the low end (for a DaemonSet: per node). */
  readonly minReplicas: number;
  /** Pods at the high end (for a DaemonSet: per node). */
  readonly maxReplicas: number;
  /** Where the bounds come from. */
  readonly replicaSource: ReplicaSource;
  /** The HPA that sets the bounds, when `replicaSource` is `hpa`. */
  readonly hpa?: string;
  /** `container: resource` pairs without a request (counted as 0). */
  readonly missingRequests: readonly string[];
  /**
   * `true` when all its pods must run on one node (a required pod affinity to its own pods on
   * `kubernetes.io/hostname`, see `colocatesOnOneNode`); absent otherwise. Never set on a
   * DaemonSet (one pod per node by construction).
   */
  readonly colocated?: boolean;
}

/** The workloads found in a set of objects, plus notes about what could not be matched. */
export interface WorkloadScan {
  /** Sorted by id. */
  readonly workloads: readonly Workload[];
  /** Human-readable notes (HPA without target, several HPAs on one workload). */
  readonly notes: readonly string[];
}

const HPA_KIND = 'HorizontalPodAutoscaler';

/**
 * Finds every pod-running object and its replica bounds. Throws an `Error` (without the
 * environment prefix; the caller adds it) naming the object and field on bad input:
 * unparseable quantities, negative or non-integer replica counts, HPA min > max.
 */
export function scanWorkloads(objects: readonly KubeObject[]): WorkloadScan {
  const notes: string[] = [];
  const hpas = objects.filter((o) => o.kind === HPA_KIND).sort((a, b) => compare(objectId(a), objectId(b)));
  // one pass over the scalable objects, then one lookup per HPA (a search per HPA was quadratic)
  const scalable = new Map<string, KubeObject>();
  for (const o of objects) {
    const key = targetKey(o.kind, o.metadata.namespace, o.metadata.name);
    if (SCALABLE_KINDS.includes(o.kind) && !scalable.has(key)) scalable.set(key, o);
  }
  const hpaOf = new Map<KubeObject, KubeObject>();
  for (const hpa of hpas) {
    const ref = hpa.spec?.scaleTargetRef;
    const target = scalable.get(targetKey(ref?.kind, hpa.metadata.namespace, ref?.name));
    if (!target) {
      notes.push(`${objectId(hpa)} targets ${ref?.kind ?? '?'}/${ref?.name ?? '?'}, which is not among the synthesized workloads; ignored`);
      continue;
    }
    const existing = hpaOf.get(target);
    if (existing) {
      notes.push(`${objectId(target)} is targeted by both ${objectId(existing)} and ${objectId(hpa)}; using ${objectId(existing)}`);
      continue;
    }
    hpaOf.set(target, hpa);
  }

  const workloads: Workload[] = [];
  for (const obj of objects) {
    const podSpec = podSpecOf(obj);
    if (podSpec === undefined) continue;
    const id = objectId(obj);
    const request = withContext(id, () => podRequestOf(podSpec, locatePodTemplate(obj)?.metadata?.annotations));
    const hpa = hpaOf.get(obj);
    const bounds = withContext(hpa ? objectId(hpa) : id, () => replicaBounds(obj, hpa));
    const colocated = bounds.source !== 'per-node' && colocatesOnOneNode(obj);
    workloads.push({
      id,
      kind: obj.kind,
      name: obj.metadata.name,
      ...(obj.metadata.namespace !== undefined ? { namespace: obj.metadata.namespace } : {}),
      podCpuMillis: request.cpuMillis,
      podMemoryMiB: request.memoryMiB,
      minReplicas: bounds.min,
      maxReplicas: bounds.max,
      replicaSource: bounds.source,
      ...(hpa ? { hpa: objectId(hpa) } : {}),
      missingRequests: request.missingRequests,
      ...(colocated ? { colocated: true } : {}),
    });
  }
  workloads.sort((a, b) => compare(a.id, b.id));
  return { workloads, notes: notes.sort(compare) };
}

function replicaBounds(obj: KubeObject, hpa: KubeObject | undefined): { min: number; max: number; source: ReplicaSource } {
  if (hpa) {
    const min = count(hpa.spec?.minReplicas, 'spec.minReplicas', 1);
    const max = count(hpa.spec?.maxReplicas, 'spec.maxReplicas', undefined);
    if (min > max) throw new Error(`invalid spec.minReplicas ${min}: use at most spec.maxReplicas (${max})`);
    return { min, max, source: 'hpa' };
  }
  switch (obj.kind) {
    case 'Pod':
      return { min: 1, max: 1, source: 'pod' };
    case 'DaemonSet':
      return { min: 1, max: 1, source: 'per-node' };
    case 'Job':
    case 'CronJob': {
      const jobSpec = obj.kind === 'Job' ? obj.spec : obj.spec?.jobTemplate?.spec;
      const prefix = obj.kind === 'Job' ? 'spec' : 'spec.jobTemplate.spec';
      const parallelism = count(jobSpec?.parallelism, `${prefix}.parallelism`, 1);
      const completions = jobSpec?.completions === undefined || jobSpec?.completions === null
        ? parallelism
        : count(jobSpec.completions, `${prefix}.completions`, 1);
      const pods = Math.min(parallelism, completions);
      return { min: pods, max: pods, source: 'parallelism' };
    }
    default: {
      const replicas = count(obj.spec?.replicas, 'spec.replicas', 1);
      return { min: replicas, max: replicas, source: obj.spec?.replicas === undefined ? 'default' : 'spec.replicas' };
    }
  }
}

/** A replica-like count: an integer ≥ 0, or the default when absent. */
function count(value: unknown, field: string, fallback: number | undefined): number {
  if (value === undefined || value === null) {
    if (fallback === undefined) throw new Error(`invalid ${field} ${show(value)}: it is required; use an integer ≥ 1`);
    return fallback;
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new Error(`invalid ${field} ${show(value)}: use an integer ≥ 0`);
  }
  return value;
}

function targetKey(kind: unknown, namespace: unknown, name: unknown): string {
  return JSON.stringify([kind ?? null, namespace ?? null, name ?? null]);
}

function withContext<T>(where: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw new Error(`${where}: ${(error as Error).message}`);
  }
}
