// Checks across objects: one object per kind/namespace/name in the whole App (the API server keeps
// only the last of two; `kubectl kustomize` refuses them), and Service selectors that select the pods
// of more than one workload (traffic and endpoints of one workload leak to the other).
import { ValidationFinding } from './types';
import { KubeObject, podLabelsOf } from '../core/manifest';
import { selectorMatches } from '../core/selector';

/** Kinds that live outside namespaces: their identity ignores metadata.namespace. */
const CLUSTER_SCOPED = new Set(['Namespace', 'Node', 'PersistentVolume', 'StorageClass', 'ClusterRole', 'ClusterRoleBinding',
  'CustomResourceDefinition', 'PriorityClass', 'IngressClass', 'RuntimeClass', 'APIService', 'CSIDriver', 'VolumeSnapshotClass',
  'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'ClusterIssuer', 'ClusterSecretStore', 'GatewayClass']);

/** `group/Kind`: objects of one resource served under two versions are the same object. */
function groupKind(obj: KubeObject): string {
  const api = typeof obj.apiVersion === 'string' ? obj.apiVersion : '';
  return `${api.includes('/') ? api.split('/')[0] : ''}/${obj.kind}`;
}

/** The identity the API server stores an object under. */
export function identity(obj: KubeObject): string {
  const namespace = CLUSTER_SCOPED.has(obj.kind) ? '' : obj.metadata?.namespace ?? '';
  return `${groupKind(obj)}|${namespace}|${obj.metadata?.name}`;
}

/** A finding on every object whose kind/namespace/name an earlier object already has. */
export function checkUnique(objects: readonly KubeObject[]): ValidationFinding[] {
  const first = new Map<string, number>();
  const findings: ValidationFinding[] = [];
  objects.forEach((obj, index) => {
    const id = identity(obj);
    const earlier = first.get(id);
    if (earlier === undefined) {
      first.set(id, index);
      return;
    }
    findings.push({
      kind: obj.kind,
      namespace: obj.metadata?.namespace,
      name: obj.metadata?.name,
      index,
      related: earlier,
      field: 'metadata.name',
      value: obj.metadata?.name,
      allowed: `a name no other ${obj.kind}${obj.metadata?.namespace && !CLUSTER_SCOPED.has(obj.kind) ? ` in namespace ${obj.metadata.namespace}` : ''} of the App has (the API server would keep only one of the two)`,
    });
  });
  return findings;
}

/** A finding on every Service whose selector matches the pod labels of two or more workloads. */
export function checkSelectorOverlap(objects: readonly KubeObject[]): ValidationFinding[] {
  const workloads = objects
    .map((obj, index) => ({ obj, index, labels: podLabelsOf(obj) })) // workloads that run pods (not a PodTemplate)
    .filter(w => w.labels && typeof w.labels === 'object');
  const findings: ValidationFinding[] = [];
  objects.forEach((svc, index) => {
    const selector = svc.kind === 'Service' ? svc.spec?.selector : undefined;
    if (!selector || typeof selector !== 'object' || Object.keys(selector).length === 0) return;
    const selected = workloads.filter(w => (w.obj.metadata?.namespace ?? '') === (svc.metadata?.namespace ?? '')
      && selectorMatches({ matchLabels: selector }, w.labels, false));
    if (selected.length < 2) return;
    const names = selected.map(w => `${w.obj.kind}/${w.obj.metadata?.name}`);
    findings.push({
      kind: svc.kind,
      namespace: svc.metadata?.namespace,
      name: svc.metadata?.name,
      index,
      related: selected[1].index,
      field: 'spec.selector',
      value: selector,
      allowed: `a selector that matches the pods of one workload; it matches ${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`,
    });
  });
  return findings;
}
