import { App, Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { Connections, INetworkPeer } from '../../src/core/network';

function peer(scope: Construct, name: string): INetworkPeer {
  return Object.assign(new Construct(scope, name), { workloadName: name, selector: { app: name } });
}

describe('Connections', () => {
  test('one registry per App, shared by every construct of every chart in it', () => {
    const a = Testing.chart();
    const b = Testing.chart();
    const sibling = new Chart(App.of(a), 'sibling');
    expect(Connections.of(new Construct(a, 'X'))).toBe(Connections.of(a));
    expect(Connections.of(sibling)).toBe(Connections.of(a));
    expect(Connections.of(a)).not.toBe(Connections.of(b));
  });

  test('connect, allowInternet and allowExternal record flows and register peers once', () => {
    const chart = Testing.chart();
    const [api, db, web] = ['api', 'db', 'web'].map(n => peer(chart, n));
    const c = Connections.of(chart);
    const ports = [443];
    c.connect(api, db, 8000);
    c.allowInternet(api, ports);
    ports.push(80);
    c.allowExternal(web, 3000, { cidrs: ['0.0.0.0/0'] });
    c.addPeer(api);
    expect(c.peers).toEqual([api, db, web]);
    expect(c.connections).toEqual([{ from: api, to: db, port: 8000 }]);
    expect(c.internet).toEqual([{ from: api, ports: [443] }]);
    expect(c.external).toEqual([{ to: web, port: 3000, source: { cidrs: ['0.0.0.0/0'] } }]);
    // the getters return copies
    c.connections.pop();
    expect(c.connections).toHaveLength(1);
  });
});

describe('Connections input checks', () => {
  const setup = () => {
    const chart = Testing.chart();
    return { c: Connections.of(chart), api: peer(chart, 'api'), db: peer(chart, 'db') };
  };

  test.each([
    ['an empty source (it would admit every source)', { }, 'Connections.allowExternal(api): invalid source {}: name a namespace (with optional podLabels) or at least one CIDR'],
    ['pod labels without a namespace', { podLabels: { app: 'gw' } }, 'invalid source {"podLabels":{"app":"gw"}}: name a namespace'],
    ['an empty CIDR list', { cidrs: [] }, 'invalid source {"cidrs":[]}: name a namespace'],
    ['a malformed CIDR', { cidrs: ['10.0.0.0/33'] }, 'invalid source.cidrs[] "10.0.0.0/33": use an IPv4 CIDR block'],
    ['a namespace that is not a DNS label', { namespace: 'Ingress NS' }, 'invalid source.namespace "Ingress NS": use a DNS-1123 label'],
  ])('fails if an external source is %s', (_, source, message) => {
    const { c, api } = setup();
    expect(() => c.allowExternal(api, 9000, source)).toThrow(message);
    expect(c.external).toEqual([]);
  });

  test('fails if a port is out of range', () => {
    const { c, api, db } = setup();
    expect(() => c.connect(api, db, 0)).toThrow('Connections.connect(api → db): invalid port 0: use an integer from 1 to 65535');
    expect(() => c.allowInternet(api, [])).toThrow('Connections.allowInternet(api): invalid ports []: give at least one TCP port');
    expect(() => c.allowInternet(api, [70000])).toThrow('invalid ports[] 70000: use an integer from 1 to 65535');
    expect(() => c.allowExternal(api, 65536, { cidrs: ['0.0.0.0/0'] })).toThrow('invalid port 65536');
  });
});
