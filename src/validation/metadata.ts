// Object metadata: names per kind, labels, annotations, label selectors.
// k8s pkg/apis/core/validation/validation.go ValidateObjectMeta / ValidateServiceName /
// ValidateNamespaceName; apimachinery ValidateLabels, ValidateAnnotations, ValidateLabelSelector;
// pkg/apis/batch/validation ValidateCronJob (52) and the job-name label; apps' pod labels.
import { ALLOWED, isDns1035Label, isDns1123Label, isDns1123Subdomain, isLabelValue, isPathSegmentName, isQualifiedName } from './names';
import { entriesOf, itemsOf, key, Report } from './types';
import { KubeObject } from '../core/manifest';
import { MAX_ANNOTATIONS_BYTES, utf8Bytes } from '../core/validate';


type NameRule = { readonly ok: (name: unknown) => boolean; readonly allowed: string };

const subdomain = (max: number, why?: string): NameRule => ({
  ok: n => isDns1123Subdomain(n, max),
  allowed: ALLOWED.dns1123Subdomain(max) + (why ? ` (${why})` : ''),
});
const label = (max: number, why?: string): NameRule => ({
  ok: n => isDns1123Label(n, max),
  allowed: ALLOWED.dns1123Label(max) + (why ? ` (${why})` : ''),
});
const pathSegment: NameRule = { ok: isPathSegmentName, allowed: ALLOWED.pathSegment };

/** Name rules that differ from the default (DNS-1123 subdomain, also what CRDs' objects get). */
const NAME_RULES: Readonly<Record<string, NameRule>> = {
  Service: { ok: isDns1035Label, allowed: ALLOWED.dns1035Label },
  Namespace: label(63),
  // pods are named <name>-<ordinal> and used as their hostname; the controller-revision-hash label is <name>-<10-char hash>
  StatefulSet: label(52, 'its pods need the controller-revision-hash label <name>-<hash> within 63 characters'),
  // ValidateCronJob: Job names are <name>-<11 characters at most>
  CronJob: subdomain(52, "its Jobs are named <name>-<schedule time>, which must fit the 63-character 'job-name' label"),
  // every pod gets the label batch.kubernetes.io/job-name: <name>
  Job: subdomain(63, "its pods get the label 'job-name: <name>', at most 63 characters"),
  Role: pathSegment,
  ClusterRole: pathSegment,
  RoleBinding: pathSegment,
  ClusterRoleBinding: pathSegment,
};
const DEFAULT_NAME_RULE = subdomain(253);

/** metadata.name (per kind), metadata.namespace, labels and annotations. */
export function checkObjectMeta(obj: KubeObject, report: Report): void {
  const rule = NAME_RULES[obj.kind] ?? DEFAULT_NAME_RULE;
  if (!rule.ok(obj.metadata?.name)) report('metadata.name', obj.metadata?.name, rule.allowed);
  const namespace = obj.metadata?.namespace;
  if (namespace !== undefined && !isDns1123Label(namespace)) report('metadata.namespace', namespace, ALLOWED.dns1123Label());
  checkMeta(obj.metadata, 'metadata', report);
}

/** Labels and annotations of a metadata block (an object's or a pod template's). */
export function checkMeta(meta: any, path: string, report: Report): void {
  checkLabels(meta?.labels, key(path, 'labels'), report);
  checkAnnotations(meta?.annotations, key(path, 'annotations'), report);
}

/** ValidateLabels: qualified-name keys, label values. */
export function checkLabels(labels: unknown, path: string, report: Report): void {
  for (const [k, v] of entriesOf(labels)) {
    if (!isQualifiedName(k)) report(`${path} key`, k, ALLOWED.qualifiedName);
    if (!isLabelValue(v)) report(key(path, k), v, ALLOWED.labelValue);
  }
}

/** ValidateAnnotations: qualified-name keys (compared lower-cased), string values, 256 KiB in total. */
export function checkAnnotations(annotations: unknown, path: string, report: Report): void {
  let total = 0;
  for (const [k, v] of entriesOf(annotations)) {
    if (!isQualifiedName(k.toLowerCase())) report(`${path} key`, k, ALLOWED.qualifiedName);
    if (typeof v !== 'string') report(key(path, k), v, 'a string');
    total += utf8Bytes(k) + (typeof v === 'string' ? utf8Bytes(v) : 0); // the API server counts bytes
  }
  if (total > MAX_ANNOTATIONS_BYTES) {
    report(path, `${total} bytes`, `annotations of at most ${MAX_ANNOTATIONS_BYTES} bytes in total (keys and values)`);
  }
}

const SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/** ValidateLabelSelector: matchLabels as labels; matchExpressions keys, operators and values. */
export function checkLabelSelector(selector: any, path: string, report: Report): void {
  if (selector === undefined || selector === null) return;
  checkLabels(selector.matchLabels, key(path, 'matchLabels'), report);
  itemsOf(selector.matchExpressions).forEach((e, i) => {
    const p = `${path}.matchExpressions[${i}]`;
    if (!isQualifiedName(e?.key)) report(`${p}.key`, e?.key, ALLOWED.qualifiedName);
    if (!SELECTOR_OPERATORS.includes(e?.operator)) report(`${p}.operator`, e?.operator, `one of ${SELECTOR_OPERATORS.join(', ')}`);
    const values = itemsOf(e?.values);
    const wantsValues = e?.operator === 'In' || e?.operator === 'NotIn';
    if (wantsValues && values.length === 0) report(`${p}.values`, e?.values, `at least one value for operator ${e.operator}`);
    if (!wantsValues && values.length > 0) report(`${p}.values`, e?.values, `no values for operator ${e?.operator}`);
    values.forEach((v, j) => {
      if (!isLabelValue(v)) report(`${p}.values[${j}]`, v, ALLOWED.labelValue);
    });
  });
}
