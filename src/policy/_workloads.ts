import { KubeObject, podLabelsOf } from '../core/manifest';

/** Whether two objects live in the same namespace (an unset namespace only equals unset). */
export function sameNamespace(a: KubeObject, b: KubeObject): boolean {
  return (a.metadata?.namespace ?? '') === (b.metadata?.namespace ?? '');
}

const targetKey = (namespace: string | undefined, kind: unknown, name: unknown) => JSON.stringify([namespace ?? '', kind, name]);

/** Pod counts of the workloads among some objects (see {@link podCounts}). */
export interface PodCounts {
  /** The most pods a workload can run: `spec.replicas` (default 1) or any targeting HPA's `maxReplicas`. */
  max(workload: KubeObject): number;
  /** The fewest pods a workload normally runs: the HPA's `minReplicas` (default 1) if targeted, else `spec.replicas`. */
  min(workload: KubeObject): number;
}

/** Indexes the HorizontalPodAutoscalers of `objects` by the workload they target, once per check (rules ask for every workload). */
export function podCounts(objects: readonly KubeObject[]): PodCounts {
  const byTarget = new Map<string, KubeObject[]>();
  for (const o of objects) {
    if (o.kind !== 'HorizontalPodAutoscaler') continue;
    const key = targetKey(o.metadata?.namespace, o.spec?.scaleTargetRef?.kind, o.spec?.scaleTargetRef?.name);
    byTarget.set(key, [...(byTarget.get(key) ?? []), o]);
  }
  const hpas = (w: KubeObject) => byTarget.get(targetKey(w.metadata?.namespace, w.kind, w.metadata.name)) ?? [];
  return {
    max: (w) => Math.max(replicasOf(w), ...hpas(w).map(h => Number(h.spec?.maxReplicas ?? 0))),
    min: (w) => {
      const targeting = hpas(w);
      return targeting.length > 0 ? Math.min(...targeting.map(h => Number(h.spec?.minReplicas ?? 1))) : replicasOf(w);
    },
  };
}

/** The workload an HPA targets, if it is among `objects`. */
export function hpaTarget(objects: readonly KubeObject[], hpa: KubeObject): KubeObject | undefined {
  const ref = hpa.spec?.scaleTargetRef;
  return objects.find(o => o.kind === ref?.kind && o.metadata?.name === ref?.name && sameNamespace(o, hpa));
}

function replicasOf(workload: KubeObject): number {
  const replicas = workload.spec?.replicas;
  return typeof replicas === 'number' ? replicas : 1; // the API default is 1
}

/** The pod labels of a workload, `{}` when it has none. */
export function podLabels(workload: KubeObject): Record<string, string> {
  return podLabelsOf(workload) ?? {};
}
