import { Size } from 'cdk8s';
import { ApiService, ApiServiceProps, ApiStorage, AppConfig, AppSecret, ContainerImage, EnvValue, GcpCredentials, Mount, PersistentClaim, Rollout, SUPPRESSIONS_ANNOTATION, WAIT_SCRIPT } from '../src';
import { chartWithDb, mainContainer, one, podOf, synth } from './util';
import { Connections } from '../src/core/network';

const IMAGE = 'gcr.io/ac215-project/cheese-app-api-service:20250422213016';

function build(props: Partial<ApiServiceProps> = {}) {
  const { chart, config, db } = chartWithDb();
  const api = new ApiService(chart, 'Api', { image: ContainerImage.of(IMAGE), vectorDb: db, config, ...props });
  const objects = synth(chart);
  const deployment = one(objects, 'Deployment', 'api');
  return { chart, db, api, objects, deployment, container: mainContainer(deployment), pod: podOf(deployment) };
}

const envOf = (container: any) => Object.fromEntries((container.env ?? []).map((e: any) => [e.name, e.value ?? e.valueFrom]));

describe('ApiService', () => {
  test('synthesizes api:9000 with an HPA and a PDB, wired to the vector DB and the config', () => {
    const { objects, container, api, db } = build();
    expect(objects.filter(o => o.metadata.labels?.['app.kubernetes.io/name'] === 'api').map(o => o.kind))
      .toEqual(['Deployment', 'Service', 'HorizontalPodAutoscaler', 'PodDisruptionBudget']);
    expect(one(objects, 'Service', 'api').spec.ports).toEqual([{ name: 'http', port: 9000, targetPort: 9000, protocol: 'TCP' }]);
    expect(envOf(container)).toEqual({ CHROMADB_HOST: 'vector-db', CHROMADB_PORT: '8000' });
    expect(container.envFrom).toEqual([{ configMapRef: { name: 'cheese-app-config' } }]);
    expect(api.vectorDb).toBe(db);
    expect(objects.filter(o => o.metadata.name === 'api')).toMatchSnapshot();
  });

  test('@default waitForVectorDb true: an init container polls the vector DB heartbeat before the API starts', () => {
    const { pod } = build();
    expect(pod.initContainers.map((c: any) => c.name)).toEqual(['wait-for-vector-db']);
    // the script is a constant; the URL is its own argv item ($1), never shell text
    expect(pod.initContainers[0].command).toEqual(['sh', '-c', WAIT_SCRIPT, 'wait-for-vector-db', 'http://vector-db:8000/api/v2/heartbeat']);
    expect(pod.initContainers[0].securityContext).toMatchObject({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true });
    expect(build({ waitForVectorDb: false }).pod.initContainers).toBeUndefined();
  });

  test('defaults of the FastAPI image: uid/gid/fsGroup 1000, 500m/2Gi with a 1500m limit, HPA 2-4, 45s grace', () => {
    const { pod, container, objects } = build();
    expect(pod.securityContext).toMatchObject({ runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000 });
    expect(container.resources).toEqual({ requests: { cpu: '500m', memory: '2Gi' }, limits: { cpu: '1500m', memory: '2Gi' } });
    expect(one(objects, 'HorizontalPodAutoscaler').spec).toMatchObject({ minReplicas: 2, maxReplicas: 4 });
    expect(pod.terminationGracePeriodSeconds).toBe(45);
  });

  test('@default progressDeadline 15 minutes: the startup probe alone may take 10', () => {
    const { deployment, container } = build();
    expect(deployment.spec.progressDeadlineSeconds).toBe(900);
    expect(container.startupProbe.periodSeconds * container.startupProbe.failureThreshold).toBe(600);
  });

  test('@default port 9000; an explicit port is used by the container and the Service', () => {
    const { objects, container } = build({ port: 8000 });
    expect(container.ports[0].containerPort).toBe(8000);
    expect(one(objects, 'Service', 'api').spec.ports[0].port).toBe(8000);
  });

  test('@default rootPath: none (no ROOT_PATH); @default healthPath: /status', () => {
    const { container, api } = build();
    expect(api.rootPath).toBeUndefined();
    expect(api.healthPath).toBe('/status');
    expect(envOf(container).ROOT_PATH).toBeUndefined();
    expect(container.readinessProbe.httpGet.path).toBe('/status');
    expect(container.startupProbe).toMatchObject({ httpGet: { path: '/status' }, periodSeconds: 10, failureThreshold: 60 });
    expect(container.livenessProbe).toMatchObject({ tcpSocket: { port: 9000 }, periodSeconds: 20 });
  });

  test('@default healthPath follows rootPath: ${rootPath}/status, and ROOT_PATH is set', () => {
    const { container, api } = build({ rootPath: '/api-service' });
    expect(api.healthPath).toBe('/api-service/status');
    expect(envOf(container).ROOT_PATH).toBe('/api-service');
    expect(container.readinessProbe.httpGet.path).toBe('/api-service/status');
    expect(build({ rootPath: '/api-service', healthPath: '/healthz' }).container.startupProbe.httpGet.path).toBe('/healthz');
  });

  test('@default credentials: GcpCredentials.nodeDefault() (no ServiceAccount, no key)', () => {
    const { pod, container, objects } = build();
    expect(pod.serviceAccountName).toBeUndefined();
    expect(envOf(container).GOOGLE_APPLICATION_CREDENTIALS).toBeUndefined();
    expect(objects.filter(o => o.kind === 'ServiceAccount')).toEqual([]);
  });

  test('Workload Identity credentials run the pods as the annotated KSA', () => {
    const { pod, objects } = build({ credentials: GcpCredentials.workloadIdentity({ gcpServiceAccount: 'gcp-service@ac215-project.iam.gserviceaccount.com' }) });
    expect(pod.serviceAccountName).toBe('api-ksa');
    expect(one(objects, 'ServiceAccount', 'api-ksa').metadata.annotations).toEqual({ 'iam.gke.io/gcp-service-account': 'gcp-service@ac215-project.iam.gserviceaccount.com' });
  });

  test('@default persistentClaim: a 2Gi emptyDir at /persistent; /tmp is writable scratch, /home/app (the virtualenv) is never covered', () => {
    const { pod, container, objects } = build();
    expect(container.volumeMounts.map((m: any) => m.mountPath)).toEqual(['/tmp', '/persistent']);
    expect(pod.volumes).toContainEqual({ name: 'scratch-persistent', emptyDir: { sizeLimit: '2Gi' } });
    expect(one(objects, 'Deployment', 'api').spec.strategy.type).toBe('RollingUpdate');
  });

  test('a ReadWriteOnce persistentClaim is mounted at /persistent; one pod rolls with a surge pod kept on the disk\'s node', () => {
    const { chart, config, db } = chartWithDb();
    const claim = new PersistentClaim(chart, 'Claim', { name: 'persistent-pvc', storage: Size.gibibytes(5) });
    const api = new ApiService(chart, 'Api', { image: ContainerImage.of(IMAGE), vectorDb: db, config, persistentClaim: claim });
    const objects = synth(chart);
    const deployment = one(objects, 'Deployment', 'api');
    expect(mainContainer(deployment).volumeMounts).toContainEqual({ name: 'pvc-persistent-pvc', mountPath: '/persistent' });
    expect(deployment.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });
    expect(podOf(deployment).affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey).toBe('kubernetes.io/hostname');
    // one pod (no HPA): with its surge pod, 2 × (500m, 2Gi) on the disk's node
    expect(deployment.spec.replicas).toBe(1);
    expect(objects.filter(o => o.kind === 'HorizontalPodAutoscaler' || o.kind === 'PodDisruptionBudget')).toEqual([]);
    expect(api.colocatedPodBudget).toBe(2);
    expect(api.storage).toBeUndefined();
  });

  test('Rollout.recreate() stays an explicit choice on the disk', () => {
    const { deployment, api } = build({ storage: ApiStorage.readWriteOnceDisk(), rollout: Rollout.recreate() });
    expect(deployment.spec.strategy).toEqual({ type: 'Recreate' });
    expect(api.colocatedPodBudget).toBeUndefined(); // one pod and no surge: nothing to co-locate
  });

  test('@default allowInternetEgress true: the API may reach the internet on 443; false removes it', () => {
    const on = build();
    expect(Connections.of(on.chart).internet).toEqual([{ from: on.api, ports: [443] }]);
    expect(Connections.of(on.chart).connections).toEqual([{ from: on.api, to: on.db, port: 8000 }]);
    const off = build({ allowInternetEgress: false });
    expect(Connections.of(off.chart).internet).toEqual([]);
  });

  test('extra env, envFrom and mounts are added to the built-in ones; the caller\'s env wins', () => {
    const { chart, config, db } = chartWithDb();
    const moreConfig = AppConfig.fromConfigMapName(chart, 'More', 'more-config');
    const keys = new AppSecret(chart, 'Keys', { name: 'api-keys' });
    new ApiService(chart, 'Api', {
      image: ContainerImage.of(IMAGE),
      vectorDb: db,
      config,
      env: { CHROMADB_HOST: EnvValue.literal('other-db'), MODEL: EnvValue.literal('gemini') },
      envFrom: [moreConfig],
      mounts: [Mount.secret(keys, '/keys')],
    });
    const c = mainContainer(one(synth(chart), 'Deployment', 'api'));
    expect(envOf(c)).toMatchObject({ CHROMADB_HOST: 'other-db', MODEL: 'gemini' });
    expect(c.envFrom.map((e: any) => e.configMapRef.name)).toEqual(['cheese-app-config', 'more-config']);
    expect(c.volumeMounts.map((m: any) => m.mountPath)).toEqual(['/tmp', '/persistent', '/keys']);
  });

  test('@default readOnlyRootFilesystem false: `uv run` writes into the virtualenv; the exception is recorded on the Deployment only', () => {
    const { container, objects } = build();
    expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: false, runAsNonRoot: true, allowPrivilegeEscalation: false });
    const deployment = one(objects, 'Deployment', 'api');
    expect(deployment.metadata.annotations[SUPPRESSIONS_ANNOTATION]).toMatch(/^CHEESE-FS1: the api-service image starts with `uv run`, which writes into its virtualenv \/home\/app\/\.venv/);
    expect(one(objects, 'Service', 'api').metadata.annotations?.[SUPPRESSIONS_ANNOTATION]).toBeUndefined();
    // an image that starts its server without uv can run read-only, with no exception
    const strict = build({ readOnlyRootFilesystem: true });
    expect(strict.container.securityContext.readOnlyRootFilesystem).toBe(true);
    expect(one(strict.objects, 'Deployment', 'api').metadata.annotations?.[SUPPRESSIONS_ANNOTATION]).toBeUndefined();
  });

  describe('fails if', () => {
    test.each([
      ['rootPath is "/"', { rootPath: '/' }, 'invalid rootPath "/": use a prefix without a trailing \'/\', such as \'/api-service\''],
      ['rootPath ends with "/"', { rootPath: '/api/' }, 'invalid rootPath "/api/": use a prefix without a trailing \'/\', such as \'/api-service\''],
      ['rootPath is relative', { rootPath: 'api-service' }, 'invalid rootPath "api-service": use an absolute path that starts with \'/\' and has no whitespace'],
      ['healthPath has a space', { healthPath: '/health check' }, 'invalid healthPath "/health check": use an absolute path that starts with \'/\' and has no whitespace'],
    ])('%s', (_, props, message) => {
      expect(() => build(props)).toThrow(`test/Api: ${message}`);
    });
  });
});

