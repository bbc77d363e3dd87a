// The consolidated table of bad input: every case must fail at construction time with a
// message that names the owner, the prop, the value received and what is allowed.
import { App, Duration, Size, Testing } from 'cdk8s';
import {
  ApiRouting, ApiService, ApiStorage, AppConfig, AppSecret, CheeseApp, CheeseIngress, ContainerImage, Cpu, DisruptionBudget, GcpCredentials,
  HealthProbe, IngressController, IngressTls, Mount, PersistentClaim, Resources, Rollout, Scaling, SecretSource, ServiceType, VectorDb,
  VectorDbLoader, WebService, WebServiceProps,
} from '../src';
import { chartWithDb, image } from './util';

/** A WebService with `props` over a valid base (nginx on 8080). */
const web = (props: Partial<WebServiceProps>) => () => new WebService(Testing.chart(), 'Web', { image: image(), port: 8080, ...props });
const cpu = (millis: number) => Cpu.millis(millis);
const mem = (mib: number) => Size.mebibytes(mib);
const claimChart = () => {
  const chart = Testing.chart();
  return { chart, claim: new PersistentClaim(chart, 'Claim', { name: 'data', storage: Size.gibibytes(1) }) };
};
const cheese = (props: ConstructorParameters<typeof CheeseApp>[2]) => () => new CheeseApp(new App(), 'cheese', props);

const DNS_LABEL = "use a DNS-1123 label: 1-63 lower-case letters, digits or '-', starting and ending with a letter or digit";
const DNS_SUBDOMAIN = "use a DNS-1123 subdomain: up to 253 lower-case letters, digits, '-' or '.', each part starting and ending with a letter or digit";
const PORT = 'use an integer from 1 to 65535';
const ABS_PATH = "use an absolute path that starts with '/' and has no whitespace";
const HOST = "use a lower-case DNS name such as 'cheese.example.com' or '34.1.2.3.sslip.io' (no spaces, no scheme, no port, not a bare IP)";
const GRAMMAR = "use '[registry/]path[:tag][@sha256:<64 hex>]' with a lower-case path and no spaces";
const CPU = 'use a positive whole number of millicores (Cpu.millis(250)) or cores that convert to whole millicores (Cpu.cores(0.5))';
const NOT_SECRET = 'a ConfigMap is not secret; reference a Secret with AppSecret and EnvValue.fromSecret or Mount.secret';

const CASES: Array<[string, () => unknown, string]> = [
  // names (DNS-1123)
  ['a WebService name has upper case', web({ name: 'Web' }), `test/Web: invalid name "Web": ${DNS_LABEL}`],
  ['a WebService name has an underscore', web({ name: 'my_web' }), `test/Web: invalid name "my_web": ${DNS_LABEL}`],
  ['a WebService name ends with "-"', web({ name: 'web-' }), `test/Web: invalid name "web-": ${DNS_LABEL}`],
  ['a WebService name is 64 characters', web({ name: 'w'.repeat(64) }), `test/Web: invalid name "${'w'.repeat(64)}": ${DNS_LABEL}`],
  ['a WebService id gives no valid default name', () => new WebService(Testing.chart(), 'My Web', { image: image(), port: 80 }), `test/My Web: invalid name "my web": ${DNS_LABEL}`],
  ['a VectorDb name has a dot', () => new VectorDb(Testing.chart(), 'Db', { name: 'vector.db' }), `test/Db: invalid name "vector.db": ${DNS_LABEL}`],
  ['a claim name has a space', () => new PersistentClaim(Testing.chart(), 'C', { name: 'my claim', storage: mem(1) }), `test/C: invalid name "my claim": ${DNS_SUBDOMAIN}`],
  ['a CheeseApp namespace has upper case', cheese({ namespace: 'Cheese' }), `cheese: invalid namespace "Cheese": ${DNS_LABEL}`],
  ['a CheeseApp instance has a space', cheese({ instance: 'cheese app' }), 'cheese: invalid instance "cheese app": use at most 63 letters'],
  // ports
  ['the container port is 0', web({ port: 0 }), `test/Web: invalid port 0: ${PORT}`],
  ['the container port is 70000', web({ port: 70000 }), `test/Web: invalid port 70000: ${PORT}`],
  ['the container port is fractional', web({ port: 80.5 }), `test/Web: invalid port 80.5: ${PORT}`],
  ['the Service port is negative', web({ servicePort: -1 }), `test/Web: invalid servicePort -1: ${PORT}`],
  ['a VectorDb port is 65536', () => new VectorDb(Testing.chart(), 'Db', { port: 65536 }), `test/Db: invalid port 65536: ${PORT}`],
  ['a probe port is 0', () => HealthProbe.tcp({ port: 0 }), `HealthProbe: invalid port 0: ${PORT}`],
  ['a probe targets a port the container does not expose', web({ liveness: HealthProbe.http('/healthz', { port: 9090 }) }), 'test/Web: invalid livenessProbe port 9090: probe a port the container exposes (8080)'],
  ['a NodePort is below 30000', web({ serviceType: ServiceType.NODE_PORT, nodePort: 29999 }), 'test/Web: invalid nodePort 29999: use an integer from 30000 to 32767'],
  ['a NodePort is above 32767', web({ serviceType: ServiceType.LOAD_BALANCER, nodePort: 32768 }), 'test/Web: invalid nodePort 32768: use an integer from 30000 to 32767'],
  ['a nodePort is set on a ClusterIP Service', web({ nodePort: 30080 }), 'test/Web: invalid nodePort 30080: set serviceType to NODE_PORT or LOAD_BALANCER, or remove nodePort'],
  // replicas and scaling
  ['autoscaling minReplicas exceeds maxReplicas', () => Scaling.autoscale({ minReplicas: 4, maxReplicas: 2 }), 'Scaling.autoscale: invalid minReplicas 4: use a value at most maxReplicas (2)'],
  ['autoscaling maxReplicas is 0', () => Scaling.autoscale({ maxReplicas: 0 }), 'Scaling.autoscale: invalid maxReplicas 0: use an integer from 1 to 1000'],
  ['a fixed replica count is negative', () => Scaling.fixed(-1), 'Scaling.fixed: invalid replicas -1: use an integer from 0 to 1000'],
  ['replicas is set together with scaling', web({ replicas: 2, scaling: Scaling.autoscale({ maxReplicas: 3 }) }), 'test/Web: invalid replicas 2: remove replicas when scaling is set (an HPA owns the replica count)'],
  ['CPU utilization is 0%', () => Scaling.autoscale({ maxReplicas: 3, cpuUtilization: 0 }), 'Scaling.autoscale: invalid cpuUtilization 0: use an integer from 1 to 100'],
  ['memory utilization is 101%', () => Scaling.autoscale({ maxReplicas: 3, memoryUtilization: 101 }), 'Scaling.autoscale: invalid memoryUtilization 101: use an integer from 1 to 100'],
  ['scale-down percent is 0', () => Scaling.autoscale({ maxReplicas: 3, scaleDownPercentPerMinute: 0 }), 'Scaling.autoscale: invalid scaleDownPercentPerMinute 0: use an integer from 1 to 100'],
  // disruption budgets and rollouts
  ['a PDB minAvailable equals the minimum replicas', web({ replicas: 3, disruptionBudget: DisruptionBudget.minAvailable(3) }), 'test/Web: invalid disruptionBudget "minAvailable 3": use fewer than the minimum replicas (3), or the budget blocks every eviction and node drain'],
  ['a PDB minAvailable exceeds the HPA minimum', web({ scaling: Scaling.autoscale({ minReplicas: 2, maxReplicas: 5 }), disruptionBudget: DisruptionBudget.minAvailable(4) }), 'test/Web: invalid disruptionBudget "minAvailable 4": use fewer than the minimum replicas (2)'],
  ['a PDB maxUnavailable is 0', () => DisruptionBudget.maxUnavailable(0), 'DisruptionBudget.maxUnavailable: invalid count 0: use an integer from 1 to 1000'],
  ['a rolling update can never progress', () => Rollout.rolling({ maxSurge: 0, maxUnavailable: 0 }), 'Rollout.rolling: invalid maxSurge 0: maxSurge and maxUnavailable cannot both be 0: the rollout could never make progress'],
  ['a Filestore share is below its class minimum', () => ApiStorage.filestore({ size: Size.gibibytes(1), storageClassName: 'enterprise-rwx' }),
    'ApiStorage.filestore: invalid size "1Gi": use at least 1024Gi: the smallest enterprise-rwx share'],
  ['spread is forced on pods sharing a ReadWriteOnce claim', () => {
    const { chart, claim } = claimChart();
    return new WebService(chart, 'Web', { image: image(), port: 80, spread: true, mounts: [Mount.claim(claim, '/data')] });
  }, 'test/Web: invalid spread true: pods sharing the ReadWriteOnce claim data must run on one node'],
  ['a PDB would evict pods sharing a ReadWriteOnce claim one at a time', () => {
    const { chart, claim } = claimChart();
    return new WebService(chart, 'Web', { image: image(), port: 80, disruptionBudget: DisruptionBudget.maxUnavailable(1), mounts: [Mount.claim(claim, '/data')] });
  }, 'test/Web: invalid disruptionBudget "maxUnavailable 1": pods sharing the ReadWriteOnce claim data must leave their node together'],
  // CPU and memory quantities
  ['a CPU request is 0', () => Cpu.millis(0), `Cpu: invalid amount 0: ${CPU}`],
  ['a CPU amount is not whole millicores', () => Cpu.cores(0.0005), `Cpu: invalid amount 0.5: ${CPU}`],
  ['a CPU limit is below the request', () => Resources.of({ cpuRequest: cpu(500), cpuLimit: cpu(100), memoryRequest: mem(64) }), 'Resources: invalid cpuLimit "100m": use a limit at least the request (500m)'],
  ['a CPU limit is set with omitCpuLimit', () => Resources.of({ cpuRequest: cpu(100), cpuLimit: cpu(200), omitCpuLimit: true, memoryRequest: mem(64) }), 'Resources: invalid cpuLimit "200m": leave cpuLimit unset when omitCpuLimit is true'],
  ['a memory limit is below the request', () => Resources.of({ cpuRequest: cpu(100), memoryRequest: mem(512), memoryLimit: mem(256) }), 'Resources: invalid memoryLimit "256Mi": use a limit at least the request (512Mi)'],
  ['a memory request is 0', () => Resources.of({ cpuRequest: cpu(100), memoryRequest: mem(0) }), 'Resources: invalid memoryRequest "0Mi": use a positive size such as Size.mebibytes(512)'],
  // storage
  ['a claim asks for 0 bytes', () => new PersistentClaim(Testing.chart(), 'C', { name: 'c', storage: Size.gibibytes(0) }), 'test/C: invalid storage "0Gi": use a positive size such as Size.gibibytes(5)'],
  ['a claim asks for a negative size (cdk8s Size rejects it first)', () => new PersistentClaim(Testing.chart(), 'C', { name: 'c', storage: Size.gibibytes(-5) }), 'Storage amounts cannot be negative. Received: -5'],
  ['a StorageClass name has upper case', () => new PersistentClaim(Testing.chart(), 'C', { name: 'c', storage: mem(1), storageClassName: 'Standard' }), `test/C: invalid storageClassName "Standard": ${DNS_SUBDOMAIN}`],
  // images
  ['an image is empty', () => ContainerImage.of(''), 'ContainerImage: invalid image "": use a pinned image reference such as \'chromadb/chroma:0.5.6\' or \'repo/app@sha256:<64 hex>\''],
  ['an image has a space', () => ContainerImage.of('nginx 1.27'), `ContainerImage: invalid image "nginx 1.27": ${GRAMMAR}`],
  ['an image uses :latest', () => ContainerImage.of('nginx:latest'), 'ContainerImage: invalid image "nginx:latest": \':latest\' is not a pinned version; use a version tag or a digest'],
  ['an image has no tag', () => ContainerImage.of('gcr.io/p/api'), 'ContainerImage: invalid image "gcr.io/p/api": pin the image with a tag (e.g. \':0.5.6\') or a digest (\'@sha256:…\'); an untagged image floats to \':latest\''],
  ['an image digest is not 64 hex characters', () => ContainerImage.of('nginx@sha256:xyz'), `ContainerImage: invalid image "nginx@sha256:xyz": ${GRAMMAR}`],
  ['a floating image gives no reason', () => ContainerImage.floating('dlops/tic-tac-toe', 'demo'), 'ContainerImage.floating: invalid reason "demo": say in at least 10 characters why this image cannot be pinned'],
  ['a Chroma image tag has no version', () => new VectorDb(Testing.chart(), 'Db', { image: ContainerImage.of('chromadb/chroma:edge') }), 'test/Db: invalid image "chromadb/chroma:edge": the Chroma version cannot be read from the tag; set dataPath and heartbeatPath explicitly'],
  ['a CheeseApp image tag has a space', cheese({ imageTag: '2025 05' }), 'cheese: invalid imageTag "2025 05": use a non-empty string with no whitespace'],
  // paths
  ['a probe path has no leading "/"', () => HealthProbe.http('healthz'), `HealthProbe.http: invalid path "healthz": ${ABS_PATH}`],
  ['a mount path has no leading "/"', () => Mount.emptyDir('tmp'), `Mount: invalid path "tmp": ${ABS_PATH}`],
  ['an API rootPath ends with "/"', () => {
    const { chart, config, db } = chartWithDb();
    return new ApiService(chart, 'Api', { image: image(), vectorDb: db, config, rootPath: '/api-service/' });
  }, 'test/Api: invalid rootPath "/api-service/": use a prefix without a trailing \'/\', such as \'/api-service\''],
  ['a key mount path is relative', () => GcpCredentials.serviceAccountKey({ secret: new AppSecret(Testing.chart(), 'Key', { name: 'gcp-key' }), mountPath: 'secrets' }), `GcpCredentials.serviceAccountKey: invalid mountPath "secrets": ${ABS_PATH}`],
  ['an ApiRouting prefix is "/"', () => ApiRouting.rewrite('/'), 'ApiRouting.rewrite: invalid prefix "/": use a prefix such as \'/api/\'; \'/\' belongs to the frontend'],
  // hosts
  ['a host has a space', cheese({ host: 'cheese app.com' }), `cheese/Ingress: invalid host "cheese app.com": ${HOST}`],
  ['a host has a scheme', cheese({ host: 'http://cheese.com' }), `cheese/Ingress: invalid host "http://cheese.com": ${HOST}`],
  ['a host is a bare IP', cheese({ host: '34.1.2.3' }), `cheese/Ingress: invalid host "34.1.2.3": ${HOST}`],
  ['a host has a port', cheese({ host: 'cheese.com:8080' }), `cheese/Ingress: invalid host "cheese.com:8080": ${HOST}`],
  // durations
  ['preStopDelay is above 300 seconds', web({ preStopDelay: Duration.minutes(6), terminationGracePeriod: Duration.minutes(10) }), 'test/Web: invalid preStopDelay (seconds) 360: use an integer from 1 to 300'],
  ['terminationGracePeriod does not exceed preStopDelay', web({ preStopDelay: Duration.seconds(20), terminationGracePeriod: Duration.seconds(10) }), 'test/Web: invalid terminationGracePeriod "10s": use a grace period longer than preStopDelay (20s) so the app gets time to drain after SIGTERM'],
  ['a loader deadline is under a minute', () => {
    const { chart, config, db } = chartWithDb();
    return new VectorDbLoader(chart, 'L', { image: image(), vectorDb: db, config, activeDeadline: Duration.seconds(59) });
  }, 'test/L: invalid activeDeadline (seconds) 59: use an integer from 60 to 86400'],
  ['a loader TTL is over 30 days', () => {
    const { chart, config, db } = chartWithDb();
    return new VectorDbLoader(chart, 'L', { image: image(), vectorDb: db, config, ttlAfterFinished: Duration.days(31) });
  }, 'test/L: invalid ttlAfterFinished (seconds) 2678400: use an integer from 0 to 2592000'],
  ['a duration is negative (cdk8s Duration rejects it first)', () => Duration.seconds(-5), 'Duration amounts cannot be negative. Received: -5'],
  // config and secrets
  ['a ConfigMap key looks like a password', () => new AppConfig(Testing.chart(), 'Cfg', { gcpProject: 'ac215-project', data: { DB_PASSWORD: 'x' } }), `test/Cfg: invalid data key "DB_PASSWORD": ${NOT_SECRET}`],
  ['a ConfigMap key looks like an API key', () => new AppConfig(Testing.chart(), 'Cfg', { gcpProject: 'ac215-project', data: { 'openai-api-key': 'x' } }), `test/Cfg: invalid data key "openai-api-key": ${NOT_SECRET}`],
  ['a ConfigMap key looks like credentials', cheese({ configData: { GOOGLE_CREDENTIALS: '{}' } }), `cheese/Config: invalid data key "GOOGLE_CREDENTIALS": ${NOT_SECRET}`],
  ['a ConfigMap value holds a service-account key', () => new AppConfig(Testing.chart(), 'Cfg', { gcpProject: 'ac215-project', data: { SA: '{"type":"service_account"}' } }), `test/Cfg: invalid data key "SA": ${NOT_SECRET}`],
  ['an inline Secret has no acknowledgement', () => SecretSource.inlinePlaintext({ stringData: { token: 't' }, acknowledgement: '' }), 'SecretSource.inlinePlaintext: invalid acknowledgement "": say in at least 10 characters why a clear-text Secret in the manifests is acceptable'],
  ['a GCP project id is too short', cheese({ gcpProject: 'ac215' }), 'cheese: invalid gcpProject "ac215": use a GCP project id: 6-30 lower-case letters, digits or hyphens, starting with a letter'],
  ['a Workload Identity email is not a service account', () => GcpCredentials.workloadIdentity({ gcpServiceAccount: 'me@gmail.com' }), 'GcpCredentials.workloadIdentity: invalid gcpServiceAccount "me@gmail.com": use a service account email \'<name>@<project>.iam.gserviceaccount.com\''],
  // whole-app wiring
  ['two CheeseApps in one App share a namespace', () => {
    const app = new App();
    new CheeseApp(app, 'dev');
    return new CheeseApp(app, 'prod');
  }, 'prod: invalid namespace "cheese-app-namespace": already used by dev; give each CheeseApp its own namespace (object names such as \'api\' would collide)'],
  ['ApiRouting does not match the API rootPath', () => {
    const { chart, config, db } = chartWithDb();
    const frontend = new WebService(chart, 'Frontend', { image: image(), port: 3000 });
    const api = new ApiService(chart, 'Api', { image: image(), vectorDb: db, config, rootPath: '/api-service' });
    return new CheeseIngress(chart, 'Ingress', { host: 'cheese.example.com', frontend, api, apiRouting: ApiRouting.rootPath('/v2') });
  }, "test/Ingress: invalid apiRouting \"/v2\": the API's rootPath is /api-service; use ApiRouting.rootPath('/api-service') or give the API rootPath '/v2'"],
  ['a Gateway is combined with an Ingress controller', cheese({ gateway: { name: 'gw' }, ingressController: IngressController.nginx() }), 'cheese: invalid gateway "gw": remove ingressController and tls: with a Gateway, the HTTPRoute replaces the Ingress'],
  ['a Pod Security version is not v1.<minor>', cheese({ podSecurityVersion: '1.30' }), 'cheese: invalid podSecurityVersion "1.30": use \'v1.<minor>\' (e.g. \'v1.30\') or \'latest\''],
  // GKE, TLS and autoscaling limits the API server or the controllers enforce
  ['a GKE host is a wildcard (a managed certificate cannot cover it)', cheese({ host: '*.example.com', ingressController: IngressController.gce({ staticIpName: 'ip' }) }),
    'cheese/Ingress: invalid host "*.example.com": a Google-managed certificate needs a non-wildcard name of at most 63 characters'],
  ['a GKE host is longer than 63 characters', cheese({ host: `${'a'.repeat(60)}.example.com`, ingressController: IngressController.gce({ staticIpName: 'ip' }) }),
    'a Google-managed certificate needs a non-wildcard name of at most 63 characters'],
  ['a key Secret is given both as a construct and by name', () => GcpCredentials.serviceAccountKey({ secret: new AppSecret(Testing.chart(), 'K', { name: 'k' }), secretName: 'other' }),
    'GcpCredentials.serviceAccountKey: invalid secretName "other": give either secret or secretName, not both'],
  ['a key file name has a slash (not a Secret data key)', () => GcpCredentials.serviceAccountKey({ key: 'keys/gcp.json' }),
    'GcpCredentials.serviceAccountKey: invalid key "keys/gcp.json": use letters, digits, \'-\', \'_\' or \'.\''],
  ['a key Secret name has upper case', () => GcpCredentials.serviceAccountKey({ secretName: 'GCP_Key' }), `GcpCredentials.serviceAccountKey: invalid secretName "GCP_Key": ${DNS_SUBDOMAIN}`],
  ['a WebService runAsGroup is 0 (root group)', web({ runAsGroup: 0 }), 'test/Web: invalid runAsGroup 0: use an integer from 1 to 2147483647'],
  ['a WebService fsGroup is negative', web({ fsGroup: -1 }), 'test/Web: invalid fsGroup -1: use an integer from 1 to 2147483647'],
  ['a VectorDb runAsUser is 0 (root)', () => new VectorDb(Testing.chart(), 'Db', { runAsUser: 0 }), 'test/Db: invalid runAsUser 0: use an integer from 1 to 2147483647'],
  ['a CheeseApp imageRegistry has a space', cheese({ imageRegistry: 'us-docker.pkg.dev/my project' }), 'cheese: invalid imageRegistry "us-docker.pkg.dev/my project": use a non-empty string with no whitespace'],
  ['a cert-manager secret name has a space', () => IngressTls.certManager({ issuerName: 'letsencrypt', secretName: 'Bad Name!' }), `IngressTls.certManager: invalid secretName "Bad Name!": ${DNS_SUBDOMAIN}`],
  ['a scale-down stabilization exceeds one hour', () => Scaling.autoscale({ maxReplicas: 4, scaleDownStabilization: Duration.hours(2) }),
    'Scaling.autoscale: invalid scaleDownStabilization (seconds) 7200: use an integer from 0 to 3600'],
  ['a scale-up stabilization exceeds one hour', () => Scaling.autoscale({ maxReplicas: 4, scaleUpStabilization: Duration.minutes(61) }),
    'Scaling.autoscale: invalid scaleUpStabilization (seconds) 3660: use an integer from 0 to 3600'],
];

describe('bad input', () => {
  test('the table holds at least 50 distinct cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(50);
    expect(new Set(CASES.map(([name]) => name)).size).toBe(CASES.length);
    expect(new Set(CASES.map(([, , message]) => message)).size).toBe(CASES.length);
  });

  test.each(CASES)('fails if %s', (_, build, message) => {
    expect(build).toThrow(message);
  });

  test.each([
    ['serviceAnnotations', web({ serviceAnnotations: { 'has space': 'x' } }), 'test/Web: invalid serviceAnnotations key "has space": use \'[prefix/]name\''],
    ['podAnnotations', web({ podAnnotations: { 'Bad_Prefix.com/x': 'y' } }), 'test/Web: invalid podAnnotations key "Bad_Prefix.com/x": use \'[prefix/]name\''],
  ])('fails if a %s key is malformed', (_, build, message) => {
    expect(build).toThrow(message);
  });
});
