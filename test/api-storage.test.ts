import { Size } from 'cdk8s';
import { ApiService, ApiServiceProps, ApiStorage, CheeseApp, ContainerImage, Cpu, gcsFuseSidecarRequests, GcpCredentials } from '../src';
import { synthObjects, testApp } from './support/manifest';
import { chartWithDb, mainContainer, one, podOf, synth, validateWithSchemas } from './util';
import { Connections } from '../src/core/network';

const IMAGE = 'us-docker.pkg.dev/ac215-project/cheese-app-repository/cheese-app-api-service:20250422213016';
const WI = GcpCredentials.workloadIdentity({ gcpServiceAccount: 'gcp-service@ac215-project.iam.gserviceaccount.com' });
const BUCKET = ApiStorage.cloudStorageBucket({ bucket: 'ac215-project-cheese-app-persistent' });

function build(props: Partial<ApiServiceProps> = {}) {
  const { chart, config, db } = chartWithDb();
  const api = new ApiService(chart, 'Api', { image: ContainerImage.of(IMAGE), vectorDb: db, config, ...props });
  const objects = synth(chart);
  const deployment = one(objects, 'Deployment', 'api');
  return { chart, api, objects, deployment, pod: podOf(deployment), container: mainContainer(deployment) };
}

/** What shared (or no) storage must give the API: spread, a PDB, a rolling update and an HPA above 2. */
function expectSpread(objects: any[], deployment: any) {
  const pod = podOf(deployment);
  expect(pod.topologySpreadConstraints.map((c: any) => c.topologyKey)).toEqual(['topology.kubernetes.io/zone', 'kubernetes.io/hostname']);
  expect(pod.affinity.podAffinity).toBeUndefined();
  expect(deployment.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });
  expect(one(objects, 'PodDisruptionBudget', 'api').spec).toMatchObject({ maxUnavailable: 1 });
  expect(one(objects, 'HorizontalPodAutoscaler', 'api').spec).toMatchObject({ minReplicas: 2, maxReplicas: 4 });
}

describe('ApiStorage', () => {
  test('@default storage of ApiService: ApiStorage.none(), a 2Gi emptyDir; the API spreads', () => {
    const { objects, deployment, pod, api } = build();
    expect(pod.volumes).toContainEqual({ name: 'scratch-persistent', emptyDir: { sizeLimit: '2Gi' } });
    expect(api.storage?.toString()).toBe('ApiStorage.none()');
    expect([api.storage?.spreads, api.storage?.persistent]).toEqual([true, false]);
    expect(objects.filter(o => o.kind === 'PersistentVolumeClaim').map(o => o.metadata.name)).toEqual(['chromadb-pvc']); // the vector DB's only
    expectSpread(objects, deployment);
  });

  describe('readWriteOnceDisk', () => {
    test('@default size 5Gi, @default storageClassName: the cluster default; one pod and its surge pod on the disk\'s node', () => {
      const { objects, deployment, pod, api } = build({ storage: ApiStorage.readWriteOnceDisk() });
      const pvc = one(objects, 'PersistentVolumeClaim', 'persistent-pvc');
      expect(pvc.spec).toEqual({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } } });
      expect(api.claim?.claimName).toBe('persistent-pvc');
      expect(pod.volumes).toContainEqual({ name: 'pvc-persistent-pvc', persistentVolumeClaim: { claimName: 'persistent-pvc' } });
      expect(deployment.spec.strategy.type).toBe('RollingUpdate');
      expect(pod.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution).toHaveLength(1);
      expect(api.colocatedPodBudget).toBe(2);
      expect(api.storage?.spreads).toBe(false);
    });

    test('size and storageClassName are used', () => {
      const { objects } = build({ storage: ApiStorage.readWriteOnceDisk({ size: Size.gibibytes(8), storageClassName: 'premium-rwo' }) });
      expect(one(objects, 'PersistentVolumeClaim', 'persistent-pvc').spec).toMatchObject({ storageClassName: 'premium-rwo', resources: { requests: { storage: '8Gi' } } });
    });
  });

  describe('filestore', () => {
    test('@default size 1Ti, @default storageClassName standard-rwx: a ReadWriteMany claim, and the API spreads with a PDB', () => {
      const { objects, deployment, api } = build({ storage: ApiStorage.filestore() });
      expect(one(objects, 'PersistentVolumeClaim', 'persistent-pvc').spec).toEqual({
        accessModes: ['ReadWriteMany'], storageClassName: 'standard-rwx', resources: { requests: { storage: '1Ti' } },
      });
      expect(api.claim?.readWriteOnce).toBe(false);
      expect(api.colocatedPodBudget).toBeUndefined();
      expectSpread(objects, deployment);
    });

    test('the GKE floor of standard-rwx (100Gi) is accepted; unknown classes are not checked', () => {
      expect(() => ApiStorage.filestore({ size: Size.gibibytes(100) })).not.toThrow();
      expect(() => ApiStorage.filestore({ size: Size.gibibytes(10), storageClassName: 'my-nfs' })).not.toThrow();
    });
  });

  describe('cloudStorageBucket', () => {
    test('a CSI ephemeral volume of gcsfuse.csi.storage.gke.io, owned by the API user; the sidecar annotations with their @defaults', () => {
      const { objects, deployment, pod, container, api } = build({ storage: BUCKET, credentials: WI });
      expect(pod.volumes).toContainEqual({
        name: 'gcs-persistent',
        csi: { driver: 'gcsfuse.csi.storage.gke.io', volumeAttributes: { bucketName: 'ac215-project-cheese-app-persistent', mountOptions: 'implicit-dirs,uid=1000,gid=1000' } },
      });
      expect(container.volumeMounts).toContainEqual({ name: 'gcs-persistent', mountPath: '/persistent' });
      expect(deployment.spec.template.metadata.annotations).toMatchObject({
        'gke-gcsfuse/volumes': 'true',
        'gke-gcsfuse/cpu-request': '100m',
        'gke-gcsfuse/cpu-limit': '0',
        'gke-gcsfuse/memory-request': '256Mi',
        'gke-gcsfuse/memory-limit': '512Mi',
        'gke-gcsfuse/ephemeral-storage-request': '5Gi',
        'gke-gcsfuse/ephemeral-storage-limit': '5Gi',
      });
      // the sidecar authenticates as the KSA: it must be the pod's ServiceAccount
      expect(pod.serviceAccountName).toBe('api-ksa');
      expect(objects.filter(o => o.kind === 'PersistentVolumeClaim').map(o => o.metadata.name)).toEqual(['chromadb-pvc']); // the vector DB's only
      expect(api.storage?.bucket).toBe('ac215-project-cheese-app-persistent');
      expectSpread(objects, deployment);
    });

    test('sidecar requests and the API user are used; the caller\'s pod annotations are kept', () => {
      const storage = ApiStorage.cloudStorageBucket({
        bucket: 'b-1',
        sidecarCpuRequest: Cpu.millis(250),
        sidecarMemoryRequest: Size.mebibytes(128),
        sidecarMemoryLimit: Size.mebibytes(128),
        sidecarEphemeralStorage: Size.gibibytes(1),
      });
      const { deployment, pod } = build({ storage, credentials: WI, runAsUser: 2000, fsGroup: 3000, podAnnotations: { 'example.com/a': 'b' } });
      expect(deployment.spec.template.metadata.annotations).toMatchObject({
        'example.com/a': 'b', 'gke-gcsfuse/cpu-request': '250m', 'gke-gcsfuse/memory-limit': '128Mi', 'gke-gcsfuse/ephemeral-storage-limit': '1Gi',
      });
      expect(pod.volumes.find((v: any) => v.csi).csi.volumeAttributes.mountOptions).toBe('implicit-dirs,uid=2000,gid=3000');
    });

    test('the API keeps its egress to the internet on 443 (storage.googleapis.com) and to the metadata server (Workload Identity)', () => {
      const { chart, api } = build({ storage: BUCKET, credentials: WI });
      expect(Connections.of(chart).internet).toEqual([{ from: api, ports: [443] }]);
      expect(Connections.of(chart).reachesMetadataServer(api)).toBe(true);
    });
  });

  test('gcsFuseSidecarRequests reads the sidecar\'s requests from the pod annotations, GKE\'s defaults when unset, 0 without the sidecar', () => {
    const { deployment } = build({ storage: BUCKET, credentials: WI });
    expect(gcsFuseSidecarRequests(deployment.spec.template.metadata.annotations)).toEqual({ cpuMillis: 100, memoryMiB: 256 });
    expect(gcsFuseSidecarRequests({ 'gke-gcsfuse/volumes': 'true' })).toEqual({ cpuMillis: 250, memoryMiB: 256 });
    expect(gcsFuseSidecarRequests({ 'gke-gcsfuse/cpu-request': '1' })).toEqual({ cpuMillis: 0, memoryMiB: 0 });
    expect(gcsFuseSidecarRequests(undefined)).toEqual({ cpuMillis: 0, memoryMiB: 0 });
  });

  test('one claim per chart: a second binding of the same choice reuses it', () => {
    const { chart } = chartWithDb();
    const storage = ApiStorage.filestore();
    expect(storage._bind(chart).claim).toBe(storage._bind(chart).claim);
  });

  describe('in a CheeseApp, every choice passes the policy (Pod Security restricted, NetworkPolicy coverage) and the Kubernetes schemas', () => {
    test.each([
      ['readWriteOnceDisk', ApiStorage.readWriteOnceDisk()],
      ['filestore', ApiStorage.filestore()],
      ['cloudStorageBucket', BUCKET],
      ['none', ApiStorage.none()],
    ])('%s', (_, apiStorage) => {
      const chart = new CheeseApp(testApp(), 'cheese', { apiStorage });
      const objects = synthObjects(chart);
      expect(chart.policy.errors()).toEqual([]);
      expect(validateWithSchemas(objects)).toBeGreaterThan(10);
      expect(chart.apiStorage).toBe(apiStorage);
      expect(chart.apiClaim === undefined).toBe(!['readWriteOnceDisk', 'filestore'].includes(_));
      // the csi volume type is one Pod Security restricted allows
      const volumes = podOf(objects.find(o => o.kind === 'Deployment' && o.metadata.name === 'api')!).volumes;
      for (const v of volumes) expect(Object.keys(v).filter(k => k !== 'name')[0]).toMatch(/^(emptyDir|persistentVolumeClaim|csi|secret|configMap)$/);
    });
  });

  describe('fails if', () => {
    test('a second API in the chart has its own disk storage (one persistent-pvc per chart): the storage prop and the fix', () => {
      const { chart, config, db } = chartWithDb();
      const api = (id: string, storage: ApiStorage) =>
        new ApiService(chart, id, { name: id.toLowerCase(), image: ContainerImage.of(IMAGE), vectorDb: db, config, storage });
      const shared = ApiStorage.readWriteOnceDisk();
      api('Api', shared);
      expect(() => api('Api2', shared)).not.toThrow();
      expect(() => api('Api3', ApiStorage.readWriteOnceDisk())).toThrow(
        `${chart.node.path}: invalid storage "ApiStorage.readWriteOnceDisk()": ${chart.node.path} already has the API claim persistent-pvc from another ApiStorage; `
        + 'pass the same ApiStorage instance to share the claim, or give this API its own persistentClaim');
    });

    test.each([
      ['a premium-rwx share is under 2.5 TiB', () => ApiStorage.filestore({ size: Size.tebibytes(1), storageClassName: 'premium-rwx' }),
        'ApiStorage.filestore: invalid size "1Ti": use at least 2560Gi: the smallest premium-rwx share (a smaller claim stays Pending)'],
      ['a standard-rwx share is under 100 GiB', () => ApiStorage.filestore({ size: Size.gibibytes(50) }),
        'ApiStorage.filestore: invalid size "50Gi": use at least 100Gi: the smallest standard-rwx share (a smaller claim stays Pending)'],
      ['the disk size is 0', () => ApiStorage.readWriteOnceDisk({ size: Size.gibibytes(0) }),
        'ApiStorage.readWriteOnceDisk: invalid size "0Gi": use a positive size such as Size.gibibytes(5)'],
      ['the disk StorageClass is not a DNS name', () => ApiStorage.readWriteOnceDisk({ storageClassName: 'Fast Disk' }),
        'ApiStorage.readWriteOnceDisk: invalid storageClassName "Fast Disk"'],
      ['the bucket name has upper case', () => ApiStorage.cloudStorageBucket({ bucket: 'My-Bucket' }),
        'ApiStorage.cloudStorageBucket: invalid bucket "My-Bucket": use an existing bucket\'s name'],
      ['the bucket name starts with goog', () => ApiStorage.cloudStorageBucket({ bucket: 'google-data' }),
        'ApiStorage.cloudStorageBucket: invalid bucket "google-data"'],
      ['the sidecar memory limit is under its request', () => ApiStorage.cloudStorageBucket({ bucket: 'b-1', sidecarMemoryLimit: Size.mebibytes(128) }),
        'ApiStorage.cloudStorageBucket: invalid sidecarMemoryLimit "128Mi": use at least sidecarMemoryRequest (256Mi)'],
    ])('%s', (_, make, message) => {
      expect(make).toThrow(message);
    });

    test('a bucket is used without Workload Identity credentials', () => {
      expect(() => build({ storage: BUCKET })).toThrow('test/Api: invalid storage "ApiStorage.cloudStorageBucket(ac215-project-cheese-app-persistent)": '
        + 'the Cloud Storage FUSE driver authenticates as the pod\'s ServiceAccount through Workload Identity; use credentials: GcpCredentials.workloadIdentity(...), or another ApiStorage');
    });

    test('a bucket is used with allowInternetEgress false (the sidecar needs storage.googleapis.com:443)', () => {
      expect(() => build({ storage: BUCKET, credentials: WI, allowInternetEgress: false })).toThrow('test/Api: invalid allowInternetEgress false: the Cloud Storage FUSE sidecar '
        + 'of ApiStorage.cloudStorageBucket(ac215-project-cheese-app-persistent) reaches storage.googleapis.com:443; allow internet egress, or use ApiStorage.filestore() (mounted by the node, no pod egress)');
      // Filestore is mounted by the kubelet: no pod egress needed
      expect(() => build({ storage: ApiStorage.filestore(), allowInternetEgress: false })).not.toThrow();
    });

    test('both storage and persistentClaim are given', () => {
      const { chart, config, db } = chartWithDb();
      const claim = ApiStorage.readWriteOnceDisk()._bind(chart).claim!;
      expect(() => new ApiService(chart, 'Api', { image: ContainerImage.of(IMAGE), vectorDb: db, config, storage: ApiStorage.none(), persistentClaim: claim }))
        .toThrow('test/Api: invalid persistentClaim "persistent-pvc": give either storage or persistentClaim, not both');
    });
  });
});
