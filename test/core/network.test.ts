import { Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { Connections, INetworkPeer } from '../../src/core/network';

function peer(scope: Construct, name: string): INetworkPeer {
  return Object.assign(new Construct(scope, name), { workloadName: name, selector: { app: name } });
}

describe('Connections', () => {
  test('one registry per chart, shared by every construct in it', () => {
    const a = Testing.chart();
    const b = Testing.chart();
    expect(Connections.of(new Construct(a, 'X'))).toBe(Connections.of(a));
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
