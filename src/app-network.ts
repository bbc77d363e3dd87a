import { ApiObject, Chart, Lazy } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { IntOrString, KubeNetworkPolicy } from '../imports/k8s';
import { instanceOf, partOfOf } from './core/context';
import { workloadLabels } from './core/labels';
import { chartOf, Connections, ExternalSource, INetworkPeer, namespaceOf } from './core/network';
import { checkWiring } from './core/network-check';
import { WORKLOAD_KINDS } from './core/network-peer';
import { compare } from './core/order';

/** Private ranges excluded from "internet" egress, so internet access never opens the cluster network. */
export const PRIVATE_RANGES: readonly string[] = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];
/** GKE metadata server addresses used by Workload Identity (169.254.169.254:80 with Dataplane V2, 169.254.169.252:988 without). */
export const GKE_METADATA_SERVER = '169.254.169.252/30';
/** The label the API server sets on every Namespace to its name (Kubernetes 1.22+), used to select a namespace. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** Props of {@link AppNetwork}. */
export interface AppNetworkProps {
  /**
   * Also emit a namespace-wide default deny of all ingress and egress.
   * @default true
   */
  readonly defaultDeny?: boolean;
}

/**
 * NetworkPolicies derived from the App's wiring (see {@link Connections}): a default
 * deny for the namespace, DNS egress for every pod, and one policy per workload it governs
 * that admits exactly the peers that reference it and lets it reach exactly what it
 * references, in its own namespace or another (namespaceSelector + podSelector).
 *
 * The per-workload policies are created at synth from every peer registered by then, so
 * workloads and connections added after the network count too. A network governs the workloads
 * of its chart, and those of other charts in its namespace that have no AppNetwork of their own.
 * With the default deny, synth fails on a governed workload that no registered peer selects
 * (its pods would be isolated).
 */
export class AppNetwork extends Construct {
  /**
   * Creates the per-workload policies of every AppNetwork in `scope`'s App for the peers
   * registered so far (same as `Connections.of(scope).prepare()`). Synth does it before anything
   * reads the tree; call it to read {@link AppNetwork.policies} earlier.
   */
  public static prepare(scope: IConstruct): void {
    Connections.of(scope).prepare();
  }

  /** The namespace-wide default deny; undefined with `defaultDeny: false`. */
  public readonly defaultDeny?: KubeNetworkPolicy;
  /** DNS egress (port 53, UDP and TCP) for every pod of the namespace. */
  public readonly dnsEgress: KubeNetworkPolicy;
  /**
   * Workload name → its policy, sorted by name. Complete once the App is synthesized or
   * {@link AppNetwork.prepare} ran; a peer registered after that adds its policy at the next synth.
   */
  public readonly policies: Record<string, KubeNetworkPolicy> = {};
  private readonly labels: (name: string) => Record<string, string>;

  constructor(scope: Construct, id: string, props: AppNetworkProps = {}) {
    super(scope, id);
    this.labels = (name: string) => workloadLabels({ name, instance: instanceOf(this), component: 'network-policy', partOf: partOfOf(this) });
    if (props.defaultDeny ?? true) {
      this.defaultDeny = new KubeNetworkPolicy(this, 'DefaultDeny', {
        metadata: { name: 'default-deny-all', labels: this.labels('default-deny-all') },
        spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
      });
    }
    // Any destination on port 53: covers kube-dns, NodeLocal DNSCache and Cloud DNS for GKE alike.
    this.dnsEgress = new KubeNetworkPolicy(this, 'DnsEgress', {
      metadata: { name: 'allow-dns-egress', labels: this.labels('allow-dns-egress') },
      spec: {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ ports: [{ protocol: 'UDP', port: IntOrString.fromNumber(53) }, { protocol: 'TCP', port: IntOrString.fromNumber(53) }] }],
      },
    });
    registerNetwork(this);
    this.node.addValidation({
      validate: () => {
        const served = this.servedPeers();
        return checkWiring(this, { served, own: ownOf(served), workloads: this.servedWorkloads(), defaultDeny: this.defaultDeny });
      },
    });
  }

  /**
   * The peers whose pods this network governs: those in its chart's namespace, unless their own
   * chart has an AppNetwork for that namespace (then that one does). In registration order.
   */
  private servedPeers(): INetworkPeer[] {
    return Connections.of(this).peers.filter(p => networkFor(this.node.root, chartOf(p), namespaceOf(p)) === this);
  }

  /** The served peers sorted by name, one per name (duplicates are reported by the validation). */
  private ownPeers(): INetworkPeer[] {
    return ownOf(this.servedPeers());
  }

  /** Workload objects of the App whose pods this network governs (same rule as the peers). */
  private servedWorkloads(): ApiObject[] {
    return this.node.root.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c) && WORKLOAD_KINDS.includes(c.kind)
      && networkFor(this.node.root, Chart.of(c), c.metadata.namespace) === this);
  }

  /** Brings the per-workload policies in line with the registered peers, keeping them sorted by name. @internal */
  public _wire(): void {
    const peers = this.ownPeers();
    const existing = Object.keys(this.policies);
    if (existing.length === peers.length && peers.every((p, i) => existing[i] === p.workloadName)) return;
    // a peer registered after an earlier synth: rebuild so the objects stay in name order
    for (const name of existing) {
      this.node.tryRemoveChild(`${name}-policy`);
      delete this.policies[name];
    }
    const connections = Connections.of(this);
    for (const peer of peers) {
      this.policies[peer.workloadName] = new KubeNetworkPolicy(this, `${peer.workloadName}-policy`, {
        metadata: { name: `${peer.workloadName}-network`, labels: this.labels(`${peer.workloadName}-network`) },
        spec: {
          podSelector: { matchLabels: Lazy.any({ produce: () => ({ ...peer.selector }) }) },
          policyTypes: ['Ingress', 'Egress'],
          ingress: Lazy.any({ produce: () => ingressRules(connections, peer) }),
          egress: Lazy.any({ produce: () => egressRules(connections, peer) }),
        },
      });
    }
  }
}

const NETWORKS = new WeakMap<IConstruct, AppNetwork[]>();

/** Every synth path (`app.synth()`, `synthYaml()`, `chart.toJson()`) validates the App root first: wire there, before any other check. */
function registerNetwork(network: AppNetwork): void {
  const root = network.node.root;
  let networks = NETWORKS.get(root);
  if (!networks) {
    NETWORKS.set(root, (networks = []));
    root.node.addValidation({ validate: () => { AppNetwork.prepare(root); return []; } });
  }
  networks.push(network);
  Connections.of(network)._onPrepare(() => network._wire());
}

/** The AppNetwork governing pods in `namespace` placed by `chart`: the chart's own, else the first created for that namespace. */
function networkFor(root: IConstruct, chart: Chart, namespace: string | undefined): AppNetwork | undefined {
  const candidates = (NETWORKS.get(root) ?? []).filter(n => Chart.of(n).namespace === namespace);
  return candidates.find(n => Chart.of(n) === chart) ?? candidates[0];
}

const tcp = (port: number) => ({ protocol: 'TCP', port: IntOrString.fromNumber(port) });

/** A rule's peer entry for `other` as seen from `self`: its pods, and its namespace when it differs. */
function podPeer(self: INetworkPeer, other: INetworkPeer): any {
  const ns = namespaceOf(other);
  return {
    ...(ns !== namespaceOf(self) && ns !== undefined ? { namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: ns } } } : {}),
    podSelector: { matchLabels: { ...other.selector } },
  };
}

function ingressRules(connections: Connections, peer: INetworkPeer): any[] {
  const rules: any[] = [];
  for (const c of connections.connections.filter(x => x.to === peer)) {
    rules.push({ from: [podPeer(peer, c.from)], ports: [tcp(c.port)] });
  }
  for (const e of connections.external.filter(x => x.to === peer)) {
    rules.push({ from: externalPeers(e.source), ports: [tcp(e.port)] });
  }
  return dedupe(rules);
}

function egressRules(connections: Connections, peer: INetworkPeer): any[] {
  const rules: any[] = [];
  for (const c of connections.connections.filter(x => x.from === peer)) {
    rules.push({ to: [podPeer(peer, c.to)], ports: [tcp(c.port)] });
  }
  const internetPorts = [...new Set(connections.internet.filter(x => x.from === peer).flatMap(x => x.ports))].sort((a, b) => a - b);
  if (internetPorts.length) {
    rules.push({ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: [...PRIVATE_RANGES] } }], ports: internetPorts.map(tcp) });
  }
  if (connections.reachesMetadataServer(peer)) {
    // Workload Identity tokens: 169.254.169.254:80 (Dataplane V2) or 169.254.169.252:988 (without it)
    rules.push({ to: [{ ipBlock: { cidr: GKE_METADATA_SERVER } }], ports: [tcp(80), tcp(988)] });
  }
  return dedupe(rules);
}

function externalPeers(source: ExternalSource): any[] {
  const peers: any[] = [];
  if (source.namespace !== undefined) {
    peers.push({
      namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: source.namespace } },
      ...(source.podLabels ? { podSelector: { matchLabels: { ...source.podLabels } } } : {}),
    });
  }
  for (const cidr of source.cidrs ?? []) peers.push({ ipBlock: { cidr } });
  return peers;
}

function dedupe(rules: any[]): any[] {
  const seen = new Set<string>();
  return rules.filter(r => {
    const key = JSON.stringify(r);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** `served` sorted by name, one per name: the peers that get a policy. */
function ownOf(served: readonly INetworkPeer[]): INetworkPeer[] {
  const peers = [...served].sort((a, b) => compare(a.workloadName, b.workloadName));
  return peers.filter((p, i) => i === 0 || peers[i - 1].workloadName !== p.workloadName);
}
