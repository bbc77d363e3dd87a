// The whole-app validation pass, rule by rule: each "fails if …" case adds one raw ApiObject to an
// App with AppValidation applied and checks the error (construct path, kind/name, field, value, allowed).
import { ApiObject, ApiObjectProps, Chart, Testing } from 'cdk8s';
import { AppValidation, validateObjects } from '../../src/validation';

/** Errors of the pass over an App holding `objects` as raw ApiObjects `c/o0`, `c/o1`, … in chart `c`. */
function errorsOf(...objects: Array<Record<string, any>>): string[] {
  const app = Testing.app();
  const chart = new Chart(app, 'c', { disableResourceNameHashes: true });
  objects.forEach((o, i) => new ApiObject(chart, `o${i}`, o as ApiObjectProps));
  return AppValidation.apply(app).errors();
}

const container = (extra: Record<string, any> = {}) => ({ name: 'main', image: 'nginx:1.27.0', ...extra });
const podSpec = (extra: Record<string, any> = {}) => ({ containers: [container()], ...extra });
const template = (spec: Record<string, any> = {}) => ({ metadata: { labels: { app: 'web' } }, spec: podSpec(spec) });
const deployment = (spec: Record<string, any> = {}, name = 'web') => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: { selector: { matchLabels: { app: 'web' } }, template: template(), ...spec },
});
const withPod = (spec: Record<string, any>) => deployment({ template: template(spec) });
const pod = 'spec.template.spec';
const configMap = (data: Record<string, any>, name = 'cfg') => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data });
const ingressWithPath = (p: string) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name: 'ing' },
  spec: { rules: [{ http: { paths: [{ path: p, pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] },
});
const hpaWithMetric = (metric: Record<string, any>) => ({
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'web' },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 3, metrics: [metric] },
});

describe('valid objects pass untouched', () => {
  test('a Deployment, Service, ConfigMap, Ingress, HPA and ManagedCertificate written by hand', () => {
    expect(errorsOf(
      deployment(),
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] } },
      configMap({ 'app.properties': 'a=1' }),
      ingressWithPath('/api/v1'),
      hpaWithMetric({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }),
      { apiVersion: 'networking.gke.io/v1', kind: 'ManagedCertificate', metadata: { name: 'cert' }, spec: { domains: ['cheese.example.com'] } },
    )).toEqual([]);
  });
});

describe('valid variations are not flagged', () => {
  test('two containers may each name a port http', () => {
    const http = (name: string) => container({ name, ports: [{ name: 'http', containerPort: 8080 }] });
    expect(errorsOf(withPod({ containers: [http('a'), { ...http('b'), ports: [{ name: 'http', containerPort: 9090 }] }] }))).toEqual([]);
  });

  test('an Ingress path with a %XX escape passes, as ApiRouting accepts it (one rule: core/k8s-names isRoutedUrlPath)', () => {
    expect(errorsOf(ingressWithPath('/api/%41'))).toEqual([]);
  });

  test('one container naming two ports alike fails', () => {
    expect(errorsOf(withPod({ containers: [container({ ports: [{ name: 'http', containerPort: 80 }, { name: 'http', containerPort: 81 }] })] })))
      .toEqual([`c/o0 (Deployment/web): invalid ${pod}.containers[0].ports[1].name "http": a port name unique in the container`]);
  });
});

describe('validateObjects (pure, over any synthesized JSON)', () => {
  test('a finding names the object, the JSON path of the field, the value and what is allowed', () => {
    const objects = [configMap({}, 'fine'), withPod({ initContainers: [container()] })];
    expect(validateObjects(objects as any)).toEqual([{
      kind: 'Deployment',
      namespace: undefined,
      name: 'web',
      index: 1,
      field: 'spec.template.spec.containers[0].name',
      value: 'main',
      allowed: 'a container name unique in the pod (initContainers[0] has it)',
    }]);
  });
});

describe('fails if', () => {
  const cases: Array<[string, Array<Record<string, any>>, string]> = [
    // names per kind
    ['a Service name is not a DNS-1035 label', [{ apiVersion: 'v1', kind: 'Service', metadata: { name: '9lives' }, spec: { ports: [{ port: 80 }] } }],
      'c/o0 (Service/9lives): invalid metadata.name "9lives": a DNS-1035 label'],
    ['a Namespace name has a dot', [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a.b' } }],
      'c/o0 (Namespace/a.b): invalid metadata.name "a.b": a DNS-1123 label'],
    ['a StatefulSet name is over 52 characters', [{ ...deployment({ serviceName: 's' }, 's'.repeat(53)), kind: 'StatefulSet' }],
      `c/o0 (StatefulSet/${'s'.repeat(53)}): invalid metadata.name "${'s'.repeat(53)}": a DNS-1123 label: 1-52`],
    ['a CronJob name is over 52 characters', [{
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'c'.repeat(53) },
      spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template: { spec: podSpec({ restartPolicy: 'Never' }) } } } },
    }], 'invalid metadata.name "ccccccccc'],
    ['a Job name is over 63 characters', [{ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j'.repeat(64) }, spec: { template: { spec: podSpec({ restartPolicy: 'Never' }) } } }],
      "its pods get the label 'job-name: <name>', at most 63 characters"],
    ['a ConfigMap name has upper-case letters', [configMap({}, 'Bad_Name')], 'c/o0 (ConfigMap/Bad_Name): invalid metadata.name "Bad_Name": a DNS-1123 subdomain'],
    // labels and annotations
    ['a label key is not a qualified name', [{ ...configMap({}), metadata: { name: 'cfg', labels: { 'bad key!': 'x' } } }],
      'c/o0 (ConfigMap/cfg): invalid metadata.labels key "bad key!": \'[prefix/]name\''],
    ['a label value is over 63 characters', [{ ...configMap({}), metadata: { name: 'cfg', labels: { app: 'a'.repeat(64) } } }],
      'invalid metadata.labels.app "aaaa'],
    ['annotations are over 256 KiB in total', [{ ...configMap({}), metadata: { name: 'cfg', annotations: { 'x/rev': 'a'.repeat(262144) } } }],
      'c/o0 (ConfigMap/cfg): invalid metadata.annotations "262149 bytes": annotations of at most 262144 bytes'],
    ['annotations are over 256 KiB in bytes, though not in characters (the API server counts bytes)',
      [{ ...configMap({}), metadata: { name: 'cfg', annotations: { 'x/rev': '\u00e9'.repeat(140 * 1024) } } }],
      'c/o0 (ConfigMap/cfg): invalid metadata.annotations "286725 bytes": annotations of at most 262144 bytes'],
    ['a pod template label value is not a label value', [deployment({ template: { metadata: { labels: { app: 'web', tier: '-x' } }, spec: podSpec() } })],
      'invalid spec.template.metadata.labels.tier "-x"'],
    // quantities
    ['a memory request is InfinityMi', [withPod({ containers: [container({ resources: { requests: { memory: 'InfinityMi' } } })] })],
      `c/o0 (Deployment/web): invalid ${pod}.containers[0].resources.requests.memory "InfinityMi": use a Kubernetes quantity`],
    ['a CPU limit is 1e+25m', [withPod({ containers: [container({ resources: { limits: { cpu: '1e+25m' } } })] })],
      'invalid spec.template.spec.containers[0].resources.limits.cpu "1e+25m"'],
    ['a request is over its limit', [withPod({ containers: [container({ resources: { requests: { cpu: '2' }, limits: { cpu: '1' } } })] })],
      'invalid spec.template.spec.containers[0].resources.requests.cpu "2": a request at most the limit "1"'],
    ['a claim requests 1e+21Gi', [{ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'pvc' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1e+21Gi' } } } }],
      'c/o0 (PersistentVolumeClaim/pvc): invalid spec.resources.requests.storage "1e+21Gi"'],
    // int32 ranges
    ['a probe period overflows int32', [withPod({ containers: [container({ readinessProbe: { tcpSocket: { port: 80 }, periodSeconds: 2 ** 31 } })] })],
      `invalid ${pod}.containers[0].readinessProbe.periodSeconds 2147483648: an integer from 0 to 2147483647`],
    ['minReadySeconds is negative', [deployment({ minReadySeconds: -1 })], 'invalid spec.minReadySeconds -1: an integer from 0'],
    ['replicas is negative', [deployment({ replicas: -1 })], 'invalid spec.replicas -1'],
    ['a container port is 70000', [withPod({ containers: [container({ ports: [{ containerPort: 70000 }] })] })],
      `invalid ${pod}.containers[0].ports[0].containerPort 70000: an integer from 1 to 65535`],
    ['a Service port is 0', [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { ports: [{ port: 0 }] } }], 'invalid spec.ports[0].port 0'],
    // pod specs
    ['an init container is named like the main container', [withPod({ initContainers: [container()] })],
      `c/o0 (Deployment/web): invalid ${pod}.containers[0].name "main": a container name unique in the pod (initContainers[0] has it)`],
    ['a container name is not a DNS label', [withPod({ containers: [container({ name: 'Web' })] })], `invalid ${pod}.containers[0].name "Web"`],
    ['two volumes share a name', [withPod({ volumes: [{ name: 'v', emptyDir: {} }, { name: 'v', emptyDir: {} }] })],
      `invalid ${pod}.volumes[1].name "v": a volume name unique in the pod`],
    ['a volumeMount names no volume', [withPod({ containers: [container({ volumeMounts: [{ name: 'data', mountPath: '/data' }] })] })],
      `invalid ${pod}.containers[0].volumeMounts[0].name "data": the name of a volume of the pod (none)`],
    ['an env name is ..x', [withPod({ containers: [container({ env: [{ name: '..x', value: '1' }] })] })],
      `invalid ${pod}.containers[0].env[0].name "..x": letters, digits`],
    ['a configMapKeyRef key is ..', [withPod({ containers: [container({ env: [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'cfg', key: '..' } } }] })] })],
      'valueFrom.configMapKeyRef.key "..": 1-253 letters'],
    ['a fieldRef path is metadata.foo', [withPod({ containers: [container({ env: [{ name: 'A', valueFrom: { fieldRef: { fieldPath: 'metadata.foo' } } }] })] })],
      'valueFrom.fieldRef.fieldPath "metadata.foo": one of metadata.name'],
    ['a ReplicationController has two containers named alike', [{
      apiVersion: 'v1',
      kind: 'ReplicationController',
      metadata: { name: 'rc' },
      spec: { selector: { app: 'web' }, template: template({ containers: [container(), container()] }) },
    }], 'c/o0 (ReplicationController/rc): invalid spec.template.spec.containers[1].name "main"'],
    ['a PodTemplate has an invalid env name', [{ apiVersion: 'v1', kind: 'PodTemplate', metadata: { name: 'pt' }, template: template({ containers: [container({ env: [{ name: '.', value: '' }] })] }) }],
      'c/o0 (PodTemplate/pt): invalid template.spec.containers[0].env[0].name "."'],
    ['a Deployment selector does not match its pods', [deployment({ selector: { matchLabels: { app: 'other' } } })],
      'invalid spec.selector.matchLabels.app "other": a label the pod template carries'],
    // ConfigMap and Secret
    ['a ConfigMap key is .', [configMap({ '.': 'x' })], 'c/o0 (ConfigMap/cfg): invalid data key ".": 1-253 letters'],
    ['a ConfigMap holds over 1 MiB', [configMap({ a: 'x'.repeat(600000), b: 'y'.repeat(600000) })],
      'invalid data "1200000 bytes": ConfigMap data of at most 1048576 bytes (1 MiB) in total'],
    ['a Secret key has a slash', [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { 'a/b': 'eA==' } }], 'c/o0 (Secret/s): invalid data key "a/b"'],
    ['Secret data is not base64 (and the value is not shown)', [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { k: 'hunter2!' } }],
      'c/o0 (Secret/s): invalid data.k "<redacted>": base64-encoded bytes'],
    // Ingress and HTTPRoute
    ...['/api//v1', '/api/..', '/api%2Fv1', '/api/.'].map((p): [string, Array<Record<string, any>>, string] => [
      `an Ingress path is ${p}`, [ingressWithPath(p)], `c/o0 (Ingress/ing): invalid spec.rules[0].http.paths[0].path ${JSON.stringify(p)}: an absolute path`,
    ]),
    ...['#', '/caf\u00e9', '/a#b', '/a%zz', '/a b', '/a?x'].map((p): [string, Array<Record<string, any>>, string] => [
      `an Ingress path is ${p}`, [ingressWithPath(p)], `invalid spec.rules[0].http.paths[0].path ${JSON.stringify(p)}`,
    ]),
    ['a TLS secretName is not a DNS subdomain', [{ ...ingressWithPath('/'), spec: { ...ingressWithPath('/').spec, tls: [{ hosts: ['a.example.com'], secretName: 'Bad' }] } }],
      'invalid spec.tls[0].secretName "Bad"'],
    ['an HTTPRoute path has /./', [{
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'r' },
      spec: { rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/a/./b' } }], backendRefs: [{ name: 'web', port: 80 }] }] },
    }], 'c/o0 (HTTPRoute/r): invalid spec.rules[0].matches[0].path.value "/a/./b"'],
    // HPA
    ['an HPA averageValue is 1x', [hpaWithMetric({ type: 'Pods', pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: '1x' } } })],
      'c/o0 (HorizontalPodAutoscaler/web): invalid spec.metrics[0].pods.target.averageValue "1x"'],
    ['an HPA value is -1', [hpaWithMetric({ type: 'External', external: { metric: { name: 'q' }, target: { type: 'Value', value: '-1' } } })],
      'invalid spec.metrics[0].external.target.value "-1"'],
    ['an HPA averageValue is 0', [hpaWithMetric({ type: 'Pods', pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: '0' } } })],
      'invalid spec.metrics[0].pods.target.averageValue "0": a quantity greater than zero'],
    ['a pods metric is named a/b', [hpaWithMetric({ type: 'Pods', pods: { metric: { name: 'a/b' }, target: { type: 'AverageValue', averageValue: '1' } } })],
      'invalid spec.metrics[0].pods.metric.name "a/b"'],
    ['an external metric selector key is bad key!', [hpaWithMetric({
      type: 'External', external: { metric: { name: 'q', selector: { matchLabels: { 'bad key!': 'x' } } }, target: { type: 'Value', value: '1' } },
    })], 'invalid spec.metrics[0].external.metric.selector.matchLabels key "bad key!"'],
    ['an object metric describes no object', [hpaWithMetric({
      type: 'Object', object: { describedObject: { apiVersion: '', kind: '', name: '' }, metric: { name: 'q' }, target: { type: 'Value', value: '1' } },
    })], 'invalid spec.metrics[0].object.describedObject.kind ""'],
    ['a target type does not match its field', [hpaWithMetric({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageValue: '1' } } })],
      'invalid spec.metrics[0].resource.target.averageValue "1": nothing: target type Utilization reads averageUtilization'],
    ['minReplicas is over maxReplicas', [{ ...hpaWithMetric({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }), spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, minReplicas: 5, maxReplicas: 3 } }],
      'invalid spec.maxReplicas 3: at least spec.minReplicas (5)'],
    // CRD schemas
    ...['localhost', 'cheese', 'x.example.1com'].map((d): [string, Array<Record<string, any>>, string] => [
      `a ManagedCertificate domain is ${d}`,
      [{ apiVersion: 'networking.gke.io/v1', kind: 'ManagedCertificate', metadata: { name: 'cert' }, spec: { domains: [d] } }],
      `c/o0 (ManagedCertificate/cert): invalid spec.domains[0] ${JSON.stringify(d)}: a value matching ^(([a-z0-9]+|[a-z0-9][-a-z0-9]*[a-z0-9])\\.)+[a-z][-a-z0-9]*[a-z0-9]$ (the ManagedCertificate CRD schema)`,
    ]),
    ['an ExternalSecret data key has a slash', [{
      apiVersion: 'external-secrets.io/v1',
      kind: 'ExternalSecret',
      metadata: { name: 'es' },
      spec: { secretStoreRef: { name: 'store', kind: 'SecretStore' }, data: [{ secretKey: 'a/b', remoteRef: { key: 'k' } }] },
    }], 'c/o0 (ExternalSecret/es): invalid spec.data[0].secretKey "a/b": a value matching ^[-._a-zA-Z0-9]+$'],
    ['a SealedSecret has no encryptedData', [{ apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret', metadata: { name: 'ss' }, spec: {} }],
      'c/o0 (SealedSecret/ss): invalid spec.encryptedData undefined: a value (the field is required) (the SealedSecret CRD schema)'],
    ['a custom resource has a field its CRD does not declare', [{ apiVersion: 'networking.gke.io/v1', kind: 'ManagedCertificate', metadata: { name: 'cert' }, spec: { domains: ['a.example.com'], foo: 1 } }],
      'invalid spec.foo "…": a field the schema declares (domains)'],
  ];
  test.each(cases)('%s', (_what, objects, message) => {
    expect(errorsOf(...objects)).toEqual(expect.arrayContaining([expect.stringContaining(message)]));
  });
});

describe('pod, workload, Service, claim, budget and NetworkPolicy rules the schema does not carry', () => {
  const job = (spec: Record<string, any>) => ({
    apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'once' }, spec: { template: { spec: podSpec(spec) } },
  });

  test('fails if a selector\'s matchExpressions do not match the pod template labels', () => {
    const selector = { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'track', operator: 'In', values: ['canary'] }] };
    expect(errorsOf(deployment({ selector }))).toEqual([
      'c/o0 (Deployment/web): invalid spec.selector.matchExpressions [{"key":"track","operator":"In","values":["canary"]}]: expressions the pod template labels satisfy',
    ]);
  });

  test('fails if a Job leaves restartPolicy unset (it defaults to Always, which a Job may not use)', () => {
    expect(errorsOf(job({}))).toEqual(['c/o0 (Job/once): invalid spec.template.spec.restartPolicy undefined: one of OnFailure, Never for this kind (unset means Always)']);
    expect(errorsOf(job({ restartPolicy: 'Never' }))).toEqual([]);
  });

  test('fails if a Recreate Deployment sets rollingUpdate, or a rolling update has maxSurge and maxUnavailable both 0', () => {
    expect(errorsOf(deployment({ strategy: { type: 'Recreate', rollingUpdate: { maxSurge: 1 } } })))
      .toEqual(['c/o0 (Deployment/web): invalid spec.strategy.rollingUpdate {"maxSurge":1}: unset when strategy.type is Recreate']);
    expect(errorsOf(deployment({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: '0%' } } })))
      .toEqual(['c/o0 (Deployment/web): invalid spec.strategy.rollingUpdate.maxUnavailable "0%": more than 0 when maxSurge is 0 (the rollout could never progress)']);
  });

  test('fails if a volume has no source or two', () => {
    expect(errorsOf(withPod({ volumes: [{ name: 'data' }, { name: 'both', emptyDir: {}, configMap: { name: 'cfg' } }] }))).toEqual([
      `c/o0 (Deployment/web): invalid ${pod}.volumes[0] "no source": exactly one volume source (emptyDir, configMap, secret, persistentVolumeClaim, ...)`,
      `c/o0 (Deployment/web): invalid ${pod}.volumes[1] "configMap, emptyDir": exactly one volume source (emptyDir, configMap, secret, persistentVolumeClaim, ...)`,
    ]);
  });

  test('fails if an env entry sets value and valueFrom, or valueFrom has no source', () => {
    const env = [{ name: 'A', value: 'x', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }, { name: 'B', valueFrom: {} }];
    expect(errorsOf(withPod({ containers: [container({ env })] }))).toEqual([
      `c/o0 (Deployment/web): invalid ${pod}.containers[0].env[0].valueFrom "fieldRef": unset when value is set (one or the other)`,
      `c/o0 (Deployment/web): invalid ${pod}.containers[0].env[1].valueFrom "no source": exactly one of configMapKeyRef, secretKeyRef, fieldRef, resourceFieldRef`,
    ]);
  });

  test('fails if a probe has no handler or two, or a liveness probe needs two successes', () => {
    const probes = {
      readinessProbe: { periodSeconds: 5 },
      livenessProbe: { tcpSocket: { port: 80 }, exec: { command: ['true'] } },
      startupProbe: { tcpSocket: { port: 80 }, successThreshold: 2 },
    };
    expect(errorsOf(withPod({ containers: [container(probes)] }))).toEqual([
      `c/o0 (Deployment/web): invalid ${pod}.containers[0].livenessProbe "exec, tcpSocket": exactly one handler: exec, httpGet, tcpSocket, grpc`,
      `c/o0 (Deployment/web): invalid ${pod}.containers[0].readinessProbe "no handler": exactly one handler: exec, httpGet, tcpSocket, grpc`,
      `c/o0 (Deployment/web): invalid ${pod}.containers[0].startupProbe.successThreshold 2: 1 (liveness and startup probes succeed after one success)`,
    ]);
    expect(errorsOf(withPod({ containers: [container({ readinessProbe: { httpGet: { path: '/', port: 80 }, successThreshold: 2 } })] }))).toEqual([]);
  });

  test('fails if a ClusterIP Service has no ports (a headless one may)', () => {
    expect(errorsOf({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' } } }))
      .toEqual(['c/o0 (Service/web): invalid spec.ports undefined: at least one port (only a headless or ExternalName Service may have none)']);
    expect(errorsOf({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { clusterIP: 'None', selector: { app: 'web' } } })).toEqual([]);
  });

  test('fails if a claim has no access mode', () => {
    expect(errorsOf({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' }, spec: { resources: { requests: { storage: '1Gi' } } } }))
      .toEqual(['c/o0 (PersistentVolumeClaim/data): invalid spec.accessModes undefined: at least one access mode, e.g. ReadWriteOnce']);
  });

  test('fails if a PodDisruptionBudget sets both minAvailable and maxUnavailable', () => {
    expect(errorsOf({
      apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web' }, spec: { minAvailable: 1, maxUnavailable: 1, selector: { matchLabels: { app: 'web' } } },
    })).toEqual(['c/o0 (PodDisruptionBudget/web): invalid spec.maxUnavailable 1: unset when minAvailable is set (one or the other)']);
  });

  test('fails if a NetworkPolicy has a bad policy type, a bad CIDR or an ipBlock next to a selector', () => {
    expect(errorsOf({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'np' },
      spec: {
        podSelector: {},
        policyTypes: ['ingress'],
        egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/33'] }, podSelector: {} }, { ipBlock: { cidr: 'foo' } }, { ipBlock: { cidr: 'fd00::/8' } }] }],
      },
    })).toEqual([
      'c/o0 (NetworkPolicy/np): invalid spec.policyTypes[0] "ingress": Ingress or Egress',
      'c/o0 (NetworkPolicy/np): invalid spec.egress[0].to[0].ipBlock {"cidr":"10.0.0.0/8","except":["10.1.0.0/33"]}: alone in its peer (not with podSelector or namespaceSelector)',
      'c/o0 (NetworkPolicy/np): invalid spec.egress[0].to[0].ipBlock.except[0] "10.1.0.0/33": a CIDR such as 10.1.0.0/16',
      'c/o0 (NetworkPolicy/np): invalid spec.egress[0].to[1].ipBlock.cidr "foo": a CIDR such as 10.0.0.0/8',
    ]);
  });
});
