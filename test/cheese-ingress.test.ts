import { Testing } from 'cdk8s';
import {
  ApiRouting, ApiService, CheeseIngress, CheeseIngressProps, GKE_FRONTEND_CONFIG_ANNOTATION, GOOGLE_LB_RANGES, IngressController, IngressTls,
  WebService,
} from '../src';
import { chartWithDb, image, one, synth } from './util';
import { Connections } from '../src/core/network';

function build(props: Partial<CheeseIngressProps> = {}) {
  const chart = Testing.chart();
  const frontend = new WebService(chart, 'Frontend', { image: image(), port: 3000, replicas: 1 });
  const api = new WebService(chart, 'Api', { image: image(), port: 9000, replicas: 1 });
  const ingress = new CheeseIngress(chart, 'Ingress', { host: 'cheese.example.com', frontend, api, ...props });
  const objects = synth(chart);
  return { chart, frontend, api, ingress, objects, resource: one(objects, 'Ingress') };
}

describe('ApiRouting', () => {
  test('rootPath: @default prefix /api-service, forwarded unchanged, which is the API ROOT_PATH', () => {
    const r = ApiRouting.rootPath();
    expect([r.prefix, r.rewrites, r.apiRootPath]).toEqual(['/api-service', false, '/api-service']);
  });

  test('rewrite: @default prefix /api/, stripped by the controller, so the API has no ROOT_PATH', () => {
    const r = ApiRouting.rewrite();
    expect([r.prefix, r.rewrites, r.apiRootPath]).toEqual(['/api/', true, undefined]);
  });
});

describe('IngressController', () => {
  test('nginx @defaults: class nginx, namespace nginx-ingress, pods labelled app.kubernetes.io/name=nginx-ingress', () => {
    const c = IngressController.nginx();
    expect(c.className).toBe('nginx');
    expect(c._source).toEqual({ namespace: 'nginx-ingress', podLabels: { 'app.kubernetes.io/name': 'nginx-ingress' } });
    expect(IngressController.nginx({ className: 'public', namespace: 'ingress', podLabels: { app: 'ctl' } })._source).toEqual({ namespace: 'ingress', podLabels: { app: 'ctl' } });
  });

  test('gce admits the Google load-balancer ranges', () => {
    const c = IngressController.gce({ staticIpName: 'cheese-ip' });
    expect(c.className).toBe('gce');
    expect(c._source).toEqual({ cidrs: ['130.211.0.0/22', '35.191.0.0/16'] });
    expect(GOOGLE_LB_RANGES).toEqual(['130.211.0.0/22', '35.191.0.0/16']);
  });
});

describe('CheeseIngress', () => {
  test('one rule: the API prefix, then / for the frontend', () => {
    const { resource, ingress } = build();
    expect(resource.spec.rules).toEqual([{
      host: 'cheese.example.com',
      http: {
        paths: [
          { path: '/api-service', pathType: 'Prefix', backend: { service: { name: 'api', port: { number: 9000 } } } },
          { path: '/', pathType: 'Prefix', backend: { service: { name: 'frontend', port: { number: 3000 } } } },
        ],
      },
    }]);
    expect(resource.metadata.labels['app.kubernetes.io/component']).toBe('ingress');
    expect(ingress.host).toBe('cheese.example.com');
    expect(resource).toMatchSnapshot();
  });

  test('@defaults: name cheese-app-ingress, ApiRouting.rootPath(), nginx controller, plain HTTP', () => {
    const { resource, ingress, objects } = build();
    expect(resource.metadata.name).toBe('cheese-app-ingress');
    expect(ingress.apiRouting.prefix).toBe('/api-service');
    expect(resource.spec.ingressClassName).toBe('nginx');
    expect(resource.spec.tls).toBeUndefined();
    expect(resource.metadata.annotations).toBeUndefined();
    expect(objects.map(o => o.kind)).not.toContain('Certificate');
  });

  test('frontend and API admit traffic from the controller on their container ports', () => {
    const { chart, frontend, api } = build();
    const source = { namespace: 'nginx-ingress', podLabels: { 'app.kubernetes.io/name': 'nginx-ingress' } };
    expect(Connections.of(chart).external).toEqual([{ to: frontend, port: 3000, source }, { to: api, port: 9000, source }]);
  });

  test('rewrite routing: path /api/ (as Gen A: the rewrite maps /api/llm to /llm) with the nginx.org/rewrites annotation for the API Service', () => {
    const { resource } = build({ apiRouting: ApiRouting.rewrite() });
    expect(resource.spec.rules[0].http.paths[0].path).toBe('/api/');
    expect(resource.metadata.annotations).toEqual({ 'nginx.org/rewrites': 'serviceName=api rewrite=/' });
  });

  test('TLS from an existing Secret: a tls block and HTTPS redirects', () => {
    const { resource } = build({ tls: IngressTls.fromSecret('cheese-tls') });
    expect(resource.spec.tls).toEqual([{ hosts: ['cheese.example.com'], secretName: 'cheese-tls' }]);
    // NGINX Inc. honours ingress.kubernetes.io/ssl-redirect; nginx.org/redirect-to-https is for TLS ended in front of NGINX
    expect(resource.metadata.annotations).toEqual({ 'ingress.kubernetes.io/ssl-redirect': 'true' });
  });

  test('cert-manager TLS: @default clusterIssuer true, @default secretName <ingress name>-tls', () => {
    const { resource, objects } = build({ tls: IngressTls.certManager({ issuerName: 'letsencrypt-prod' }) });
    expect(resource.spec.tls).toEqual([{ hosts: ['cheese.example.com'], secretName: 'cheese-app-ingress-tls' }]);
    expect(one(objects, 'Certificate', 'cheese-app-ingress-tls').spec).toEqual({
      secretName: 'cheese-app-ingress-tls', dnsNames: ['cheese.example.com'], issuerRef: { name: 'letsencrypt-prod', kind: 'ClusterIssuer', group: 'cert-manager.io' },
    });
    const issuer = build({ tls: IngressTls.certManager({ issuerName: 'staging', clusterIssuer: false, secretName: 'my-tls' }) });
    expect(one(issuer.objects, 'Certificate', 'my-tls').spec.issuerRef.kind).toBe('Issuer');
  });

  test('GKE mode: class annotation, static IP, ManagedCertificate and, @default httpsRedirect true, a FrontendConfig', () => {
    const { resource, objects, chart, api } = build({ controller: IngressController.gce({ staticIpName: 'cheese-app-global-ip' }) });
    expect(resource.spec.ingressClassName).toBeUndefined();
    expect(resource.metadata.annotations).toEqual({
      'kubernetes.io/ingress.class': 'gce',
      'kubernetes.io/ingress.global-static-ip-name': 'cheese-app-global-ip',
      'networking.gke.io/managed-certificates': 'cheese-app-ingress-cert',
      [GKE_FRONTEND_CONFIG_ANNOTATION]: 'cheese-app-ingress-https-redirect',
    });
    expect(GKE_FRONTEND_CONFIG_ANNOTATION).toBe('networking.gke.io/v1beta1.FrontendConfig');
    expect(one(objects, 'ManagedCertificate', 'cheese-app-ingress-cert').spec).toEqual({ domains: ['cheese.example.com'] });
    expect(one(objects, 'FrontendConfig', 'cheese-app-ingress-https-redirect').spec).toEqual({ redirectToHttps: { enabled: true } });
    expect(Connections.of(chart).external.find(e => e.to === api)?.source).toEqual({ cidrs: GOOGLE_LB_RANGES });
  });

  test('GKE mode without httpsRedirect has no FrontendConfig', () => {
    const { resource, objects } = build({ controller: IngressController.gce({ staticIpName: 'ip', httpsRedirect: false }) });
    expect(objects.map(o => o.kind)).not.toContain('FrontendConfig');
    expect(resource.metadata.annotations[GKE_FRONTEND_CONFIG_ANNOTATION]).toBeUndefined();
  });

  test('an ApiService whose rootPath matches the routing is accepted', () => {
    const { chart, config, db } = chartWithDb();
    const frontend = new WebService(chart, 'Frontend', { image: image(), port: 3000 });
    const api = new ApiService(chart, 'Api', { image: image(), vectorDb: db, config, rootPath: '/api-service' });
    expect(new CheeseIngress(chart, 'Ingress', { host: 'a.example.com', frontend, api }).apiRouting.apiRootPath).toBe('/api-service');
    const rewritten = new ApiService(chart, 'Api2', { name: 'api2', image: image(), vectorDb: db, config });
    expect(() => new CheeseIngress(chart, 'Ingress2', { name: 'two', host: 'a.example.com', frontend, api: rewritten, apiRouting: ApiRouting.rewrite() })).not.toThrow();
  });

  describe('fails if', () => {
    test.each([
      ['the host has a scheme', { host: 'https://cheese.example.com' }, 'invalid host "https://cheese.example.com": use a lower-case DNS name'],
      ['the host has a space', { host: 'cheese example.com' }, 'invalid host "cheese example.com": use a lower-case DNS name'],
      ['the host is a bare IP', { host: '34.123.45.67' }, "invalid host \"34.123.45.67\": use a lower-case DNS name such as 'cheese.example.com' or '34.1.2.3.sslip.io' (no spaces, no scheme, no port, not a bare IP)"],
      ['the name is not a DNS subdomain', { name: 'Cheese Ingress' }, 'invalid name "Cheese Ingress": use a DNS-1123 subdomain'],
      ['GKE mode is given tls', { controller: IngressController.gce({ staticIpName: 'ip' }), tls: IngressTls.fromSecret('t') }, 'invalid tls "set": GKE mode terminates TLS with a ManagedCertificate; remove tls'],
      ['GKE mode is given a rewrite', { controller: IngressController.gce({ staticIpName: 'ip' }), apiRouting: ApiRouting.rewrite() }, 'invalid apiRouting "ApiRouting.rewrite()": the GKE load balancer cannot rewrite paths; use ApiRouting.rootPath()'],
    ])('%s', (_, props, message) => {
      expect(() => build(props)).toThrow(`test/Ingress: ${message}`);
    });

    test('the routing does not match the rootPath of the ApiService', () => {
      const { chart, config, db } = chartWithDb();
      const frontend = new WebService(chart, 'Frontend', { image: image(), port: 3000 });
      const api = new ApiService(chart, 'Api', { image: image(), vectorDb: db, config });
      expect(() => new CheeseIngress(chart, 'Ingress', { host: 'a.example.com', frontend, api }))
        .toThrow(/^test\/Ingress: invalid apiRouting "\/api-service": the API's rootPath is unset; .* or give the API rootPath '\/api-service'$/);
      const rooted = new ApiService(chart, 'Api2', { name: 'api2', image: image(), vectorDb: db, config, rootPath: '/v1' });
      expect(() => new CheeseIngress(chart, 'Ingress2', { host: 'a.example.com', frontend, api: rooted, apiRouting: ApiRouting.rewrite() }))
        .toThrow("test/Ingress2: invalid apiRouting \"/api/\": the API's rootPath is /v1; use ApiRouting.rootPath('/v1'), "
          + "or remove the API's rootPath (the rewrite serves it at '/')");
    });

    test('the hint for an API without rootPath names a usable routing', () => {
      const { chart, config, db } = chartWithDb();
      const frontend = new WebService(chart, 'Frontend', { image: image(), port: 3000 });
      const api = new ApiService(chart, 'Api', { image: image(), vectorDb: db, config });
      expect(() => new CheeseIngress(chart, 'Ingress', { host: 'a.example.com', frontend, api })).toThrow(/ApiRouting\.rewrite\(\)/);
    });

    test.each([
      ['ApiRouting.rootPath', () => ApiRouting.rootPath('/'), 'invalid prefix "/": use a prefix without a trailing \'/\', such as \'/api-service\''],
      ['ApiRouting.rootPath', () => ApiRouting.rootPath('/api/'), 'invalid prefix "/api/": use a prefix without a trailing \'/\''],
      ['ApiRouting.rootPath', () => ApiRouting.rootPath('api'), 'invalid prefix "api": use an absolute path that starts with \'/\''],
      ['ApiRouting.rewrite', () => ApiRouting.rewrite('/'), "invalid prefix \"/\": use a prefix such as '/api/'; '/' belongs to the frontend"],
      ['IngressController.nginx', () => IngressController.nginx({ className: 'NGINX' }), 'invalid className "NGINX": use a DNS-1123 subdomain'],
      ['IngressController.nginx', () => IngressController.nginx({ namespace: 'ingress nginx' }), 'invalid namespace "ingress nginx": use a DNS-1123 label'],
      ['IngressController.nginx', () => IngressController.nginx({ namespace: 'ingress.nginx' }), 'invalid namespace "ingress.nginx": use a DNS-1123 label'],
      ['IngressController.nginx', () => IngressController.nginx({ podLabels: { 'app.kubernetes.io/name': 'nginx ingress' } }),
        'invalid podLabels["app.kubernetes.io/name"] "nginx ingress"'],
      ['IngressController.gce', () => IngressController.gce({ staticIpName: 'Cheese_IP' }), 'invalid staticIpName "Cheese_IP": use a DNS-1123 subdomain'],
      ['IngressTls.fromSecret', () => IngressTls.fromSecret('TLS'), 'invalid secretName "TLS": use a DNS-1123 subdomain'],
      ['IngressTls.certManager', () => IngressTls.certManager({ issuerName: 'lets encrypt' }), 'invalid issuerName "lets encrypt": use a non-empty string with no whitespace'],
    ])('%s gets bad input (case %#)', (owner, make, message) => {
      expect(make).toThrow(`${owner}: ${message}`);
    });
  });
});
