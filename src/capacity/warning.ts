/** Kinds of warning. */
export type CapacityWarningCode =
  /** One pod requests more than a node can offer: it can never be scheduled. Blocking. */
  | 'pod-too-large'
  /** A co-located workload's pods must share one node but together need more than a node offers. Blocking. */
  | 'colocated-group-too-large'
  /** The scheduler simulation leaves a pod Pending at minimum replicas (apply, scale-out order). Blocking. */
  | 'minimum-overflow'
  /** The scheduler simulation leaves a pod Pending at maximum replicas (HPA scale-out, or all applied at maximum). Blocking. */
  | 'scale-out-overflow'
  /** A rolling update's surge pod stays Pending; blocking when maxUnavailable is 0 (the rollout cannot go on). */
  | 'surge-overflow'
  /** At minimum replicas the simulated cluster autoscaler had to add nodes to minNodes. */
  | 'needs-node-scale-up'
  /** A container has no CPU or memory request: it is counted as 0. */
  | 'missing-requests'
  /** A HorizontalPodAutoscaler that matches no workload, or a workload with several. */
  | 'hpa-unmatched';

/** A human-readable finding of the plan. */
export interface CapacityWarning {
  /** What kind of finding this is. */
  readonly code: CapacityWarningCode;
  /** Pods would stay Pending; `failOnOverflow` throws on these. */
  readonly blocking: boolean;
  /** One sentence for a person (without the environment; prefix it when logging). */
  readonly message: string;
}
