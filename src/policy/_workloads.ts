import { KubeObject, podLabelsOf } from '../core/manifest';

/** Whether two objects live in the same namespace (an unset namespace only equals unset). */
export function sameNamespace(a: KubeObject, b: KubeObject): boolean {
  return (a.metadata?.namespace ?? '') === (b.metadata?.namespace ?? '');
}

/** Every HorizontalPodAutoscaler among `objects` whose `scaleTargetRef` names `workload`. */
export function hpasTargeting(objects: readonly KubeObject[], workload: KubeObject): KubeObject[] {
  return objects.filter(o => o.kind === 'HorizontalPodAutoscaler'
    && sameNamespace(o, workload)
    && o.spec?.scaleTargetRef?.kind === workload.kind
    && o.spec?.scaleTargetRef?.name === workload.metadata.name);
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

/** The most pods a workload can run: `spec.replicas` (default 1) or any targeting HPA's `maxReplicas`. */
export function maxPods(objects: readonly KubeObject[], workload: KubeObject): number {
  const hpaMax = hpasTargeting(objects, workload).map(h => Number(h.spec?.maxReplicas ?? 0));
  return Math.max(replicasOf(workload), ...hpaMax);
}

/** The fewest pods a workload normally runs: the HPA's `minReplicas` (default 1) if targeted, else `spec.replicas`. */
export function minPods(objects: readonly KubeObject[], workload: KubeObject): number {
  const hpas = hpasTargeting(objects, workload);
  if (hpas.length > 0) return Math.min(...hpas.map(h => Number(h.spec?.minReplicas ?? 1)));
  return replicasOf(workload);
}

/** The pod labels of a workload, `{}` when it has none. */
export function podLabels(workload: KubeObject): Record<string, string> {
  return podLabelsOf(workload) ?? {};
}
