import { ApiObject } from 'cdk8s';
import { Node } from 'constructs';
import { POD_BEARING_KINDS } from './manifest';
import { INetworkPeer } from './network';
import { invalid } from './validate';

/** Kinds whose objects run pods, and so can be network peers. */
export const WORKLOAD_KINDS: readonly string[] = POD_BEARING_KINDS.filter(kind => kind !== 'PodTemplate');

/** Options of `NetworkPeer.fromWorkload`. */
export interface NetworkPeerOptions {
  /**
   * Name of the peer, and of its NetworkPolicy `<workloadName>-network`.
   * @default - the object's `metadata.name`
   */
  readonly workloadName?: string;
}

/**
 * The peer of a workload object (a raw `ApiObject`/`KubeDeployment`, or the `apiObject` of a
 * cdk8s-plus workload); the public entry is `NetworkPeer.fromWorkload`. The same object always
 * gives the same peer.
 */
export function workloadPeer(workload: ApiObject, options: NetworkPeerOptions = {}): INetworkPeer {
  if (!ApiObject.isApiObject(workload) || !WORKLOAD_KINDS.includes(workload.kind)) {
    const what = ApiObject.isApiObject(workload) ? `${workload.kind}/${workload.name}` : String(workload);
    invalid('NetworkPeer.fromWorkload', 'workload', what, `pass an ApiObject of a kind that runs pods: ${WORKLOAD_KINDS.join(', ')}`);
  }
  // one peer per object: a second name for the same pods would give them two NetworkPolicies
  const name = options.workloadName ?? workload.name;
  const cached = PEERS.get(workload);
  if (cached) {
    if (cached.workloadName !== name) {
      invalid('NetworkPeer.fromWorkload', 'workloadName', name, `${workload.node.path} is already the peer "${cached.workloadName}"; use that name (one peer per workload)`);
    }
    return cached;
  }
  const peer = new WorkloadPeer(workload, name);
  PEERS.set(workload, peer);
  return peer;
}

const PEERS = new WeakMap<ApiObject, INetworkPeer>();

/**
 * Records `peer` as the peer of `workload`, so `NetworkPeer.fromWorkload` of the same object returns it
 * (an adapter such as `NetworkPeer.fromPlus` builds its own peer for the object); returns the peer
 * already recorded, if any.
 * @internal
 */
export function rememberPeer(workload: ApiObject, peer: INetworkPeer): INetworkPeer {
  const known = PEERS.get(workload);
  if (known) return known;
  PEERS.set(workload, peer);
  return peer;
}

class WorkloadPeer implements INetworkPeer {
  public readonly node: Node;

  constructor(private readonly workload: ApiObject, public readonly workloadName: string) {
    this.node = workload.node;
  }

  public get namespace(): string | undefined {
    return this.workload.metadata.namespace;
  }

  public get selector(): Record<string, string> {
    return workloadSelector(this.workload.toJson());
  }
}

/** The labels that select a workload's pods: its `spec.selector` for controllers, else its pod labels. */
export function workloadSelector(json: any): Record<string, string> {
  const spec = json?.spec ?? {};
  switch (json?.kind) {
    case 'Pod': return { ...json.metadata?.labels };
    case 'ReplicationController': return { ...(spec.selector ?? spec.template?.metadata?.labels) };
    case 'CronJob': return { ...spec.jobTemplate?.spec?.template?.metadata?.labels };
    case 'Job': return { ...spec.template?.metadata?.labels };
    default: {
      const match = spec.selector?.matchLabels;
      return { ...(match && Object.keys(match).length ? match : spec.template?.metadata?.labels) };
    }
  }
}
