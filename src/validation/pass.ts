/**
 * The whole-app validation pass: the Kubernetes API server's own rules that its OpenAPI schema does
 * not carry (names per kind, label and annotation syntax and size, quantities, int32 ranges, pod specs,
 * ConfigMap/Secret keys and sizes, Ingress/HTTPRoute paths, HPA metrics), the CRD schemas of custom
 * resources, and the checks across objects (unique kind/namespace/name, Service selectors that select
 * two workloads). Pure: it reads synthesized JSON only (`KubeObject`), any cdk8s output or YAML.
 */
import { checkConfigMap, checkSecret } from './config';
import { checkCustomResource } from './crds';
import { checkHpa } from './hpa';
import { checkObjectMeta } from './metadata';
import { checkWorkload } from './pods';
import { checkQuantityMap } from './quantities';
import { checkHttpRoute, checkIngress } from './routes';
import { checkClaim, checkNetworkPolicy, checkPdb, checkService } from './services';
import { ObjectCheck, Report, ValidationFinding } from './types';
import { checkSelectorOverlap, checkUnique } from './unique';
import { isList, KubeObject } from '../core/manifest';

/** Checks per kind, after the metadata checks every object gets. */
const CHECKS_BY_KIND: Readonly<Record<string, readonly ObjectCheck[]>> = {
  Pod: [checkWorkload],
  PodTemplate: [checkWorkload],
  Deployment: [checkWorkload],
  StatefulSet: [checkWorkload],
  DaemonSet: [checkWorkload],
  ReplicaSet: [checkWorkload],
  ReplicationController: [checkWorkload],
  Job: [checkWorkload],
  CronJob: [checkWorkload],
  Service: [checkService],
  ConfigMap: [checkConfigMap],
  Secret: [checkSecret],
  Ingress: [checkIngress],
  HTTPRoute: [checkHttpRoute],
  HorizontalPodAutoscaler: [checkHpa],
  PersistentVolumeClaim: [checkClaim],
  PodDisruptionBudget: [checkPdb],
  NetworkPolicy: [checkNetworkPolicy],
  ResourceQuota: [(o, r) => checkQuantityMap(o.spec?.hard, 'spec.hard', r)],
  PersistentVolume: [(o, r) => checkQuantityMap(o.spec?.capacity, 'spec.capacity', r)],
};

/** One object to check: itself or an item of a `List`, with where its findings go. */
interface Entry {
  readonly obj: KubeObject;
  /** Index of the object in the input (the List's, for an item). */
  readonly index: number;
  /** Field prefix: `items[2].` for a List item (`items[0].items[2].` nested), else empty. */
  readonly prefix: string;
}

/** Every object, lists (`List`, `ConfigMapList`, nested ones: core/manifest `isList`) replaced by their items. */
function flatten(objects: readonly KubeObject[]): Entry[] {
  const entries: Entry[] = [];
  const visit = (obj: KubeObject, index: number, prefix: string) => {
    if (isList(obj)) obj.items.forEach((item: KubeObject, i: number) => visit(item, index, `${prefix}items[${i}].`));
    else entries.push({ obj, index, prefix });
  };
  objects.forEach((obj, index) => visit(obj, index, ''));
  return entries;
}

function checkOne(entry: Entry, findings: ValidationFinding[]): void {
  const { obj, index, prefix } = entry;
  const meta: any = obj && typeof obj === 'object' ? obj.metadata ?? {} : {};
  const report: Report = (field, value, allowed, related) => findings.push({
    kind: typeof obj?.kind === 'string' ? obj.kind : String(obj?.kind),
    namespace: meta.namespace,
    name: meta.name,
    field: prefix + field,
    value,
    allowed,
    index,
    ...(related !== undefined ? { related } : {}),
  });
  if (!obj || typeof obj !== 'object') {
    report('', obj, 'a Kubernetes object');
    return;
  }
  if (typeof obj.apiVersion !== 'string' || obj.apiVersion === '') report('apiVersion', obj.apiVersion, 'an API version such as v1 or apps/v1');
  if (typeof obj.kind !== 'string' || obj.kind === '') report('kind', obj.kind, 'a kind such as ConfigMap');
  checkObjectMeta(obj, report);
  for (const check of CHECKS_BY_KIND[obj.kind] ?? [checkCustomResource]) check(obj, report);
}

/**
 * Every finding of the pass over `objects` (all charts of an App, in any order): per object first, then
 * across objects. Findings on an item of a `List` carry the List's index and an `items[i].` field.
 */
export function validateObjects(objects: readonly KubeObject[]): ValidationFinding[] {
  const entries = flatten(objects);
  const findings: ValidationFinding[] = [];
  for (const entry of entries) checkOne(entry, findings);
  const valid = entries.filter(e => e.obj && typeof e.obj === 'object');
  const across = [...checkUnique(valid.map(e => e.obj)), ...checkSelectorOverlap(valid.map(e => e.obj))];
  for (const f of across) {
    const entry = valid[f.index];
    const related = f.related !== undefined ? { related: valid[f.related].index } : {};
    findings.push({ ...f, index: entry.index, field: entry.prefix + f.field, ...related });
  }
  return findings;
}
