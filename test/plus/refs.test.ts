import { ApiObject, Chart, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { AppNetwork } from '../../src/app-network';
import { CheeseApp } from '../../src/cheese-app';
import { CheeseHttpRoute } from '../../src/cheese-http-route';
import { CheeseIngress, IngressController } from '../../src/cheese-ingress';
import { EnvValue } from '../../src/core/env';
import { ContainerImage } from '../../src/core/image';
import { Mount } from '../../src/core/mount';
import { Connections } from '../../src/core/network';
import { Rollout } from '../../src/core/rollout';
import { InstanceLabel } from '../../src/plus/instance-label';
import { NetworkPeer, PLUS_ADDRESS_LABEL, WebBackend } from '../../src/plus/network-peer';
import { ClaimRef, ConfigMapRef, SecretRef, ServiceAccountRef } from '../../src/plus/refs';
import { WebService } from '../../src/web-service';
import { one, synth } from '../util';

const IMAGE = ContainerImage.of('us-docker.pkg.dev/p/r/web:1.0.0');

function chart(): Chart {
  return new Chart(Testing.app(), 'refs', { namespace: 'plus-refs', disableResourceNameHashes: true });
}

describe('references from cdk8s-plus-27 objects', () => {
  test('ConfigMap, Secret, claim and ServiceAccount are accepted where the library takes a reference', () => {
    const c = chart();
    const cm = new kplus.ConfigMap(c, 'Cm', { metadata: { name: 'web-config' }, data: { MODE: 'fast' } });
    const secret = kplus.Secret.fromSecretName(c, 'Secret', 'web-secret');
    const claim = new kplus.PersistentVolumeClaim(c, 'Claim', {
      metadata: { name: 'web-data' }, accessModes: [kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE], storage: Size.gibibytes(1),
    });
    const sa = new kplus.ServiceAccount(c, 'Sa', { metadata: { name: 'web-sa' } });
    const web = new WebService(c, 'Web', {
      image: IMAGE,
      port: 8080,
      envFrom: [ConfigMapRef.fromPlus(cm)],
      env: { TOKEN: EnvValue.fromSecret(SecretRef.fromPlus(secret), 'token') },
      mounts: [Mount.claim(ClaimRef.fromPlus(claim), '/data')],
      serviceAccount: ServiceAccountRef.fromPlus(sa),
      rollout: Rollout.recreate(),
    });
    const pod = one(synth(c), 'Deployment', web.serviceName).spec.template;
    expect(pod.spec.serviceAccountName).toBe('web-sa');
    expect(pod.spec.containers[0].envFrom).toEqual([{ configMapRef: { name: 'web-config' } }]);
    expect(pod.spec.containers[0].env).toContainEqual({ name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'web-secret', key: 'token' } } });
    expect(pod.spec.volumes).toContainEqual(expect.objectContaining({ persistentVolumeClaim: { claimName: 'web-data' } }));
    // the owned ConfigMap's data feeds the rollout checksum
    const hash = pod.metadata.annotations['cheese-k8s.io/config-hash'];
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
    cm.addData('LEVEL', '2');
    expect(one(synth(c), 'Deployment', web.serviceName).spec.template.metadata.annotations['cheese-k8s.io/config-hash']).not.toBe(hash);
  });

  test('owned vs imported: data, managedInChart', () => {
    const c = chart();
    expect(ConfigMapRef.fromPlus(new kplus.ConfigMap(c, 'Cm', { data: { a: 'b' } })).data()).toEqual({ a: 'b' });
    expect(ConfigMapRef.fromPlus(kplus.ConfigMap.fromConfigMapName(c, 'Ext', 'ext')).data()).toBeUndefined();
    expect(ConfigMapRef.fromPlus(kplus.ConfigMap.fromConfigMapName(c, 'Ext2', 'ext')).configMapName).toBe('ext');
    expect(SecretRef.fromPlus(new kplus.Secret(c, 'S'))).toMatchObject({ managedInChart: true });
    expect(SecretRef.fromPlus(kplus.Secret.fromSecretName(c, 'Ext3', 'ext'))).toMatchObject({ secretName: 'ext', managedInChart: false });
    const sa = kplus.ServiceAccount.fromServiceAccountName(c, 'Ext4', 'runner');
    expect(ServiceAccountRef.fromPlus(sa).serviceAccountName).toBe('runner');
    expect(ServiceAccountRef.fromPlus(sa).node).toBe(sa.node);
  });

  test.each([
    [[kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE], true],
    [[kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE_POD], true],
    [[kplus.PersistentVolumeAccessMode.READ_WRITE_MANY], false],
    [[kplus.PersistentVolumeAccessMode.READ_ONLY_MANY], false],
  ])('ClaimRef.fromPlus: accessModes %j → readWriteOnce %s', (accessModes, rwo) => {
    const claim = new kplus.PersistentVolumeClaim(chart(), 'C', { accessModes, storage: Size.gibibytes(1) });
    expect(ClaimRef.fromPlus(claim).readWriteOnce).toBe(rwo);
  });

  test('ClaimRef.fromPlus defaults to readWriteOnce for an imported claim, and takes an explicit value', () => {
    const c = chart();
    const imported = kplus.PersistentVolumeClaim.fromClaimName(c, 'Ext', 'shared');
    expect(ClaimRef.fromPlus(imported)).toMatchObject({ claimName: 'shared', readWriteOnce: true });
    expect(ClaimRef.fromPlus(imported, false).readWriteOnce).toBe(false);
  });
});

describe('NetworkPeer.fromPlus / WebBackend.fromPlus', () => {
  test('fromPlus and fromWorkload of the same workload are one peer; asked in the other order it fails clearly', () => {
    const c = chart();
    const worker = new kplus.Deployment(c, 'Worker', { metadata: { name: 'worker' }, containers: [{ image: 'w:1.0.0' }] });
    const peer = NetworkPeer.fromPlus(worker);
    expect(NetworkPeer.fromWorkload(ApiObject.of(worker))).toBe(peer);
    const other = new kplus.Deployment(c, 'Other', { metadata: { name: 'other' }, containers: [{ image: 'w:1.0.0' }] });
    NetworkPeer.fromWorkload(ApiObject.of(other));
    expect(() => NetworkPeer.fromPlus(other)).toThrow(
      'refs/Other: invalid workload "other": it is already a peer through NetworkPeer.fromWorkload; use that peer (one peer per workload)');
  });

  test('a cdk8s-plus workload gets its NetworkPolicy selecting exactly its pods, with the connections recorded', () => {
    const c = chart();
    const worker = new kplus.Deployment(c, 'Worker', { metadata: { name: 'worker' }, containers: [{ image: 'w:1.0.0' }] });
    const db = new WebService(c, 'Db', { image: IMAGE, port: 8000 });
    const peer = NetworkPeer.fromPlus(worker);
    expect(NetworkPeer.fromPlus(worker)).toBe(peer);
    Connections.of(c).connect(peer, db, 8000);
    new AppNetwork(c, 'Network');
    const objects = synth(c);
    const podLabels = one(objects, 'Deployment', 'worker').spec.template.metadata.labels;
    const policy = one(objects, 'NetworkPolicy', 'worker-network');
    expect(policy.spec.podSelector.matchLabels).toEqual({ [PLUS_ADDRESS_LABEL]: podLabels[PLUS_ADDRESS_LABEL] });
    expect(one(objects, 'Deployment', 'worker').spec.selector.matchLabels).toEqual(policy.spec.podSelector.matchLabels);
    expect(policy.spec.egress).toContainEqual({ to: [{ podSelector: { matchLabels: db.selector } }], ports: [{ protocol: 'TCP', port: 8000 }] });
    expect(one(objects, 'NetworkPolicy', `${db.serviceName}-network`).spec.ingress)
      .toContainEqual({ from: [{ podSelector: { matchLabels: policy.spec.podSelector.matchLabels } }], ports: [{ protocol: 'TCP', port: 8000 }] });
  });

  test('a bare cdk8s-plus Pod is a peer by its address label', () => {
    const pod = new kplus.Pod(chart(), 'P', { containers: [{ image: 'w:1.0.0' }] });
    expect(NetworkPeer.fromPlus(pod).selector).toEqual({ [PLUS_ADDRESS_LABEL]: pod.podMetadata.getLabel(PLUS_ADDRESS_LABEL) });
  });

  test('fails if the workload selects no pods', () => {
    const worker = new kplus.Deployment(chart(), 'Worker', { select: false, containers: [{ image: 'w:1.0.0' }] });
    expect(() => NetworkPeer.fromPlus(worker)).toThrow(
      `refs/Worker: invalid workload "${worker.name}": give the workload a label selector (the default select: true, or select()); a NetworkPolicy must select exactly its pods`);
  });

  test('a cdk8s-plus Service is a CheeseIngress backend; the controller is admitted to its pods', () => {
    const c = chart();
    const web = new kplus.Deployment(c, 'Web', { metadata: { name: 'web' }, containers: [{ image: 'w:1.0.0', portNumber: 3000 }] });
    const svc = web.exposeViaService({ name: 'web', ports: [{ port: 80, targetPort: 3000 }] });
    const api = new WebService(c, 'Api', { image: IMAGE, port: 9000 });
    const frontend = WebBackend.fromPlus(svc);
    expect(frontend).toMatchObject({ serviceName: 'web', servicePort: 80, containerPort: 3000, workloadName: 'web' });
    expect(WebBackend.fromPlus(svc, 80)).toBe(frontend);
    new CheeseIngress(c, 'Ingress', { host: 'shop.example.com', frontend, api, controller: IngressController.nginx() });
    new AppNetwork(c, 'Network');
    const objects = synth(c);
    const rule = one(objects, 'Ingress').spec.rules[0].http.paths.find((p: any) => p.path === '/');
    expect(rule.backend.service).toEqual({ name: 'web', port: { number: 80 } });
    const policy = one(objects, 'NetworkPolicy', 'web-network');
    expect(policy.spec.podSelector.matchLabels).toEqual(one(objects, 'Service', 'web').spec.selector);
    expect(policy.spec.ingress[0].ports).toEqual([{ protocol: 'TCP', port: 3000 }]);
  });

  test('WebBackend.fromPlus fails if the port is ambiguous or unknown, or the Service selects no pods', () => {
    const c = chart();
    const two = new kplus.Service(c, 'Two', { ports: [{ port: 80 }, { port: 443 }] });
    two.selectLabel('app', 'x');
    expect(() => WebBackend.fromPlus(two)).toThrow('refs/Two: invalid port undefined: the Service has 2 ports (80, 443); name the one to route to');
    expect(() => WebBackend.fromPlus(two, 8080)).toThrow("refs/Two: invalid port 8080: use one of the Service's ports: 80, 443");
    expect(WebBackend.fromPlus(two, 443).containerPort).toBe(443);
    expect(() => WebBackend.fromPlus(two, 0)).toThrow('refs/Two: invalid port 0: use an integer from 1 to 65535');
    const bare = new kplus.Service(c, 'Bare', { ports: [{ port: 80 }] });
    expect(() => WebBackend.fromPlus(bare)).toThrow(/refs\/Bare: invalid service ".*": give the Service a pod selector/);
  });
});

describe('InstanceLabel', () => {
  test('in a CheeseApp, cdk8s-plus objects carry the instance label already (a chart label)', () => {
    const app = new CheeseApp(Testing.app(), 'cheese', { namespace: 'plus-inst', gcpProject: 'plus-project' });
    new kplus.ConfigMap(app, 'Extra', { data: { a: 'b' } });
    for (const o of Testing.synth(app)) expect(o.metadata.labels?.['app.kubernetes.io/instance']).toBe(app.instance);
  });

  test('apply labels every object of a plain chart, so kubectl apply --prune -l selects them all', () => {
    const c = chart();
    const web = new kplus.Deployment(c, 'Web', { containers: [{ image: 'w:1.0.0', portNumber: 3000 }] });
    web.exposeViaService();
    new kplus.ConfigMap(c, 'Cm', { data: { a: 'b' } });
    new WebService(c, 'Api', { image: IMAGE, port: 9000 });
    expect(InstanceLabel.apply(c).map(o => o.kind)).toEqual(['Deployment', 'Service', 'ConfigMap']);
    const objects = Testing.synth(c);
    const selected = objects.filter(o => o.metadata.labels?.['app.kubernetes.io/instance'] === 'refs');
    expect(selected).toHaveLength(objects.length);
  });

  test('apply takes an explicit value and keeps labels already set; fails on an invalid value', () => {
    const c = chart();
    new kplus.ConfigMap(c, 'Cm', { metadata: { labels: { 'app.kubernetes.io/instance': 'mine' } } });
    new kplus.ConfigMap(c, 'Other');
    InstanceLabel.apply(c, 'shop');
    expect(Testing.synth(c).map(o => o.metadata.labels['app.kubernetes.io/instance'])).toEqual(['mine', 'shop']);
    expect(() => InstanceLabel.apply(c, 'no spaces')).toThrow('refs: invalid instance "no spaces": use at most 63 letters');
  });
});

describe('WebBackend.fromPlus as an HTTPRoute backend', () => {
  test('CheeseHttpRoute routes to the cdk8s-plus Service and admits the gateway to its pods', () => {
    const c = chart();
    const web = new kplus.Deployment(c, 'Web', { metadata: { name: 'web' }, containers: [{ image: 'w:1.0.0', portNumber: 3000 }] });
    const frontend = WebBackend.fromPlus(web.exposeViaService({ name: 'web', ports: [{ port: 80, targetPort: 3000 }] }));
    const api = new WebService(c, 'Api', { image: IMAGE, port: 9000 });
    new CheeseHttpRoute(c, 'Route', { gateway: { name: 'gw', namespace: 'gateways' }, host: 'shop.example.com', frontend, api });
    new AppNetwork(c, 'Network');
    const objects = synth(c);
    const route = one(objects, 'HTTPRoute');
    expect(JSON.stringify(route.spec.rules)).toContain('{"name":"web","port":80}');
    expect(one(objects, 'NetworkPolicy', 'web-network').spec.ingress[0].ports).toEqual([{ protocol: 'TCP', port: 3000 }]);
  });
});

describe('one peer per set of pods', () => {
  test('a workload and the Service in front of it are one peer with one NetworkPolicy, whichever comes first', () => {
    const c = chart();
    const ui = new kplus.Deployment(c, 'Ui', { metadata: { name: 'ui' }, containers: [{ image: 'w:1.0.0', portNumber: 8080 }] });
    const svc = ui.exposeViaService({ name: 'ui', ports: [{ port: 80, targetPort: 8080 }] });
    const worker = new kplus.Deployment(c, 'Worker', { metadata: { name: 'worker' }, containers: [{ image: 'w:1.0.0' }] });
    const backend = WebBackend.fromPlus(svc);
    expect(NetworkPeer.fromPlus(ui)).toBe(backend);
    Connections.of(c).connect(NetworkPeer.fromPlus(worker), NetworkPeer.fromPlus(ui), 8080);
    new CheeseIngress(c, 'Ingress', { host: 'shop.example.com', frontend: backend, api: new WebService(c, 'Api', { image: IMAGE, port: 9000 }) });
    new AppNetwork(c, 'Network');
    const policy = one(synth(c), 'NetworkPolicy', 'ui-network').spec;
    expect(policy.podSelector.matchLabels).toEqual(ui.matchLabels);
    expect(policy.ingress).toHaveLength(2);
    expect(policy.ingress).toContainEqual({ from: [{ podSelector: { matchLabels: NetworkPeer.fromPlus(worker).selector } }], ports: [{ protocol: 'TCP', port: 8080 }] });
    expect(policy.ingress.filter((r: any) => r.from[0].namespaceSelector)).toHaveLength(1);
  });

  test('the peer made first keeps its name; fails if the same pods back a second Service port', () => {
    const c = chart();
    const ui = new kplus.Deployment(c, 'Ui', { metadata: { name: 'ui-deploy' }, containers: [{ image: 'w:1.0.0', portNumber: 8080 }] });
    const peer = NetworkPeer.fromPlus(ui);
    const svc = new kplus.Service(c, 'Svc', { metadata: { name: 'ui' }, selector: ui, ports: [{ port: 80, targetPort: 8080 }, { port: 81, targetPort: 8080 }] });
    expect(WebBackend.fromPlus(svc, 80)).toBe(peer);
    expect(peer.workloadName).toBe('ui-deploy');
    expect(() => WebBackend.fromPlus(svc, 81)).toThrow('refs/Svc: invalid port 81: its pods already back ui:80; use that backend (one per set of pods)');
  });
});
