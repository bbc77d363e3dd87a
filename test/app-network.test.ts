import { Testing } from 'cdk8s';
import { AppNetwork, GKE_METADATA_SERVER, PRIVATE_RANGES, WebService } from '../src';
import { byKind, image, one, synth } from './util';
import { Connections } from '../src/core/network';

/** A chart with three web services: web → api → db, web exposed through a controller namespace, api on the internet. */
function build(networkProps = {}) {
  const chart = Testing.chart();
  const svc = (id: string, port: number) => new WebService(chart, id, { image: image(), port, replicas: 1 });
  const db = svc('Db', 8000);
  const api = svc('Api', 9000);
  const web = svc('Web', 3000);
  const connections = Connections.of(chart);
  connections.connect(api, db, db.containerPort);
  connections.connect(web, api, api.containerPort);
  connections.allowExternal(web, 3000, { namespace: 'ingress', podLabels: { app: 'nginx' } });
  connections.allowInternet(api, [443]);
  connections.allowMetadataServer(api);
  const network = new AppNetwork(chart, 'Network', networkProps);
  return { chart, db, api, web, connections, network };
}

const policy = (chart: any, name: string) => one(synth(chart), 'NetworkPolicy', name).spec;
const tcp = (port: number) => ({ protocol: 'TCP', port });

describe('AppNetwork', () => {
  test('@default defaultDeny true: a namespace-wide deny of ingress and egress, plus DNS egress for every pod', () => {
    const { chart, network } = build();
    expect(policy(chart, 'default-deny-all')).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    expect(policy(chart, 'allow-dns-egress')).toEqual({
      podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] }],
    });
    expect(network.defaultDeny).toBeDefined();
    expect(byKind(synth(chart), 'NetworkPolicy').map(o => o.metadata.name)).toMatchSnapshot();
  });

  test('defaultDeny false leaves the namespace default alone', () => {
    const { chart, network } = build({ defaultDeny: false });
    expect(network.defaultDeny).toBeUndefined();
    expect(byKind(synth(chart), 'NetworkPolicy', 'default-deny-all')).toEqual([]);
  });

  test('one policy per workload, sorted by name, selecting exactly its pods; `policies` is complete after synth', () => {
    const { chart, network, api } = build();
    expect(Object.keys(network.policies)).toEqual([]);
    expect(byKind(synth(chart), 'NetworkPolicy').map(o => o.metadata.name)).toEqual(['default-deny-all', 'allow-dns-egress', 'api-network', 'db-network', 'web-network']);
    expect(Object.keys(network.policies)).toEqual(['api', 'db', 'web']);
    expect(network.policies.api.name).toBe('api-network');
    expect(policy(chart, 'api-network').podSelector).toEqual({ matchLabels: api.selector });
    expect(policy(chart, 'api-network').policyTypes).toEqual(['Ingress', 'Egress']);
  });

  test('ingress admits exactly the peers that reference the workload, on its port', () => {
    const { chart, web, api } = build();
    expect(policy(chart, 'db-network').ingress).toEqual([{ from: [{ podSelector: { matchLabels: api.selector } }], ports: [tcp(8000)] }]);
    expect(policy(chart, 'api-network').ingress).toEqual([{ from: [{ podSelector: { matchLabels: web.selector } }], ports: [tcp(9000)] }]);
    expect(policy(chart, 'web-network').ingress).toEqual([{
      from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress' } }, podSelector: { matchLabels: { app: 'nginx' } } }],
      ports: [tcp(3000)],
    }]);
  });

  test('egress reaches exactly what the workload references; internet egress excludes private ranges; the metadata server only when recorded', () => {
    const { chart, db, api } = build();
    expect(policy(chart, 'web-network').egress).toEqual([{ to: [{ podSelector: { matchLabels: api.selector } }], ports: [tcp(9000)] }]);
    expect(policy(chart, 'db-network').egress).toEqual([]);
    expect(policy(chart, 'api-network').egress).toEqual([
      { to: [{ podSelector: { matchLabels: db.selector } }], ports: [tcp(8000)] },
      { to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] } }], ports: [tcp(443)] },
      { to: [{ ipBlock: { cidr: '169.254.169.252/30' } }], ports: [tcp(80), tcp(988)] },
    ]);
    expect([PRIVATE_RANGES, GKE_METADATA_SERVER]).toEqual([['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'], '169.254.169.252/30']);
    // internet access alone does not open the metadata server (a key-file pod must not read the node's credentials)
    const { chart: other, connections, web } = build();
    connections.allowInternet(web, [443]);
    expect(policy(other, 'web-network').egress.some((r: any) => r.to[0].ipBlock?.cidr === GKE_METADATA_SERVER)).toBe(false);
  });

  test('connections added after the network still count; duplicates collapse; internet ports are merged and sorted', () => {
    const { chart, connections, web, db } = build();
    connections.connect(web, db, 8000);
    connections.connect(web, db, 8000);
    connections.allowInternet(web, [443, 80]);
    connections.allowInternet(web, [443]);
    connections.allowExternal(db, 8000, { cidrs: ['35.191.0.0/16', '130.211.0.0/22'] });
    const webEgress = policy(chart, 'web-network').egress;
    expect(webEgress.filter((r: any) => r.to[0].podSelector?.matchLabels?.['app.kubernetes.io/name'] === 'db')).toHaveLength(1);
    expect(webEgress.find((r: any) => r.to[0].ipBlock?.cidr === '0.0.0.0/0').ports).toEqual([tcp(80), tcp(443)]);
    expect(policy(chart, 'db-network').ingress).toContainEqual({ from: [{ ipBlock: { cidr: '35.191.0.0/16' } }, { ipBlock: { cidr: '130.211.0.0/22' } }], ports: [tcp(8000)] });
  });

  test('an external source given only by namespace selects the whole namespace', () => {
    const { chart, connections, db } = build();
    connections.allowExternal(db, 8000, { namespace: 'monitoring' });
    expect(policy(chart, 'db-network').ingress).toContainEqual({ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }], ports: [tcp(8000)] });
  });

  test('a workload created after the network gets its policy, in name order', () => {
    const { chart } = build();
    const late = new WebService(chart, 'Late', { image: image(), port: 8080, replicas: 1 });
    expect(byKind(synth(chart), 'NetworkPolicy').map(o => o.metadata.name)).toEqual(['default-deny-all', 'allow-dns-egress', 'api-network', 'db-network', 'late-network', 'web-network']);
    expect(policy(chart, 'late-network')).toEqual({ podSelector: { matchLabels: late.selector }, policyTypes: ['Ingress', 'Egress'], ingress: [], egress: [] });
  });

  test('AppNetwork.prepare creates the policies before synth, and is idempotent', () => {
    const { chart, network } = build();
    AppNetwork.prepare(chart);
    const api = network.policies.api;
    AppNetwork.prepare(chart);
    expect(Object.keys(network.policies)).toEqual(['api', 'db', 'web']);
    expect(network.policies.api).toBe(api);
    expect(network.node.children.map(c => c.node.id)).toEqual(['DefaultDeny', 'DnsEgress', 'api-policy', 'db-policy', 'web-policy']);
  });
});
