// The documented @default of every CheeseAppProps field, checked against the synthesized chart.
// (Whole-chart invariants live in cheese-app.test.ts.)
import { App, Size, Testing } from 'cdk8s';
import { CheeseApp, CheeseAppProps, ContainerImage, Cpu, DEFAULT_CHROMA_IMAGE, IngressController, IngressTls, Resources, Scaling } from '../src';
import { byKind, mainContainer, one, podOf } from './util';
import { KubeObject } from '../src/core/manifest';

function build(props: CheeseAppProps = {}): { chart: CheeseApp; objects: KubeObject[] } {
  const chart = new CheeseApp(Testing.app(), 'cheese', props);
  return { chart, objects: Testing.synth(chart) as KubeObject[] };
}

const image = (objects: KubeObject[], kind: string, name: string) => mainContainer(one(objects, kind, name)).image;
const hpa = (objects: KubeObject[], name: string) => one(objects, 'HorizontalPodAutoscaler', name).spec;

describe('CheeseAppProps @defaults', () => {
  const { chart, objects } = build();
  const jobName = byKind(objects, 'Job')[0]?.metadata.name;

  test("namespace 'cheese-app-namespace'; instance: the namespace", () => {
    expect(one(objects, 'Namespace').metadata.name).toBe('cheese-app-namespace');
    expect(objects.every(o => o.kind === 'Namespace' || o.metadata.namespace === 'cheese-app-namespace')).toBe(true);
    expect(chart.instance).toBe('cheese-app-namespace');
    expect(objects.every(o => o.metadata.labels?.['app.kubernetes.io/instance'] === 'cheese-app-namespace')).toBe(true);
  });

  test("gcpProject 'ac215-project'; imageRegistry us-docker.pkg.dev/<gcpProject>/cheese-app-repository (Artifact Registry); imageTag '20250422213016'; the three app images", () => {
    expect(one(objects, 'ConfigMap').data.GCP_PROJECT).toBe('ac215-project');
    expect(image(objects, 'Deployment', 'frontend')).toBe('us-docker.pkg.dev/ac215-project/cheese-app-repository/cheese-app-frontend-react:20250422213016');
    expect(image(objects, 'Deployment', 'api')).toBe('us-docker.pkg.dev/ac215-project/cheese-app-repository/cheese-app-api-service:20250422213016');
    expect(image(objects, 'Job', jobName)).toBe('us-docker.pkg.dev/ac215-project/cheese-app-repository/cheese-app-vector-db-cli:20250422213016');
  });

  test("vectorDbImage ContainerImage.of('chromadb/chroma:1.4.0')", () => {
    expect(image(objects, 'StatefulSet', 'vector-db')).toBe(DEFAULT_CHROMA_IMAGE);
  });

  test("host '127.0.0.1.sslip.io'; apiRouting rootPath('/api-service'); nginx controller; no TLS; an Ingress (no gateway)", () => {
    const ingress = one(objects, 'Ingress');
    expect(ingress.spec.rules[0].host).toBe('127.0.0.1.sslip.io');
    expect(ingress.spec.rules[0].http.paths[0].path).toBe('/api-service');
    expect(ingress.spec.ingressClassName).toBe('nginx');
    expect(ingress.spec.tls).toBeUndefined();
    expect(byKind(objects, 'HTTPRoute')).toEqual([]);
  });

  test('@default requireTls: true with the GKE Ingress (it serves HTTPS), false with nginx', () => {
    expect(new CheeseApp(new App(), 'gke', { ingressController: IngressController.gce({ staticIpName: 'ip' }) }).policy.context.requireIngressTls).toBe(true);
    expect(new CheeseApp(new App(), 'nginx', { ingressController: IngressController.nginx() }).policy.context.requireIngressTls).toBe(false);
  });

  test('requireTls false: the nginx app without TLS passes the policy; true makes the same app fail it', () => {
    expect(() => build({ requireTls: true })).toThrow(/CHEESE-ING1/);
    expect(() => build({ requireTls: true, tls: IngressTls.fromSecret('cheese-tls') })).not.toThrow();
  });

  test('credentials: Workload Identity as gcp-service@<gcpProject> through the KSA api-ksa', () => {
    expect(one(objects, 'ServiceAccount', 'api-ksa').metadata.annotations['iam.gke.io/gcp-service-account']).toBe('gcp-service@ac215-project.iam.gserviceaccount.com');
    expect(podOf(one(objects, 'Deployment', 'api')).serviceAccountName).toBe('api-ksa');
    expect(podOf(one(objects, 'Job', jobName)).serviceAccountName).toBe('api-ksa');
    expect(one(build({ gcpProject: 'other-project' }).objects, 'ServiceAccount').metadata.annotations['iam.gke.io/gcp-service-account'])
      .toBe('gcp-service@other-project.iam.gserviceaccount.com');
  });

  test('frontendScaling autoscale 2-4; apiScaling: one pod on the ReadWriteOnce persistent-pvc (it and its surge pod share the disk\'s node)', () => {
    expect(hpa(objects, 'frontend')).toMatchObject({ minReplicas: 2, maxReplicas: 4 });
    expect(byKind(objects, 'HorizontalPodAutoscaler', 'api')).toEqual([]);
    expect(one(objects, 'Deployment', 'api').spec.replicas).toBe(1);
  });

  test('apiStorage: ApiStorage.readWriteOnceDisk() (5Gi ReadWriteOnce persistent-pvc); a Size means such a disk of that size', () => {
    expect(one(objects, 'PersistentVolumeClaim', 'persistent-pvc').spec.accessModes).toEqual(['ReadWriteOnce']);
    expect(one(build({ apiStorage: Size.gibibytes(8) }).objects, 'PersistentVolumeClaim', 'persistent-pvc').spec)
      .toMatchObject({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '8Gi' } } });
  });

  test('resources: those of Frontend, ApiService, VectorDb and VectorDbLoader', () => {
    expect(mainContainer(one(objects, 'Deployment', 'frontend')).resources.requests).toEqual({ cpu: '100m', memory: '256Mi' });
    expect(mainContainer(one(objects, 'Deployment', 'api')).resources.requests).toEqual({ cpu: '500m', memory: '2Gi' });
    expect(mainContainer(one(objects, 'StatefulSet', 'vector-db')).resources.requests).toEqual({ cpu: '250m', memory: '1Gi' });
    expect(mainContainer(one(objects, 'Job', jobName)).resources.requests).toEqual({ cpu: '250m', memory: '1Gi' });
  });

  test('apiStorage 5Gi; vectorDbStorage 10Gi; the default StorageClass', () => {
    expect(one(objects, 'PersistentVolumeClaim', 'persistent-pvc').spec.resources.requests.storage).toBe('5Gi');
    expect(one(objects, 'PersistentVolumeClaim', 'chromadb-pvc').spec.resources.requests.storage).toBe('10Gi');
    expect(byKind(objects, 'PersistentVolumeClaim').map(c => c.spec.storageClassName)).toEqual([undefined, undefined]);
  });

  test('loader true; allowInternetEgress true (HTTPS egress for the API and the loader)', () => {
    expect(byKind(objects, 'Job')).toHaveLength(1);
    const internet = (name: string) => one(objects, 'NetworkPolicy', name).spec.egress.some((r: any) => r.to.some((p: any) => p.ipBlock?.cidr === '0.0.0.0/0'));
    expect(internet('api-network')).toBe(true);
    expect(internet('vector-db-loader-network')).toBe(true);
  });

  test('configData: none beyond GCP_PROJECT; configRevision: no revision annotation', () => {
    expect(one(objects, 'ConfigMap').data).toEqual({ GCP_PROJECT: 'ac215-project' });
    expect(one(objects, 'Deployment', 'api').spec.template.metadata.annotations['cheese-k8s.io/config-revision']).toBeUndefined();
  });

  test("podSecurityVersion 'v1.30' on every Pod Security label", () => {
    const labels = one(objects, 'Namespace').metadata.labels;
    expect(['enforce', 'warn', 'audit'].map(m => [labels[`pod-security.kubernetes.io/${m}`], labels[`pod-security.kubernetes.io/${m}-version`]]))
      .toEqual([['restricted', 'v1.30'], ['restricted', 'v1.30'], ['restricted', 'v1.30']]);
  });
});

describe('CheeseAppProps overrides', () => {
  test('every overridable default reaches the output', () => {
    const { objects } = build({
      namespace: 'cheese-dev',
      instance: 'cheese-dev-1',
      gcpProject: 'my-ac215-project',
      imageRegistry: 'us-docker.pkg.dev/my-ac215-project/cheese/',
      imageTag: 'v2',
      vectorDbImage: ContainerImage.of('chromadb/chroma:0.5.6'),
      host: 'cheese.example.com',
      frontendScaling: Scaling.autoscale({ minReplicas: 3, maxReplicas: 6 }),
      apiScaling: Scaling.autoscale({ minReplicas: 1, maxReplicas: 3 }),
      apiResources: Resources.of({ cpuRequest: Cpu.millis(400), memoryRequest: Size.gibibytes(1) }),
      apiStorage: Size.gibibytes(8),
      vectorDbStorage: Size.gibibytes(20),
      storageClassName: 'premium-rwo',
      loader: false,
      allowInternetEgress: false,
      configData: { MODEL: 'gemini' },
      configRevision: 'r2',
      podSecurityVersion: 'latest',
    });
    expect(one(objects, 'Namespace').metadata.name).toBe('cheese-dev');
    expect(one(objects, 'Deployment', 'api').metadata.labels['app.kubernetes.io/instance']).toBe('cheese-dev-1');
    expect(image(objects, 'Deployment', 'api')).toBe('us-docker.pkg.dev/my-ac215-project/cheese/cheese-app-api-service:v2');
    expect(image(objects, 'StatefulSet', 'vector-db')).toBe('chromadb/chroma:0.5.6');
    expect(one(objects, 'Ingress').spec.rules[0].host).toBe('cheese.example.com');
    expect(hpa(objects, 'frontend')).toMatchObject({ minReplicas: 3, maxReplicas: 6 });
    expect(hpa(objects, 'api')).toMatchObject({ minReplicas: 1, maxReplicas: 3 });
    expect(mainContainer(one(objects, 'Deployment', 'api')).resources.requests).toEqual({ cpu: '400m', memory: '1Gi' });
    expect(one(objects, 'PersistentVolumeClaim', 'persistent-pvc').spec).toMatchObject({ resources: { requests: { storage: '8Gi' } }, storageClassName: 'premium-rwo' });
    expect(one(objects, 'PersistentVolumeClaim', 'chromadb-pvc').spec.resources.requests.storage).toBe('20Gi');
    expect(byKind(objects, 'Job')).toEqual([]);
    expect(JSON.stringify(one(objects, 'NetworkPolicy', 'api-network').spec.egress)).not.toContain('0.0.0.0/0');
    expect(one(objects, 'ConfigMap').data).toEqual({ GCP_PROJECT: 'my-ac215-project', MODEL: 'gemini' });
    expect(one(objects, 'Deployment', 'api').spec.template.metadata.annotations['cheese-k8s.io/config-revision']).toBe('r2');
    expect(one(objects, 'Namespace').metadata.labels['pod-security.kubernetes.io/enforce-version']).toBe('latest');
  });

  test('explicit app images replace the registry/tag defaults', () => {
    const { objects } = build({ frontendImage: ContainerImage.of('ui:1'), apiImage: ContainerImage.of('api:2'), loaderImage: ContainerImage.of('loader:3') });
    expect(image(objects, 'Deployment', 'frontend')).toBe('ui:1');
    expect(image(objects, 'Deployment', 'api')).toBe('api:2');
    expect(image(objects, 'Job', byKind(objects, 'Job')[0].metadata.name)).toBe('loader:3');
  });

  test('gateway replaces the Ingress with an HTTPRoute', () => {
    const { objects, chart } = build({ gateway: { name: 'external-gw', namespace: 'infra' } });
    expect(byKind(objects, 'Ingress')).toEqual([]);
    expect(one(objects, 'HTTPRoute').spec.parentRefs).toEqual([{ name: 'external-gw', namespace: 'infra' }]);
    expect(chart.ingress).toBeUndefined();
  });

  test('a second app in the same App with its own namespace is fine', () => {
    const app = new App();
    new CheeseApp(app, 'a', { namespace: 'a' });
    expect(() => new CheeseApp(app, 'b', { namespace: 'b' })).not.toThrow();
  });
});
