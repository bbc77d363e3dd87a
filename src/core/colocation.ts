import { KubeObject, podLabelsOf, podSpecOf } from './manifest';
import { selectorMatches } from './selector';

/** The node topology key: a pod affinity term on it means "on the same node". */
export const HOSTNAME_TOPOLOGY_KEY = 'kubernetes.io/hostname';

/**
 * Whether all pods of a workload must run on one node: its pod template has a *required*
 * pod-affinity term on `kubernetes.io/hostname` whose selector matches the template's own
 * labels (what `renderPodTemplate({ colocate: true })` renders so the replicas can share a
 * ReadWriteOnce disk). The scheduler lets the first pod satisfy the term by matching itself,
 * and every later pod must then join a node that runs one of them: in effect, all on one node.
 *
 * A term counts when:
 *   - `topologyKey` is `kubernetes.io/hostname`;
 *   - its `labelSelector` has at least one requirement (an empty selector matches every pod,
 *     so it does not pin the workload to its own pods), every `matchLabels` pair is among the
 *     template labels and every `matchExpressions` requirement holds for them;
 *   - no `mismatchLabelKeys` key is among the template labels (that would exclude its own pods);
 *   - it looks in the pod's own namespace: no `namespaces` and no `namespaceSelector`, or a
 *     `namespaces` list that names the workload's namespace, or an empty `namespaceSelector` ({}).
 *
 * Simplification (pessimistic): when other workloads' pods also match the selector, the real
 * constraint is weaker (a pod may join any matching pod); the planner still packs the workload
 * on one node. Preferred (weighted) terms and anti-affinity are ignored.
 */
export function colocatesOnOneNode(obj: KubeObject): boolean {
  const spec = podSpecOf(obj);
  const terms: unknown = spec?.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (!Array.isArray(terms)) return false;
  const labels = podLabelsOf(obj) ?? {};
  return terms.some((term) => selectsOwnPods(term, labels, obj.metadata.namespace));
}

function selectsOwnPods(term: any, labels: Record<string, string>, namespace: string | undefined): boolean {
  if (term?.topologyKey !== HOSTNAME_TOPOLOGY_KEY) return false;
  if (!inOwnNamespace(term, namespace)) return false;
  const selector = term.labelSelector;
  if (selector === null || typeof selector !== 'object') return false; // a null selector matches no pod
  const expressions = Array.isArray(selector.matchExpressions) ? selector.matchExpressions.length : 0;
  const requirements = Object.keys(selector.matchLabels ?? {}).length + expressions;
  // an empty selector matches every pod, so it does not pin the workload to its own pods
  if (requirements === 0 || !selectorMatches(selector, labels, false)) return false;
  const mismatch: unknown[] = Array.isArray(term.mismatchLabelKeys) ? term.mismatchLabelKeys : [];
  return !mismatch.some((key) => typeof key === 'string' && Object.prototype.hasOwnProperty.call(labels, key));
}

function inOwnNamespace(term: any, namespace: string | undefined): boolean {
  const namespaces: unknown[] = Array.isArray(term.namespaces) ? term.namespaces : [];
  const selector = term.namespaceSelector;
  const noSelector = selector === undefined || selector === null;
  if (namespaces.length === 0 && noSelector) return true;
  if (namespace !== undefined && namespaces.includes(namespace)) return true;
  return !noSelector && typeof selector === 'object'
    && Object.keys(selector.matchLabels ?? {}).length === 0
    && (!Array.isArray(selector.matchExpressions) || selector.matchExpressions.length === 0);
}
