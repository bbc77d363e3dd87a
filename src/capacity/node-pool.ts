import { gkeAllocatable, knownMachineTypes, machineTypeSpec } from './machine-types';
import { show } from '../core/validate';

/**
 * CPU that GKE's own pods (kube-system, gmp-system) request on each node, in millicores,
 * reserved by default before the app's pods are packed.
 *
 * Why 600m: on a default GKE Standard cluster (Cloud Logging + Monitoring, managed
 * Prometheus, GKE Ingress) every node runs DaemonSets requesting ≈ 250m — kube-proxy 100m,
 * fluentbit-gke 105m, gke-metrics-agent 19m, pdcsi-node 10m, netd 8m, GMP collector 5m —
 * and the cluster runs singletons requesting ≈ 350m more — kube-dns 260m (2 replicas once
 * there are 2 nodes), metrics-server ≈ 50m, kube-dns-autoscaler 20m, konnectivity-agent
 * 10m per replica, l7-default-backend (the GKE Ingress default backend) 10m, event-exporter.
 * On a 1–2 node pool that is ≈ 560–600m per node (a one-node cluster measures ≈ 560m of
 * its 940m on e2-medium). Add `gke-metadata-server` (100m per node) with Workload
 * Identity, or an in-cluster ingress controller such as ingress-nginx (100m), by raising
 * this figure; larger pools spread the singletons thinner and can lower it.
 */
export const DEFAULT_SYSTEM_RESERVED_CPU_MILLIS = 600;

/**
 * Memory that GKE's own pods request on each node, in MiB, reserved by default.
 *
 * Why 640 MiB: the per-node DaemonSets above request ≈ 300–350 MiB (fluentbit-gke is the
 * largest, then gke-metrics-agent, netd, pdcsi-node, the GMP collector) and the singletons
 * ≈ 300 MiB (kube-dns ≈ 110 MiB per replica, metrics-server + its nanny ≈ 150 MiB,
 * konnectivity-agent, l7-default-backend, kube-dns-autoscaler, event-exporter): ≈ 650 MiB
 * on one node, ≈ 560 MiB per node on two. Measure with `kubectl describe node` and pass
 * the real figure when it matters.
 */
export const DEFAULT_SYSTEM_RESERVED_MEMORY_MIB = 640;

/** Size and system reservation of a node pool. */
export interface NodePoolSizeOptions {
  /** Nodes the pool never goes below (the cluster autoscaler's minimum). An integer ≥ 1. */
  readonly minNodes: number;
  /** Nodes the pool may grow to (the cluster autoscaler's maximum). An integer ≥ `minNodes`. */
  readonly maxNodes: number;
  /**
   * CPU requested per node by system pods (kube-dns, kube-proxy, fluentbit, gke-metrics-agent,
   * pdcsi, the ingress backend…), in millicores, subtracted from allocatable before packing.
   *
   * @default 600 — see {@link DEFAULT_SYSTEM_RESERVED_CPU_MILLIS}
   */
  readonly systemReservedCpuMillis?: number;
  /**
   * Memory requested per node by system pods, in MiB, subtracted from allocatable before packing.
   *
   * @default 640 — see {@link DEFAULT_SYSTEM_RESERVED_MEMORY_MIB}
   */
  readonly systemReservedMemoryMiB?: number;
}

/** Options of {@link NodePool.machineType}. */
export interface MachineTypeNodePoolOptions extends NodePoolSizeOptions {
  /**
   * Allocatable CPU per node in millicores (`kubectl describe node` → Allocatable → cpu).
   * Required for a machine type missing from `GKE_MACHINE_TYPES`.
   *
   * @default computed from the machine type with GKE's reservation formula
   */
  readonly allocatableCpuMillis?: number;
  /**
   * Allocatable memory per node in MiB (`kubectl describe node` → Allocatable → memory).
   * Required for a machine type missing from `GKE_MACHINE_TYPES`.
   *
   * @default computed from the machine type with GKE's reservation formula
   */
  readonly allocatableMemoryMiB?: number;
}

/** Options of {@link NodePool.custom}. */
export interface CustomNodePoolOptions extends NodePoolSizeOptions {
  /** Allocatable CPU per node in millicores. */
  readonly allocatableCpuMillis: number;
  /** Allocatable memory per node in MiB. */
  readonly allocatableMemoryMiB: number;
  /**
   * Name shown in the plan and in messages.
   *
   * @default 'custom'
   */
  readonly label?: string;
}

/** The node pool as plain JSON, as it appears in a capacity plan. */
export interface NodePoolSummary {
  /** Machine type, or the custom label. */
  readonly label: string;
  /** The machine type, when the pool was declared with one. */
  readonly machineType?: string;
  /** Where the allocatable figures come from. */
  readonly allocatableSource: 'gke-formula' | 'explicit';
  /** Nodes the pool never goes below. */
  readonly minNodes: number;
  /** Nodes the pool may grow to. */
  readonly maxNodes: number;
  /** GKE allocatable CPU per node, millicores. */
  readonly allocatableCpuMillis: number;
  /** GKE allocatable memory per node, MiB. */
  readonly allocatableMemoryMiB: number;
  /** Per node, for system pods, millicores. */
  readonly systemReservedCpuMillis: number;
  /** Per node, for system pods, MiB. */
  readonly systemReservedMemoryMiB: number;
  /** Per node, left for the app: allocatable − system reserved, millicores. */
  readonly schedulableCpuMillis: number;
  /** Per node, left for the app: allocatable − system reserved, MiB. */
  readonly schedulableMemoryMiB: number;
}

/**
 * The node pool an environment runs on. Build one with {@link NodePool.machineType} or
 * {@link NodePool.custom}.
 *
 * The factories check every number when called, but do not throw: a pool is usually
 * declared inside an environment table before the environment's name is at hand. The
 * problems are kept and {@link NodePool.validate} (which `planCapacity` calls) throws one
 * `Error` listing them all, prefixed with the environment and naming each field, its value
 * and what is allowed.
 */
export class NodePool {
  /**
   * A pool of a known GKE machine type; allocatable CPU and memory follow GKE's reservation
   * formula unless given explicitly. An unknown machine type needs both explicit figures.
   */
  public static machineType(name: string, options: MachineTypeNodePoolOptions): NodePool {
    const spec = machineTypeSpec(name);
    const issues: string[] = [];
    const explicit = options.allocatableCpuMillis !== undefined || options.allocatableMemoryMiB !== undefined;
    let allocatableCpuMillis = options.allocatableCpuMillis;
    let allocatableMemoryMiB = options.allocatableMemoryMiB;
    if (spec) {
      const formula = gkeAllocatable(spec);
      allocatableCpuMillis ??= formula.cpuMillis;
      allocatableMemoryMiB ??= formula.memoryMiB;
    } else {
      const missing = [
        ...(allocatableCpuMillis === undefined ? ['allocatableCpuMillis'] : []),
        ...(allocatableMemoryMiB === undefined ? ['allocatableMemoryMiB'] : []),
      ];
      if (missing.length > 0) {
        issues.push(`invalid machineType ${show(name)}: not a known machine type, so ${missing.join(' and ')} `
          + `${missing.length > 1 ? 'are' : 'is'} required (kubectl describe node → Allocatable); `
          + `or use one of: ${knownMachineTypes().join(', ')}`);
      }
    }
    return new NodePool({
      label: name,
      machineType: name,
      allocatableSource: explicit || !spec ? 'explicit' : 'gke-formula',
      minNodes: options.minNodes,
      maxNodes: options.maxNodes,
      allocatableCpuMillis,
      allocatableMemoryMiB,
      systemReservedCpuMillis: options.systemReservedCpuMillis,
      systemReservedMemoryMiB: options.systemReservedMemoryMiB,
    }, issues);
  }

  /** A pool described by its per-node allocatable figures (`kubectl describe node` → Allocatable). */
  public static custom(options: CustomNodePoolOptions): NodePool {
    const issues: string[] = [];
    if (options.label !== undefined && options.label.trim() === '') {
      issues.push(`invalid label ${show(options.label)}: use a non-empty name`);
    }
    return new NodePool({
      label: options.label ?? 'custom',
      allocatableSource: 'explicit',
      minNodes: options.minNodes,
      maxNodes: options.maxNodes,
      allocatableCpuMillis: options.allocatableCpuMillis,
      allocatableMemoryMiB: options.allocatableMemoryMiB,
      systemReservedCpuMillis: options.systemReservedCpuMillis,
      systemReservedMemoryMiB: options.systemReservedMemoryMiB,
    }, issues);
  }

  /** Machine type, or the custom label. */
  public readonly label: string;
  /** The machine type, when declared with one. */
  public readonly machineType?: string;
  /** Nodes the pool never goes below. */
  public readonly minNodes: number;
  /** Nodes the pool may grow to. */
  public readonly maxNodes: number;
  /** GKE allocatable CPU per node, millicores (NaN when unknown; `validate` reports it). */
  public readonly allocatableCpuMillis: number;
  /** GKE allocatable memory per node, MiB (NaN when unknown; `validate` reports it). */
  public readonly allocatableMemoryMiB: number;
  /** CPU per node kept for system pods, millicores. @default 600 */
  public readonly systemReservedCpuMillis: number;
  /** Memory per node kept for system pods, MiB. @default 640 */
  public readonly systemReservedMemoryMiB: number;
  private readonly allocatableSource: 'gke-formula' | 'explicit';
  private readonly issues: readonly string[];

  private constructor(props: {
    readonly label: string;
    readonly machineType?: string;
    readonly allocatableSource: 'gke-formula' | 'explicit';
    readonly minNodes: number;
    readonly maxNodes: number;
    readonly allocatableCpuMillis?: number;
    readonly allocatableMemoryMiB?: number;
    readonly systemReservedCpuMillis?: number;
    readonly systemReservedMemoryMiB?: number;
  }, issues: readonly string[]) {
    this.label = props.label;
    this.machineType = props.machineType;
    this.allocatableSource = props.allocatableSource;
    this.minNodes = props.minNodes;
    this.maxNodes = props.maxNodes;
    this.allocatableCpuMillis = props.allocatableCpuMillis ?? Number.NaN;
    this.allocatableMemoryMiB = props.allocatableMemoryMiB ?? Number.NaN;
    this.systemReservedCpuMillis = props.systemReservedCpuMillis ?? DEFAULT_SYSTEM_RESERVED_CPU_MILLIS;
    this.systemReservedMemoryMiB = props.systemReservedMemoryMiB ?? DEFAULT_SYSTEM_RESERVED_MEMORY_MIB;
    this.issues = [...issues, ...this.checkNumbers(props.allocatableCpuMillis !== undefined, props.allocatableMemoryMiB !== undefined)];
  }

  /** CPU per node left for the app after the system reservation, millicores. */
  public get schedulableCpuMillis(): number {
    return this.allocatableCpuMillis - this.systemReservedCpuMillis;
  }

  /** Memory per node left for the app after the system reservation, MiB. */
  public get schedulableMemoryMiB(): number {
    return this.allocatableMemoryMiB - this.systemReservedMemoryMiB;
  }

  /** The problems found in this pool's figures, without the environment prefix (empty when valid). */
  public problems(): readonly string[] {
    return this.issues;
  }

  /**
   * Throws an `Error` listing every problem of this pool, prefixed with `[environment]` and
   * naming each field, its value and what is allowed. Does nothing for a valid pool.
   */
  public validate(environment: string): void {
    if (this.issues.length === 0) return;
    throw new Error(`[${environment}] NodePool ${show(this.label)}: ${this.issues.join('; ')}`);
  }

  /** The pool as plain JSON for the capacity plan. */
  public toJson(): NodePoolSummary {
    return {
      label: this.label,
      ...(this.machineType !== undefined ? { machineType: this.machineType } : {}),
      allocatableSource: this.allocatableSource,
      minNodes: this.minNodes,
      maxNodes: this.maxNodes,
      allocatableCpuMillis: this.allocatableCpuMillis,
      allocatableMemoryMiB: this.allocatableMemoryMiB,
      systemReservedCpuMillis: this.systemReservedCpuMillis,
      systemReservedMemoryMiB: this.systemReservedMemoryMiB,
      schedulableCpuMillis: this.schedulableCpuMillis,
      schedulableMemoryMiB: this.schedulableMemoryMiB,
    };
  }

  private checkNumbers(hasCpu: boolean, hasMemory: boolean): string[] {
    const issues: string[] = [];
    const bad = (field: string, value: unknown, allowed: string): void => {
      issues.push(`invalid ${field} ${show(value)}: ${allowed}`);
    };
    const countOk = (n: number): boolean => Number.isInteger(n) && n >= 1;
    if (!countOk(this.minNodes)) bad('minNodes', this.minNodes, 'use an integer ≥ 1');
    if (!countOk(this.maxNodes)) bad('maxNodes', this.maxNodes, 'use an integer ≥ 1');
    if (countOk(this.minNodes) && countOk(this.maxNodes) && this.minNodes > this.maxNodes) {
      bad('minNodes', this.minNodes, `use at most maxNodes (${this.maxNodes})`);
    }
    const positive = (n: number): boolean => typeof n === 'number' && Number.isFinite(n) && n > 0;
    const cpuOk = !hasCpu || positive(this.allocatableCpuMillis);
    const memoryOk = !hasMemory || positive(this.allocatableMemoryMiB);
    if (!cpuOk) bad('allocatableCpuMillis', this.allocatableCpuMillis, 'use a number of millicores > 0');
    if (!memoryOk) bad('allocatableMemoryMiB', this.allocatableMemoryMiB, 'use a number of MiB > 0');
    const reserveOk = (n: number): boolean => typeof n === 'number' && Number.isFinite(n) && n >= 0;
    if (!reserveOk(this.systemReservedCpuMillis)) {
      bad('systemReservedCpuMillis', this.systemReservedCpuMillis, 'use a number of millicores ≥ 0');
    } else if (hasCpu && cpuOk && this.schedulableCpuMillis <= 0) {
      bad('systemReservedCpuMillis', this.systemReservedCpuMillis,
        `use less than allocatableCpuMillis (${this.allocatableCpuMillis}), or no CPU is left for workloads`);
    }
    if (!reserveOk(this.systemReservedMemoryMiB)) {
      bad('systemReservedMemoryMiB', this.systemReservedMemoryMiB, 'use a number of MiB ≥ 0');
    } else if (hasMemory && memoryOk && this.schedulableMemoryMiB <= 0) {
      bad('systemReservedMemoryMiB', this.systemReservedMemoryMiB,
        `use less than allocatableMemoryMiB (${this.allocatableMemoryMiB}), or no memory is left for workloads`);
    }
    return issues;
  }
}
