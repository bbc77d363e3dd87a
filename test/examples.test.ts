import { App } from 'cdk8s';
import { EXAMPLES } from '../examples';
import { byKind, mainContainer, one, validateWithSchemas } from './util';
import { cheeseApp } from '../examples/cheese-app';
import { plusWorker } from '../examples/plus-worker';
import { ticTacToe } from '../examples/tic-tac-toe';
import { twoApis } from '../examples/two-apis';
import { KubeObject, podLabelsOf, podSpecOf } from '../src/core/manifest';
import { ENVIRONMENTS } from '../src/environments';
import { buildEnvironment } from '../src/output/render';
import { evaluatePolicy, PSS_RULES, selectorMatches } from '../src/policy';

const objectsOf = (build: (app: App) => any): KubeObject[] => build(new App()).toJson();

describe('examples', () => {
  test('EXAMPLES lists every example by output folder', () => {
    expect(EXAMPLES).toEqual({ 'cheese-app': cheeseApp, 'plus-worker': plusWorker, 'tic-tac-toe': ticTacToe, 'two-apis': twoApis });
  });

  test.each(Object.entries(EXAMPLES))('%s shares no namespace and no instance label with any environment', (_, build) => {
    const environments = Object.values(ENVIRONMENTS).map(env => buildEnvironment(env).chart);
    const namespaces = new Set(environments.map(c => c.namespaceName));
    const instances = new Set(environments.map(c => c.instance));
    const objects = objectsOf(build);
    expect(objects.filter(o => namespaces.has(o.metadata.namespace ?? '') || (o.kind === 'Namespace' && namespaces.has(o.metadata.name ?? '')))).toEqual([]);
    expect(objects.filter(o => instances.has(o.metadata.labels?.['app.kubernetes.io/instance'] ?? ''))).toEqual([]);
  });

  test('the cheese-app example has its own namespace and instance (applying it never touches dist/prod)', () => {
    const objects = objectsOf(cheeseApp);
    expect(objects.every(o => o.kind === 'Namespace' ? o.metadata.name === 'cheese-example' : o.metadata.namespace === 'cheese-example')).toBe(true);
    expect(objects.every(o => o.metadata.labels?.['app.kubernetes.io/instance'] === 'cheese-example')).toBe(true);
  });

  test.each(Object.entries(EXAMPLES))('%s matches the upstream Kubernetes schemas', (_, build) => {
    const objects = objectsOf(build);
    expect(validateWithSchemas(objects)).toBeGreaterThan(0);
  });

  describe('tic-tac-toe', () => {
    const objects = objectsOf(ticTacToe);

    test('exactly one Deployment and one Service, like the lecture manifest', () => {
      expect(objects.map(o => `${o.kind}/${o.metadata.name}`)).toEqual(['Deployment/web', 'Service/web']);
      expect(objects.every(o => o.metadata.namespace === 'default')).toBe(true);
    });

    test('the Deployment runs 2 replicas of dlops/tic-tac-toe, re-pulled since the tag floats', () => {
      const deployment = one(objects, 'Deployment');
      expect(deployment.spec.replicas).toBe(2);
      expect(mainContainer(deployment)).toMatchObject({ image: 'dlops/tic-tac-toe', imagePullPolicy: 'Always', ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }] });
    });

    test('the Service is a LoadBalancer on port 80 → targetPort 8080, selecting the Deployment\'s pods', () => {
      const service = one(objects, 'Service');
      const deployment = one(objects, 'Deployment');
      expect(service.spec.type).toBe('LoadBalancer');
      expect(service.spec.ports).toEqual([{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }]);
      expect(service.spec.selector).toEqual(deployment.spec.selector.matchLabels);
    });
  });

  describe('two-apis', () => {
    const objects = objectsOf(twoApis);
    const policy = (name: string) => one(objects, 'NetworkPolicy', `${name}-network`).spec;
    const selectorOf = (name: string) => one(objects, 'Deployment', name).spec.selector.matchLabels;
    const peersOf = (rules: any[]) => rules.flatMap(r => (r.from ?? r.to).map((p: any) => p.podSelector?.matchLabels?.['app.kubernetes.io/name'] ?? p.ipBlock?.cidr)).sort();

    test('three web services and no vector DB', () => {
      expect(byKind(objects, 'Deployment').map(o => o.metadata.name)).toEqual(['catalog', 'search', 'web']);
      expect(byKind(objects, 'StatefulSet')).toEqual([]);
      expect(byKind(objects, 'PersistentVolumeClaim')).toEqual([]);
      expect(objects.filter(o => /vector|chroma/.test(o.metadata.name))).toEqual([]);
      expect(objects.every(o => o.metadata.namespace === 'shop')).toBe(true);
    });

    test('the UI is a LoadBalancer on port 80 → 3000', () => {
      expect(one(objects, 'Service', 'web').spec).toMatchObject({ type: 'LoadBalancer', ports: [{ port: 80, targetPort: 3000 }] });
    });

    test('NetworkPolicies follow the connections: search → catalog, web → search and catalog, anyone → web', () => {
      expect(byKind(objects, 'NetworkPolicy').map(o => o.metadata.name)).toEqual(['default-deny-all', 'allow-dns-egress', 'catalog-network', 'search-network', 'web-network']);
      expect(peersOf(policy('catalog').ingress)).toEqual(['search', 'web']);
      expect(peersOf(policy('search').ingress)).toEqual(['web']);
      expect(policy('web').ingress).toEqual([{ from: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ protocol: 'TCP', port: 3000 }] }]);
      expect(policy('catalog').egress).toEqual([]);
      expect(peersOf(policy('search').egress)).toEqual(['catalog']);
      expect(peersOf(policy('web').egress)).toEqual(['catalog', 'search']);
      expect(policy('catalog').podSelector.matchLabels).toEqual(selectorOf('catalog'));
    });
  });

  describe('plus-worker (cdk8s-plus-27 + cheese-k8s)', () => {
    const objects = objectsOf(plusWorker);
    const workloads = byKind(objects, 'Deployment');
    const policies = byKind(objects, 'NetworkPolicy').filter(p => Object.keys(p.spec.podSelector).length > 0);
    const policyOf = (name: string) => {
      const labels = podLabelsOf(one(objects, 'Deployment', name))!;
      const found = policies.filter(p => selectorMatches(p.spec.podSelector, labels, false));
      expect(found).toHaveLength(1);
      return found[0].spec;
    };

    test('cdk8s-plus workloads next to a cheese-k8s API, in its own namespace', () => {
      expect(workloads.map(o => o.metadata.name)).toEqual(['ui', 'worker', 'api']);
      expect(one(objects, 'Deployment', 'ui').spec.selector.matchLabels).toHaveProperty(['cdk8s.io/metadata.addr']);
      expect(objects.every(o => o.metadata.namespace === 'plus-worker-demo')).toBe(true);
    });

    test('every pod passes Pod Security restricted: the cdk8s-plus ones are hardened by the one call', () => {
      expect(evaluatePolicy(objects, undefined, PSS_RULES)).toEqual([]);
      for (const name of ['ui', 'worker']) {
        const spec = podSpecOf(one(objects, 'Deployment', name));
        expect(spec.securityContext.seccompProfile).toEqual({ type: 'RuntimeDefault' });
        expect(mainContainer(one(objects, 'Deployment', name)).securityContext)
          .toMatchObject({ allowPrivilegeEscalation: false, runAsNonRoot: true, capabilities: { drop: ['ALL'] } });
      }
    });

    test('every workload has its own NetworkPolicy, wired by reference: controller → ui and api, worker → api', () => {
      for (const w of workloads) policyOf(w.metadata.name);
      const worker = policyOf('worker');
      const api = policyOf('api');
      expect(worker.egress).toEqual([{ to: [{ podSelector: { matchLabels: one(objects, 'Deployment', 'api').spec.selector.matchLabels } }], ports: [{ protocol: 'TCP', port: 9000 }] }]);
      expect(api.ingress).toContainEqual({ from: [{ podSelector: { matchLabels: worker.podSelector.matchLabels } }], ports: [{ protocol: 'TCP', port: 9000 }] });
      expect(policyOf('ui').ingress).toHaveLength(1);
      expect(policyOf('ui').ingress[0].ports).toEqual([{ protocol: 'TCP', port: 8080 }]);
    });

    test('the Ingress routes / to the cdk8s-plus Service; the API reads the cdk8s-plus ConfigMap', () => {
      const root = one(objects, 'Ingress').spec.rules[0].http.paths.find((p: any) => p.path === '/');
      expect(root.backend.service).toEqual({ name: 'ui', port: { number: 80 } });
      expect(mainContainer(one(objects, 'Deployment', 'api')).envFrom).toEqual([{ configMapRef: { name: 'api-settings' } }]);
    });

    test('every object carries the instance label, so kubectl apply --prune -l app.kubernetes.io/instance=plus-worker selects them all', () => {
      expect(objects.filter(o => o.metadata.labels?.['app.kubernetes.io/instance'] === 'plus-worker')).toHaveLength(objects.length);
    });
  });

  describe('cheese-app', () => {
    const objects = objectsOf(cheeseApp);

    test('synthesizes the whole app with the student\'s project, tag and host', () => {
      expect(objects[0]).toMatchObject({ kind: 'Namespace', metadata: { name: 'cheese-example' } });
      expect(mainContainer(one(objects, 'Deployment', 'api')).image).toBe('us-docker.pkg.dev/my-ac215-project/cheese-app-repository/cheese-app-api-service:20251201120000');
      expect(one(objects, 'ConfigMap').data.GCP_PROJECT).toBe('my-ac215-project');
      expect(one(objects, 'Ingress').spec.rules[0].host).toBe('34.123.45.67.sslip.io');
      expect(byKind(objects, 'StatefulSet').map(o => o.metadata.name)).toEqual(['vector-db']);
      expect(byKind(objects, 'Job')).toHaveLength(1);
    });
  });
});
