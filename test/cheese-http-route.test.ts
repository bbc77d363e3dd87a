import { Testing } from 'cdk8s';
import { ApiRouting, ApiService, CheeseHttpRoute, CheeseHttpRouteProps, GOOGLE_LB_RANGES, WebService } from '../src';
import { chartWithDb, image, one, synth } from './util';
import { Connections } from '../src/core/network';

function build(props: Partial<CheeseHttpRouteProps> = {}) {
  const chart = Testing.chart();
  const frontend = new WebService(chart, 'Frontend', { image: image(), port: 3000, replicas: 1 });
  const api = new WebService(chart, 'Api', { image: image(), port: 9000, servicePort: 80, replicas: 1 });
  const route = new CheeseHttpRoute(chart, 'Route', { gateway: { name: 'external-gw' }, host: 'cheese.example.com', frontend, api, ...props });
  return { chart, frontend, api, route, resource: one(synth(chart), 'HTTPRoute') };
}

describe('CheeseHttpRoute', () => {
  test('one HTTPRoute: the API prefix to the API Service port, / to the frontend', () => {
    const { resource, route } = build();
    expect(resource.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(resource.spec.hostnames).toEqual(['cheese.example.com']);
    expect(resource.spec.rules).toEqual([
      { matches: [{ path: { type: 'PathPrefix', value: '/api-service' } }], backendRefs: [{ name: 'api', port: 80 }] },
      { matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name: 'frontend', port: 3000 }] },
    ]);
    expect(resource.metadata.labels['app.kubernetes.io/component']).toBe('route');
    expect([route.routeName, route.host]).toEqual(['cheese-app-route', 'cheese.example.com']);
    expect(resource).toMatchSnapshot();
  });

  test("@defaults: name 'cheese-app-route', apiRouting rootPath('/api-service'), the route's namespace and every listener", () => {
    const { resource, route } = build();
    expect(resource.metadata.name).toBe('cheese-app-route');
    expect(route.apiRouting.prefix).toBe('/api-service');
    expect(resource.spec.parentRefs).toEqual([{ name: 'external-gw' }]);
  });

  test('@default source: the Google load-balancer ranges reach the frontend and the API on their container ports', () => {
    const { chart, frontend, api } = build();
    expect(Connections.of(chart).external).toEqual([
      { to: frontend, port: 3000, source: { cidrs: [...GOOGLE_LB_RANGES] } },
      { to: api, port: 9000, source: { cidrs: [...GOOGLE_LB_RANGES] } },
    ]);
  });

  test('explicit gateway namespace, listener and source', () => {
    const source = { namespace: 'gateways', podLabels: { app: 'envoy' } };
    const { resource, chart } = build({ name: 'shop', gateway: { name: 'gw', namespace: 'infra', sectionName: 'https', source } });
    expect(resource.metadata.name).toBe('shop');
    expect(resource.spec.parentRefs).toEqual([{ name: 'gw', namespace: 'infra', sectionName: 'https' }]);
    expect(Connections.of(chart).external.map(e => e.source)).toEqual([source, source]);
  });

  test('rewrite routing strips the prefix with a URLRewrite filter', () => {
    const { resource } = build({ apiRouting: ApiRouting.rewrite('/api/') });
    expect(resource.spec.rules[0]).toEqual({
      matches: [{ path: { type: 'PathPrefix', value: '/api/' } }],
      filters: [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } } }],
      backendRefs: [{ name: 'api', port: 80 }],
    });
  });

  describe('fails if', () => {
    test.each([
      ['the host is a bare IP', { host: '10.0.0.1' }, 'invalid host "10.0.0.1": use a lower-case DNS name'],
      ['the name is not a DNS subdomain', { name: 'My Route' }, 'invalid name "My Route": use a DNS-1123 subdomain'],
      ['the gateway name is empty', { gateway: { name: '' } }, 'invalid gateway.name "": use a DNS-1123 subdomain'],
      ['the gateway namespace has a dot', { gateway: { name: 'gw', namespace: 'infra.gw' } }, 'invalid gateway.namespace "infra.gw": use a DNS-1123 label'],
      ['the listener name has upper case', { gateway: { name: 'gw', sectionName: 'HTTPS' } }, 'invalid gateway.sectionName "HTTPS": use a DNS-1123 subdomain'],
    ])('%s', (_, props, message) => {
      expect(() => build(props)).toThrow(`test/Route: ${message}`);
    });

    test('the routing does not match the ApiService rootPath', () => {
      const { chart, config, db } = chartWithDb();
      const frontend = new WebService(chart, 'Frontend', { image: image(), port: 3000 });
      const api = new ApiService(chart, 'Api', { image: image(), vectorDb: db, config });
      expect(() => new CheeseHttpRoute(chart, 'Route', { gateway: { name: 'gw' }, host: 'a.example.com', frontend, api }))
        .toThrow('test/Route: invalid apiRouting "/api-service": the API\'s rootPath is unset; use ApiRouting.rewrite() (the API serves at \'/\'), or give the API rootPath \'/api-service\'');
    });
  });
});
