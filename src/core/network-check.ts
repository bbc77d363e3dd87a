import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { podLabelsOf } from './manifest';
import { chartOf, Connections, INetworkPeer, namespaceOf } from './network';
import { selectorMatches } from './selector';
import { checkLabelValue, invalidMessage } from './validate';

/** What one AppNetwork governs. */
export interface WiringScope {
  /** Every peer it governs, in registration order, duplicates included. */
  readonly served: readonly INetworkPeer[];
  /** The same sorted by name, one per name: the peers that get a policy. */
  readonly own: readonly INetworkPeer[];
  /** The workload objects whose pods it governs. */
  readonly workloads: readonly ApiObject[];
  /** Its default deny, if any. */
  readonly defaultDeny?: IConstruct;
}

/**
 * What an AppNetwork cannot render correctly, as library-format errors (a chart validation
 * returns them, so synth fails with every one listed): two peers of one name, a name too long
 * for its policy's label, a peer that selects no labels (its policy would select every pod),
 * a connection to a peer whose namespace is unknown, and — under a default deny — a workload
 * of the chart that no registered peer selects (its pods would be isolated).
 */
export function checkWiring(network: IConstruct, scope: WiringScope): string[] {
  const owner = network.node.path;
  const connections = Connections.of(network);
  const { served: all, own: ownPeers, defaultDeny } = scope;
  const errors: string[] = [];

  for (const peer of ownPeers) {
    const same = all.filter(p => p.workloadName === peer.workloadName);
    if (same.length > 1) {
      errors.push(invalidMessage(owner, 'peer name', peer.workloadName, `${same.map(p => p.node.path).join(' and ')} register under one name, so one NetworkPolicy `
        + `${peer.workloadName}-network would serve both; give the workloads distinct names`));
    }
    errors.push(...caught(() => checkLabelValue(owner, `peer name ${JSON.stringify(peer.workloadName)}: its policy label`, `${peer.workloadName}-network`)));
    if (Object.keys(peer.selector).length === 0) {
      errors.push(invalidMessage(peer.node.path, 'peer selector', {}, `the NetworkPolicy ${peer.workloadName}-network would select every pod of the namespace; give the workload pod labels`));
    }
  }

  const own = new Set(ownPeers);
  for (const c of connections.connections) {
    for (const [self, other] of [[c.from, c.to], [c.to, c.from]]) {
      if (!own.has(self) || namespaceOf(other) !== undefined || namespaceOf(self) === undefined) continue;
      errors.push(invalidMessage(owner, 'connection', `${c.from.workloadName} → ${c.to.workloadName}:${c.port}`,
        `${other.node.path} is in chart "${chartOf(other).node.path}", which has no namespace, so the policy of ${self.workloadName} `
        + `(namespace "${namespaceOf(self)}") cannot select its pods; give that chart a namespace`));
    }
  }

  if (defaultDeny) errors.push(...unregistered(scope.workloads, ownPeers, defaultDeny));
  return errors;
}

/** Workload objects whose pods no peer selects. */
function unregistered(workloads: readonly ApiObject[], peers: readonly INetworkPeer[], defaultDeny: IConstruct): string[] {
  const owned = new Set<IConstruct>(peers.flatMap(p => p.node.findAll()));
  // read once: a fromWorkload peer's selector renders its object
  const selectors = peers.map(p => ({ matchLabels: p.selector }));
  const errors: string[] = [];
  for (const obj of workloads) {
    if (owned.has(obj)) continue;
    const labels = podLabelsOf(obj.toJson());
    if (selectors.some(selector => selectorMatches(selector, labels, false))) continue;
    errors.push(invalidMessage(obj.node.path, 'network peer', `${obj.kind}/${obj.name}`, `${defaultDeny.node.path} denies all traffic of pods no peer selects, `
      + 'so this workload would be isolated; register it with Connections.of(scope).addPeer(NetworkPeer.fromWorkload(obj)) and record its flows '
      + '(connect, allowInternet, allowExternal), or create the AppNetwork with defaultDeny: false'));
  }
  return errors;
}

function caught(check: () => unknown): string[] {
  try {
    check();
    return [];
  } catch (e) {
    return [(e as Error).message];
  }
}
