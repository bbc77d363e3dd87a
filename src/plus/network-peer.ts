import { ApiObject, Chart } from 'cdk8s';
import type * as kplus from 'cdk8s-plus-27';
import { IConstruct } from 'constructs';
import { facade } from './_facade';
import { INetworkPeer } from '../core/network';
import { NetworkPeerOptions, rememberPeer, workloadPeer } from '../core/network-peer';
import { compare } from '../core/order';
import { checkPort, invalid } from '../core/validate';
import { IWebBackend } from '../web-service';

/** The label cdk8s-plus-27 puts on every pod it renders, unique per workload (`kplus.Pod.ADDRESS_LABEL`). */
export const PLUS_ADDRESS_LABEL = 'cdk8s.io/metadata.addr';

/** A cdk8s-plus-27 workload or bare Pod: anything with pod metadata. */
export type PlusPodOwner = kplus.Workload | kplus.Pod;

/**
 * One peer per set of pods and chart. `Connections` and `AppNetwork` key peers by identity and
 * name their policies by `workloadName`, so a workload and the Service in front of it (same
 * selector) must be one object: a second one would get a second policy of the same name.
 */
const PEERS = new WeakMap<Chart, Map<string, INetworkPeer & Partial<IWebBackend>>>();

function peerFor(scope: IConstruct, name: string, selector: Record<string, string>): INetworkPeer & Partial<IWebBackend> {
  const chart = Chart.of(scope);
  const byPods = PEERS.get(chart) ?? new Map<string, INetworkPeer & Partial<IWebBackend>>();
  PEERS.set(chart, byPods);
  const key = JSON.stringify(Object.entries(selector).sort(([a], [b]) => compare(a, b)));
  let peer = byPods.get(key);
  if (!peer) {
    peer = facade(scope, { workloadName: name, selector: { ...selector } });
    byPods.set(key, peer);
  }
  return peer;
}

/** {@link INetworkPeer} for workloads that are not library constructs: raw ApiObjects and cdk8s-plus-27 workloads. */
export class NetworkPeer {
  /**
   * The peer of a workload object (a raw `ApiObject`/`KubeDeployment`, or the `apiObject` of a
   * cdk8s-plus workload). Its selector is read at synth from the rendered object: the
   * controller's `spec.selector` (stable across rollouts), else the pod template's labels.
   * The same object always gives the same peer. Register it with
   * `Connections.of(obj).addPeer(peer)` and record its flows with `connect()`.
   *
   * @example
   * const raw = new KubeDeployment(chart, 'Worker', { ... });
   * const worker = NetworkPeer.fromWorkload(raw);
   * Connections.of(chart).connect(worker, cheese.vectorDb, cheese.vectorDb.containerPort);
   */
  public static fromWorkload(workload: ApiObject, options: NetworkPeerOptions = {}): INetworkPeer {
    return workloadPeer(workload, options);
  }

  /**
   * A cdk8s-plus-27 workload (Deployment, StatefulSet, Job, CronJob, DaemonSet) or Pod, for
   * `Connections.of(chart).connect()` / `addPeer()`: its NetworkPolicy selects its pods by the
   * labels cdk8s-plus selects them with (the `cdk8s.io/metadata.addr` address label) and is named
   * `<name>-network` after the object, or after the Service when `WebBackend.fromPlus` saw the
   * same pods first. The same pods always give the same peer (the Service's backend included).
   *
   * @throws Error when the workload selects no pods by label (`select: false` without `select()`)
   */
  public static fromPlus(workload: PlusPodOwner): INetworkPeer {
    const selector = 'matchLabels' in workload
      ? workload.matchLabels
      : { [PLUS_ADDRESS_LABEL]: (workload as kplus.Pod).podMetadata.getLabel(PLUS_ADDRESS_LABEL) ?? '' };
    if (Object.keys(selector).length === 0 || Object.values(selector).some(v => !v)) {
      invalid(workload.node.path, 'workload', workload.name,
        'give the workload a label selector (the default select: true, or select()); a NetworkPolicy must select exactly its pods');
    }
    const peer = peerFor(workload, workload.name, selector);
    // one peer per workload whichever way it is asked for: fromWorkload(ApiObject.of(workload)) returns this one
    if (rememberPeer(ApiObject.of(workload), peer) !== peer) {
      invalid(workload.node.path, 'workload', workload.name, 'it is already a peer through NetworkPeer.fromWorkload; use that peer (one peer per workload)');
    }
    return peer;
  }

  private constructor() {}
}

/** {@link IWebBackend} from other libraries' Services. */
export class WebBackend {
  /**
   * A cdk8s-plus-27 Service as a `CheeseIngress` / `CheeseHttpRoute` backend. The ingress
   * controller is admitted to the pods the Service selects (its spec.selector); they are the same
   * network peer as `NetworkPeer.fromPlus` of the workload behind it, so they get one policy.
   *
   * @param service a Service with a pod selector (e.g. `deployment.exposeViaService()`)
   * @param port the Service port to route to
   * @default - the Service's only port
   * @throws Error when the Service selects no pods, has several ports and none is given, lacks `port`,
   *   or its pods already back another Service or port (one backend per set of pods)
   */
  public static fromPlus(service: kplus.Service, port?: number): IWebBackend {
    const owner = service.node.path;
    const ports = service.ports;
    if (port !== undefined) checkPort(owner, 'port', port);
    if (port === undefined && ports.length !== 1) {
      invalid(owner, 'port', port, `the Service has ${ports.length} ports (${ports.map(p => p.port).join(', ') || 'none'}); name the one to route to`);
    }
    const chosen = port === undefined ? ports[0] : ports.find(p => p.port === port);
    if (!chosen) invalid(owner, 'port', port, `use one of the Service's ports: ${ports.map(p => p.port).join(', ') || 'none'}`);
    const selector: Record<string, string> = ApiObject.of(service).toJson().spec?.selector ?? {};
    if (Object.keys(selector).length === 0) {
      invalid(owner, 'service', service.name, 'give the Service a pod selector (selector: <workload>, or select()); a NetworkPolicy must select its pods');
    }
    const peer = peerFor(service, service.name, selector);
    const fields = { serviceName: service.name, servicePort: chosen.port, containerPort: chosen.targetPort ?? chosen.port };
    if (peer.serviceName === undefined) {
      Object.assign(peer, fields);
    } else if (peer.serviceName !== fields.serviceName || peer.servicePort !== fields.servicePort) {
      invalid(owner, 'port', chosen.port, `its pods already back ${peer.serviceName}:${peer.servicePort}; use that backend (one per set of pods)`);
    }
    return peer as IWebBackend;
  }

  private constructor() {}
}
