import { checkInt } from './validate';
import { IntOrString } from '../../imports/k8s';

/**
 * The PodDisruptionBudget of a workload that can run more than one pod. Budgets that
 * could never allow an eviction are rejected: they block node drains and upgrades.
 */
export class DisruptionBudget {
  /** At most `count` pods down at once through voluntary disruptions. */
  public static maxUnavailable(count: number): DisruptionBudget {
    checkInt('DisruptionBudget.maxUnavailable', 'count', count, 1, 1000);
    return new DisruptionBudget({ maxUnavailable: IntOrString.fromNumber(count) }, undefined, count);
  }

  /** At least `count` pods up; must stay below the workload's minimum replicas. */
  public static minAvailable(count: number): DisruptionBudget {
    checkInt('DisruptionBudget.minAvailable', 'count', count, 1, 1000);
    return new DisruptionBudget({ minAvailable: IntOrString.fromNumber(count) }, count);
  }

  /** No budget (a single-pod or throwaway workload). */
  public static none(): DisruptionBudget {
    return new DisruptionBudget(undefined, undefined);
  }

  /** The `minAvailable` count, if that form is used. */
  public readonly minAvailable?: number;
  /** The `maxUnavailable` count, if that form is used. */
  public readonly maxUnavailable?: number;
  private readonly spec?: any;

  private constructor(spec: any, minAvailable: number | undefined, maxUnavailable?: number) {
    this.spec = spec;
    this.minAvailable = minAvailable;
    this.maxUnavailable = maxUnavailable;
  }

  /** Whether a PodDisruptionBudget object is emitted. */
  public get enabled(): boolean {
    return this.spec !== undefined;
  }

  /** @internal */
  public _toKube(selector: Record<string, string>): any {
    // AlwaysAllow: a Running-but-not-Ready pod never stalls a drain (kube-linter pdb-unhealthy-pod-eviction-policy)
    return { ...this.spec, selector: { matchLabels: { ...selector } }, unhealthyPodEvictionPolicy: 'AlwaysAllow' };
  }
}

/** How a Service is exposed. */
export enum ServiceType {
  /** Reachable inside the cluster only (the default; the Ingress fronts the app). */
  CLUSTER_IP = 'ClusterIP',
  /** Also on a port of every node (30000-32767). */
  NODE_PORT = 'NodePort',
  /** Also through a cloud load balancer with its own external IP. */
  LOAD_BALANCER = 'LoadBalancer',
}
