import { Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { IntOrString, KubeNetworkPolicy } from '../imports/k8s';
import { instanceOf, partOfOf } from './core/context';
import { workloadLabels } from './core/labels';
import { Connections, ExternalSource, INetworkPeer } from './core/network';
import { compare } from './core/order';

/** Private ranges excluded from "internet" egress, so internet access never opens the cluster network. */
export const PRIVATE_RANGES: readonly string[] = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];
/** GKE metadata server addresses used by Workload Identity (169.254.169.254:80 with Dataplane V2, 169.254.169.252:988 without). */
export const GKE_METADATA_SERVER = '169.254.169.252/30';

/** Props of {@link AppNetwork}. */
export interface AppNetworkProps {
  /**
   * Also emit a namespace-wide default deny of all ingress and egress.
   * @default true
   */
  readonly defaultDeny?: boolean;
}

/**
 * NetworkPolicies derived from the chart's wiring (see {@link Connections}): a default
 * deny for the namespace, DNS egress for every pod, and one policy per workload that
 * admits exactly the peers that reference it and lets it reach exactly what it references.
 *
 * Create it after the workloads: each workload registered by then gets its own policy, and
 * its rules are rendered at synth time, so connections added later still count.
 */
export class AppNetwork extends Construct {
  /** The namespace-wide default deny; undefined with `defaultDeny: false`. */
  public readonly defaultDeny?: KubeNetworkPolicy;
  /** DNS egress (port 53, UDP and TCP) for every pod of the namespace. */
  public readonly dnsEgress: KubeNetworkPolicy;
  /** Workload name → its policy. */
  public readonly policies: Record<string, KubeNetworkPolicy> = {};

  constructor(scope: Construct, id: string, props: AppNetworkProps = {}) {
    super(scope, id);
    const connections = Connections.of(this);
    const labels = (name: string) => workloadLabels({ name, instance: instanceOf(this), component: 'network-policy', partOf: partOfOf(this) });
    if (props.defaultDeny ?? true) {
      this.defaultDeny = new KubeNetworkPolicy(this, 'DefaultDeny', {
        metadata: { name: 'default-deny-all', labels: labels('default-deny-all') },
        spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
      });
    }
    // Any destination on port 53: covers kube-dns, NodeLocal DNSCache and Cloud DNS for GKE alike.
    this.dnsEgress = new KubeNetworkPolicy(this, 'DnsEgress', {
      metadata: { name: 'allow-dns-egress', labels: labels('allow-dns-egress') },
      spec: {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ ports: [{ protocol: 'UDP', port: IntOrString.fromNumber(53) }, { protocol: 'TCP', port: IntOrString.fromNumber(53) }] }],
      },
    });
    for (const peer of [...connections.peers].sort((a, b) => compare(a.workloadName, b.workloadName))) {
      this.policies[peer.workloadName] = new KubeNetworkPolicy(this, `${peer.workloadName}-policy`, {
        metadata: { name: `${peer.workloadName}-network`, labels: labels(`${peer.workloadName}-network`) },
        spec: {
          podSelector: { matchLabels: { ...peer.selector } },
          policyTypes: ['Ingress', 'Egress'],
          ingress: Lazy.any({ produce: () => ingressRules(connections, peer) }),
          egress: Lazy.any({ produce: () => egressRules(connections, peer) }),
        },
      });
    }
  }
}

const tcp = (port: number) => ({ protocol: 'TCP', port: IntOrString.fromNumber(port) });

function ingressRules(connections: Connections, peer: INetworkPeer): any[] {
  const rules: any[] = [];
  for (const c of connections.connections.filter(x => x.to === peer)) {
    rules.push({ from: [{ podSelector: { matchLabels: { ...c.from.selector } } }], ports: [tcp(c.port)] });
  }
  for (const e of connections.external.filter(x => x.to === peer)) {
    rules.push({ from: externalPeers(e.source), ports: [tcp(e.port)] });
  }
  return dedupe(rules);
}

function egressRules(connections: Connections, peer: INetworkPeer): any[] {
  const rules: any[] = [];
  for (const c of connections.connections.filter(x => x.from === peer)) {
    rules.push({ to: [{ podSelector: { matchLabels: { ...c.to.selector } } }], ports: [tcp(c.port)] });
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
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': source.namespace } },
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
