// Bad input found by fuzzing the library's props (issue 11): each case used to synthesize objects the
// API server or a CRD schema rejects. Now each fails at construction (or at synth) with the library's
// format: `<construct path>: invalid <prop> <value>: <what is allowed>`.
import { App, Duration, Size, Testing } from 'cdk8s';
import {
  ApiRouting, ApiService, AppConfig, AppSecret, CheeseApp, CheeseHttpRoute, CheeseIngress, ContainerImage, Cpu, CustomMetric, EnvValue, HealthProbe,
  IngressController, Mount, MetricTarget, PersistentClaim, Resources, Scaling, SecretSource, VectorDb, VectorDbLoader, WAIT_SCRIPT, waitForVectorDb,
  WebService, WebServiceProps,
} from '../src';
import { chartWithDb, image } from './util';
import { Suppressions } from '../src/policy/suppressions';

const web = (props: Partial<WebServiceProps>, id = 'Web') => () => new WebService(Testing.chart(), id, { image: image(), port: 8080, ...props });
const cheese = (props: ConstructorParameters<typeof CheeseApp>[2]) => () => new CheeseApp(new App(), 'cheese', props);
const long = (n: number) => 'a'.repeat(n);
const routes = (props: { name?: string }) => {
  const { chart, config, db } = chartWithDb();
  const frontend = new WebService(chart, 'Frontend', { image: image(), port: 3000 });
  const api = new WebService(chart, 'Api', { image: image(), port: 9000 });
  void config;
  void db;
  return { chart, frontend, api, ...props };
};
const ingress = (props: { name?: string }) => () => {
  const { chart, frontend, api } = routes(props);
  return new CheeseIngress(chart, 'Ingress', { host: 'cheese.example.com', frontend, api, ...props });
};
const route = (props: { name?: string }) => () => {
  const { chart, frontend, api } = routes(props);
  return new CheeseHttpRoute(chart, 'Route', { gateway: { name: 'gw' }, host: 'cheese.example.com', frontend, api, ...props });
};
const gkeHost = (host: string) => cheese({ host, ingressController: IngressController.gce({ staticIpName: 'ip' }) });

const LABELED = (n: number) => `use at most 63 characters: the name is also the object's app.kubernetes.io/name label (${n} given)`;
const DNS_1035 = "use a DNS-1035 label (a Service name): 1-55 lower-case letters, digits or '-', starting with a letter";
const URL_PATH = "use an absolute path that starts with '/' and has no whitespace, and only RFC 3986 path characters";
const DATA_KEY = "use letters, digits, '-', '_' or '.' (1-253 characters, other than '.' and not starting with '..')";
const ENV_NAME = "use letters, digits, '_', '-' or '.', not starting with a digit, other than '.' and not starting with '..'";
const SIZE = `use a finite size of at most ${Number.MAX_SAFE_INTEGER} bytes, such as Size.mebibytes(512)`;
const GKE_HOST = 'a Google-managed certificate needs a non-wildcard name of at most 63 characters, fully qualified with a top-level domain that starts with a letter';
const INT32 = 'use an integer from 0 to 2147483647';

const CASES: Array<[string, () => unknown, string]> = [
  // a name checked as a DNS subdomain but reused as the app.kubernetes.io/name label (63)
  ['an AppConfig name is longer than a label value', () => new AppConfig(Testing.chart(), 'Config', { gcpProject: 'ac215-project', name: long(64) }),
    `test/Config: invalid name "${long(64)}": ${LABELED(64)}`],
  ['an AppSecret name is longer than a label value', () => new AppSecret(Testing.chart(), 'Secret', { name: long(100) }), `test/Secret: invalid name "${long(100)}": ${LABELED(100)}`],
  ['a PersistentClaim name is longer than a label value', () => new PersistentClaim(Testing.chart(), 'Claim', { name: long(64), storage: Size.gibibytes(1) }),
    `test/Claim: invalid name "${long(64)}": ${LABELED(64)}`],
  ['a VectorDb claimName is longer than a label value', () => new VectorDb(Testing.chart(), 'Db', { claimName: long(70) }), `test/Db: invalid claimName "${long(70)}": ${LABELED(70)}`],
  ['a CheeseIngress name is longer than a label value', ingress({ name: long(250) }), `test/Ingress: invalid name "${long(250)}": ${LABELED(250)}`],
  ['a CheeseHttpRoute name is longer than a label value', route({ name: long(64) }), `test/Route: invalid name "${long(64)}": ${LABELED(64)}`],
  ['a workload name makes its <name>-network policy label longer than 63', web({ name: long(56) }),
    `test/Web: invalid name "${long(56)}": use at most 55 characters: its NetworkPolicy and that policy's app.kubernetes.io/name label are '<name>-network'`],
  // Service names are DNS-1035 labels
  ['a Service name starts with a digit', web({ name: '9lives' }), `test/Web: invalid name "9lives": ${DNS_1035}`],
  ['a construct id used as the default Service name starts with a digit', web({}, '3D'), `test/3D: invalid name "3d": ${DNS_1035}`],
  ['a VectorDb Service name starts with a digit', () => new VectorDb(Testing.chart(), 'Db', { name: '1db' }), 'test/Db: invalid name "1db": use a DNS-1035 label (a Service name): 1-52'],
  // workload name caps
  ['a StatefulSet name is longer than 52 characters', () => new VectorDb(Testing.chart(), 'Db', { name: long(53) }),
    `test/Db: invalid name "${long(53)}": use at most 52 characters: a StatefulSet name longer than 52 characters makes its controller-revision-hash pod label exceed 63`],
  ['a loader Job name with its hash suffix is longer than 63 characters', () => {
    const { chart, config, db } = chartWithDb();
    return new VectorDbLoader(chart, 'Loader', { name: long(55), image: image(), vectorDb: db, config });
  }, `test/Loader: invalid name "${long(55)}": use a DNS-1123 label: 1-54 lower-case letters`],
  // Ingress / HTTPRoute paths
  ...['/api//v1', '/api/..', '/api%2Fv1', '/api/.', '#', '/api/v1/é', '/api?x=1', '/api/{x}'].map((prefix): [string, () => unknown, string] =>
    [`an API route prefix is ${JSON.stringify(prefix)}`, () => ApiRouting.rewrite(prefix), `ApiRouting.rewrite: invalid prefix ${JSON.stringify(prefix)}: ${URL_PATH}`]),
  ['an Ingress rootPath prefix has "/../"', () => ApiRouting.rootPath('/a/../api-service'), `ApiRouting.rootPath: invalid prefix "/a/../api-service": ${URL_PATH}`],
  // quantities built from numbers
  ['a memory size is infinite', () => Resources.of({ cpuRequest: Cpu.millis(100), memoryRequest: Size.mebibytes(Infinity) }), `Resources: invalid memoryRequest "InfinityMi": ${SIZE}`],
  ['a memory size renders in exponent form', () => Resources.of({ cpuRequest: Cpu.millis(100), memoryRequest: Size.gibibytes(1e21) }), `Resources: invalid memoryRequest "1e+21Gi": ${SIZE}`],
  ['a claim size renders in exponent form', () => new PersistentClaim(Testing.chart(), 'Claim', { name: 'data', storage: Size.gibibytes(1e21) }), `test/Claim: invalid storage "1e+21Gi": ${SIZE}`],
  ['an emptyDir size limit is infinite', () => Mount.emptyDir('/tmp', { sizeLimit: Size.mebibytes(Infinity) }), `Mount.emptyDir: invalid sizeLimit "InfinityMi": ${SIZE}`],
  ['a CPU amount renders in exponent form', () => Cpu.millis(1e25), `Cpu: invalid amount 1e+25: use at most ${Number.MAX_SAFE_INTEGER} millicores`],
  // HPA metrics
  ['a metric target is not a quantity', () => MetricTarget.averageValue('1x'), 'MetricTarget.averageValue: invalid quantity "1x": use a Kubernetes quantity'],
  ['a metric target is negative', () => MetricTarget.value('-1'), 'MetricTarget.value: invalid quantity "-1": use a quantity ≥ 0 (a metric target must be positive)'],
  ['a metric target is 0', () => MetricTarget.averageValue('0'), 'MetricTarget.averageValue: invalid quantity "0": use a quantity greater than 0'],
  ['a Pods metric name has a slash', () => CustomMetric.pods('a/b', MetricTarget.averageValue('1')), "CustomMetric.pods: invalid name \"a/b\": use a name without '/' or '%', other than '.' and '..'"],
  ['an External metric selector key is not a label key', () => CustomMetric.external('backlog', MetricTarget.value('10'), { 'bad key!': 'x' }),
    "CustomMetric.external: invalid matchLabels key \"bad key!\": use '[prefix/]name'"],
  ['an Object metric has an empty apiVersion', () => CustomMetric.object('rps', { apiVersion: '', kind: 'Ingress', name: 'main' }, MetricTarget.value('10')),
    'CustomMetric.object: invalid describedObject.apiVersion "": use a non-empty string with no whitespace'],
  ['an Object metric has an empty kind', () => CustomMetric.object('rps', { apiVersion: 'networking.k8s.io/v1', kind: '', name: 'main' }, MetricTarget.value('10')),
    'CustomMetric.object: invalid describedObject.kind "": use a non-empty string with no whitespace'],
  ['an Object metric has an empty name', () => CustomMetric.object('rps', { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', name: '' }, MetricTarget.value('10')),
    'CustomMetric.object: invalid describedObject.name "": use a non-empty string with no whitespace'],
  // containers
  ['an init container is named like the main container', web({ initContainers: [{ name: 'web', image: image(), resources: Resources.of({ cpuRequest: Cpu.millis(10), memoryRequest: Size.mebibytes(16) }) }] }),
    'test/Web: invalid initContainers[].name "web": use a name no other container of the pod has (taken: web)'],
  ['two init containers share a name', web({
    initContainers: ['init', 'init'].map(name => ({ name, image: image(), resources: Resources.of({ cpuRequest: Cpu.millis(10), memoryRequest: Size.mebibytes(16) }) })),
  }), 'test/Web: invalid initContainers[].name "init": use a name no other container of the pod has (taken: web, init)'],
  // keys, env names, sizes, int32
  ...['.', '..', '..x'].map((key): [string, () => unknown, string] =>
    [`a ConfigMap key is ${JSON.stringify(key)}`, () => new AppConfig(Testing.chart(), 'Config', { gcpProject: 'ac215-project', data: { [key]: 'v' } }),
      `test/Config: invalid data key ${JSON.stringify(key)}: ${DATA_KEY}`]),
  ...['.', '..', '..x'].map((key): [string, () => unknown, string] =>
    [`an env name is ${JSON.stringify(key)}`, web({ env: { [key]: EnvValue.literal('v') } }), `test/Web: invalid env name ${JSON.stringify(key)}: ${ENV_NAME}`]),
  ['a Secret key read by an env var is ".."', () => EnvValue.fromSecret(AppConfig.fromConfigMapName(Testing.chart(), 'X', 'x') as any, '..'), `EnvValue.fromSecret: invalid key "..": ${DATA_KEY}`],
  ['the pod annotations exceed 256 KiB (configRevision)', web({ configRevision: long(300 * 1024) }),
    'test/Web: invalid configRevision "307229 bytes": keep all annotations of one object under 262144 bytes (256 KiB)'],
  ['the Service annotations exceed 256 KiB', web({ serviceAnnotations: { 'example.com/blob': long(262144) } }),
    'test/Web: invalid serviceAnnotations "262160 bytes": keep all annotations of one object under 262144 bytes'],
  ['a probe delay overflows int32', () => HealthProbe.tcp({ initialDelay: Duration.seconds(2 ** 31) }), `HealthProbe: invalid initialDelay (seconds) 2147483648: ${INT32}`],
  ['a probe period is 0', () => HealthProbe.tcp({ period: Duration.seconds(0) }), 'HealthProbe: invalid period (seconds) 0: use an integer from 1 to 2147483647'],
  ['minReady overflows int32', web({ minReady: Duration.seconds(2 ** 31), progressDeadline: Duration.seconds(2 ** 32) }), `test/Web: invalid minReady (seconds) 2147483648: ${INT32}`],
  // Secret sources
  ['an ExternalSecret store name is not an object name', () => SecretSource.externalSecret({ storeName: 'My_Store', data: { k: 'remote' } }),
    'SecretSource.externalSecret: invalid storeName "My_Store": use a DNS-1123 subdomain'],
  ['an ExternalSecret data key has a slash', () => SecretSource.externalSecret({ storeName: 'gcp', data: { 'a/b': 'remote' } }), `SecretSource.externalSecret: invalid data key "a/b": ${DATA_KEY}`],
  ['an ExternalSecret remote key is empty', () => SecretSource.externalSecret({ storeName: 'gcp', data: { k: '' } }),
    'SecretSource.externalSecret: invalid data["k"] "": use a non-empty string with no whitespace'],
  ['a SealedSecret key has a slash', () => SecretSource.sealed({ 'bad/key': 'AgB...' }), `SecretSource.sealed: invalid encryptedData key "bad/key": ${DATA_KEY}`],
  ['an inline Secret key has a slash', () => SecretSource.inlinePlaintext({ stringData: { 'a/b': 'v' }, acknowledgement: 'local kind cluster only' }),
    `SecretSource.inlinePlaintext: invalid stringData key "a/b": ${DATA_KEY}`],
  ['a SealedSecret value is empty', () => SecretSource.sealed({ key: '' }), 'SecretSource.sealed: invalid encryptedData["key"] "": use a non-empty string with no whitespace'],
  ['an inline Secret has no keys', () => SecretSource.inlinePlaintext({ stringData: {}, acknowledgement: 'local kind cluster only' }),
    'SecretSource.inlinePlaintext: invalid stringData {}: give at least one key'],
  ['an inline Secret value is not a string', () => SecretSource.inlinePlaintext({ stringData: { port: 8080 as any }, acknowledgement: 'local kind cluster only' }),
    'SecretSource.inlinePlaintext: invalid stringData["port"] "number": use a string'],
  ['a Pods metric name is ".."', () => CustomMetric.pods('..', MetricTarget.averageValue('1')), "CustomMetric.pods: invalid name \"..\": use a name without '/' or '%', other than '.' and '..'"],
  ['a termination grace period overflows int32', web({ terminationGracePeriod: Duration.seconds(2 ** 31), preStopDelay: Duration.seconds(0) }),
    `test/Web: invalid terminationGracePeriod (seconds) 2147483648: ${INT32}`],
  ['an inline Secret acknowledgement is ten zero-width spaces', () => SecretSource.inlinePlaintext({ stringData: { k: 'v' }, acknowledgement: '\u200B'.repeat(10) }),
    'SecretSource.inlinePlaintext: invalid acknowledgement "\u200B\u200B\u200B\u200B\u200B\u200B\u200B\u200B\u200B\u200B": say in at least 10 characters why'],
  ['an inline Secret key is ".."', () => SecretSource.inlinePlaintext({ stringData: { '..': 'v' }, acknowledgement: 'local kind cluster only' }),
    `SecretSource.inlinePlaintext: invalid stringData key "..": ${DATA_KEY}`],
  // GKE hosts the ManagedCertificate CRD pattern rejects
  ...['localhost', 'cheese', 'x.example.1com'].map((host): [string, () => unknown, string] =>
    [`a GKE host is ${JSON.stringify(host)}`, gkeHost(host), `cheese/Ingress: invalid host ${JSON.stringify(host)}: ${GKE_HOST}`]),
  // downward API
  ['an env field path is not one the API server allows', () => EnvValue.fromField('metadata.foo'),
    'EnvValue.fromField: invalid fieldPath "metadata.foo": use one of metadata.name, metadata.namespace, metadata.uid, spec.nodeName'],
  ['an env field path subscripts a bad label key', () => EnvValue.fromField("metadata.labels['bad_key!']"), 'EnvValue.fromField: invalid fieldPath labels key "bad_key!": use \'[prefix/]name\''],
  // reserved namespaces
  ...['kube-system', 'kube-public', 'kube-node-lease', 'default', 'kube-mine'].map((namespace): [string, () => unknown, string] =>
    [`the CheeseApp namespace is ${namespace}`, cheese({ namespace }),
      `cheese: invalid namespace "${namespace}": use a namespace of the app's own: default, kube-system, kube-public, kube-node-lease and other 'kube-' namespaces belong to the cluster`]),
  // the DB wait: the heartbeat path is a URL path, and never shell text
  ['a heartbeatPath carries a query that makes the wait succeed at once', () => new VectorDb(Testing.chart(), 'Db', { heartbeatPath: '/api/v2/heartbeat?a=1&b=2' }),
    `test/Db: invalid heartbeatPath "/api/v2/heartbeat?a=1&b=2": ${URL_PATH}`],
  ['a heartbeatPath carries a command substitution', () => new VectorDb(Testing.chart(), 'Db', { heartbeatPath: '/x;$(touch${IFS}/tmp/pwn)' }),
    `test/Db: invalid heartbeatPath "/x;$(touch\${IFS}/tmp/pwn)": ${URL_PATH}`],
];

describe('bad input (library fuzz findings)', () => {
  for (const [name, build, message] of CASES) {
    it(`fails if ${name}`, () => {
      expect(build).toThrow(message);
    });
  }

  describe('suppression reasons', () => {
    const add = (reason: string) => () => Suppressions.add(Testing.chart(), 'CHEESE-RES2', reason);
    it.each([
      ['spaces between two letters', 'a        b'],
      ['ten zero-width spaces', '\u200B'.repeat(10)],
      ['zero-width joiners, word joiners and BOMs around three letters', `a\u200C\u200D\u2060\uFEFFb\u00A0\u3000\u2003c${'\u200B'.repeat(8)}`],
      ['control characters', 'abc\u0000\u0001\u0002\u0003\u0004\u0005\u0006'],
    ])('fails if a reason is %s (fewer than 10 visible characters)', (_, reason) => {
      expect(add(reason)).toThrow('Suppressions.add: reason must explain why CHEESE-RES2 does not apply to "test" in at least 10 non-blank characters');
    });
    it.each([
      ['with "; RULE:"', 'legit enough reason; CHEESE-SEC1: forged'],
      ['with a newline and "; RULE:"', 'legit enough reason\n; CHEESE-SEC1 : forged'],
      ['with a look-alike semicolon', 'legit enough reason\u037E CHEESE-SEC1: forged'],
    ])('fails if a reason forges another annotation entry %s', (_, reason) => {
      expect(add(reason)).toThrow("Suppressions.add: reason for CHEESE-RES2 on \"test\" must not contain '; <word>:', which would read as another entry "
        + 'of the policy.cheese-k8s.io/suppressions annotation');
    });
    it('keeps a reason with ";" that starts no entry, and counts visible characters only', () => {
      const chart = Testing.chart();
      Suppressions.add(chart, 'CHEESE-RES2', 'inference is CPU-bound; a CPU limit throttles latency');
      Suppressions.add(chart, 'CHEESE-PDB1', `${'\u200B'.repeat(20)}abcdefghij`);
      expect(Suppressions.of(chart).map(x => x.ruleId)).toEqual(['CHEESE-PDB1', 'CHEESE-RES2']);
    });
  });

  it('fails at synth if the ConfigMap data exceeds 1 MiB, data added after construction included', () => {
    const chart = Testing.chart();
    const config = new AppConfig(chart, 'Config', { gcpProject: 'ac215-project', data: { A: long(600 * 1024) } });
    expect(() => Testing.synth(chart)).not.toThrow();
    config.addData('B', long(500 * 1024));
    expect(() => Testing.synth(chart)).toThrow(/test\/Config: invalid data "1126426 bytes": keep a ConfigMap's data under 1048576 bytes \(1 MiB\), keys included/);
  });

  describe('keys named like Object.prototype members are ordinary keys', () => {
    const KEYS = ['constructor', '__proto__', 'toString', 'hasOwnProperty'];
    const record = () => Object.fromEntries(KEYS.map(k => [k, `v-${k}`]));
    const own = (obj: any) => Object.fromEntries(Object.entries(obj));
    const plain = <T>(entries: Array<[string, T]>) => Object.fromEntries(entries) as Record<string, T>;

    it('in ConfigMap data (given and added later), in key order, and in the rollout hash', () => {
      const chart = Testing.chart();
      const config = new AppConfig(chart, 'Config', { gcpProject: 'ac215-project', data: record() });
      config.addData('valueOf', 'v-valueOf');
      expect(Object.keys(config.data())).toEqual(['GCP_PROJECT', ...KEYS, 'valueOf']);
      const cm = Testing.synth(chart).find(o => o.kind === 'ConfigMap');
      expect(Object.keys(cm.data)).toEqual(['GCP_PROJECT', '__proto__', 'constructor', 'hasOwnProperty', 'toString', 'valueOf']);
      expect(own(cm.data)).toEqual({ GCP_PROJECT: 'ac215-project', ...own(record()), valueOf: 'v-valueOf' });
      expect(JSON.parse(JSON.stringify(cm.data)).__proto__).toBe('v-__proto__');
    });

    it('in inline and sealed Secret data', () => {
      const chart = Testing.chart();
      new AppSecret(chart, 'Inline', { name: 'inline', source: SecretSource.inlinePlaintext({ stringData: record(), acknowledgement: 'local kind cluster only' }) });
      new AppSecret(chart, 'Sealed', { name: 'sealed', source: SecretSource.sealed(record()) });
      const objects = Testing.synth(chart);
      expect(own(objects.find(o => o.kind === 'Secret').stringData)).toEqual(own(record()));
      expect(own(objects.find(o => o.kind === 'SealedSecret').spec.encryptedData)).toEqual(own(record()));
    });

    it('in pod and Service annotations', () => {
      const chart = Testing.chart();
      const annotations = { 'constructor': 'a', 'toString': 'b', 'hasOwnProperty': 'c', 'example.com/x': 'd' };
      new WebService(chart, 'Web', { image: image(), port: 80, podAnnotations: annotations, serviceAnnotations: annotations });
      const objects = Testing.synth(chart);
      expect(objects.find(o => o.kind === 'Deployment').spec.template.metadata.annotations).toEqual(annotations);
      expect(objects.find(o => o.kind === 'Service').metadata.annotations).toEqual(annotations);
    });

    it('as env names (WebService, ApiService) and in CheeseApp configData', () => {
      const env = plain(KEYS.map(k => [k, EnvValue.literal(`v-${k}`)]));
      const chart = Testing.chart();
      new WebService(chart, 'Web', { image: image(), port: 80, env });
      const names = (c: any) => c.env.map((e: any) => e.name);
      expect(names(Testing.synth(chart).find(o => o.kind === 'Deployment').spec.template.spec.containers[0])).toEqual([...KEYS].sort());
      const { chart: apiChart, config, db } = chartWithDb();
      new ApiService(apiChart, 'Api', { image: image(), vectorDb: db, config, env });
      const api = Testing.synth(apiChart).find(o => o.kind === 'Deployment' && o.metadata.name === 'api');
      expect(names(api.spec.template.spec.containers[0])).toEqual(expect.arrayContaining(KEYS));
      const cm = new CheeseApp(new App(), 'cheese', { configData: record() }).toJson().find((o: any) => o.kind === 'ConfigMap');
      expect(own(cm.data)).toMatchObject(own(record()));
    });

    it('in an External metric selector', () => {
      const chart = Testing.chart();
      const matchLabels = { constructor: 'a', toString: 'b', topic: 'c' };
      const scaling = Scaling.autoscale({ maxReplicas: 3, customMetrics: [CustomMetric.external('backlog', MetricTarget.value('10'), matchLabels)] });
      new WebService(chart, 'Web', { image: image(), port: 80, scaling });
      const hpa = Testing.synth(chart).find(o => o.kind === 'HorizontalPodAutoscaler');
      expect(hpa.spec.metrics[1].external.metric.selector.matchLabels).toEqual(matchLabels);
    });
  });

  it('passes the heartbeat URL to the wait script as an argument, never as shell text', () => {
    // pchar allows ';', '$', '(' and ')': such a path must still reach wget as one argv item
    const db = new VectorDb(Testing.chart(), 'Db', { heartbeatPath: "/x;$(id)&'a'" });
    const wait = waitForVectorDb(db);
    expect(wait.command).toEqual(['sh', '-c', WAIT_SCRIPT, 'wait-for-vector-db', "http://vector-db:8000/x;$(id)&'a'"]);
    expect(WAIT_SCRIPT).not.toContain('http');
  });

  it('accepts the edge values next to each limit', () => {
    expect(() => new AppConfig(Testing.chart(), 'Config', { gcpProject: 'ac215-project', name: long(63), data: { '.x': 'v', 'a..b': 'v' } })).not.toThrow();
    expect(() => new WebService(Testing.chart(), 'Web', { image: image(), port: 80, name: long(55) })).not.toThrow();
    expect(() => new VectorDb(Testing.chart(), 'Db', { name: long(52) })).not.toThrow();
    expect(() => ApiRouting.rewrite("/api/v1;x=1/~u/@a:b/!$&'()*+,=/%41/")).not.toThrow();
    expect(Cpu.millis(Number.MAX_SAFE_INTEGER).toString()).toBe(`${Number.MAX_SAFE_INTEGER}m`);
    expect(MetricTarget.averageValue('500m')._toKube()).toEqual({ type: 'AverageValue', averageValue: expect.anything() });
    for (const field of ['metadata.name', 'status.podIPs', "metadata.labels['app.kubernetes.io/name']", "metadata.annotations['example.com/x']"]) {
      expect(() => EnvValue.fromField(field)).not.toThrow();
    }
    expect(() => gkeHost('cheese.example.com')()).not.toThrow();
    void ContainerImage;
  });
});
