// Architecture diagram of synthesized manifests: a pure function from objects to Markdown
// with one Mermaid flowchart (GitHub renders it). It reads only the output (plain JSON), so it
// draws what `kubectl apply` gets, for any chart, not what the constructs meant to build.
import { containersOf, KubeObject, podLabelsOf, podSpecOf } from '../core/manifest';
import { compare } from '../core/order';

/** Kinds drawn as workloads (their pods are what Services and NetworkPolicies select). */
const WORKLOAD_KINDS: readonly string[] = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Pod'];
const WORKLOAD_PREFIX: Readonly<Record<string, string>> = {
  Deployment: 'deploy', StatefulSet: 'sts', DaemonSet: 'ds', ReplicaSet: 'rs', Job: 'job', CronJob: 'cronjob', Pod: 'pod',
};
/** Label of the namespace that `kubernetes.io/metadata.name` selectors name. */
const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';
/** Well-known CIDRs, so the diagram says what they are. */
const KNOWN_CIDRS: Readonly<Record<string, string>> = {
  '0.0.0.0/0': 'internet',
  '169.254.169.252/30': 'GKE metadata server',
  '169.254.169.254/32': 'metadata server',
  '130.211.0.0/22': 'Google load balancers',
  '35.191.0.0/16': 'Google load balancers',
};
const GKE_MANAGED_CERTIFICATES = 'networking.gke.io/managed-certificates';
const GKE_FRONTEND_CONFIG = 'networking.gke.io/v1beta1.FrontendConfig';
const GKE_BACKEND_CONFIG = ['cloud.google.com/backend-config', 'beta.cloud.google.com/backend-config'];

type Shape = 'ingress' | 'service' | 'workload' | 'claim' | 'config' | 'secret' | 'account' | 'external';
type EdgeStyle = 'route' | 'use' | 'allow';

interface DiagramNode {
  readonly id: string;
  readonly shape: Shape;
  /** Lines of the label, plain text (escaped when rendered). */
  readonly lines: string[];
  /** Short name for the table of allowed traffic, e.g. `Deployment api`. */
  readonly short: string;
  /** Namespace subgraph; undefined for nodes outside every namespace (external peers). */
  readonly namespace?: string;
}

interface DiagramEdge {
  readonly from: string;
  readonly to: string;
  readonly style: EdgeStyle;
  readonly labels: Set<string>;
}

/** A NetworkPolicy allow, before rendering: endpoints are node ids (or namespace subgraph ids). */
interface Allow {
  readonly from: string;
  readonly to: string;
  readonly ports: string[];
  readonly policy: string;
  /** Set when the other side of a pod-to-pod allow is isolated and does not admit it. */
  readonly blocked?: string;
}

/** Workload facts the policy evaluation needs. */
interface Workload {
  readonly obj: KubeObject;
  readonly id: string;
  readonly namespace: string;
  readonly labels: Record<string, string>;
}

/**
 * Renders the architecture of synthesized objects as Markdown with one Mermaid flowchart:
 * Ingress (or Gateway → HTTPRoute) → Service (by backend name) → workload (Service selector ⊆ pod template labels)
 * → PersistentVolumeClaim / ConfigMap / Secret / ServiceAccount (from volumes, envFrom, env
 * `valueFrom`, `serviceAccountName`, `volumeClaimTemplates`), and the traffic NetworkPolicies
 * allow as dashed edges labelled with ports. Pod selectors resolve to workloads of the same
 * output; namespace selectors and ipBlocks become external nodes ("namespace nginx-ingress",
 * "internet"). Below the chart: the allowed flows as a table and an inventory of every object.
 *
 * Pure and deterministic: the same objects in any order give the same text.
 * @param objects the synthesized objects (e.g. `chart.toJson()`)
 * @param title what the diagram shows, e.g. the environment name
 * @returns Markdown text ending with a newline
 */
export function renderDiagram(objects: readonly KubeObject[], title: string): string {
  const sorted = [...objects].sort(compareObjects);
  const graph = new Graph();
  const nsOf = (o: KubeObject) => o.metadata.namespace ?? '';

  // --- nodes of the objects themselves ---
  const hpas = sorted.filter(o => o.kind === 'HorizontalPodAutoscaler');
  const pdbs = sorted.filter(o => o.kind === 'PodDisruptionBudget');
  const workloads: Workload[] = [];
  for (const o of sorted.filter(x => WORKLOAD_KINDS.includes(x.kind))) {
    const ns = nsOf(o);
    const id = graph.node(`${o.kind}/${ns}/${o.metadata.name}`, WORKLOAD_PREFIX[o.kind], o.metadata.name, 'workload', workloadLines(o, hpas, pdbs), ns);
    workloads.push({ obj: o, id, namespace: ns, labels: podLabelsOf(o) ?? {} });
  }
  for (const o of sorted.filter(x => x.kind === 'Service')) {
    graph.node(`Service/${nsOf(o)}/${o.metadata.name}`, 'svc', o.metadata.name, 'service', serviceLines(o), nsOf(o));
  }
  for (const o of sorted.filter(x => x.kind === 'Ingress')) {
    graph.node(`Ingress/${nsOf(o)}/${o.metadata.name}`, 'ing', o.metadata.name, 'ingress', ingressLines(o), nsOf(o));
  }
  for (const o of sorted.filter(x => x.kind === 'Gateway')) {
    graph.node(`Gateway/${nsOf(o)}/${o.metadata.name}`, 'gw', o.metadata.name, 'ingress', [`Gateway: ${o.metadata.name}`, ...(o.spec?.gatewayClassName ? [`class ${o.spec.gatewayClassName}`] : [])], nsOf(o));
  }
  for (const o of sorted.filter(x => x.kind === 'HTTPRoute')) {
    const hosts: string[] = o.spec?.hostnames ?? [];
    graph.node(`HTTPRoute/${nsOf(o)}/${o.metadata.name}`, 'route', o.metadata.name, 'ingress', [`HTTPRoute: ${o.metadata.name}`, ...(hosts.length ? [`host ${hosts.join(', ')}`] : [])], nsOf(o));
  }
  for (const o of sorted.filter(x => x.kind === 'PersistentVolumeClaim')) {
    graph.node(`PersistentVolumeClaim/${nsOf(o)}/${o.metadata.name}`, 'pvc', o.metadata.name, 'claim', claimLines(o), nsOf(o));
  }
  for (const o of sorted.filter(x => x.kind === 'ConfigMap')) {
    graph.node(`ConfigMap/${nsOf(o)}/${o.metadata.name}`, 'cm', o.metadata.name, 'config', [`ConfigMap: ${o.metadata.name}`, plural(Object.keys(o.data ?? {}).length + Object.keys(o.binaryData ?? {}).length, 'key')], nsOf(o));
  }
  // Secrets: emitted directly, or produced in the cluster by an ExternalSecret / SealedSecret
  const secretSources = new Map<string, string>();
  for (const o of sorted) {
    const ns = nsOf(o);
    if (o.kind === 'Secret') secretSources.set(`${ns}/${o.metadata.name}`, `type ${o.type ?? 'Opaque'}`);
    if (o.kind === 'ExternalSecret') secretSources.set(`${ns}/${o.spec?.target?.name ?? o.metadata.name}`, `from ExternalSecret ${o.metadata.name}`);
    if (o.kind === 'SealedSecret') secretSources.set(`${ns}/${o.spec?.template?.metadata?.name ?? o.metadata.name}`, `from SealedSecret ${o.metadata.name}`);
    if (o.kind === 'Certificate' && o.spec?.secretName) secretSources.set(`${ns}/${o.spec.secretName}`, `from Certificate ${o.metadata.name}`);
  }
  for (const key of [...secretSources.keys()].sort()) {
    const [ns, name] = splitKey(key);
    graph.node(`Secret/${key}`, 'secret', name, 'secret', [`Secret: ${name}`, secretSources.get(key)!], ns);
  }
  for (const o of sorted.filter(x => x.kind === 'ServiceAccount')) {
    const gsa = o.metadata.annotations?.['iam.gke.io/gcp-service-account'];
    graph.node(`ServiceAccount/${nsOf(o)}/${o.metadata.name}`, 'sa', o.metadata.name, 'account',
      [`ServiceAccount: ${o.metadata.name}`, ...(gsa ? [`Workload Identity: ${gsa}`] : [])], nsOf(o));
  }
  for (const o of sorted.filter(x => ['BackendConfig', 'FrontendConfig', 'ManagedCertificate', 'Certificate'].includes(x.kind))) {
    graph.node(`${o.kind}/${nsOf(o)}/${o.metadata.name}`, 'cfg', o.metadata.name, 'config', [`${o.kind}: ${o.metadata.name}`], nsOf(o));
  }
  // A referenced object missing from the output (an existing Secret, another chart's Service...)
  const referenced = (kind: string, prefix: string, shape: Shape, ns: string, name: string): string =>
    graph.find(`${kind}/${ns}/${name}`) ?? graph.node(`${kind}/${ns}/${name}`, prefix, name, shape, [`${kind}: ${name}`, 'not in this output: must exist'], ns);

  // --- routing: Ingress (or Gateway → HTTPRoute) → Service → workload ---
  for (const ing of sorted.filter(x => x.kind === 'Ingress')) {
    const ns = nsOf(ing);
    const ingId = graph.find(`Ingress/${ns}/${ing.metadata.name}`)!;
    const route = (backend: any, where: string) => {
      const svc = backend?.service;
      if (!svc?.name) return;
      const port = svc.port?.number ?? svc.port?.name;
      graph.edge(ingId, referenced('Service', 'svc', 'service', ns, svc.name), 'route', port === undefined ? where : `${where} → ${port}`);
    };
    if (ing.spec?.defaultBackend) route(ing.spec.defaultBackend, 'default');
    for (const rule of ing.spec?.rules ?? []) {
      for (const p of rule.http?.paths ?? []) route(p.backend, p.path ?? '/');
    }
    for (const t of ing.spec?.tls ?? []) {
      if (t.secretName) graph.edge(ingId, referenced('Secret', 'secret', 'secret', ns, t.secretName), 'use', 'TLS');
    }
    const annotations = ing.metadata.annotations ?? {};
    for (const cert of (annotations[GKE_MANAGED_CERTIFICATES] ?? '').split(',').map((s: string) => s.trim()).filter(Boolean)) {
      graph.edge(ingId, referenced('ManagedCertificate', 'cfg', 'config', ns, cert), 'use', 'TLS');
    }
    if (annotations[GKE_FRONTEND_CONFIG]) graph.edge(ingId, referenced('FrontendConfig', 'cfg', 'config', ns, annotations[GKE_FRONTEND_CONFIG]), 'use', 'frontend config');
  }
  for (const route of sorted.filter(x => x.kind === 'HTTPRoute')) {
    const ns = nsOf(route);
    const routeId = graph.find(`HTTPRoute/${ns}/${route.metadata.name}`)!;
    for (const parent of route.spec?.parentRefs ?? []) {
      if ((parent.kind ?? 'Gateway') !== 'Gateway' || !parent.name) continue;
      graph.edge(referenced('Gateway', 'gw', 'ingress', parent.namespace ?? ns, parent.name), routeId, 'route', parent.sectionName ? `listener ${parent.sectionName}` : '');
    }
    for (const rule of route.spec?.rules ?? []) {
      const where = (rule.matches ?? []).map((m: any) => m.path?.value ?? '/').join(', ') || '/';
      const rewrite = (rule.filters ?? []).some((f: any) => f.type === 'URLRewrite') ? ' (rewritten)' : '';
      for (const b of rule.backendRefs ?? []) {
        if ((b.kind ?? 'Service') !== 'Service' || !b.name) continue;
        graph.edge(routeId, referenced('Service', 'svc', 'service', b.namespace ?? ns, b.name), 'route', `${where}${rewrite}${b.port !== undefined ? ` → ${b.port}` : ''}`);
      }
    }
  }
  for (const svc of sorted.filter(x => x.kind === 'Service')) {
    const ns = nsOf(svc);
    const svcId = graph.find(`Service/${ns}/${svc.metadata.name}`)!;
    const selector: Record<string, string> = svc.spec?.selector ?? {};
    if (Object.keys(selector).length > 0) {
      const targets = (svc.spec?.ports ?? []).map((p: any) => String(p.targetPort ?? p.port));
      for (const w of workloads.filter(x => x.namespace === ns && labelsMatch(selector, x.labels))) {
        graph.edge(svcId, w.id, 'route', targets.length ? targets.join(', ') : '');
      }
    }
    for (const key of GKE_BACKEND_CONFIG) {
      for (const name of backendConfigNames(svc.metadata.annotations?.[key])) {
        graph.edge(svcId, referenced('BackendConfig', 'cfg', 'config', ns, name), 'use', 'health check');
      }
    }
  }
  for (const cert of sorted.filter(x => x.kind === 'Certificate' && x.spec?.secretName)) {
    graph.edge(graph.find(`Certificate/${nsOf(cert)}/${cert.metadata.name}`)!, graph.find(`Secret/${nsOf(cert)}/${cert.spec.secretName}`)!, 'use', 'issues');
  }

  // --- what each workload's pods use ---
  for (const w of workloads) {
    const pod = podSpecOf(w.obj) ?? {};
    const ns = w.namespace;
    const containers = containersOf(pod).map(c => c.container);
    const mountsOf = (volume: string): string[] =>
      containers.flatMap(c => (c.volumeMounts ?? []).filter((m: any) => m.name === volume).map((m: any) => m.mountPath));
    const mountLabel = (volume: string) => {
      const paths = [...new Set(mountsOf(volume))].sort();
      return paths.length ? `mount ${paths.join(', ')}` : 'volume (not mounted)';
    };
    const useConfigMap = (name: string, label: string) => graph.edge(w.id, referenced('ConfigMap', 'cm', 'config', ns, name), 'use', label);
    const useSecret = (name: string, label: string) => graph.edge(w.id, referenced('Secret', 'secret', 'secret', ns, name), 'use', label);
    for (const v of pod.volumes ?? []) {
      if (v.persistentVolumeClaim?.claimName) graph.edge(w.id, referenced('PersistentVolumeClaim', 'pvc', 'claim', ns, v.persistentVolumeClaim.claimName), 'use', mountLabel(v.name));
      if (v.configMap?.name) useConfigMap(v.configMap.name, mountLabel(v.name));
      if (v.secret?.secretName) useSecret(v.secret.secretName, mountLabel(v.name));
      for (const s of v.projected?.sources ?? []) {
        if (s.configMap?.name) useConfigMap(s.configMap.name, mountLabel(v.name));
        if (s.secret?.name) useSecret(s.secret.name, mountLabel(v.name));
      }
    }
    for (const c of containers) {
      for (const from of c.envFrom ?? []) {
        if (from.configMapRef?.name) useConfigMap(from.configMapRef.name, 'envFrom');
        if (from.secretRef?.name) useSecret(from.secretRef.name, 'envFrom');
      }
      for (const e of c.env ?? []) {
        if (e.valueFrom?.configMapKeyRef?.name) useConfigMap(e.valueFrom.configMapKeyRef.name, `env ${e.name}`);
        if (e.valueFrom?.secretKeyRef?.name) useSecret(e.valueFrom.secretKeyRef.name, `env ${e.name}`);
      }
    }
    for (const s of pod.imagePullSecrets ?? []) if (s.name) useSecret(s.name, 'image pull');
    if (pod.serviceAccountName) graph.edge(w.id, referenced('ServiceAccount', 'sa', 'account', ns, pod.serviceAccountName), 'use', 'runs as');
    if (w.obj.kind === 'StatefulSet') {
      for (const t of w.obj.spec?.volumeClaimTemplates ?? []) {
        const name = t.metadata?.name;
        if (!name) continue;
        const storage = t.spec?.resources?.requests?.storage;
        const id = graph.node(`PersistentVolumeClaimTemplate/${ns}/${w.obj.metadata.name}/${name}`, 'pvc', `${w.obj.metadata.name}_${name}`, 'claim',
          [`PVC template: ${name}`, `one claim per pod: ${name}-${w.obj.metadata.name}-N`, ...(storage ? [String(storage)] : [])], ns);
        graph.edge(w.id, id, 'use', mountLabel(name));
      }
    }
  }

  // --- NetworkPolicy allows ---
  const policies = sorted.filter(o => o.kind === 'NetworkPolicy');
  const allows = networkAllows(policies, workloads, graph);
  for (const a of allows) graph.edge(a.from, a.to, 'allow', a.blocked ? `${a.ports.join(', ')} (blocked: ${a.blocked})` : a.ports.join(', '));

  return renderMarkdown(title, sorted, graph, allows, policies);
}

// ---------------------------------------------------------------------------------------
// graph bookkeeping

class Graph {
  public readonly nodes = new Map<string, DiagramNode>();
  public readonly edges = new Map<string, DiagramEdge>();
  public readonly namespaces = new Set<string>();
  private readonly keys = new Map<string, string>();
  private readonly used = new Set<string>();

  /** Adds a node once per key; returns its id (Mermaid-safe, unique, stable). */
  public node(key: string, prefix: string, name: string, shape: Shape, lines: string[], namespace?: string, short?: string): string {
    const existing = this.keys.get(key);
    if (existing) return existing;
    const id = this.uniqueId(`${prefix}_${safeId(name)}`);
    this.keys.set(key, id);
    this.nodes.set(id, { id, shape, lines, namespace, short: short ?? (lines[0] ?? name).replace(': ', ' ') });
    if (namespace !== undefined) this.namespaces.add(namespace);
    return id;
  }

  public find(key: string): string | undefined {
    return this.keys.get(key);
  }

  public namespaceId(namespace: string): string {
    this.namespaces.add(namespace);
    return this.node(`Namespace-subgraph/${namespace}`, 'ns', namespace || 'default', 'external', [], undefined);
  }

  public edge(from: string, to: string, style: EdgeStyle, label: string): void {
    const key = `${from} ${to} ${style}`;
    let e = this.edges.get(key);
    if (!e) this.edges.set(key, (e = { from, to, style, labels: new Set() }));
    if (label) e.labels.add(label);
  }

  private uniqueId(base: string): string {
    let id = base;
    for (let i = 2; this.used.has(id); i++) id = `${base}_${i}`;
    this.used.add(id);
    return id;
  }
}

// ---------------------------------------------------------------------------------------
// NetworkPolicy evaluation

function networkAllows(policies: KubeObject[], workloads: Workload[], graph: Graph): Allow[] {
  const result = new Map<string, { from: string; to: string; ports: Set<string>; policies: Set<string>; blocked: Set<string> }>();
  const add = (from: string, to: string, ports: string[], policy: string, blocked?: string) => {
    const key = `${from} ${to}`;
    let a = result.get(key);
    if (!a) result.set(key, (a = { from, to, ports: new Set(), policies: new Set(), blocked: new Set() }));
    ports.forEach(p => a!.ports.add(p));
    a.policies.add(policy);
    if (blocked) a.blocked.add(blocked);
  };
  const selected = (policy: KubeObject) => workloads.filter(w => w.namespace === (policy.metadata.namespace ?? '') && selectorMatches(policy.spec?.podSelector ?? {}, w.labels));
  const types = (policy: KubeObject): string[] => policy.spec?.policyTypes ?? (policy.spec?.egress ? ['Ingress', 'Egress'] : ['Ingress']);

  /** Whether `w`'s side admits traffic with `peer` (another workload) on `port`. */
  const admits = (w: Workload, peer: Workload, port: string, direction: 'ingress' | 'egress'): boolean => {
    const type = direction === 'ingress' ? 'Ingress' : 'Egress';
    const own = policies.filter(p => types(p).includes(type) && selected(p).includes(w));
    if (own.length === 0) return true; // not isolated in this direction
    return own.some(p => (p.spec?.[direction] ?? []).some((rule: any) => {
      const peers: any[] = (direction === 'ingress' ? rule.from : rule.to) ?? [];
      const peerOk = peers.length === 0 || peers.some(x => peerMatchesWorkload(x, p.metadata.namespace ?? '', peer));
      return peerOk && portsOf(rule).some(r => r === 'all ports' || r === port);
    }));
  };

  for (const policy of policies) {
    const ns = policy.metadata.namespace ?? '';
    const name = policy.metadata.name;
    const podSelector = policy.spec?.podSelector ?? {};
    // an empty podSelector means every pod of the namespace, present and future: the namespace itself
    const targets: Array<{ id: string; workload?: Workload }> = isEmptySelector(podSelector)
      ? [{ id: graph.namespaceId(ns) }]
      : selected(policy).map(w => ({ id: w.id, workload: w }));
    for (const [direction, field] of [['ingress', 'from'], ['egress', 'to']] as const) {
      if (!types(policy).includes(direction === 'ingress' ? 'Ingress' : 'Egress')) continue;
      for (const rule of policy.spec?.[direction] ?? []) {
        const ports = portsOf(rule);
        const peers: any[] = rule[field] ?? [];
        const endpoints = peers.length === 0 ? [{ id: externalNode(graph, 'anywhere', ['anywhere']) }] : resolvePeers(peers, ns, workloads, graph);
        for (const target of targets) {
          for (const peer of endpoints) {
            const [from, to] = direction === 'ingress' ? [peer, target] : [target, peer];
            let blocked: string | undefined;
            if (from.workload && to.workload) {
              // pod to pod: the other side must admit it too
              const otherOk = ports.every(port => direction === 'ingress' ? admits(from.workload!, to.workload!, port, 'egress') : admits(to.workload!, from.workload!, port, 'ingress'));
              if (!otherOk) blocked = direction === 'ingress' ? `egress of ${from.workload.obj.metadata.name} not allowed` : `ingress of ${to.workload.obj.metadata.name} not allowed`;
            }
            add(from.id, to.id, ports, name, blocked);
          }
        }
      }
    }
  }
  return [...result.values()]
    .map(a => ({ from: a.from, to: a.to, ports: sortPorts([...a.ports]), policy: [...a.policies].sort().join(', '), blocked: a.blocked.size ? [...a.blocked].sort().join('; ') : undefined }))
    .sort((a, b) => compare(`${a.from} ${a.to}`, `${b.from} ${b.to}`));
}

/** The endpoints of a rule's peers; the well-known CIDRs of one rule that share a name share a node. */
function resolvePeers(peers: any[], policyNamespace: string, workloads: Workload[], graph: Graph): Array<{ id: string; workload?: Workload }> {
  const known = new Map<string, string[]>();
  const others: any[] = [];
  for (const p of peers) {
    const name = p.ipBlock?.cidr && !(p.ipBlock.except ?? []).length ? KNOWN_CIDRS[p.ipBlock.cidr] : undefined;
    if (name) known.set(name, [...(known.get(name) ?? []), p.ipBlock.cidr]);
    else others.push(p);
  }
  return [
    ...[...known.entries()].map(([name, cidrs]) => ({ id: externalNode(graph, `ip ${cidrs.join(' ')}`, [name, cidrs.join(', ')]) })),
    ...others.flatMap(p => resolvePeer(p, policyNamespace, workloads, graph)),
  ];
}

/** The endpoints a NetworkPolicy peer stands for: workloads of the output, a namespace, or an external node. */
function resolvePeer(peer: any, policyNamespace: string, workloads: Workload[], graph: Graph): Array<{ id: string; workload?: Workload }> {
  if (peer.ipBlock?.cidr) {
    const cidr: string = peer.ipBlock.cidr;
    const except: string[] = peer.ipBlock.except ?? [];
    const known = KNOWN_CIDRS[cidr];
    const lines = [known ?? cidr, ...(known ? [cidr] : []), ...(except.length ? [`except ${except.join(', ')}`] : [])];
    return [{ id: externalNode(graph, `ip ${cidr} ${except.join(' ')}`, lines) }];
  }
  const namespaceSelector = peer.namespaceSelector;
  const podSelector = peer.podSelector;
  // `kubernetes.io/metadata.name: <ns>` alone names exactly one namespace
  const namespaceName: string | undefined = namespaceSelector !== undefined && Object.keys(namespaceSelector.matchLabels ?? {}).length === 1
    && !namespaceSelector.matchExpressions?.length ? namespaceSelector.matchLabels[NAMESPACE_NAME_LABEL] : undefined;
  // no namespaceSelector, or one naming the policy's own namespace or another one of this output: resolve to workloads
  const single = namespaceSelector === undefined ? policyNamespace
    : namespaceName !== undefined && (namespaceName === policyNamespace || graph.namespaces.has(namespaceName)) ? namespaceName : undefined;
  if (single !== undefined) {
    if (podSelector === undefined || isEmptySelector(podSelector)) return [{ id: graph.namespaceId(single) }];
    const matched = workloads.filter(w => w.namespace === single && selectorMatches(podSelector, w.labels));
    if (matched.length) return matched.map(w => ({ id: w.id, workload: w }));
    const text = selectorText(podSelector);
    return [{ id: graph.node(`Pods/${single}/${text}`, 'pods', text, 'external', ['pods', text, 'none in this output'], single, `pods ${text} (none in this output)`) }];
  }
  const nsText = isEmptySelector(namespaceSelector) ? 'all namespaces'
    : namespaceName !== undefined ? `namespace ${namespaceName}` : `namespaces ${selectorText(namespaceSelector)}`;
  const podText = podSelector === undefined || isEmptySelector(podSelector) ? 'all pods' : `pods ${selectorText(podSelector)}`;
  return [{ id: externalNode(graph, `${nsText} ${podText}`, [nsText, podText]) }];
}

function externalNode(graph: Graph, key: string, lines: string[]): string {
  return graph.node(`External/${key}`, 'ext', lines[0].toLowerCase(), 'external', lines, undefined, lines.join(' '));
}

/** Whether a peer selects the workload `w` (policy in `policyNamespace`). ipBlocks never match pods here. */
function peerMatchesWorkload(peer: any, policyNamespace: string, w: Workload): boolean {
  if (peer.ipBlock) return false;
  if (peer.namespaceSelector === undefined) {
    return w.namespace === policyNamespace && selectorMatches(peer.podSelector ?? {}, w.labels);
  }
  const nsLabels = { [NAMESPACE_NAME_LABEL]: w.namespace };
  return selectorMatches(peer.namespaceSelector, nsLabels) && selectorMatches(peer.podSelector ?? {}, w.labels);
}

/** `TCP 8000`, `UDP 53`, `TCP 30000-32767`, or `all ports` for a rule without ports. */
function portsOf(rule: any): string[] {
  const ports: any[] = rule.ports ?? [];
  if (ports.length === 0) return ['all ports'];
  return ports.map(p => `${p.protocol ?? 'TCP'} ${p.port ?? 'all'}${p.endPort ? `-${p.endPort}` : ''}`);
}

function sortPorts(ports: string[]): string[] {
  const num = (p: string) => Number(/(\d+)/.exec(p)?.[1] ?? Infinity);
  return [...new Set(ports)].sort((a, b) => num(a) - num(b) || compare(a, b));
}

// ---------------------------------------------------------------------------------------
// labels of the object nodes

function workloadLines(o: KubeObject, hpas: KubeObject[], pdbs: KubeObject[]): string[] {
  const lines = [`${o.kind}: ${o.metadata.name}`];
  const ns = o.metadata.namespace;
  const target = (h: KubeObject) => h.spec?.scaleTargetRef ?? {};
  const hpa = hpas.find(h => h.metadata.namespace === ns && target(h).kind === o.kind && target(h).name === o.metadata.name);
  if (hpa) lines.push(`${hpa.spec.minReplicas ?? 1}–${hpa.spec.maxReplicas} replicas (HPA)`);
  else if (['Deployment', 'StatefulSet', 'ReplicaSet'].includes(o.kind)) lines.push(plural(o.spec?.replicas ?? 1, 'replica'));
  else if (o.kind === 'Job') lines.push(`run to completion, ${plural(o.spec?.backoffLimit ?? 6, 'retry', 'retries')}`);
  else if (o.kind === 'CronJob') lines.push(`schedule ${o.spec?.schedule}`);
  else if (o.kind === 'DaemonSet') lines.push('one pod per node');
  const labels = podLabelsOf(o) ?? {};
  const pdb = pdbs.find(p => p.metadata.namespace === ns && !isEmptySelector(p.spec?.selector ?? {}) && selectorMatches(p.spec.selector, labels));
  if (pdb) lines.push(pdb.spec?.maxUnavailable !== undefined ? `PDB maxUnavailable ${pdb.spec.maxUnavailable}` : `PDB minAvailable ${pdb.spec?.minAvailable}`);
  const ports = containersOf(podSpecOf(o)).filter(c => !c.init).flatMap(c => (c.container.ports ?? []).map((p: any) => p.containerPort));
  if (ports.length) lines.push(`port ${[...new Set(ports)].sort((a, b) => a - b).join(', ')}`);
  return lines;
}

function serviceLines(o: KubeObject): string[] {
  const ports = (o.spec?.ports ?? []).map((p: any) => (p.targetPort !== undefined && String(p.targetPort) !== String(p.port) ? `${p.port} → ${p.targetPort}` : String(p.port)));
  const type = o.spec?.clusterIP === 'None' ? 'headless' : o.spec?.type ?? 'ClusterIP';
  return [`Service: ${o.metadata.name}`, `${type}${ports.length ? ` :${ports.join(', ')}` : ''}`];
}

function ingressLines(o: KubeObject): string[] {
  const hosts = [...new Set((o.spec?.rules ?? []).map((r: any) => r.host ?? '*'))];
  const cls = o.spec?.ingressClassName ?? o.metadata.annotations?.['kubernetes.io/ingress.class'];
  const ip = o.metadata.annotations?.['kubernetes.io/ingress.global-static-ip-name'];
  return [
    `Ingress: ${o.metadata.name}`,
    ...(hosts.length ? [`host ${hosts.join(', ')}`] : []),
    ...(cls ? [`class ${cls}${o.spec?.tls?.length || o.metadata.annotations?.[GKE_MANAGED_CERTIFICATES] ? ', TLS' : ''}`] : []),
    ...(ip ? [`static IP ${ip}`] : []),
  ];
}

function claimLines(o: KubeObject): string[] {
  const modes: string[] = (o.spec?.accessModes ?? []).map((m: string) => ({ ReadWriteOnce: 'RWO', ReadWriteMany: 'RWX', ReadOnlyMany: 'ROX', ReadWriteOncePod: 'RWOP' } as Record<string, string>)[m] ?? m);
  const storage = o.spec?.resources?.requests?.storage;
  return [
    `PVC: ${o.metadata.name}`,
    [storage, modes.join('/'), o.spec?.storageClassName ? `class ${o.spec.storageClassName}` : 'default class'].filter(Boolean).join(' '),
  ];
}

function backendConfigNames(annotation: string | undefined): string[] {
  if (!annotation) return [];
  try {
    const parsed = JSON.parse(annotation);
    return [...new Set([parsed.default, ...Object.values(parsed.ports ?? {})].filter((x): x is string => typeof x === 'string'))].sort();
  } catch {
    return [];
  }
}

// ---------------------------------------------------------------------------------------
// selectors

function isEmptySelector(selector: any): boolean {
  return Object.keys(selector?.matchLabels ?? {}).length === 0 && (selector?.matchExpressions ?? []).length === 0;
}

/** A LabelSelector (matchLabels + matchExpressions) against labels; an empty selector matches everything. */
function selectorMatches(selector: any, labels: Record<string, string>): boolean {
  const byLabels = Object.entries<string>(selector?.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  const byExpressions = (selector?.matchExpressions ?? []).every((e: any) => {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    switch (e.operator) {
      case 'In': return has && (e.values ?? []).includes(labels[e.key]);
      case 'NotIn': return !has || !(e.values ?? []).includes(labels[e.key]);
      case 'Exists': return has;
      case 'DoesNotExist': return !has;
      default: return false;
    }
  });
  return byLabels && byExpressions;
}

/** A Service selector (plain map) against pod labels. */
function labelsMatch(selector: Record<string, string>, labels: Record<string, string>): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

function selectorText(selector: any): string {
  const parts = [
    ...Object.entries<string>(selector?.matchLabels ?? {}).sort(([a], [b]) => compare(a, b)).map(([k, v]) => `${k}=${v}`),
    ...(selector?.matchExpressions ?? []).map((e: any) => `${e.key} ${e.operator}${e.values?.length ? ` (${[...e.values].sort().join(', ')})` : ''}`),
  ];
  return parts.length ? parts.join(', ') : 'all';
}

// ---------------------------------------------------------------------------------------
// rendering

const SHAPES: Readonly<Record<Shape, [string, string]>> = {
  ingress: ['[/"', '"\\]'],
  service: ['{{"', '"}}'],
  workload: ['["', '"]'],
  claim: ['[("', '")]'],
  config: ['[/"', '"/]'],
  secret: ['[\\"', '"\\]'],
  account: ['[["', '"]]'],
  external: ['(["', '"])'],
};
const ARROWS: Readonly<Record<EdgeStyle, string>> = { route: '==>', use: '-->', allow: '-.->' };
const CLASS_STYLES: Readonly<Record<Shape, string>> = {
  ingress: 'fill:#e8f0fe,stroke:#1a73e8',
  service: 'fill:#e6f4ea,stroke:#188038',
  workload: 'fill:#fef7e0,stroke:#b06000',
  claim: 'fill:#f3e8fd,stroke:#8430ce',
  config: 'fill:#f1f3f4,stroke:#5f6368',
  secret: 'fill:#fce8e6,stroke:#c5221f',
  account: 'fill:#e4f7fb,stroke:#007b83',
  external: 'fill:#ffffff,stroke:#5f6368,stroke-dasharray:4 3',
};
/** Order of node groups inside a namespace: roughly the flow of a request. */
const SHAPE_ORDER: readonly Shape[] = ['ingress', 'service', 'workload', 'claim', 'config', 'secret', 'account', 'external'];

function renderMarkdown(title: string, objects: KubeObject[], graph: Graph, allows: Allow[], policies: KubeObject[]): string {
  const lines: string[] = [];
  lines.push(`# Architecture: ${markdownText(title)}`, '');
  lines.push('Generated from the synthesized manifests by `npm run synth`; do not edit. Thick arrows: request routing '
    + '(Ingress → Service → pods). Thin arrows: what the pods use (volumes, env, ServiceAccount). Dashed arrows: '
    + 'traffic a NetworkPolicy allows, with its ports; any other traffic to or from a pod selected by a policy is denied.', '');
  lines.push('```mermaid', 'flowchart LR');
  const nodes = [...graph.nodes.values()].filter(n => !n.id.startsWith('ns_'));
  const byGroup = (list: DiagramNode[]) =>
    [...list].sort((a, b) => SHAPE_ORDER.indexOf(a.shape) - SHAPE_ORDER.indexOf(b.shape) || compare(a.id, b.id));
  for (const ns of [...graph.namespaces].sort(compare)) {
    const nsId = graph.namespaceId(ns);
    lines.push(`  subgraph ${nsId}["${namespaceTitle(ns, objects, policies).map(mermaidText).join('<br/>')}"]`);
    lines.push('    direction LR');
    for (const n of byGroup(nodes.filter(x => x.namespace === ns))) lines.push(`    ${nodeText(n)}`);
    lines.push('  end');
  }
  for (const n of byGroup(nodes.filter(x => x.namespace === undefined))) lines.push(`  ${nodeText(n)}`);
  const edges = [...graph.edges.values()].sort((a, b) =>
    Object.keys(ARROWS).indexOf(a.style) - Object.keys(ARROWS).indexOf(b.style) || compare(a.from, b.from) || compare(a.to, b.to));
  for (const e of edges) {
    const label = [...e.labels].sort(compare).join(', ');
    lines.push(`  ${e.from} ${ARROWS[e.style]}${label ? `|"${mermaidText(label)}"|` : ''} ${e.to}`);
  }
  for (const shape of SHAPE_ORDER) {
    const ids = nodes.filter(n => n.shape === shape).map(n => n.id).sort(compare);
    if (ids.length === 0) continue;
    lines.push(`  classDef ${shape} ${CLASS_STYLES[shape]}`);
    lines.push(`  class ${ids.join(',')} ${shape}`);
  }
  lines.push('```', '');

  lines.push('## Allowed traffic (NetworkPolicies)', '');
  if (policies.length === 0) {
    lines.push('No NetworkPolicy in this output: every pod accepts and opens any connection.', '');
  } else {
    lines.push('| From | To | Ports | Policies |', '| --- | --- | --- | --- |');
    for (const a of allows) {
      const ports = a.blocked ? `${a.ports.join(', ')} (blocked: ${a.blocked})` : a.ports.join(', ');
      lines.push(`| ${cell(describe(graph, a.from))} | ${cell(describe(graph, a.to))} | ${cell(ports)} | ${cell(a.policy)} |`);
    }
    lines.push('');
  }

  lines.push('## Objects', '', '| Kind | Namespace | Names |', '| --- | --- | --- |');
  const groups = new Map<string, string[]>();
  for (const o of objects) {
    const key = `${o.kind}\u0000${o.metadata.namespace ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), o.metadata.name]);
  }
  for (const key of [...groups.keys()].sort(compare)) {
    const [kind, ns] = key.split('\u0000');
    lines.push(`| ${cell(kind)} | ${cell(ns || '-')} | ${cell(groups.get(key)!.sort(compare).join(', '))} |`);
  }
  lines.push('');
  return lines.join('\n');
}

function namespaceTitle(ns: string, objects: KubeObject[], policies: KubeObject[]): string[] {
  const denies = (type: string, field: string) => policies.some(p => (p.metadata.namespace ?? '') === ns && isEmptySelector(p.spec?.podSelector ?? {})
    && (p.spec?.policyTypes ?? ['Ingress']).includes(type) && (p.spec?.[field] ?? []).length === 0);
  const deny = [denies('Ingress', 'ingress') ? 'ingress' : undefined, denies('Egress', 'egress') ? 'egress' : undefined].filter(Boolean);
  const pss = objects.find(o => o.kind === 'Namespace' && o.metadata.name === ns)?.metadata.labels?.['pod-security.kubernetes.io/enforce'];
  return [
    ns ? `namespace ${ns}` : 'namespace (not set)',
    ...(pss ? [`Pod Security: ${pss}`] : []),
    ...(deny.length ? [`default deny: ${deny.join(' + ')}`] : []),
  ];
}

function describe(graph: Graph, id: string): string {
  if (id.startsWith('ns_')) {
    const ns = [...graph.namespaces].find(n => graph.namespaceId(n) === id);
    return `all pods in namespace ${ns || '(not set)'}`;
  }
  return graph.nodes.get(id)?.short ?? id;
}

function nodeText(n: DiagramNode): string {
  const [open, close] = SHAPES[n.shape];
  return `${n.id}${open}${n.lines.map(mermaidText).join('<br/>')}${close}`;
}

/**
 * Escapes text for a quoted Mermaid label: Mermaid entity codes (`#34;`) for the characters
 * that would end the label or be read as HTML or an entity (`"`, `<`, `>`, `&`, `#`, `|`, backtick).
 * Line breaks become `<br/>`.
 */
function mermaidText(text: string): string {
  return text.replace(/[#"<>&|`]/g, ch => `#${ch.charCodeAt(0)};`).replace(/\r?\n/g, '<br/>');
}

/** Escapes Markdown inline markup (table cells, the heading). */
function markdownText(text: string): string {
  return text.replace(/[\\`*[\]<>|]/g, ch => `\\${ch}`).replace(/\r?\n/g, ' ');
}

function cell(text: string): string {
  return markdownText(text);
}

function safeId(name: string): string {
  const id = name.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return id || 'x';
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function splitKey(key: string): [string, string] {
  const i = key.indexOf('/');
  return [key.slice(0, i), key.slice(i + 1)];
}

function compareObjects(a: KubeObject, b: KubeObject): number {
  return compare(a.kind, b.kind) || compare(a.metadata.namespace ?? '', b.metadata.namespace ?? '') || compare(a.metadata.name, b.metadata.name);
}
