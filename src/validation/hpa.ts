// HorizontalPodAutoscaler (autoscaling/v2): k8s pkg/apis/autoscaling/validation/validation.go
// ValidateHorizontalPodAutoscalerSpec, ValidateCrossVersionObjectReference, validateMetrics,
// validateMetricTarget, validateMetricIdentifier, validateBehavior.
import { checkLabelSelector } from './metadata';
import { ALLOWED, checkInt, checkLabelName, isPathSegmentName, isQualifiedName } from './names';
import { checkQuantity } from './quantities';
import { itemsOf, Report } from './types';
import { KubeObject } from '../core/manifest';

const SOURCES: Readonly<Record<string, { field: string; targets: readonly string[] }>> = {
  Object: { field: 'object', targets: ['Value', 'AverageValue'] },
  Pods: { field: 'pods', targets: ['AverageValue'] },
  Resource: { field: 'resource', targets: ['Utilization', 'AverageValue'] },
  ContainerResource: { field: 'containerResource', targets: ['Utilization', 'AverageValue'] },
  External: { field: 'external', targets: ['Value', 'AverageValue'] },
};
/** The field each target type reads. */
const TARGET_FIELDS: Readonly<Record<string, string>> = { Utilization: 'averageUtilization', Value: 'value', AverageValue: 'averageValue' };

function checkReference(ref: any, path: string, report: Report): void {
  if (!isPathSegmentName(ref?.kind)) report(`${path}.kind`, ref?.kind, `a kind: ${ALLOWED.pathSegment}`);
  if (!isPathSegmentName(ref?.name)) report(`${path}.name`, ref?.name, `an object name: ${ALLOWED.pathSegment}`);
}

/** validateMetricIdentifier: a path-segment name and a label selector. */
function checkMetricIdentifier(metric: any, path: string, report: Report): void {
  if (!isPathSegmentName(metric?.name)) report(`${path}.name`, metric?.name, `a metric name: ${ALLOWED.pathSegment}`);
  checkLabelSelector(metric?.selector, `${path}.selector`, report);
}

/** validateMetricTarget: the type's own field set, and positive. */
function checkTarget(target: any, allowedTypes: readonly string[], path: string, report: Report): void {
  const type = target?.type;
  if (!allowedTypes.includes(type)) {
    report(`${path}.type`, type, `one of ${allowedTypes.join(', ')} for this metric source`);
    return;
  }
  const field = TARGET_FIELDS[type];
  for (const other of Object.values(TARGET_FIELDS)) {
    if (other !== field && target[other] !== undefined) report(`${path}.${other}`, target[other], `nothing: target type ${type} reads ${field}`);
  }
  if (target[field] === undefined) {
    report(`${path}.${field}`, undefined, `a value: target type ${type} reads ${field}`);
  } else if (field === 'averageUtilization') {
    checkInt(report, `${path}.averageUtilization`, target.averageUtilization, 1);
  } else {
    checkQuantity(report, `${path}.${field}`, target[field], true);
  }
}

function checkMetric(metric: any, path: string, report: Report): void {
  const source = SOURCES[metric?.type];
  if (!source) {
    report(`${path}.type`, metric?.type, `one of ${Object.keys(SOURCES).join(', ')}`);
    return;
  }
  for (const other of Object.values(SOURCES)) {
    if (other !== source && metric[other.field] !== undefined) report(`${path}.${other.field}`, '…', `nothing: metric type ${metric.type} reads ${source.field}`);
  }
  const body = metric[source.field];
  const p = `${path}.${source.field}`;
  if (!body) {
    report(p, body, `a ${source.field} block for metric type ${metric.type}`);
    return;
  }
  if (metric.type === 'Resource' || metric.type === 'ContainerResource') {
    if (!isQualifiedName(body.name)) report(`${p}.name`, body.name, `a resource name such as cpu or memory (${ALLOWED.qualifiedName})`);
    if (metric.type === 'ContainerResource') checkLabelName(report, `${p}.container`, body.container);
  } else {
    checkMetricIdentifier(body.metric, `${p}.metric`, report);
  }
  if (metric.type === 'Object') checkReference(body.describedObject, `${p}.describedObject`, report);
  checkTarget(body.target, source.targets, `${p}.target`, report);
}

function checkScalingRules(rules: any, path: string, report: Report): void {
  if (!rules) return;
  checkInt(report, `${path}.stabilizationWindowSeconds`, rules.stabilizationWindowSeconds, 0, 3600);
  if (rules.selectPolicy !== undefined && !['Max', 'Min', 'Disabled'].includes(rules.selectPolicy)) {
    report(`${path}.selectPolicy`, rules.selectPolicy, 'Max, Min or Disabled');
  }
  itemsOf(rules.policies).forEach((policy, i) => {
    const p = `${path}.policies[${i}]`;
    if (!['Pods', 'Percent'].includes(policy?.type)) report(`${p}.type`, policy?.type, 'Pods or Percent');
    checkInt(report, `${p}.value`, policy?.value ?? null, 1);
    checkInt(report, `${p}.periodSeconds`, policy?.periodSeconds ?? null, 1, 1800);
  });
}

/** The HPA's target, replica bounds, metrics and behavior. */
export function checkHpa(obj: KubeObject, report: Report): void {
  const spec = obj.spec ?? {};
  checkReference(spec.scaleTargetRef, 'spec.scaleTargetRef', report);
  checkInt(report, 'spec.minReplicas', spec.minReplicas, 1);
  checkInt(report, 'spec.maxReplicas', spec.maxReplicas ?? null, 1);
  if (Number.isInteger(spec.minReplicas) && Number.isInteger(spec.maxReplicas) && spec.maxReplicas < spec.minReplicas) {
    report('spec.maxReplicas', spec.maxReplicas, `at least spec.minReplicas (${spec.minReplicas})`);
  }
  itemsOf(spec.metrics).forEach((m, i) => checkMetric(m, `spec.metrics[${i}]`, report));
  checkScalingRules(spec.behavior?.scaleUp, 'spec.behavior.scaleUp', report);
  checkScalingRules(spec.behavior?.scaleDown, 'spec.behavior.scaleDown', report);
}
