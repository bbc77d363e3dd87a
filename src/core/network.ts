import { Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { checkCidr, checkDnsLabel, checkLabels, checkPort, invalid } from './validate';

/** A workload whose pods can be the source or target of a NetworkPolicy rule. */
export interface INetworkPeer extends IConstruct {
  /** Workload name, used to name its NetworkPolicy. */
  readonly workloadName: string;
  /** Labels that select exactly this workload's pods. */
  readonly selector: Record<string, string>;
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
 * The wiring of one chart, recorded as constructs reference each other (an API given a
 * vector DB records api → vector-db). `AppNetwork` turns it into NetworkPolicies, so
 * policies follow the references instead of a hand-written list.
 */
export class Connections {
  /** The registry of the chart that contains `scope`. */
  public static of(scope: IConstruct): Connections {
    const chart = Chart.of(scope);
    let registry = REGISTRIES.get(chart);
    if (!registry) {
      registry = new Connections();
      REGISTRIES.set(chart, registry);
    }
    return registry;
  }

  private readonly _connections: Connection[] = [];
  private readonly _internet: InternetAccess[] = [];
  private readonly _metadata = new Set<INetworkPeer>();
  private readonly _external: ExternalAccess[] = [];
  private readonly _peers = new Set<INetworkPeer>();

  private constructor() {}

  /** Registers a workload so it gets its own policy even with no connections. */
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

  /** Every registered workload. */
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

const REGISTRIES = new WeakMap<Chart, Connections>();
