import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, Testing, Yaml } from 'cdk8s';
import { Construct } from 'constructs';
import { KubeConfigMap, KubeDeployment, KubeJob } from '../imports/k8s';
import {
  ApiRouting, ApiService, AppConfig, AppNetwork, CheeseApp, CheeseHttpRoute, CheeseIngress, CheesePolicy, Connections, INetworkPeer, NetworkPeer,
  VectorDb, VectorDbLoader, WebService, workloadSelector,
} from '../src';
import { byKind, image, mainContainer, one, renderPod, synth, validateWithSchemas } from './util';

const NS = 'kubernetes.io/metadata.name';
const tcp = (port: number) => ({ protocol: 'TCP', port });
const policy = (chart: Chart, name: string) => one(synth(chart), 'NetworkPolicy', name).spec;
const policyNames = (chart: Chart) => byKind(synth(chart), 'NetworkPolicy').map(o => o.metadata.name);

/** The course app plus a second API on the same vector DB, added after the app (and its AppNetwork) was built. */
function withSecondApi(app: App = Testing.app()) {
  const cheese = new CheeseApp(app, 'cheese');
  const apiV2 = new ApiService(cheese, 'ApiV2', { name: 'api-v2', image: image('nginx:1.27.1'), vectorDb: cheese.vectorDb, config: cheese.config });
  return { app, cheese, apiV2 };
}

/** A raw Deployment (not a library construct) whose pods carry `labels`. */
function rawDeployment(scope: Construct, name: string, labels: Record<string, string> = { app: name }): KubeDeployment {
  return new KubeDeployment(scope, name, {
    metadata: { name },
    spec: { selector: { matchLabels: labels }, template: renderPod({}, { labels: { ...labels, tier: 'worker' }, selector: labels }) },
  });
}

/** Chart `one` (namespace a) holds the vector DB, chart `two` (namespace b) the API; each has its AppNetwork. */
function crossNamespace(namespaces: { one?: string; two?: string } = { one: 'a', two: 'b' }) {
  const app = Testing.app();
  const one_ = new Chart(app, 'one', { namespace: namespaces.one, disableResourceNameHashes: true });
  const two = new Chart(app, 'two', { namespace: namespaces.two, disableResourceNameHashes: true });
  const db = new VectorDb(one_, 'VectorDb');
  new AppNetwork(one_, 'Network');
  const config = new AppConfig(two, 'Config', { gcpProject: 'ac215-project' });
  return { app, one: one_, two, db, config, api: () => new ApiService(two, 'Api', { image: image(), vectorDb: db, config }) };
}

describe('AppNetwork follows workloads added after it', () => {
  test('a second ApiService added after CheeseApp gets api-v2-network (egress to vector-db:8000) and vector-db-network admits it', () => {
    const { cheese, apiV2 } = withSecondApi();
    expect(policyNames(cheese)).toEqual(['default-deny-all', 'allow-dns-egress', 'api-network', 'api-v2-network', 'frontend-network', 'vector-db-network', 'vector-db-loader-network']);
    const v2 = policy(cheese, 'api-v2-network');
    expect(v2.podSelector).toEqual({ matchLabels: apiV2.selector });
    expect(v2.egress).toContainEqual({ to: [{ podSelector: { matchLabels: cheese.vectorDb.selector } }], ports: [tcp(8000)] });
    expect(policy(cheese, 'vector-db-network').ingress).toContainEqual({ from: [{ podSelector: { matchLabels: apiV2.selector } }], ports: [tcp(8000)] });
    expect(Object.keys(cheese.network.policies)).toContain('api-v2');
  });

  test('every synth path sees the late policy: app.synth(), app.synthYaml(), Testing.synth, chart.toJson(), CheesePolicy.synth()', () => {
    // a small policed chart whose only workload is added after its AppNetwork
    const build = (app: App = Testing.app()) => {
      const chart = new Chart(app, 'cheese', { namespace: 'n', disableResourceNameHashes: true });
      new AppNetwork(chart, 'Network');
      CheesePolicy.apply(chart, { requireIngressTls: false });
      new WebService(chart, 'Late', { image: image(), port: 8080, replicas: 1 });
      return { app, chart };
    };
    const names = (objects: any[]) => objects.filter(o => o?.kind === 'NetworkPolicy').map(o => o.metadata.name);
    const expected = ['default-deny-all', 'allow-dns-egress', 'late-network'];
    expect(names(synthToDisk(build))).toEqual(expected);
    expect(build().app.synthYaml()).toContain('name: late-network');
    expect(names(Testing.synth(build().chart))).toEqual(expected);
    expect(names(build().chart.toJson())).toEqual(expected);
    expect(names(CheesePolicy.of(build().chart)!.synth())).toEqual(expected);
  });

  test('a validation registered on the App before any AppNetwork sees the policies after Connections.prepare()', () => {
    const app = Testing.app();
    const seen: string[] = [];
    app.node.addValidation({
      validate: () => {
        Connections.of(app).prepare();
        seen.push(...app.node.findAll().filter(ApiObject.isApiObject).filter(o => o.kind === 'NetworkPolicy').map(o => o.name));
        return [];
      },
    });
    const chart = new Chart(app, 'c', { namespace: 'n' });
    new AppNetwork(chart, 'Network');
    new WebService(chart, 'Late', { image: image(), port: 8080, replicas: 1 });
    synth(chart);
    expect(seen).toEqual(['default-deny-all', 'allow-dns-egress', 'late-network']);
  });

  test('output is deterministic: registration order does not matter, a second synth is identical', () => {
    const build = (order: string[]) => {
      const chart = Testing.chart();
      new AppNetwork(chart, 'Network');
      for (const id of order) new WebService(chart, id, { image: image(), port: 8080, replicas: 1 });
      return chart;
    };
    const a = build(['Zeta', 'Alpha', 'Mid']);
    expect(byKind(synth(a), 'NetworkPolicy')).toEqual(byKind(synth(build(['Mid', 'Zeta', 'Alpha'])), 'NetworkPolicy'));
    expect(policyNames(a)).toEqual(['default-deny-all', 'allow-dns-egress', 'alpha-network', 'mid-network', 'zeta-network']);
    expect(synth(a)).toEqual(synth(a));
  });

  test('a peer registered after a first synth is added at the next one, still in name order', () => {
    const chart = Testing.chart();
    const network = new AppNetwork(chart, 'Network');
    new WebService(chart, 'Web', { image: image(), port: 8080, replicas: 1 });
    expect(policyNames(chart)).toEqual(['default-deny-all', 'allow-dns-egress', 'web-network']);
    new WebService(chart, 'Api', { image: image(), port: 9000, replicas: 1 });
    expect(policyNames(chart)).toEqual(['default-deny-all', 'allow-dns-egress', 'api-network', 'web-network']);
    expect(Object.keys(network.policies)).toEqual(['api', 'web']);
  });
});

/** Synthesizes with app.synth() into a temp folder and returns the objects written. */
function synthToDisk(build: (app: App) => unknown): any[] {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'wiring-'));
  try {
    const app = new App({ outdir });
    build(app);
    app.synth();
    return Yaml.load(path.join(outdir, 'cheese.k8s.yaml'));
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

describe('charts sharing a namespace', () => {
  test('a workload in another chart of the namespace, with no AppNetwork of its own, is governed by the namespace\'s AppNetwork', () => {
    const app = Testing.app();
    const cheese = new CheeseApp(app, 'cheese');
    const extra = new Chart(app, 'extra', { namespace: cheese.namespaceName, disableResourceNameHashes: true });
    const v2 = new ApiService(extra, 'ApiV2', { name: 'api-v2', image: image(), vectorDb: cheese.vectorDb, config: cheese.config });
    expect(mainContainer(one(synth(extra), 'Deployment', 'api-v2')).env).toContainEqual({ name: 'CHROMADB_HOST', value: 'vector-db' });
    expect(byKind(synth(extra), 'NetworkPolicy')).toEqual([]);
    expect(policy(cheese, 'api-v2-network').egress).toContainEqual({ to: [{ podSelector: { matchLabels: cheese.vectorDb.selector } }], ports: [tcp(8000)] });
    expect(policy(cheese, 'vector-db-network').ingress).toContainEqual({ from: [{ podSelector: { matchLabels: v2.selector } }], ports: [tcp(8000)] });
    rawDeployment(extra, 'worker');
    expect(() => synth(cheese)).toThrow('extra/worker: invalid network peer "Deployment/worker": cheese/Network/DefaultDeny denies all traffic');
  });

  test('a chart with its own AppNetwork keeps its workloads; a chart in another namespace is not governed', () => {
    const app = Testing.app();
    const mk = (id: string, namespace: string) => {
      const chart = new Chart(app, id, { namespace, disableResourceNameHashes: true });
      new AppNetwork(chart, 'Network');
      new WebService(chart, 'Web', { name: `${id}-web`, image: image(), port: 8080, replicas: 1 });
      return chart;
    };
    const [first, second, other] = [mk('first', 'n'), mk('second', 'n'), mk('other', 'm')];
    expect(policyNames(first)).toEqual(['default-deny-all', 'allow-dns-egress', 'first-web-network']);
    expect(policyNames(second)).toEqual(['default-deny-all', 'allow-dns-egress', 'second-web-network']);
    expect(policyNames(other)).toEqual(['default-deny-all', 'allow-dns-egress', 'other-web-network']);
  });
});

describe('references across namespaces', () => {
  test('the API reaches the DB by <svc>.<ns>.svc, egress names the DB namespace, the DB admits the API namespace', () => {
    const { one: dbChart, two, db, api } = crossNamespace();
    const a = api();
    new AppNetwork(two, 'Network');
    const deployment = one(synth(two), 'Deployment', 'api');
    const env = Object.fromEntries(mainContainer(deployment).env.map((e: any) => [e.name, e.value]));
    expect(env.CHROMADB_HOST).toBe('vector-db.a.svc');
    expect(deployment.spec.template.spec.initContainers[0].command.join(' ')).toContain('http://vector-db.a.svc:8000/api/v2/heartbeat');
    expect(policy(two, 'api-network').egress).toContainEqual({
      to: [{ namespaceSelector: { matchLabels: { [NS]: 'a' } }, podSelector: { matchLabels: db.selector } }], ports: [tcp(8000)],
    });
    expect(policy(dbChart, 'vector-db-network').ingress).toEqual([{
      from: [{ namespaceSelector: { matchLabels: { [NS]: 'b' } }, podSelector: { matchLabels: a.selector } }], ports: [tcp(8000)],
    }]);
    // each chart renders only its own workloads' policies, and every object matches the upstream schema
    expect(policyNames(dbChart)).toEqual(['default-deny-all', 'allow-dns-egress', 'vector-db-network']);
    expect(policyNames(two)).toEqual(['default-deny-all', 'allow-dns-egress', 'api-network']);
    expect(validateWithSchemas([...synth(dbChart), ...synth(two)])).toBeGreaterThan(6);
  });

  test('charts sharing a namespace keep the short host and plain podSelectors', () => {
    const { one: dbChart, api } = crossNamespace({ one: 'a', two: 'a' });
    const a = api();
    expect(mainContainer(one(synth(a.node.scope as Chart), 'Deployment', 'api')).env).toContainEqual({ name: 'CHROMADB_HOST', value: 'vector-db' });
    expect(policy(dbChart, 'vector-db-network').ingress).toEqual([{ from: [{ podSelector: { matchLabels: a.selector } }], ports: [tcp(8000)] }]);
  });

  test('the loader in another namespace also uses the FQDN for CHROMADB_HOST and its wait', () => {
    const { two, db, config } = crossNamespace();
    new VectorDbLoader(two, 'Loader', { image: image(), vectorDb: db, config });
    const job = one(synth(two), 'Job');
    expect(mainContainer(job).env).toContainEqual({ name: 'CHROMADB_HOST', value: 'vector-db.a.svc' });
    expect(job.spec.template.spec.initContainers[0].command.join(' ')).toContain('http://vector-db.a.svc:8000/');
  });

  test('fails if the DB is in a chart without a namespace (its Service cannot be named from another one)', () => {
    const { api } = crossNamespace({ one: undefined, two: 'b' });
    expect(api).toThrow('two/Api: invalid vectorDb "one/VectorDb": it is in chart "one", which has no namespace, '
      + 'so its Service cannot be named from namespace "b"; give that chart a namespace');
  });

  test('fails if an Ingress or an HTTPRoute is given a backend of another namespace (neither can route there)', () => {
    const app = Testing.app();
    const a = new Chart(app, 'one', { namespace: 'a' });
    const b = new Chart(app, 'two', { namespace: 'b' });
    const web = (chart: Chart, id: string) => new WebService(chart, id, { image: image(), port: 3000, replicas: 1 });
    const [frontend, api, localApi] = [web(a, 'Frontend'), web(a, 'Api'), web(b, 'LocalApi')];
    expect(() => new CheeseIngress(b, 'Ingress', { host: 'a.example.com', frontend, api: localApi, apiRouting: ApiRouting.rewrite() }))
      .toThrow('two/Ingress: invalid frontend "one/Frontend": it runs in namespace "a", and the Ingress routes only to Services of its own namespace ("b"); '
        + 'create the Ingress in a chart of namespace "a"');
    expect(() => new CheeseHttpRoute(b, 'Route', { gateway: { name: 'gw', namespace: 'gateways' }, host: 'a.example.com', frontend: web(b, 'Web'), api }))
      .toThrow('two/Route: invalid api "one/Api": it runs in namespace "a", and the HTTPRoute routes only to Services of its own namespace ("b") '
        + '(the library creates no ReferenceGrant); create the HTTPRoute in a chart of namespace "a"');
  });

  test('fails at synth if the client is in a chart without a namespace (the DB policy cannot admit it)', () => {
    const { one: dbChart, api } = crossNamespace({ one: 'a', two: undefined });
    api();
    expect(() => synth(dbChart)).toThrow('one/Network: invalid connection "api → vector-db:8000": two/Api is in chart "two", which has no namespace, '
      + 'so the policy of vector-db (namespace "a") cannot select its pods; give that chart a namespace');
  });
});

describe('any workload can be a peer', () => {
  test('fails if one workload is asked for under a second peer name', () => {
    const chart = Testing.chart();
    const deployment = rawDeployment(chart, 'worker');
    NetworkPeer.fromWorkload(deployment);
    expect(() => NetworkPeer.fromWorkload(deployment, { workloadName: 'w2' })).toThrow(
      'NetworkPeer.fromWorkload: invalid workloadName "w2": test/worker is already the peer "worker"; use that name (one peer per workload)');
  });

  test('a raw Deployment registered with NetworkPeer.fromWorkload gets its policy and its connections', () => {
    const { chart, db } = (() => {
      const c = new Chart(Testing.app(), 'raw', { namespace: 'raw', disableResourceNameHashes: true });
      return { chart: c, db: new VectorDb(c, 'VectorDb') };
    })();
    new AppNetwork(chart, 'Network');
    const worker = NetworkPeer.fromWorkload(rawDeployment(chart, 'worker'));
    Connections.of(chart).connect(worker, db, db.containerPort);
    expect(policy(chart, 'worker-network')).toEqual({
      podSelector: { matchLabels: { app: 'worker' } }, // the controller's selector, not the template labels (stable across rollouts)
      policyTypes: ['Ingress', 'Egress'],
      ingress: [],
      egress: [{ to: [{ podSelector: { matchLabels: db.selector } }], ports: [tcp(8000)] }],
    });
    expect(policy(chart, 'vector-db-network').ingress).toEqual([{ from: [{ podSelector: { matchLabels: { app: 'worker' } } }], ports: [tcp(8000)] }]);
  });

  test('fromWorkload: one peer per object; @default workloadName is metadata.name; namespace is the object\'s', () => {
    const chart = new Chart(Testing.app(), 'c', { namespace: 'ns1' });
    const deployment = rawDeployment(chart, 'worker');
    const peer = NetworkPeer.fromWorkload(deployment);
    expect(NetworkPeer.fromWorkload(deployment)).toBe(peer);
    expect(peer.workloadName).toBe('worker');
    expect(peer.namespace).toBe('ns1');
    expect(NetworkPeer.fromWorkload(deployment, { workloadName: 'worker' })).toBe(peer);
    const named = rawDeployment(chart, 'named');
    expect(NetworkPeer.fromWorkload(named, { workloadName: 'batch' })).toBe(NetworkPeer.fromWorkload(named, { workloadName: 'batch' }));
    expect(NetworkPeer.fromWorkload(named, { workloadName: 'batch' }).workloadName).toBe('batch');
    const job = new KubeJob(chart, 'Job', { metadata: { name: 'once', namespace: 'other' }, spec: { template: { metadata: { labels: { job: 'once' } }, spec: { containers: [] } } } });
    expect({ ...NetworkPeer.fromWorkload(job).selector }).toEqual({ job: 'once' });
    expect(NetworkPeer.fromWorkload(job).namespace).toBe('other');
  });

  test('workloadSelector reads the labels that select each kind\'s pods', () => {
    const template = { metadata: { labels: { t: '1' } } };
    expect(workloadSelector({ kind: 'Pod', metadata: { labels: { p: '1' } } })).toEqual({ p: '1' });
    expect(workloadSelector({ kind: 'ReplicationController', spec: { selector: { rc: '1' }, template } })).toEqual({ rc: '1' });
    expect(workloadSelector({ kind: 'ReplicationController', spec: { template } })).toEqual({ t: '1' });
    expect(workloadSelector({ kind: 'CronJob', spec: { jobTemplate: { spec: { template } } } })).toEqual({ t: '1' });
    expect(workloadSelector({ kind: 'StatefulSet', spec: { selector: { matchLabels: { s: '1' } }, template } })).toEqual({ s: '1' });
    expect(workloadSelector({ kind: 'DaemonSet', spec: { selector: { matchExpressions: [] }, template } })).toEqual({ t: '1' });
  });

  test('fails if fromWorkload gets an object that runs no pods', () => {
    const chart = Testing.chart();
    const map = new KubeConfigMap(chart, 'Map', { metadata: { name: 'm' } });
    expect(() => NetworkPeer.fromWorkload(map)).toThrow('NetworkPeer.fromWorkload: invalid workload "ConfigMap/m": pass an ApiObject of a kind that runs pods: Pod, Deployment');
  });

  test('a plain object { workloadName, selector, node } is a peer', () => {
    const chart = Testing.chart();
    new AppNetwork(chart, 'Network');
    const deployment = rawDeployment(chart, 'worker');
    const peer: INetworkPeer = { workloadName: 'worker', selector: { app: 'worker' }, node: deployment.node };
    Connections.of(chart).allowInternet(peer, [443]);
    expect(policy(chart, 'worker-network').podSelector).toEqual({ matchLabels: { app: 'worker' } });
  });
});

describe('wiring errors at synth', () => {
  test('fails if a workload of the chart is registered by no peer under the default deny', () => {
    const chart = Testing.chart();
    new AppNetwork(chart, 'Network');
    rawDeployment(chart, 'worker');
    expect(() => synth(chart)).toThrow('test/worker: invalid network peer "Deployment/worker": test/Network/DefaultDeny denies all traffic of pods no peer selects, '
      + 'so this workload would be isolated; register it with Connections.of(scope).addPeer(NetworkPeer.fromWorkload(obj))');
  });

  test('an unregistered workload inside a CheeseApp is reported too', () => {
    const cheese = new CheeseApp(Testing.app(), 'cheese');
    rawDeployment(cheese, 'worker');
    expect(() => synth(cheese)).toThrow('cheese/worker: invalid network peer "Deployment/worker"');
  });

  test('no report without the default deny, or when a registered peer selects the pods', () => {
    const open = Testing.chart();
    new AppNetwork(open, 'Network', { defaultDeny: false });
    rawDeployment(open, 'worker');
    expect(policyNames(open)).toEqual(['allow-dns-egress']);
    const selected = Testing.chart();
    new AppNetwork(selected, 'Network');
    rawDeployment(selected, 'worker');
    Connections.of(selected).addPeer({ workloadName: 'workers', selector: { tier: 'worker' }, node: new Construct(selected, 'Workers').node });
    expect(policyNames(selected)).toEqual(['default-deny-all', 'allow-dns-egress', 'workers-network']);
  });

  test('fails if two peers of a chart share a name', () => {
    const chart = Testing.chart();
    new AppNetwork(chart, 'Network');
    new WebService(chart, 'Web', { image: image(), port: 8080, replicas: 1 });
    Connections.of(chart).addPeer(NetworkPeer.fromWorkload(rawDeployment(chart, 'other', { app: 'other' }), { workloadName: 'web' }));
    expect(() => synth(chart)).toThrow('test/Network: invalid peer name "web": test/Web and test/other register under one name, '
      + 'so one NetworkPolicy web-network would serve both; give the workloads distinct names');
  });

  test('fails if a peer name is too long for its policy label, or a peer selects no labels', () => {
    const chart = Testing.chart();
    new AppNetwork(chart, 'Network');
    const long = 'w'.repeat(56);
    // a WebService refuses such a name itself; a peer registered by hand is caught at synth
    expect(() => new WebService(chart, 'Long', { name: long, image: image(), port: 8080, replicas: 1 })).toThrow(`test/Long: invalid name "${long}"`);
    Connections.of(chart).addPeer(NetworkPeer.fromWorkload(rawDeployment(chart, 'long', { app: 'long' }), { workloadName: long }));
    expect(() => synth(chart)).toThrow(`test/Network: invalid peer name "${long}": its policy label "${long}-network": use at most 63 letters`);
    const empty = Testing.chart();
    new AppNetwork(empty, 'Network');
    Connections.of(empty).addPeer({ workloadName: 'all', selector: {}, node: new Construct(empty, 'All').node });
    expect(() => synth(empty)).toThrow('test/All: invalid peer selector {}: the NetworkPolicy all-network would select every pod of the namespace');
  });

  test('a non-workload ApiObject is never reported', () => {
    const chart = Testing.chart();
    new AppNetwork(chart, 'Network');
    new ApiObject(chart, 'Custom', { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } });
    expect(policyNames(chart)).toEqual(['default-deny-all', 'allow-dns-egress']);
  });
});
