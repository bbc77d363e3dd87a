import { Testing } from 'cdk8s';
import { CheeseApp } from '../../src/cheese-app';
import { IngressController } from '../../src/cheese-ingress';
import { KubeObject } from '../../src/core/manifest';
import { DEV, PROD } from '../../src/environments';
import { renderDiagram } from '../../src/output/diagram';
import { renderEnvironment } from '../../src/output/render';

// ---- a small reader of the Mermaid the renderer writes; a line it cannot read fails the test ----

const ID = '[A-Za-z][A-Za-z0-9_]*';
const SHAPES: Array<[string, string]> = [['[/"', '"\\]'], ['{{"', '"}}'], ['[("', '")]'], ['[/"', '"/]'], ['[\\"', '"\\]'], ['[["', '"]]'], ['(["', '"])'], ['["', '"]']];
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const NODE = new RegExp(`^ {2,4}(${ID})(?:${SHAPES.map(([o, c]) => `${escape(o)}([^"]*)${escape(c)}`).join('|')})$`);
const EDGE = new RegExp(`^ {2}(${ID}) (==>|-->|-\\.->)(?:\\|"([^"]*)"\\|)? (${ID})$`);
const SUBGRAPH = new RegExp(`^ {2}subgraph (${ID})\\["([^"]*)"\\]$`);
const OTHER = [/^flowchart LR$/, /^ {4}direction LR$/, /^ {2}end$/, /^ {2}classDef [a-z]+ [-a-z:#0-9, ]+$/, new RegExp(`^ {2}class ${ID}(,${ID})* [a-z]+$`)];

interface Parsed {
  nodes: Map<string, string[]>;
  subgraphs: Map<string, string[]>;
  edges: Array<{ from: string; arrow: string; label: string; to: string }>;
  markdown: string;
}

/** Decodes Mermaid entity codes (`#34;`) and splits `<br/>` lines. */
function decode(label: string): string[] {
  return label.split('<br/>').map(l => l.replace(/#(\d+);/g, (_, code) => String.fromCharCode(Number(code))));
}

function parse(markdown: string): Parsed {
  const blocks = [...markdown.matchAll(/```mermaid\n([\s\S]*?)```/g)];
  expect(blocks).toHaveLength(1);
  const parsed: Parsed = { nodes: new Map(), subgraphs: new Map(), edges: [], markdown };
  for (const line of blocks[0][1].trimEnd().split('\n')) {
    let m: RegExpExecArray | null;
    if ((m = NODE.exec(line))) {
      const label = m.slice(2).find(x => x !== undefined)!;
      expect(parsed.nodes.has(m[1])).toBe(false);
      parsed.nodes.set(m[1], decode(label));
    } else if ((m = EDGE.exec(line))) {
      parsed.edges.push({ from: m[1], arrow: m[2], label: m[3] === undefined ? '' : decode(m[3]).join('\n'), to: m[4] });
    } else if ((m = SUBGRAPH.exec(line))) {
      parsed.subgraphs.set(m[1], decode(m[2]));
    } else if (!OTHER.some(r => r.test(line))) {
      throw new Error(`not a Mermaid line the renderer writes: ${JSON.stringify(line)}`);
    }
  }
  // every edge joins declared nodes (or a namespace subgraph)
  for (const e of parsed.edges) {
    for (const id of [e.from, e.to]) expect(parsed.nodes.has(id) || parsed.subgraphs.has(id)).toBe(true);
  }
  return parsed;
}

/** The id of the node whose first label line is `first` (e.g. `Service: api`). */
function nodeId(p: Parsed, first: string): string {
  const ids = [...p.nodes].filter(([, lines]) => lines[0] === first).map(([id]) => id);
  if (ids.length !== 1) throw new Error(`expected one node '${first}', found ${ids.length}: ${[...p.nodes.values()].map(l => l[0]).join(', ')}`);
  return ids[0];
}

function edge(p: Parsed, from: string, to: string, arrow: string): { label: string } | undefined {
  return p.edges.find(e => e.from === from && e.to === to && e.arrow === arrow);
}

const ROUTE = '==>';
const USE = '-->';
const ALLOW = '-.->';

function defaultApp(): KubeObject[] {
  const chart = new CheeseApp(Testing.app(), 'cheese');
  return chart.toJson() as KubeObject[];
}

// ---- the default app: everything is drawn ----

describe('renderDiagram of the default CheeseApp', () => {
  const objects = defaultApp();
  const markdown = renderDiagram(objects, 'default');
  const p = parse(markdown);

  test('has a title, one mermaid flowchart and the object inventory', () => {
    expect(markdown.startsWith('# Architecture: default\n')).toBe(true);
    expect(markdown).toContain('```mermaid\nflowchart LR\n');
    expect(markdown).toContain('## Allowed traffic (NetworkPolicies)');
    expect(markdown).toContain('## Objects');
    expect(markdown.endsWith('\n')).toBe(true);
  });

  test('every Service, workload, PVC, ConfigMap and ServiceAccount of the output is a node', () => {
    const drawn = ['Service', 'Deployment', 'StatefulSet', 'Job', 'PersistentVolumeClaim', 'ConfigMap', 'ServiceAccount', 'Ingress'];
    const expected = objects.filter(o => drawn.includes(o.kind));
    expect(expected).toHaveLength(12); // 3 Services, 4 workloads, 2 claims, ConfigMap, ServiceAccount, Ingress
    for (const o of expected) {
      const kind = o.kind === 'PersistentVolumeClaim' ? 'PVC' : o.kind;
      expect(nodeId(p, `${kind}: ${o.metadata.name}`)).toMatch(/^[a-z]+_/);
    }
    // the course's three Services, four workloads and two claims by name
    for (const name of ['Service: frontend', 'Service: api', 'Service: vector-db', 'Deployment: frontend', 'Deployment: api',
      'StatefulSet: vector-db', 'PVC: chromadb-pvc', 'PVC: persistent-pvc', 'ConfigMap: cheese-app-config', 'ServiceAccount: api-ksa']) {
      expect(nodeId(p, name)).toBeDefined();
    }
    expect([...p.nodes.values()].filter(l => /^Job: vector-db-loader-[0-9a-f]{8}$/.test(l[0]))).toHaveLength(1);
  });

  test('all namespaced objects sit in the namespace subgraph, which shows Pod Security and the default deny', () => {
    expect([...p.subgraphs.values()]).toEqual([['namespace cheese-app-namespace', 'Pod Security: restricted', 'default deny: ingress + egress']]);
    const mermaid = /```mermaid\n([\s\S]*?)```/.exec(markdown)![1];
    const inside = mermaid.slice(mermaid.indexOf('subgraph'), mermaid.indexOf('\n  end\n'));
    expect(inside).toContain(`${nodeId(p, 'Service: api')}{{`);
    expect(inside).not.toContain('ext_');
  });

  test('Ingress routes / to the frontend and /api-service to the API; Services route to their workloads', () => {
    const ing = nodeId(p, 'Ingress: cheese-app-ingress');
    expect(p.nodes.get(ing)).toEqual(['Ingress: cheese-app-ingress', 'host 127.0.0.1.sslip.io', 'class nginx']);
    expect(edge(p, ing, nodeId(p, 'Service: frontend'), ROUTE)?.label).toBe('/ → 3000');
    expect(edge(p, ing, nodeId(p, 'Service: api'), ROUTE)?.label).toBe('/api-service → 9000');
    expect(edge(p, nodeId(p, 'Service: frontend'), nodeId(p, 'Deployment: frontend'), ROUTE)?.label).toBe('3000');
    expect(edge(p, nodeId(p, 'Service: api'), nodeId(p, 'Deployment: api'), ROUTE)?.label).toBe('9000');
    expect(edge(p, nodeId(p, 'Service: vector-db'), nodeId(p, 'StatefulSet: vector-db'), ROUTE)?.label).toBe('8000');
    // exactly these five routing edges
    expect(p.edges.filter(e => e.arrow === ROUTE)).toHaveLength(5);
  });

  test('workloads point at the claims, ConfigMap and ServiceAccount they use', () => {
    const api = nodeId(p, 'Deployment: api');
    const db = nodeId(p, 'StatefulSet: vector-db');
    const loader = [...p.nodes].find(([, l]) => l[0].startsWith('Job: vector-db-loader-'))![0];
    expect(edge(p, db, nodeId(p, 'PVC: chromadb-pvc'), USE)?.label).toBe('mount /data');
    expect(edge(p, api, nodeId(p, 'PVC: persistent-pvc'), USE)?.label).toBe('mount /persistent');
    expect(edge(p, api, nodeId(p, 'ConfigMap: cheese-app-config'), USE)?.label).toBe('envFrom');
    expect(edge(p, loader, nodeId(p, 'ConfigMap: cheese-app-config'), USE)?.label).toBe('envFrom');
    expect(edge(p, api, nodeId(p, 'ServiceAccount: api-ksa'), USE)?.label).toBe('runs as');
    expect(edge(p, loader, nodeId(p, 'ServiceAccount: api-ksa'), USE)?.label).toBe('runs as');
    expect(p.nodes.get(nodeId(p, 'ServiceAccount: api-ksa'))).toContain('Workload Identity: gcp-service@ac215-project.iam.gserviceaccount.com');
    expect(p.nodes.get(nodeId(p, 'PVC: chromadb-pvc'))).toEqual(['PVC: chromadb-pvc', '10Gi RWO default class']);
    // the frontend uses nothing but scratch space
    expect(p.edges.filter(e => e.from === nodeId(p, 'Deployment: frontend') && e.arrow === USE)).toEqual([]);
  });

  test('NetworkPolicy allows are dashed edges with ports: api and loader → vector-db, controller → frontend and api', () => {
    const api = nodeId(p, 'Deployment: api');
    const frontend = nodeId(p, 'Deployment: frontend');
    const db = nodeId(p, 'StatefulSet: vector-db');
    const loader = [...p.nodes].find(([, l]) => l[0].startsWith('Job: vector-db-loader-'))![0];
    const controller = nodeId(p, 'namespace nginx-ingress');
    expect(p.nodes.get(controller)).toEqual(['namespace nginx-ingress', 'pods app.kubernetes.io/name=nginx-ingress']);
    expect(edge(p, api, db, ALLOW)?.label).toBe('TCP 8000');
    expect(edge(p, loader, db, ALLOW)?.label).toBe('TCP 8000');
    expect(edge(p, controller, frontend, ALLOW)?.label).toBe('TCP 3000');
    expect(edge(p, controller, api, ALLOW)?.label).toBe('TCP 9000');
    expect(edge(p, api, nodeId(p, 'internet'), ALLOW)?.label).toBe('TCP 443');
    expect(edge(p, api, nodeId(p, 'GKE metadata server'), ALLOW)?.label).toBe('TCP 80, TCP 988');
    // DNS for every pod of the namespace: an edge from the namespace itself
    expect(edge(p, [...p.subgraphs.keys()][0], nodeId(p, 'anywhere'), ALLOW)?.label).toBe('TCP 53, UDP 53');
    // and nothing the policies do not allow
    expect(edge(p, frontend, db, ALLOW)).toBeUndefined();
    expect(edge(p, frontend, api, ALLOW)).toBeUndefined();
    expect(edge(p, controller, db, ALLOW)).toBeUndefined();
    expect(p.edges.filter(e => e.to === db && e.arrow === ALLOW).map(e => e.from).sort()).toEqual([api, loader].sort());
    expect(p.edges.filter(e => e.arrow === ALLOW)).toHaveLength(9);
    expect(markdown).not.toContain('blocked');
  });

  test('the allowed-traffic table names both policies of a pod-to-pod flow', () => {
    expect(markdown).toContain('| Deployment api | StatefulSet vector-db | TCP 8000 | api-network, vector-db-network |');
    expect(markdown).toContain('| namespace nginx-ingress pods app.kubernetes.io/name=nginx-ingress | Deployment frontend | TCP 3000 | frontend-network |');
    expect(markdown).toContain('| all pods in namespace cheese-app-namespace | anywhere | TCP 53, UDP 53 | allow-dns-egress |');
  });

  test('the inventory lists every object of the output', () => {
    const rows = markdown.slice(markdown.indexOf('## Objects')).split('\n').filter(l => l.startsWith('| ') && !l.startsWith('| Kind') && !l.startsWith('| ---'));
    const listed = rows.flatMap(r => {
      const [kind, , names] = r.slice(2, -2).split(' | ');
      return names.split(', ').map(n => `${kind}/${n}`);
    });
    expect(listed.sort()).toEqual(objects.map(o => `${o.kind}/${o.metadata.name}`).sort());
  });

  test('is deterministic: the same objects in another order give the same text', () => {
    const shuffled = [...objects].reverse();
    shuffled.push(shuffled.shift()!);
    expect(renderDiagram(shuffled, 'default')).toBe(markdown);
    expect(renderDiagram(defaultApp(), 'default')).toBe(markdown);
  });
});

// ---- environments: the file synth writes ----

describe('architecture.md of each environment', () => {
  test.each([['dev', DEV], ['prod', PROD]])('%s: written by renderEnvironment with every Service, workload and volume', (name, env) => {
    const files = renderEnvironment(env).files;
    const p = parse(files['reports/architecture.md']);
    expect(files['reports/architecture.md'].startsWith(`# Architecture: ${name}\n`)).toBe(true);
    // prod keeps the API's data in a Cloud Storage bucket (a CSI volume inside the pod), not in persistent-pvc
    for (const first of ['Service: frontend', 'Service: api', 'Service: vector-db', 'Deployment: frontend', 'Deployment: api',
      'StatefulSet: vector-db', 'PVC: chromadb-pvc', ...(name === 'dev' ? ['PVC: persistent-pvc'] : [])]) {
      expect(nodeId(p, first)).toBeDefined();
    }
    expect([...p.subgraphs.values()][0][0]).toBe(`namespace ${env.namespace}`);
  });

  test('prod (GKE Ingress): certificate, HTTPS redirect and health check are drawn; Google load balancers reach the pods', () => {
    const p = parse(renderEnvironment(PROD).files['reports/architecture.md']);
    const ing = nodeId(p, 'Ingress: cheese-app-ingress');
    expect(p.nodes.get(ing)).toEqual(['Ingress: cheese-app-ingress', 'host cheese.example.com', 'class gce, TLS', 'static IP cheese-app-global-ip']);
    expect(edge(p, ing, nodeId(p, 'ManagedCertificate: cheese-app-ingress-cert'), USE)?.label).toBe('TLS');
    expect(edge(p, ing, nodeId(p, 'FrontendConfig: cheese-app-ingress-https-redirect'), USE)?.label).toBe('frontend config');
    expect(edge(p, nodeId(p, 'Service: api'), nodeId(p, 'BackendConfig: api-backend-config'), USE)?.label).toBe('health check');
    const lb = nodeId(p, 'Google load balancers');
    expect(p.nodes.get(lb)).toEqual(['Google load balancers', '130.211.0.0/22, 35.191.0.0/16']);
    expect(edge(p, lb, nodeId(p, 'Deployment: frontend'), ALLOW)?.label).toBe('TCP 3000');
    expect(edge(p, lb, nodeId(p, 'Deployment: api'), ALLOW)?.label).toBe('TCP 9000');
    expect(p.nodes.has('ext_namespace_nginx_ingress')).toBe(false);
  });

  test('with a Gateway: Gateway → HTTPRoute → Services, and the Gateway lives in its own namespace', () => {
    const chart = new CheeseApp(Testing.app(), 'cheese', { gateway: { name: 'external', namespace: 'infra' }, host: 'a.example.com' });
    const p = parse(renderDiagram(chart.toJson() as KubeObject[], 'gateway'));
    const route = nodeId(p, 'HTTPRoute: cheese-app-route');
    expect(p.nodes.get(route)).toEqual(['HTTPRoute: cheese-app-route', 'host a.example.com']);
    const gw = nodeId(p, 'Gateway: external');
    expect(p.nodes.get(gw)).toEqual(['Gateway: external', 'not in this output: must exist']);
    expect(edge(p, gw, route, ROUTE)).toBeDefined();
    expect(edge(p, route, nodeId(p, 'Service: frontend'), ROUTE)?.label).toBe('/ → 3000');
    expect(edge(p, route, nodeId(p, 'Service: api'), ROUTE)?.label).toBe('/api-service → 9000');
    expect([...p.subgraphs.values()].map(l => l[0])).toEqual(['namespace cheese-app-namespace', 'namespace infra']);
    expect(() => nodeId(p, 'Ingress: cheese-app-ingress')).toThrow();
  });

  test('a GKE-mode CheeseApp also draws them', () => {
    const chart = new CheeseApp(Testing.app(), 'cheese', { ingressController: IngressController.gce({ staticIpName: 'ip' }), host: 'a.example.com' });
    const p = parse(renderDiagram(chart.toJson() as KubeObject[], 'gke'));
    expect(nodeId(p, 'ManagedCertificate: cheese-app-ingress-cert')).toBeDefined();
  });
});

// ---- generic manifests: other volume sources, selectors, missing objects, escaping ----

const ns = 'shop';
const deployment = (name: string, labels: Record<string, string>, pod: any = {}): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: ns },
  spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'c', image: 'x:1' }], ...pod } } },
});
const policy = (name: string, spec: any, namespace = ns): KubeObject => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec });

describe('renderDiagram of hand-written manifests', () => {
  test('secrets from env, envFrom, projected volumes and image pulls; missing objects are marked', () => {
    const objects: KubeObject[] = [
      deployment('web', { app: 'web' }, {
        imagePullSecrets: [{ name: 'registry' }],
        containers: [{
          name: 'c',
          env: [{ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }, { name: 'MODE', valueFrom: { configMapKeyRef: { name: 'settings', key: 'mode' } } }],
          envFrom: [{ secretRef: { name: 'api-keys' } }],
          volumeMounts: [{ name: 'bundle', mountPath: '/etc/bundle' }],
        }],
        volumes: [{ name: 'bundle', projected: { sources: [{ secret: { name: 'db' } }, { configMap: { name: 'settings' } }] } }],
      }),
      { apiVersion: 'external-secrets.io/v1beta1', kind: 'ExternalSecret', metadata: { name: 'db', namespace: ns }, spec: { target: { name: 'db' } } },
    ];
    const p = parse(renderDiagram(objects, 'secrets'));
    const web = nodeId(p, 'Deployment: web');
    expect(p.nodes.get(nodeId(p, 'Secret: db'))).toEqual(['Secret: db', 'from ExternalSecret db']);
    expect(edge(p, web, nodeId(p, 'Secret: db'), USE)?.label).toBe('env DB_PASSWORD, mount /etc/bundle');
    expect(edge(p, web, nodeId(p, 'Secret: api-keys'), USE)?.label).toBe('envFrom');
    expect(edge(p, web, nodeId(p, 'Secret: registry'), USE)?.label).toBe('image pull');
    expect(edge(p, web, nodeId(p, 'ConfigMap: settings'), USE)?.label).toBe('env MODE, mount /etc/bundle');
    expect(p.nodes.get(nodeId(p, 'Secret: api-keys'))).toEqual(['Secret: api-keys', 'not in this output: must exist']);
    expect(p.nodes.get(nodeId(p, 'ConfigMap: settings'))).toEqual(['ConfigMap: settings', 'not in this output: must exist']);
  });

  test('StatefulSet volumeClaimTemplates become claim nodes; a Service without matching pods routes nowhere', () => {
    const labels = { app: 'db' };
    const objects: KubeObject[] = [
      {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: 'db', namespace: ns },
        spec: {
          replicas: 3,
          selector: { matchLabels: labels },
          template: { metadata: { labels }, spec: { containers: [{ name: 'c', volumeMounts: [{ name: 'data', mountPath: '/var/lib/db' }] }] } },
          volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { resources: { requests: { storage: '20Gi' } } } }],
        },
      },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'orphan', namespace: ns }, spec: { selector: { app: 'nobody' }, ports: [{ port: 80 }] } },
    ];
    const p = parse(renderDiagram(objects, 'sts'));
    const claim = nodeId(p, 'PVC template: data');
    expect(p.nodes.get(claim)).toEqual(['PVC template: data', 'one claim per pod: data-db-N', '20Gi']);
    expect(edge(p, nodeId(p, 'StatefulSet: db'), claim, USE)?.label).toBe('mount /var/lib/db');
    expect(p.nodes.get(nodeId(p, 'StatefulSet: db'))).toContain('3 replicas');
    expect(p.edges.filter(e => e.from === nodeId(p, 'Service: orphan'))).toEqual([]);
  });

  test('selectors: matchExpressions, other namespaces in and out of the output, ipBlocks, rules without peers or ports', () => {
    const objects: KubeObject[] = [
      deployment('api', { app: 'api', tier: 'backend' }),
      deployment('worker', { app: 'worker', tier: 'backend' }),
      { ...deployment('metrics', { app: 'metrics' }), metadata: { name: 'metrics', namespace: 'monitoring' } },
      policy('backend', {
        podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['backend'] }] },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [
          { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } }, podSelector: { matchLabels: { app: 'metrics' } } }], ports: [{ port: 9090 }] },
          { from: [{ namespaceSelector: { matchLabels: { team: 'ops' } } }, { ipBlock: { cidr: '10.1.0.0/16' } }], ports: [{ port: 8000, endPort: 8010 }] },
        ],
        egress: [{ ports: [{ protocol: 'UDP', port: 53 }] }, { to: [{ podSelector: { matchLabels: { app: 'ghost' } } }] }],
      }),
    ];
    const p = parse(renderDiagram(objects, 'selectors'));
    const api = nodeId(p, 'Deployment: api');
    const worker = nodeId(p, 'Deployment: worker');
    // a named namespace that is in the output resolves to its workloads
    expect(edge(p, nodeId(p, 'Deployment: metrics'), api, ALLOW)?.label).toBe('TCP 9090');
    expect(edge(p, nodeId(p, 'Deployment: metrics'), worker, ALLOW)?.label).toBe('TCP 9090');
    expect(edge(p, nodeId(p, 'namespaces team=ops'), api, ALLOW)?.label).toBe('TCP 8000-8010');
    expect(edge(p, nodeId(p, '10.1.0.0/16'), worker, ALLOW)?.label).toBe('TCP 8000-8010');
    expect(edge(p, api, nodeId(p, 'anywhere'), ALLOW)?.label).toBe('UDP 53');
    expect(p.nodes.get(nodeId(p, 'pods'))).toEqual(['pods', 'app=ghost', 'none in this output']);
    expect(edge(p, worker, nodeId(p, 'pods'), ALLOW)?.label).toBe('all ports');
    expect([...p.subgraphs.values()].map(l => l[0])).toEqual(['namespace monitoring', 'namespace shop']);
  });

  test('a pod-to-pod allow that the other side does not admit is marked blocked', () => {
    const objects: KubeObject[] = [
      deployment('a', { app: 'a' }),
      deployment('b', { app: 'b' }),
      policy('a-out', { podSelector: { matchLabels: { app: 'a' } }, policyTypes: ['Egress'], egress: [{ to: [{ podSelector: { matchLabels: { app: 'b' } } }], ports: [{ port: 80 }] }] }),
      policy('b-in', { podSelector: { matchLabels: { app: 'b' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: { matchLabels: { app: 'c' } } }], ports: [{ port: 80 }] }] }),
    ];
    const markdown = renderDiagram(objects, 'blocked');
    const p = parse(markdown);
    expect(edge(p, nodeId(p, 'Deployment: a'), nodeId(p, 'Deployment: b'), ALLOW)?.label).toBe('TCP 80 (blocked: ingress of b not allowed)');
    expect(markdown).toContain('| Deployment a | Deployment b | TCP 80 (blocked: ingress of b not allowed) | a-out |');
  });

  test('no NetworkPolicy: says so instead of an empty table', () => {
    const markdown = renderDiagram([deployment('a', { app: 'a' })], 'open');
    expect(markdown).toContain('No NetworkPolicy in this output');
    expect(parse(markdown).edges).toEqual([]);
  });

  test('labels are escaped: quotes, #, |, <, > and backticks never break the chart', () => {
    const objects: KubeObject[] = [
      deployment('web', { app: 'web' }, { containers: [{ name: 'c', env: [{ name: 'A"B<C>', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }] }] }),
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: { name: 'i', namespace: ns },
        spec: { rules: [{ host: 'x.example.com', http: { paths: [{ path: '/a#b|"c"`d`', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] },
      },
    ];
    const markdown = renderDiagram(objects, 'we|rd `title` <b>');
    const p = parse(markdown);
    expect(markdown.split('\n')[0]).toBe('# Architecture: we\\|rd \\`title\\` \\<b\\>');
    expect(edge(p, nodeId(p, 'Ingress: i'), nodeId(p, 'Service: web'), ROUTE)?.label).toBe('/a#b|"c"`d` → 80');
    expect(markdown).toContain('|"/a#35;b#124;#34;c#34;#96;d#96; → 80"|');
    expect(edge(p, nodeId(p, 'Deployment: web'), nodeId(p, 'Secret: s'), USE)?.label).toBe('env A"B<C>');
  });

  test('node ids are unique and Mermaid-safe even when names collide after sanitizing', () => {
    const objects: KubeObject[] = [
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a.b', namespace: ns }, data: { k: 'v' } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a-b', namespace: ns }, data: {} },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a-b', namespace: 'other' }, data: {} },
    ];
    const p = parse(renderDiagram(objects, 'ids'));
    expect([...p.nodes.keys()].sort()).toEqual(['cm_a_b', 'cm_a_b_2', 'cm_a_b_3']);
    expect([...p.nodes.values()].map(l => l[1]).sort()).toEqual(['0 keys', '0 keys', '1 key']);
  });
});
