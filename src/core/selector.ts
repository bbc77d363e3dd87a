/**
 * Kubernetes label selector semantics (`matchLabels` AND `matchExpressions`).
 *
 * @param selector a `LabelSelector` as JSON
 * @param labels the labels of the candidate pod
 * @param whenAbsent what an absent (null) selector means: NetworkPolicy `podSelector` treats it
 *   like `{}` (all pods), a PodDisruptionBudget's null selector matches no pods
 * @returns whether the selector selects the labels. `{}` selects everything.
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors
 */
export function selectorMatches(selector: any, labels: Record<string, string> | undefined, whenAbsent: boolean): boolean {
  if (selector === undefined || selector === null) return whenAbsent;
  const have = labels ?? {};
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (have[key] !== value) return false;
  }
  for (const expr of selector.matchExpressions ?? []) {
    if (!expressionMatches(expr, have)) return false;
  }
  return true;
}

function expressionMatches(expr: any, labels: Record<string, string>): boolean {
  const present = Object.prototype.hasOwnProperty.call(labels, expr?.key);
  const values: string[] = Array.isArray(expr?.values) ? expr.values : [];
  switch (expr?.operator) {
    case 'In': return present && values.includes(labels[expr.key]);
    case 'NotIn': return !present || !values.includes(labels[expr.key]);
    case 'Exists': return present;
    case 'DoesNotExist': return !present;
    default: return false; // unknown operators select nothing, as the API server would reject them
  }
}
