import { Chart } from 'cdk8s';
import { IConstruct, Node } from 'constructs';
import { checkCidr, checkDnsLabel, checkLabels, checkPort, invalid } from './validate';

/**
 * A workload whose pods can be the source or target of a NetworkPolicy rule. Structural: any
 * `{ workloadName, selector, node }` is a peer (see `NetworkPeer.fromWorkload` for an ApiObject).
 */
export interface INetworkPeer {
  /** The tree node of the construct (or ApiObject) that owns the workload; places the peer in its chart. */
  readonly node: Node;
  /** Workload name, used to name its NetworkPolicy (`<workloadName>-network`). */
  readonly workloadName: string;
  /** Labels that select exactly this workload's pods; read at synth. */
  readonly selector: Record<string, string>;
  /**
   * Namespace of the workload's pods.
   * @default - the namespace of the peer's chart
   */
  readonly namespace?: string;
}

/** The namespace of `peer`'s pods: its own, else its chart's; undefined when neither names one. */
export function namespaceOf(peer: INetworkPeer): string | undefined {
  return peer.namespace ?? chartOf(peer).namespace;
}

/** The chart that holds `peer`. */
export function chartOf(peer: INetworkPeer): Chart {
  const chart = [...peer.node.scopes].reverse().find(s => Chart.isChart(s));
  if (!chart) throw new Error(`${peer.node.path}: network peer ${peer.workloadName} is not inside a Chart`);
  return chart as Chart;
}

/**
 * The DNS name pods under `client` use for `target`'s Service: the Service name in the same
 * namespace, `<service>.<namespace>.svc` across namespaces. That form resolves through the pod's
 * DNS search list (`svc.<cluster domain>`) whatever the cluster domain is, and can never be a
 * public name (`svc` is no TLD).
 * @throws when `target`'s namespace is unknown (its chart has none) and differs from the client's
 */
export function serviceHost(owner: string, prop: string, target: INetworkPeer & { readonly serviceName: string }, client: IConstruct): string {
  const to = namespaceOf(target);
  const from = Chart.of(client).namespace;
  if (to === from) return target.serviceName;
  if (to === undefined) {
    invalid(owner, prop, target.node.path, `it is in chart "${chartOf(target).node.path}", which has no namespace, so its Service cannot be named from namespace "${from}"; give that chart a namespace`);
  }
  return `${target.serviceName}.${to}.svc`;
}

/** Where traffic from outside the namespace comes from (the ingress controller or load balancer). */
export interface ExternalSource {
  /** Pods in another namespace (e.g. the NGINX controller), by namespace name and pod labels. */
  readonly namespace?: string;
  /**
   * Labels of the source pods in `namespace`.
   * @default - every pod of the namespace
   */
  readonly podLabels?: Record<string, string>;
  /** CIDR blocks (e.g. Google front ends and health checkers for GKE Ingress). */
  readonly cidrs?: string[];
}

/** One allowed flow, recorded by the construct that creates the dependency. */
export interface Connection {
  /** The workload that opens the connection. */
  readonly from: INetworkPeer;
  /** The workload that accepts it. */
  readonly to: INetworkPeer;
  /** TCP port on the receiving pods. */
  readonly port: number;
}

/** Egress to the internet on given TCP ports. */
export interface InternetAccess {
  /** The workload that opens the connection. */
  readonly from: INetworkPeer;
  /** TCP ports. */
  readonly ports: number[];
}

/** Traffic into a workload from outside the namespace. */
export interface ExternalAccess {
  /** The workload that accepts it. */
  readonly to: INetworkPeer;
  /** TCP port on the receiving pods. */
  readonly port: number;
  /** Where the traffic comes from. */
  readonly source: ExternalSource;
}

/**
 * Throws unless `backend`'s pods run in `scope`'s namespace: an Ingress (and an HTTPRoute without
 * a ReferenceGrant, which the library does not create) routes only to Services of its own namespace.
 */
export function checkSameNamespace(owner: string, prop: string, backend: INetworkPeer, scope: IConstruct, kind: string): void {
  const here = Chart.of(scope).namespace;
  const there = namespaceOf(backend);
  if (there !== here) {
    const grant = kind === 'HTTPRoute' ? ' (the library creates no ReferenceGrant)' : '';
    invalid(owner, prop, backend.node.path, `it runs in namespace ${JSON.stringify(there)}, and the ${kind} routes only to Services of its own namespace `
      + `(${JSON.stringify(here)})${grant}; create the ${kind} in a chart of namespace ${JSON.stringify(there)}`);
  }
}

/**
 * The wiring of one App, recorded as constructs reference each other (an API given a
 * vector DB records api → vector-db). Each chart's `AppNetwork` turns the part that concerns
 * its own workloads into NetworkPolicies at synth, so policies follow the references instead
 * of a hand-written list, across charts and namespaces too.
 *
 * Register any workload (a raw ApiObject, a cdk8s-plus workload) with
 * `Connections.of(scope).addPeer(NetworkPeer.fromWorkload(obj))`, then record its flows.
 */
export class Connections {
  /** The registry of the App (construct tree root) that contains `scope`: one per App, shared by its charts. */
  public static of(scope: IConstruct | INetworkPeer): Connections {
    const root = scope.node.root;
    let registry = REGISTRIES.get(root);
    if (!registry) {
      registry = new Connections();
      REGISTRIES.set(root, registry);
    }
    return registry;
  }

  private readonly _connections: Connection[] = [];
  private readonly _internet: InternetAccess[] = [];
  private readonly _metadata = new Set<INetworkPeer>();
  private readonly _external: ExternalAccess[] = [];
  private readonly _peers = new Set<INetworkPeer>();
  private readonly _renderers: Array<() => void> = [];

  private constructor() {}

  /**
   * Creates the objects derived from the registry so far (each AppNetwork's per-workload
   * policies). Synth runs it first; a pass that reads the App's constructs before synth, or a
   * validation registered on the App root before the first AppNetwork, should call it.
   */
  public prepare(): void {
    for (const render of this._renderers) render();
  }

  /** Registers `render` to run on {@link Connections.prepare} (AppNetwork's hook). @internal */
  public _onPrepare(render: () => void): void {
    this._renderers.push(render);
  }

  /** Registers a workload so its chart's AppNetwork gives it a policy (even with no connections). */
  public addPeer(peer: INetworkPeer): void {
    this._peers.add(peer);
  }

  /** `from` may open TCP connections to `to` on `port`. */
  public connect(from: INetworkPeer, to: INetworkPeer, port: number): void {
    checkPort(`Connections.connect(${from.workloadName} → ${to.workloadName})`, 'port', port);
    this.addPeer(from);
    this.addPeer(to);
    this._connections.push({ from, to, port });
  }

  /** `from` may reach the internet on the given TCP ports. */
  public allowInternet(from: INetworkPeer, ports: number[]): void {
    if (!Array.isArray(ports) || ports.length === 0) invalid(`Connections.allowInternet(${from.workloadName})`, 'ports', ports, 'give at least one TCP port');
    for (const port of ports) checkPort(`Connections.allowInternet(${from.workloadName})`, 'ports[]', port);
    this.addPeer(from);
    this._internet.push({ from, ports: [...ports] });
  }

  /**
   * `from` may reach the GKE metadata server, where Workload Identity and the node's service
   * account hand out Google credentials. Pods that use a key file never need it.
   */
  public allowMetadataServer(from: INetworkPeer): void {
    this.addPeer(from);
    this._metadata.add(from);
  }

  /** Whether `peer` may reach the GKE metadata server. */
  public reachesMetadataServer(peer: INetworkPeer): boolean {
    return this._metadata.has(peer);
  }

  /** Traffic from `source` (outside the namespace) may reach `to` on `port`. */
  public allowExternal(to: INetworkPeer, port: number, source: ExternalSource): void {
    const owner = `Connections.allowExternal(${to.workloadName})`;
    checkPort(owner, 'port', port);
    // an empty `from` list in a NetworkPolicy rule admits every source: never render one
    if (source.namespace === undefined && !(source.cidrs?.length)) {
      invalid(owner, 'source', source, 'name a namespace (with optional podLabels) or at least one CIDR; an empty source would admit all traffic');
    }
    if (source.namespace !== undefined) checkDnsLabel(owner, 'source.namespace', source.namespace);
    checkLabels(owner, 'source.podLabels', source.podLabels);
    for (const cidr of source.cidrs ?? []) checkCidr(owner, 'source.cidrs[]', cidr);
    this.addPeer(to);
    this._external.push({ to, port, source });
  }

  /** Every registered workload of the App, in registration order. */
  public get peers(): INetworkPeer[] {
    return [...this._peers];
  }

  /** Every workload-to-workload connection. */
  public get connections(): Connection[] {
    return [...this._connections];
  }

  /** Every internet egress. */
  public get internet(): InternetAccess[] {
    return [...this._internet];
  }

  /** Every ingress from outside the namespace. */
  public get external(): ExternalAccess[] {
    return [...this._external];
  }
}

const REGISTRIES = new WeakMap<IConstruct, Connections>();
