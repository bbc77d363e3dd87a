import { at, cheeseApp, get, NS, run } from './fixtures';
import { INGRESS_NO_SNIPPETS, INGRESS_TLS, NETWORK_POLICY_COVERAGE, policyDirections } from '../../src/policy';

function withoutDefaultDeny(): any[] {
  return cheeseApp().filter(o => o.kind !== 'NetworkPolicy');
}

function netpol(name: string, podSelector: any, spec: any): any {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: NS }, spec: { podSelector, ...spec } };
}

describe('CHEESE-NET1 NetworkPolicy coverage', () => {
  test('Compliance: a namespace default-deny (podSelector {}) covers every pod', () => {
    expect(run(NETWORK_POLICY_COVERAGE, cheeseApp())).toEqual([]);
  });
  test('Noncompliance: no NetworkPolicy reports every workload, Jobs included', () => {
    const findings = run(NETWORK_POLICY_COVERAGE, withoutDefaultDeny());
    expect(findings.map(f => `${f.kind}/${f.name}`)).toEqual(['Deployment/frontend', 'Deployment/api', 'StatefulSet/vector-db', 'Job/loader']);
    expect(findings[0].detail).toContain('for Ingress and Egress');
  });
  test('Noncompliance: an ingress-only policy (no policyTypes, no egress rules) leaves egress open', () => {
    const objects = [...withoutDefaultDeny(), netpol('all-ingress', {}, { ingress: [{}] })];
    const findings = run(NETWORK_POLICY_COVERAGE, objects);
    expect(findings).toHaveLength(4);
    expect(findings[0].detail).toMatch(/for Egress \(selected by all-ingress\)/);
  });
  test('Compliance: matchLabels subset and matchExpressions select the DB; the rest via a default deny in another policy', () => {
    const objects = [
      ...withoutDefaultDeny(),
      netpol('db', { matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'In', values: ['vector-db'] }] },
        { policyTypes: ['Ingress', 'Egress'], ingress: [{ from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'api' } } }] }] }),
      netpol('others', { matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'NotIn', values: ['vector-db'] }] },
        { egress: [{ ports: [{ port: 53, protocol: 'UDP' }] }] }),
    ];
    expect(run(NETWORK_POLICY_COVERAGE, objects)).toEqual([]);
  });
  test('Noncompliance: a policy in another namespace does not count', () => {
    const objects = cheeseApp();
    get(objects, 'NetworkPolicy', 'default-deny').metadata.namespace = 'kube-system';
    expect(run(NETWORK_POLICY_COVERAGE, objects)).toHaveLength(4);
  });
  test('policyDirections follows the API defaulting of policyTypes', () => {
    expect(policyDirections(netpol('a', {}, {}))).toEqual(['Ingress']);
    expect(policyDirections(netpol('b', {}, { egress: [] }))).toEqual(['Ingress']);
    expect(policyDirections(netpol('c', {}, { egress: [{}] }))).toEqual(['Ingress', 'Egress']);
    expect(policyDirections(netpol('d', {}, { policyTypes: ['Egress'] }))).toEqual(['Egress']);
  });
});

describe('CHEESE-ING1 Ingress TLS', () => {
  test('Compliance: spec.tls lists the rule host', () => {
    expect(run(INGRESS_TLS, cheeseApp())).toEqual([]);
  });
  test('Compliance: a wildcard TLS host covers a subdomain', () => {
    const objects = cheeseApp();
    get(objects, 'Ingress', 'cheese').spec.tls[0].hosts = ['*.example.com'];
    expect(run(INGRESS_TLS, objects)).toEqual([]);
  });
  test('Compliance: GKE managed certificate annotation instead of spec.tls', () => {
    const objects = cheeseApp();
    const ingress = get(objects, 'Ingress', 'cheese');
    delete ingress.spec.tls;
    ingress.metadata.annotations = { 'networking.gke.io/managed-certificates': 'cheese-cert' };
    expect(run(INGRESS_TLS, objects)).toEqual([]);
  });
  test('Compliance: requireIngressTls false disables the rule', () => {
    const objects = cheeseApp();
    delete get(objects, 'Ingress', 'cheese').spec.tls;
    expect(run(INGRESS_TLS, objects, { requireIngressTls: false })).toEqual([]);
  });
  test('Noncompliance: no spec.tls', () => {
    const objects = cheeseApp();
    delete get(objects, 'Ingress', 'cheese').spec.tls;
    expect(run(INGRESS_TLS, objects)).toEqual([at('CHEESE-ING1', 'Ingress', 'cheese', { path: 'spec.tls' })]);
  });
  test('Noncompliance: a rule host missing from tls hosts', () => {
    const objects = cheeseApp();
    get(objects, 'Ingress', 'cheese').spec.rules[0].host = 'a.b.example.com';
    get(objects, 'Ingress', 'cheese').spec.tls[0].hosts = ['*.example.com'];
    expect(run(INGRESS_TLS, objects)).toEqual([at('CHEESE-ING1', 'Ingress', 'cheese', { path: 'spec.rules[0].host' })]);
  });
});

describe('CHEESE-ING2 no snippet annotations', () => {
  test('Compliance: ordinary nginx annotations', () => {
    const objects = cheeseApp();
    get(objects, 'Ingress', 'cheese').metadata.annotations = { 'nginx.ingress.kubernetes.io/proxy-body-size': '10m', 'nginx.org/rewrites': 'x' };
    expect(run(INGRESS_NO_SNIPPETS, objects)).toEqual([]);
  });
  test.each([['nginx.ingress.kubernetes.io/configuration-snippet'], ['nginx.ingress.kubernetes.io/server-snippet'], ['nginx.org/server-snippets']])(
    'Noncompliance: %s', (key) => {
      const objects = cheeseApp();
      get(objects, 'Ingress', 'cheese').metadata.annotations = { [key]: 'more_set_headers "X: y";' };
      expect(run(INGRESS_NO_SNIPPETS, objects)).toEqual([at('CHEESE-ING2', 'Ingress', 'cheese', { path: `metadata.annotations["${key}"]` })]);
    });
});
