// Pod templates of every pod-bearing kind: k8s pkg/apis/core/validation/validation.go ValidatePodSpec
// (validateContainers, validateInitContainers, ValidateVolumes, validateVolumeMounts, ValidateEnv,
// validateEnvFrom, validateContainerPorts, validateProbe, validateTopologySpreadConstraints), plus the
// workload fields of pkg/apis/apps/validation and pkg/apis/batch/validation (replicas, minReadySeconds,
// history limits, selector matching the template labels).
import { checkLabels, checkLabelSelector, checkMeta } from './metadata';
import {
  ALLOWED, checkConfigMapKey, checkInt, checkLabelName, checkPort, checkSubdomain, isDns1123Label, isEnvVarName, isPortName, isQualifiedName,
} from './names';
import { checkQuantity, checkQuantityMap, checkResources } from './quantities';
import { at, entriesOf, itemsOf, key, Report } from './types';
import { KubeObject, locatePodTemplate } from '../core/manifest';
import { selectorMatches } from '../core/selector';

/** Field paths `kubectl explain pod` lists for `env[].valueFrom.fieldRef.fieldPath` (validEnvDownwardAPIFieldPathExpressions). */
const ENV_FIELD_PATHS = ['metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName',
  'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs'];
const ENV_FIELD_PATH_SUBSCRIPT = /^metadata\.(labels|annotations)\['(.+)'\]$/;

const RESTART_POLICIES: Readonly<Record<string, readonly string[]>> = {
  Job: ['OnFailure', 'Never'],
  CronJob: ['OnFailure', 'Never'],
  Pod: ['Always', 'OnFailure', 'Never'],
  PodTemplate: ['Always', 'OnFailure', 'Never'],
};

/** Workload fields and the pod template of a pod-bearing object. */
export function checkWorkload(obj: KubeObject, report: Report): void {
  const template = locatePodTemplate(obj);
  if (!template) return;
  const spec = obj.spec ?? {};
  if (['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController'].includes(obj.kind)) checkInt(report, 'spec.replicas', spec.replicas, 0);
  if (['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController'].includes(obj.kind)) {
    checkInt(report, 'spec.minReadySeconds', spec.minReadySeconds, 0);
  }
  if (['Deployment', 'StatefulSet', 'DaemonSet'].includes(obj.kind)) checkInt(report, 'spec.revisionHistoryLimit', spec.revisionHistoryLimit, 0);
  if (obj.kind === 'Deployment') {
    checkStrategy(spec.strategy, report);
    checkInt(report, 'spec.progressDeadlineSeconds', spec.progressDeadlineSeconds, 1);
    if (typeof spec.progressDeadlineSeconds === 'number' && spec.progressDeadlineSeconds <= (spec.minReadySeconds ?? 0)) {
      report('spec.progressDeadlineSeconds', spec.progressDeadlineSeconds, `more than spec.minReadySeconds (${spec.minReadySeconds})`);
    }
  }
  if (obj.kind === 'Job') checkJobSpec(spec, 'spec', report);
  if (obj.kind === 'CronJob') {
    if (typeof spec.schedule !== 'string' || spec.schedule.trim() === '') report('spec.schedule', spec.schedule, 'a cron schedule such as "0 3 * * *"');
    checkInt(report, 'spec.startingDeadlineSeconds', spec.startingDeadlineSeconds, 0);
    checkInt(report, 'spec.successfulJobsHistoryLimit', spec.successfulJobsHistoryLimit, 0);
    checkInt(report, 'spec.failedJobsHistoryLimit', spec.failedJobsHistoryLimit, 0);
    checkJobSpec(spec.jobTemplate?.spec ?? {}, 'spec.jobTemplate.spec', report);
  }
  const templateLabels = template.metadata?.labels ?? {};
  if (obj.kind === 'ReplicationController') {
    checkLabels(spec.selector, 'spec.selector', report);
    checkSelectorMatches(spec.selector, templateLabels, 'spec.selector', report);
  } else if (['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'].includes(obj.kind)) {
    checkLabelSelector(spec.selector, 'spec.selector', report);
    if (!spec.selector?.matchLabels && !spec.selector?.matchExpressions) report('spec.selector', spec.selector, 'a non-empty label selector');
    checkSelectorMatches(spec.selector?.matchLabels, templateLabels, 'spec.selector.matchLabels', report);
    // "selector does not match template labels" covers matchExpressions too
    if (spec.selector?.matchExpressions && !selectorMatches(spec.selector, templateLabels, false)) {
      report('spec.selector.matchExpressions', spec.selector.matchExpressions, 'expressions the pod template labels satisfy');
    }
  }
  if (obj.kind !== 'Pod') checkMeta(template.metadata, template.metadataPath, report);
  checkPodSpec(template.spec, template.specPath, report, RESTART_POLICIES[obj.kind] ?? ['Always']);
}

/** ValidateDeploymentStrategy: no rollingUpdate under Recreate; maxSurge and maxUnavailable not both 0. */
function checkStrategy(strategy: any, report: Report): void {
  if (strategy?.type === 'Recreate' && strategy.rollingUpdate !== undefined) {
    report('spec.strategy.rollingUpdate', strategy.rollingUpdate, 'unset when strategy.type is Recreate');
  }
  const rolling = strategy?.rollingUpdate;
  const zero = (v: unknown) => v === 0 || v === '0%' || v === '0';
  if (rolling && zero(rolling.maxSurge) && zero(rolling.maxUnavailable)) {
    report('spec.strategy.rollingUpdate.maxUnavailable', rolling.maxUnavailable, 'more than 0 when maxSurge is 0 (the rollout could never progress)');
  }
}

function checkJobSpec(spec: any, path: string, report: Report): void {
  for (const field of ['parallelism', 'completions', 'backoffLimit', 'ttlSecondsAfterFinished']) checkInt(report, `${path}.${field}`, spec[field], 0);
  checkInt(report, `${path}.activeDeadlineSeconds`, spec.activeDeadlineSeconds, 1, Number.MAX_SAFE_INTEGER);
}

/** "selector does not match template labels": every matchLabels pair must be on the pods. */
function checkSelectorMatches(matchLabels: unknown, podLabels: Record<string, string>, path: string, report: Report): void {
  for (const [k, v] of entriesOf(matchLabels)) {
    if (podLabels[k] !== v) report(key(path, k), v, `a label the pod template carries (the template has ${JSON.stringify(podLabels[k] ?? null)})`);
  }
}

/** ValidatePodSpec, for the parts the OpenAPI schema does not carry. */
export function checkPodSpec(spec: any, path: string, report: Report, restartPolicies: readonly string[]): void {
  if (!spec) {
    report(path, spec, 'a pod spec');
    return;
  }
  const volumes = checkVolumes(spec.volumes, `${path}.volumes`, report);
  const containerNames = new Map<string, string>();
  for (const list of ['initContainers', 'containers', 'ephemeralContainers']) {
    itemsOf(spec[list]).forEach((c, i) => {
      const p = `${path}.${list}[${i}]`;
      if (!isDns1123Label(c?.name)) report(`${p}.name`, c?.name, ALLOWED.dns1123Label());
      else if (containerNames.has(c.name)) report(`${p}.name`, c.name, `a container name unique in the pod (${containerNames.get(c.name)} has it)`);
      else containerNames.set(c.name, `${list}[${i}]`);
      checkContainer(c, p, volumes, report);
    });
  }
  if (itemsOf(spec.containers).length === 0) report(`${path}.containers`, spec.containers, 'at least one container');
  // unset means Always (the API server defaults it first), which a Job's pods may not use
  if (!restartPolicies.includes(spec.restartPolicy ?? 'Always')) {
    report(`${path}.restartPolicy`, spec.restartPolicy, `one of ${restartPolicies.join(', ')} for this kind (unset means Always)`);
  }
  checkInt(report, `${path}.terminationGracePeriodSeconds`, spec.terminationGracePeriodSeconds, 0, Number.MAX_SAFE_INTEGER);
  checkInt(report, `${path}.activeDeadlineSeconds`, spec.activeDeadlineSeconds, 1, Number.MAX_SAFE_INTEGER);
  if (spec.serviceAccountName !== undefined) checkSubdomain(report, `${path}.serviceAccountName`, spec.serviceAccountName);
  if (spec.hostname !== undefined) checkLabelName(report, `${path}.hostname`, spec.hostname);
  if (spec.subdomain !== undefined) checkLabelName(report, `${path}.subdomain`, spec.subdomain);
  checkLabels(spec.nodeSelector, `${path}.nodeSelector`, report);
  checkQuantityMap(spec.overhead, `${path}.overhead`, report);
  itemsOf(spec.imagePullSecrets).forEach((s, i) => checkSubdomain(report, `${path}.imagePullSecrets[${i}].name`, s?.name));
  itemsOf(spec.topologySpreadConstraints).forEach((t, i) => {
    const p = `${path}.topologySpreadConstraints[${i}]`;
    checkInt(report, `${p}.maxSkew`, t?.maxSkew, 1);
    checkInt(report, `${p}.minDomains`, t?.minDomains, 1);
    if (!isQualifiedName(t?.topologyKey)) report(`${p}.topologyKey`, t?.topologyKey, ALLOWED.qualifiedName);
    if (!['DoNotSchedule', 'ScheduleAnyway'].includes(t?.whenUnsatisfiable)) report(`${p}.whenUnsatisfiable`, t?.whenUnsatisfiable, 'DoNotSchedule or ScheduleAnyway');
    checkLabelSelector(t?.labelSelector, `${p}.labelSelector`, report);
  });
  for (const kind of ['podAffinity', 'podAntiAffinity']) {
    const a = spec.affinity?.[kind];
    itemsOf(a?.requiredDuringSchedulingIgnoredDuringExecution).forEach((term, i) => {
      const p = `${path}.affinity.${kind}.requiredDuringSchedulingIgnoredDuringExecution[${i}]`;
      if (!isQualifiedName(term?.topologyKey)) report(`${p}.topologyKey`, term?.topologyKey, ALLOWED.qualifiedName);
      checkLabelSelector(term?.labelSelector, `${p}.labelSelector`, report);
    });
    itemsOf(a?.preferredDuringSchedulingIgnoredDuringExecution).forEach((w, i) => {
      const p = `${path}.affinity.${kind}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
      checkInt(report, `${p}.weight`, w?.weight, 1, 100);
      if (!isQualifiedName(w?.podAffinityTerm?.topologyKey)) report(`${p}.podAffinityTerm.topologyKey`, w?.podAffinityTerm?.topologyKey, ALLOWED.qualifiedName);
      checkLabelSelector(w?.podAffinityTerm?.labelSelector, `${p}.podAffinityTerm.labelSelector`, report);
    });
  }
}

/** ValidateVolumes: unique DNS-label names, source references and keys. Returns the names. */
function checkVolumes(volumes: unknown, path: string, report: Report): Set<string> {
  const names = new Set<string>();
  itemsOf(volumes).forEach((v, i) => {
    const p = at(path, i);
    if (!isDns1123Label(v?.name)) report(`${p}.name`, v?.name, ALLOWED.dns1123Label());
    else if (names.has(v.name)) report(`${p}.name`, v.name, 'a volume name unique in the pod');
    names.add(v?.name);
    const sources = Object.keys(v ?? {}).filter(k => k !== 'name');
    if (sources.length !== 1) report(p, sources.join(', ') || 'no source', 'exactly one volume source (emptyDir, configMap, secret, persistentVolumeClaim, ...)');
    if (v?.configMap) {
      checkSubdomain(report, `${p}.configMap.name`, v.configMap.name);
      checkKeyToPaths(v.configMap.items, `${p}.configMap.items`, report);
      checkInt(report, `${p}.configMap.defaultMode`, v.configMap.defaultMode, 0, 0o777);
    }
    if (v?.secret) {
      checkSubdomain(report, `${p}.secret.secretName`, v.secret.secretName);
      checkKeyToPaths(v.secret.items, `${p}.secret.items`, report);
      checkInt(report, `${p}.secret.defaultMode`, v.secret.defaultMode, 0, 0o777);
    }
    if (v?.persistentVolumeClaim) checkSubdomain(report, `${p}.persistentVolumeClaim.claimName`, v.persistentVolumeClaim.claimName);
    if (v?.emptyDir?.sizeLimit !== undefined) checkQuantity(report, `${p}.emptyDir.sizeLimit`, v.emptyDir.sizeLimit);
  });
  return names;
}

/** `items` of a configMap/secret volume: IsConfigMapKey keys, relative paths without '..'. */
function checkKeyToPaths(items: unknown, path: string, report: Report): void {
  itemsOf(items).forEach((item, i) => {
    checkConfigMapKey(report, `${path}[${i}].key`, item?.key);
    const file = item?.path;
    if (typeof file !== 'string' || file === '' || file.startsWith('/') || file.split('/').includes('..')) {
      report(`${path}[${i}].path`, file, "a relative file path without '..' segments");
    }
  });
}

function checkContainer(c: any, path: string, volumes: Set<string>, report: Report): void {
  if (typeof c?.image !== 'string' || c.image.trim() === '') report(`${path}.image`, c?.image, 'a container image reference');
  // validateContainerPorts: names unique within the container
  const portNames = new Set<string>();
  itemsOf(c?.ports).forEach((port, i) => {
    const p = `${path}.ports[${i}]`;
    checkPort(report, `${p}.containerPort`, port?.containerPort ?? null, false);
    if (port?.hostPort !== undefined) checkInt(report, `${p}.hostPort`, port.hostPort, 0, 65535);
    if (port?.name !== undefined) {
      if (!isPortName(port.name)) report(`${p}.name`, port.name, ALLOWED.portName);
      else if (portNames.has(port.name)) report(`${p}.name`, port.name, 'a port name unique in the container');
      portNames.add(port.name);
    }
  });
  itemsOf(c?.env).forEach((e, i) => checkEnvVar(e, `${path}.env[${i}]`, report));
  itemsOf(c?.envFrom).forEach((e, i) => {
    const p = `${path}.envFrom[${i}]`;
    if (e?.prefix !== undefined && e.prefix !== '' && !isEnvVarName(e.prefix)) report(`${p}.prefix`, e.prefix, ALLOWED.envVarName);
    if (e?.configMapRef) checkSubdomain(report, `${p}.configMapRef.name`, e.configMapRef.name);
    if (e?.secretRef) checkSubdomain(report, `${p}.secretRef.name`, e.secretRef.name);
  });
  checkResources(c?.resources, `${path}.resources`, report);
  const mountPaths = new Set<string>();
  itemsOf(c?.volumeMounts).forEach((m, i) => {
    const p = `${path}.volumeMounts[${i}]`;
    if (!volumes.has(m?.name)) report(`${p}.name`, m?.name, `the name of a volume of the pod (${[...volumes].join(', ') || 'none'})`);
    if (typeof m?.mountPath !== 'string' || m.mountPath === '') report(`${p}.mountPath`, m?.mountPath, 'a non-empty path');
    else if (mountPaths.has(m.mountPath)) report(`${p}.mountPath`, m.mountPath, 'a mount path unique in the container');
    mountPaths.add(m?.mountPath);
    if (typeof m?.subPath === 'string' && (m.subPath.startsWith('/') || m.subPath.split('/').includes('..'))) {
      report(`${p}.subPath`, m.subPath, "a relative path without '..' segments");
    }
  });
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) checkProbe(c?.[probe], `${path}.${probe}`, report, probe !== 'readinessProbe');
}

function checkEnvVar(e: any, path: string, report: Report): void {
  if (!isEnvVarName(e?.name)) report(`${path}.name`, e?.name, ALLOWED.envVarName);
  const from = e?.valueFrom;
  if (!from) return;
  if (typeof e.value === 'string' && e.value !== '') report(`${path}.valueFrom`, Object.keys(from).join(', '), 'unset when value is set (one or the other)');
  const sources = Object.keys(from);
  if (sources.length !== 1) report(`${path}.valueFrom`, sources.join(', ') || 'no source', 'exactly one of configMapKeyRef, secretKeyRef, fieldRef, resourceFieldRef');
  if (from.configMapKeyRef) {
    checkSubdomain(report, `${path}.valueFrom.configMapKeyRef.name`, from.configMapKeyRef.name);
    checkConfigMapKey(report, `${path}.valueFrom.configMapKeyRef.key`, from.configMapKeyRef.key);
  }
  if (from.secretKeyRef) {
    checkSubdomain(report, `${path}.valueFrom.secretKeyRef.name`, from.secretKeyRef.name);
    checkConfigMapKey(report, `${path}.valueFrom.secretKeyRef.key`, from.secretKeyRef.key);
  }
  if (from.fieldRef) {
    const fieldPath = from.fieldRef.fieldPath;
    const subscript = typeof fieldPath === 'string' ? ENV_FIELD_PATH_SUBSCRIPT.exec(fieldPath) : null;
    if (!ENV_FIELD_PATHS.includes(fieldPath) && !(subscript && isQualifiedName(subscript[2]))) {
      report(`${path}.valueFrom.fieldRef.fieldPath`, fieldPath, `one of ${ENV_FIELD_PATHS.join(', ')}, metadata.labels['<key>'] or metadata.annotations['<key>']`);
    }
  }
  if (from.resourceFieldRef?.divisor !== undefined) checkQuantity(report, `${path}.valueFrom.resourceFieldRef.divisor`, from.resourceFieldRef.divisor);
}

const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];

/** validateProbe: exactly one handler; liveness and startup probes succeed after one success. */
function checkProbe(probe: any, path: string, report: Report, singleSuccess: boolean): void {
  if (!probe) return;
  const handlers = PROBE_HANDLERS.filter(h => probe[h] !== undefined);
  if (handlers.length !== 1) report(path, handlers.join(', ') || 'no handler', `exactly one handler: ${PROBE_HANDLERS.join(', ')}`);
  if (singleSuccess && probe.successThreshold !== undefined && probe.successThreshold !== 1) {
    report(`${path}.successThreshold`, probe.successThreshold, '1 (liveness and startup probes succeed after one success)');
  }
  for (const field of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    checkInt(report, `${path}.${field}`, probe[field], 0);
  }
  checkInt(report, `${path}.terminationGracePeriodSeconds`, probe.terminationGracePeriodSeconds, 1, Number.MAX_SAFE_INTEGER);
  if (probe.httpGet) checkPort(report, `${path}.httpGet.port`, probe.httpGet.port ?? null, true);
  if (probe.tcpSocket) checkPort(report, `${path}.tcpSocket.port`, probe.tcpSocket.port ?? null, true);
  if (probe.grpc) checkPort(report, `${path}.grpc.port`, probe.grpc.port ?? null, false);
}
