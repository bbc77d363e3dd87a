import { Testing } from 'cdk8s';
import { mainContainer, one, podOf } from './util';
import { ApiStorage } from '../src/api-storage';
import {
  ApiStorageMode, CredentialsMode, DEV, ENVIRONMENTS, EnvironmentSettings, IngressMode, placeholderWarnings, PROD, RoutingMode, TlsMode,
  toCheeseAppProps, toNodePool, withOverrides,
} from '../src/environments';
import { buildEnvironment } from '../src/output/render';

const propsOf = (env: EnvironmentSettings) => toCheeseAppProps(env);

describe('environments', () => {
  test('dev and prod, in output order', () => {
    expect(Object.keys(ENVIRONMENTS)).toEqual(['dev', 'prod']);
    expect(ENVIRONMENTS.dev).toBe(DEV);
    expect(ENVIRONMENTS.prod).toBe(PROD);
  });

  test('dev: nginx, no TLS, one pod each at minimum, its own namespace', () => {
    expect(DEV).toMatchObject({ namespace: 'cheese-app-dev', ingress: IngressMode.NGINX, tls: TlsMode.NONE, requireTls: false });
    expect([DEV.frontend.minReplicas, DEV.api.minReplicas]).toEqual([1, 1]);
  });

  test('prod: GKE Ingress with a static IP, TLS required, an HA frontend, standard-rwo storage, the API on a Cloud Storage bucket', () => {
    expect(PROD).toMatchObject({ namespace: 'cheese-app-namespace', ingress: IngressMode.GCE, staticIpName: 'cheese-app-global-ip', requireTls: true, storageClassName: 'standard-rwo' });
    expect(PROD.frontend.minReplicas).toBe(2);
    // shared storage: the API pods spread over the nodes, so they can be 2-3
    expect(PROD).toMatchObject({ apiStorage: ApiStorageMode.CLOUD_STORAGE_BUCKET, apiBucket: 'ac215-project-cheese-app-persistent' });
    expect([PROD.api.minReplicas, PROD.api.maxReplicas]).toEqual([2, 3]);
  });

  test('dev: the API keeps the ReadWriteOnce disk with one pod', () => {
    expect(DEV.apiStorage).toBe(ApiStorageMode.READ_WRITE_ONCE_DISK);
    expect([DEV.api.minReplicas, DEV.api.maxReplicas]).toEqual([1, 1]);
  });

  describe('withOverrides', () => {
    test('no overrides: the settings are unchanged', () => {
      expect(withOverrides(DEV, {})).toEqual(DEV);
    });

    test('tag, project and host replace the settings; the Workload Identity email follows the project', () => {
      const env = withOverrides(PROD, { imageTag: '20251201', gcpProject: 'my-project-1', host: '34.1.2.3.sslip.io' });
      expect(env).toMatchObject({ imageTag: '20251201', gcpProject: 'my-project-1', host: '34.1.2.3.sslip.io', gcpServiceAccount: 'gcp-service@my-project-1.iam.gserviceaccount.com' });
      expect(PROD.gcpProject).toBe('ac215-project');
    });

    test('the API bucket follows a project override when it is named after the project', () => {
      expect(withOverrides(PROD, { gcpProject: 'my-project-1' }).apiBucket).toBe('my-project-1-cheese-app-persistent');
      expect(withOverrides({ ...PROD, apiBucket: 'shared-bucket' }, { gcpProject: 'my-project-1' }).apiBucket).toBe('shared-bucket');
      expect(withOverrides(PROD, {}).apiBucket).toBe(PROD.apiBucket);
    });

    test('a project override leaves an environment without a Google service account alone', () => {
      const env = withOverrides({ ...DEV, credentials: CredentialsMode.NODE_DEFAULT, gcpServiceAccount: undefined }, { gcpProject: 'other-project' });
      expect(env.gcpServiceAccount).toBeUndefined();
    });
  });

  describe('toCheeseAppProps', () => {
    test('dev: nginx, root-path routing, Workload Identity, autoscaling and resources from the settings', () => {
      const props = propsOf(DEV);
      expect(props).toMatchObject({ namespace: 'cheese-app-dev', instance: 'cheese-app-dev', gcpProject: 'ac215-project', imageTag: DEV.imageTag, host: DEV.host, requireTls: false });
      expect(props.ingressController?.className).toBe('nginx');
      expect(props.tls).toBeUndefined();
      expect(props.apiRouting?.prefix).toBe('/api-service');
      expect(props.credentials?.gcpServiceAccount).toBe(DEV.gcpServiceAccount);
      // min = max: a fixed count, no HPA
      expect(props.apiScaling?.autoscale).toBeUndefined();
      expect([props.apiScaling?.minReplicas, props.apiScaling?.maxReplicas]).toEqual([1, 1]);
      expect(props.frontendScaling?.autoscale).toBeDefined();
      expect(props.apiResources?.cpuRequest.millis).toBe(250);
      expect(props.apiResources?.cpuLimit?.millis).toBe(1500);
      expect(props.apiResources?.memoryRequestMiB).toBe(2048);
      expect(props.vectorDbStorage?.toGibibytes()).toBe(10);
      expect(props.apiStorage).toBeInstanceOf(ApiStorage);
      expect((props.apiStorage as ApiStorage).spreads).toBe(false);
    });

    test('prod: the GKE controller', () => {
      expect(propsOf(PROD).ingressController?.className).toBe('gce');
    });

    test('fails if the Filestore share is too small: the environment and its field named', () => {
      expect(() => propsOf({ ...DEV, apiStorage: ApiStorageMode.FILESTORE })).toThrow(
        "environment 'dev': invalid apiStorageGiB 5: with apiStorage 'filestore': ApiStorage.filestore: invalid size \"5Gi\": use at least 100Gi");
    });

    test('@default apiStorage: the ReadWriteOnce disk; each mode maps to its ApiStorage', () => {
      const { apiStorage: _omit, ...noMode } = DEV;
      expect((propsOf(noMode).apiStorage as ApiStorage).toString()).toBe('ApiStorage.readWriteOnceDisk()');
      expect((propsOf({ ...DEV, apiStorage: ApiStorageMode.NONE }).apiStorage as ApiStorage).toString()).toBe('ApiStorage.none()');
      const filestore = propsOf({ ...DEV, apiStorage: ApiStorageMode.FILESTORE, apiStorageGiB: 1024 }).apiStorage as ApiStorage;
      expect([filestore.toString(), filestore.spreads]).toEqual(['ApiStorage.filestore()', true]);
      // @default apiFilestoreClassName 'standard-rwx'; an explicit class is used
      expect(filestore._bind(Testing.chart()).claim?.storageClassName).toBe('standard-rwx');
      const enterprise = propsOf({ ...DEV, apiStorage: ApiStorageMode.FILESTORE, apiStorageGiB: 1024, apiFilestoreClassName: 'enterprise-rwx' }).apiStorage as ApiStorage;
      expect(enterprise._bind(Testing.chart()).claim?.storageClassName).toBe('enterprise-rwx');
      expect((propsOf(PROD).apiStorage as ApiStorage).toString()).toBe('ApiStorage.cloudStorageBucket(ac215-project-cheese-app-persistent)');
    });

    test('TLS modes, rewrite routing, node credentials and no CPU limit', () => {
      const secret = propsOf({ ...DEV, tls: TlsMode.SECRET, tlsSecretName: 'cheese-tls' });
      expect(secret.tls?._secretName).toBe('cheese-tls');
      const cm = propsOf({ ...DEV, tls: TlsMode.CERT_MANAGER, clusterIssuer: 'letsencrypt-prod' });
      expect(cm.tls?._certManager?.issuerName).toBe('letsencrypt-prod');
      expect(propsOf({ ...DEV, routing: RoutingMode.REWRITE }).apiRouting?.rewrites).toBe(true);
      expect(propsOf({ ...DEV, credentials: CredentialsMode.NODE_DEFAULT }).credentials?._mode).toBe('node');
      const noLimit = propsOf({ ...DEV, api: { ...DEV.api, cpuLimitMillis: undefined } });
      expect(noLimit.apiResources?.cpuLimit).toBeUndefined();
    });

    describe('fails if', () => {
      test.each([
        ['gce ingress has no staticIpName', { ingress: IngressMode.GCE, staticIpName: undefined }, "environment 'dev': invalid staticIpName undefined: set it when ingress is gce"],
        ["tls 'secret' has no tlsSecretName", { tls: TlsMode.SECRET }, "environment 'dev': invalid tlsSecretName undefined: set it when tls is 'secret'"],
        ["tls 'cert-manager' has no clusterIssuer", { tls: TlsMode.CERT_MANAGER, clusterIssuer: '' }, 'environment \'dev\': invalid clusterIssuer "": set it when tls is \'cert-manager\''],
        ['Workload Identity has no service account', { gcpServiceAccount: undefined }, "environment 'dev': invalid gcpServiceAccount undefined: set it for Workload Identity"],
        ["'key-secret' credentials have no Secret name", { credentials: CredentialsMode.KEY_SECRET }, "environment 'dev': invalid keySecretName undefined: set it when credentials is 'key-secret'"],
        ['frontend min replicas exceed max', { frontend: { ...DEV.frontend, minReplicas: 3, maxReplicas: 2 } }, "environment 'dev': invalid frontend.minReplicas 3: use at most frontend.maxReplicas (2)"],
        ['api min replicas exceed max', { api: { ...DEV.api, minReplicas: 5, maxReplicas: 4 } }, "environment 'dev': invalid api.minReplicas 5: use at most api.maxReplicas (4)"],
        ["apiStorage 'gcs-bucket' has no apiBucket", { apiStorage: ApiStorageMode.CLOUD_STORAGE_BUCKET }, "environment 'dev': invalid apiBucket undefined: set it when apiStorage is 'gcs-bucket'"],
      ])('%s', (_, change, message) => {
        expect(() => propsOf({ ...DEV, ...change } as EnvironmentSettings)).toThrow(message);
      });
    });
  });

  describe('buildEnvironment', () => {
    test.each([DEV, PROD])('$name builds a CheeseApp in its namespace, labelled with its instance', (env) => {
      const { chart } = buildEnvironment(env);
      expect(chart.namespaceName).toBe(env.namespace);
      expect(chart.instance).toBe(`cheese-app-${env.name}`);
      const api = one(chart.toJson(), 'Deployment', 'api');
      expect(api.metadata.labels['app.kubernetes.io/instance']).toBe(`cheese-app-${env.name}`);
      expect(mainContainer(api).image).toBe(`us-docker.pkg.dev/ac215-project/cheese-app-repository/cheese-app-api-service:${env.imageTag}`);
    });

    test('every API deploy rolls without downtime; dev\'s disk node has room for the pod and its surge pod', () => {
      // dev: one pod on the ReadWriteOnce disk + 1 surge pod, kept on the disk's node
      const dev = buildEnvironment(DEV).chart;
      const pool = toNodePool(DEV);
      expect(one(dev.toJson(), 'Deployment', 'api').spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });
      expect(dev.api.colocatedPodBudget).toBe(2);
      // 2 × (250m, 2048 MiB) = 500m / 4096 MiB ≤ 1330m / 5608 MiB schedulable on an n2d-standard-2 (next to the vector DB and
      // one frontend pod: 850m / 5376 MiB, once the loader Job has finished); a second replica would need 3 × 2048 > 5608
      expect(2 * DEV.api.cpuRequestMillis).toBeLessThanOrEqual(pool.schedulableCpuMillis);
      expect(2 * DEV.api.memoryMiB).toBeLessThanOrEqual(pool.schedulableMemoryMiB);
      expect(3 * DEV.api.memoryMiB).toBeGreaterThan(pool.schedulableMemoryMiB);
      // prod: the bucket is shared, so the pods spread and the surge pod may go to either node; 2 pods keep serving meanwhile
      const prod = buildEnvironment(PROD).chart;
      const objects = prod.toJson();
      expect(one(objects, 'Deployment', 'api').spec.strategy.rollingUpdate).toEqual({ maxSurge: 1, maxUnavailable: 0 });
      expect(prod.api.colocatedPodBudget).toBeUndefined();
      expect(one(objects, 'PodDisruptionBudget', 'api').spec.maxUnavailable).toBe(1);
      expect(one(objects, 'HorizontalPodAutoscaler', 'api').spec).toMatchObject({ minReplicas: 2, maxReplicas: 3 });
      expect(prod.policy.errors()).toEqual([]);
    });

    test('@default imageRegistry us-docker.pkg.dev/<gcpProject>/cheese-app-repository; an explicit registry replaces it', () => {
      const { chart } = buildEnvironment({ ...DEV, imageRegistry: 'us-docker.pkg.dev/ac215-project/cheese' });
      expect(mainContainer(one(chart.toJson(), 'Deployment', 'frontend')).image).toBe(`us-docker.pkg.dev/ac215-project/cheese/cheese-app-frontend-react:${DEV.imageTag}`);
    });

    test("a 'key-secret' environment builds, mounting the key Secret into the API", () => {
      const { chart } = buildEnvironment({ ...DEV, credentials: CredentialsMode.KEY_SECRET, keySecretName: 'gcp-key' });
      expect(podOf(one(chart.toJson(), 'Deployment', 'api')).volumes).toContainEqual(expect.objectContaining({ secret: expect.objectContaining({ secretName: 'gcp-key' }) }));
    });
  });
});

describe('placeholderWarnings', () => {
  test('the built-in environments warn about the course image tag, and prod about its example.com host', () => {
    expect(placeholderWarnings(DEV)).toEqual([
      "dev: the app images are tagged 20250422213016, the first course version's .docker-tag; pass --tag (or --tag-file, CHEESE_IMAGE_TAG) with the tag your image pipeline pushed",
    ]);
    expect(placeholderWarnings(PROD)[1]).toBe('prod: host cheese.example.com is under a reserved example domain, so no DNS record or certificate can exist for it; pass --host');
  });

  test('overridden values are not placeholders', () => {
    expect(placeholderWarnings(withOverrides(PROD, { imageTag: '20260101000000', host: 'cheese.my-school.edu' }))).toEqual([]);
  });

  test.each(['example.com', 'a.example.org', 'app.example', 'x.test', 'y.invalid', 'localhost'])('%s is a reserved host', (host) => {
    expect(placeholderWarnings({ ...DEV, imageTag: 'v1', host })).toHaveLength(1);
  });

  test.each(['examples.com', 'example.com.au', '34.1.2.3.sslip.io', 'testing.io', 'notexample.com', 'cheese.contest'])('%s is a real host', (host) => {
    expect(placeholderWarnings({ ...DEV, imageTag: 'v1', host })).toEqual([]);
  });
});

describe('toNodePool', () => {
  test('a machine type gives its GKE allocatable capacity', () => {
    expect(toNodePool(PROD)).toMatchObject({ label: 'n2d-standard-2', allocatableCpuMillis: 1930, allocatableMemoryMiB: 6248, minNodes: 2, maxNodes: 3 });
  });

  test('@default machineType none: explicit allocatable capacity is used', () => {
    const nodePool = { allocatableCpuMillis: 3000, allocatableMemoryMiB: 12000, minNodes: 1, maxNodes: 3, failOnOverflow: false };
    const pool = toNodePool({ ...DEV, nodePool });
    expect(pool).toMatchObject({ allocatableCpuMillis: 3000, allocatableMemoryMiB: 12000, minNodes: 1, maxNodes: 3 });
  });

  test.each(['allocatableCpuMillis', 'allocatableMemoryMiB'] as const)('fails if there is no machine type and no %s', (missing) => {
    const nodePool = { allocatableCpuMillis: 3000, allocatableMemoryMiB: 12000, minNodes: 1, maxNodes: 3, failOnOverflow: false };
    nodePool[missing] = undefined as unknown as number;
    expect(() => toNodePool({ ...DEV, nodePool })).toThrow(`environment 'dev': invalid nodePool.${missing} undefined: set it when nodePool has no machineType`);
  });
});
