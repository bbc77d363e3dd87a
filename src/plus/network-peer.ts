import { ApiObject } from 'cdk8s';
import type * as kplus from 'cdk8s-plus-27';
import { IConstruct } from 'constructs';
import { facade } from './_facade';
import { INetworkPeer } from '../core/network';
import { checkPort, invalid } from '../core/validate';
import { IWebBackend } from '../web-service';

/** The label cdk8s-plus-27 puts on every pod it renders, unique per workload (`kplus.Pod.ADDRESS_LABEL`). */
export const PLUS_ADDRESS_LABEL = 'cdk8s.io/metadata.addr';

/** A cdk8s-plus-27 workload or bare Pod: anything with pod metadata. */
export type PlusPodOwner = kplus.Workload | kplus.Pod;

// one peer per cdk8s-plus object: Connections and AppNetwork key peers by identity and name
const PEERS = new WeakMap<IConstruct, INetworkPeer>();

/** {@link INetworkPeer} from other libraries' workloads. */
export class NetworkPeer {
  /**
   * A cdk8s-plus-27 workload (Deployment, StatefulSet, Job, CronJob, DaemonSet) or Pod, for
   * `Connections.of(chart).connect()` / `addPeer()`: its NetworkPolicy is named after the object
   * (`<name>-network`) and selects its pods by the labels cdk8s-plus selects them with (the
   * `cdk8s.io/metadata.addr` address label). The same object always gives the same peer.
   *
   * @throws Error when the workload selects no pods by label (`select: false` without `select()`)
   */
  public static fromPlus(workload: PlusPodOwner): INetworkPeer {
    const cached = PEERS.get(workload);
    if (cached) return cached;
    const selector = 'matchLabels' in workload
      ? workload.matchLabels
      : { [PLUS_ADDRESS_LABEL]: (workload as kplus.Pod).podMetadata.getLabel(PLUS_ADDRESS_LABEL) ?? '' };
    if (Object.keys(selector).length === 0 || Object.values(selector).some(v => !v)) {
      invalid(workload.node.path, 'workload', workload.name,
        'give the workload a label selector (the default select: true, or select()); a NetworkPolicy must select exactly its pods');
    }
    const peer = facade(workload, { workloadName: workload.name, selector: { ...selector } });
    PEERS.set(workload, peer);
    return peer;
  }

  private constructor() {}
}

/** {@link IWebBackend} from other libraries' Services. */
export class WebBackend {
  /**
   * A cdk8s-plus-27 Service as a `CheeseIngress` / `CheeseHttpRoute` backend. The ingress
   * controller is admitted to the pods the Service selects (its spec.selector), under a
   * NetworkPolicy named after the Service. The same Service and port always give the same backend.
   *
   * @param service a Service with a pod selector (e.g. `deployment.exposeViaService()`)
   * @param port the Service port to route to
   * @default - the Service's only port
   * @throws Error when the Service selects no pods, has several ports and none is given, or lacks `port`
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
    const key = `${chosen.port}`;
    const byPort = BACKENDS.get(service) ?? new Map<string, IWebBackend>();
    BACKENDS.set(service, byPort);
    const existing = byPort.get(key);
    if (existing) return existing;
    const backend = facade(service, {
      workloadName: service.name,
      selector: { ...selector },
      serviceName: service.name,
      servicePort: chosen.port,
      containerPort: chosen.targetPort ?? chosen.port,
    });
    byPort.set(key, backend);
    return backend;
  }

  private constructor() {}
}

const BACKENDS = new WeakMap<IConstruct, Map<string, IWebBackend>>();
