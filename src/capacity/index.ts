/**
 * Capacity planning at synth: pod requests × replica bounds (HPA, Jobs, StatefulSets)
 * against a GKE node pool, placed pod by pod by a simulated kube-scheduler and cluster
 * autoscaler (plus an aggregate bin-packing lower bound). Pure functions: no file I/O, no environment
 * variables, no clock. The entry point writes `renderCapacityMarkdown` /
 * `renderCapacityJson` output next to the manifests.
 */
export { GKE_MACHINE_TYPES, gkeAllocatable, gkeReservedCpuMillis, gkeReservedMemoryMiB, knownMachineTypes, machineTypeSpec } from './machine-types';
export type { Allocatable, MachineTypeSpec } from './machine-types';
export { DEFAULT_SYSTEM_RESERVED_CPU_MILLIS, DEFAULT_SYSTEM_RESERVED_MEMORY_MIB, NodePool } from './node-pool';
export type { CustomNodePoolOptions, MachineTypeNodePoolOptions, NodePoolSizeOptions, NodePoolSummary } from './node-pool';
export { BYTES_PER_MIB, cpuMillis, memoryBytes, memoryMiB, parseQuantity, QuantityError } from '../core/quantity';
export type { ExactQuantity } from '../core/quantity';
export { podRequestOf } from './pod-requests';
export type { PodRequest } from './pod-requests';
export { scanWorkloads } from './workloads';
export { colocatesOnOneNode, HOSTNAME_TOPOLOGY_KEY } from '../core/colocation';
export type { ReplicaSource, Workload, WorkloadScan } from './workloads';
export { firstFitDecreasing, pendingPods } from './packing';
export type { NodeCapacity, PackItem, Packing } from './packing';
export { planCapacity } from './plan';
export type { NodeShape, PodTemplate } from './scheduler';
export { schedulingShapes } from './scheduling-shape';
export type { AffinityTerm, SchedulingShape, SpreadConstraint } from './scheduling-shape';
export { schedulerMessage, simulate } from './simulation';
export type { ArrivalOrder, PendingPod, PhaseOutcome, Simulation, SimulatedWorkload, SimulationPhase } from './simulation';
export type { CapacityRemedy, PerNodeRequests } from './scheduling-plan';
export type { CapacityPlan, CapacityPlanOptions, CapacityScenario, CapacityTotals, CapacityWarning, CapacityWarningCode, WorkloadCapacity } from './plan';
export { renderCapacityJson, renderCapacityMarkdown } from './render';
