import { Size, Testing } from 'cdk8s';
import { ContainerImage, Cpu, DEFAULT_CHROMA_IMAGE, Resources, VectorDb, VectorDbProps } from '../src';
import { mainContainer, one, podOf, synth } from './util';
import { Connections } from '../src/core/network';

function build(props: VectorDbProps = {}) {
  const chart = Testing.chart();
  const db = new VectorDb(chart, 'VectorDb', props);
  const objects = synth(chart);
  const sts = one(objects, 'StatefulSet');
  return { chart, db, objects, sts, service: one(objects, 'Service'), claim: one(objects, 'PersistentVolumeClaim'), container: mainContainer(sts), pod: podOf(sts) };
}

const envOf = (container: any) => Object.fromEntries(container.env.map((e: any) => [e.name, e.value]));

describe('VectorDb', () => {
  test('synthesizes a claim, a ClusterIP Service and a one-replica StatefulSet that mounts the claim', () => {
    const { objects, sts, service, claim, db, container } = build();
    expect(objects.map(o => `${o.kind}/${o.metadata.name}`)).toEqual(['PersistentVolumeClaim/chromadb-pvc', 'Service/vector-db', 'StatefulSet/vector-db']);
    expect(service.spec).toEqual({ type: 'ClusterIP', selector: db.selector, ports: [{ name: 'http', port: 8000, targetPort: 8000, protocol: 'TCP' }] });
    expect(sts.spec).toMatchObject({ replicas: 1, serviceName: 'vector-db', podManagementPolicy: 'OrderedReady', selector: { matchLabels: db.selector } });
    expect(sts.metadata.labels['app.kubernetes.io/component']).toBe('vector-db');
    expect(claim.spec.accessModes).toEqual(['ReadWriteOnce']);
    expect(container.volumeMounts).toContainEqual({ name: 'pvc-chromadb-pvc', mountPath: '/data' });
    expect(db.claim.claimName).toBe('chromadb-pvc');
    expect(objects).toMatchSnapshot();
  });

  test('@defaults: name vector-db, image chromadb/chroma:1.4.0, port 8000, claim chromadb-pvc of 10Gi on the default StorageClass, uid 10001', () => {
    const { db, container, claim, pod } = build();
    expect([db.serviceName, db.workloadName, db.servicePort, db.containerPort]).toEqual(['vector-db', 'vector-db', 8000, 8000]);
    expect(container.image).toBe(DEFAULT_CHROMA_IMAGE);
    expect(DEFAULT_CHROMA_IMAGE).toBe('chromadb/chroma:1.4.0');
    expect(claim.metadata.name).toBe('chromadb-pvc');
    expect(claim.spec.resources.requests.storage).toBe('10Gi');
    expect(claim.spec.storageClassName).toBeUndefined();
    expect(pod.securityContext).toMatchObject({ runAsUser: 10001, runAsGroup: 10001 });
  });

  test('@default resources: 250m CPU / 1Gi requested; 1 CPU / 1Gi limit', () => {
    expect(build().container.resources).toEqual({ requests: { cpu: '250m', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } });
  });

  test('Chroma 1.x @defaults: dataPath /data, heartbeat /api/v2/heartbeat, no legacy env', () => {
    const { db, container } = build();
    expect([db.dataPath, db.heartbeatPath]).toEqual(['/data', '/api/v2/heartbeat']);
    expect(envOf(container)).toEqual({ ANONYMIZED_TELEMETRY: 'FALSE' });
    expect(container.readinessProbe.httpGet.path).toBe('/api/v2/heartbeat');
    expect(container.startupProbe).toMatchObject({ httpGet: { path: '/api/v2/heartbeat', port: 8000 }, periodSeconds: 5, failureThreshold: 60 });
    expect(container.livenessProbe).toMatchObject({ tcpSocket: { port: 8000 }, periodSeconds: 20 });
  });

  test('Chroma 0.x @defaults: dataPath /chroma/chroma, heartbeat /api/v1/heartbeat, persistence env', () => {
    const { db, container } = build({ image: ContainerImage.of('chromadb/chroma:0.5.6') });
    expect([db.dataPath, db.heartbeatPath]).toEqual(['/chroma/chroma', '/api/v1/heartbeat']);
    expect(envOf(container)).toEqual({ ANONYMIZED_TELEMETRY: 'FALSE', IS_PERSISTENT: 'TRUE', PERSIST_DIRECTORY: '/chroma/chroma' });
    expect(container.volumeMounts).toContainEqual({ name: 'pvc-chromadb-pvc', mountPath: '/chroma/chroma' });
  });

  test('a single pod: no spread, 60s grace with a 5s preStop, read-only root with a /tmp scratch', () => {
    const { pod, container } = build();
    expect(pod.topologySpreadConstraints).toBeUndefined();
    expect(pod.terminationGracePeriodSeconds).toBe(60);
    expect(container.lifecycle.preStop.exec.command).toEqual(['sleep', '5']);
    expect(container.securityContext.readOnlyRootFilesystem).toBe(true);
    expect(container.volumeMounts.map((m: any) => m.mountPath)).toEqual(['/tmp', '/data']);
  });

  test('explicit props are used', () => {
    const { db, claim, container, pod, service } = build({
      name: 'chroma',
      port: 8001,
      claimName: 'chroma-data',
      storage: Size.gibibytes(20),
      storageClassName: 'premium-rwo',
      runAsUser: 2000,
      dataPath: '/srv/chroma',
      heartbeatPath: '/health',
      resources: Resources.of({ cpuRequest: Cpu.millis(500), memoryRequest: Size.gibibytes(2) }),
    });
    expect(db.serviceName).toBe('chroma');
    expect(service.spec.ports[0].port).toBe(8001);
    expect(claim.metadata.name).toBe('chroma-data');
    expect(claim.spec).toMatchObject({ resources: { requests: { storage: '20Gi' } }, storageClassName: 'premium-rwo' });
    expect(container.volumeMounts).toContainEqual({ name: 'pvc-chroma-data', mountPath: '/srv/chroma' });
    expect(container.readinessProbe.httpGet).toEqual({ path: '/health', port: 8001, scheme: 'HTTP' });
    expect(container.resources.requests).toEqual({ cpu: '500m', memory: '2Gi' });
    expect(pod.securityContext.runAsUser).toBe(2000);
  });

  test('an image with an unreadable version works when both paths are given', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    const { db } = build({ image: ContainerImage.of(`chromadb/chroma@${digest}`), dataPath: '/data', heartbeatPath: '/api/v2/heartbeat' });
    expect(db.image.digest).toBe(digest);
  });

  test('registers itself as a network peer', () => {
    const { chart, db } = build();
    expect(Connections.of(chart).peers).toEqual([db]);
  });

  describe('fails if', () => {
    test.each([
      ['the version cannot be read from the tag', { image: ContainerImage.of('chromadb/chroma:nightly') }, 'invalid image "chromadb/chroma:nightly": the Chroma version cannot be read from the tag; set dataPath and heartbeatPath explicitly'],
      ['only dataPath is given for an unversioned image', { image: ContainerImage.of('chromadb/chroma:edge'), dataPath: '/data' }, 'invalid image "chromadb/chroma:edge": the Chroma version cannot be read from the tag'],
      ['the name is not a DNS label', { name: 'Vector.DB' }, 'invalid name "Vector.DB": use a DNS-1123 label'],
      ['the port is out of range', { port: 65536 }, 'invalid port 65536: use an integer from 1 to 65535'],
      ['dataPath is relative', { dataPath: 'data' }, 'invalid dataPath "data": use an absolute path'],
      ['heartbeatPath has a space', { heartbeatPath: '/api/v2/ heartbeat' }, 'invalid heartbeatPath "/api/v2/ heartbeat": use an absolute path'],
      ['claimName is not a DNS subdomain', { claimName: 'Chroma_PVC' }, 'test/VectorDb: invalid claimName "Chroma_PVC": use a DNS-1123 subdomain'],
    ])('%s', (_, props, message) => {
      expect(() => build(props)).toThrow(message);
    });

    test('the message names the construct path', () => {
      expect(() => build({ port: 0 })).toThrow(/^test\/VectorDb: invalid port 0/);
    });
  });
});
