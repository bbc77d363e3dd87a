/**
 * Known GKE machine types and GKE's node-allocatable formula.
 *
 * GKE runs the kubelet, the container runtime and the OS outside of pods and reserves
 * node CPU and memory for them ("kube-reserved"), plus a memory eviction threshold.
 * What is left is the node's *allocatable* capacity, the figure the scheduler packs
 * pods into (`kubectl describe node` → `Allocatable`). Source: GKE docs, "Plan GKE
 * node sizes" → "Memory and CPU reservations"
 * (https://cloud.google.com/kubernetes-engine/docs/concepts/plan-node-sizes).
 *
 * Memory reserved (cumulative tiers of the machine's memory M):
 *   - 255 MiB if M < 1 GiB, otherwise
 *   - 25% of the first 4 GiB, 20% of the next 4 GiB (up to 8 GiB), 10% of the next 8 GiB
 *     (up to 16 GiB), 6% of the next 112 GiB (up to 128 GiB), 2% of anything above 128 GiB,
 *   - plus the kubelet's 100 MiB hard eviction threshold.
 * CPU reserved: 6% of the first core, 1% of the next core, 0.5% of the next 2 cores,
 * 0.25% of every core above 4.
 *
 * Worked example, n2d-standard-2 (2 vCPU, 8 GiB = 8192 MiB):
 *   CPU:    6% × 1000m + 1% × 1000m                     = 60m + 10m        = 70m reserved
 *           allocatable = 2000m − 70m                                      = 1930m
 *   memory: 25% × 4096 MiB + 20% × 4096 MiB             = 1024 + 819.2     = 1843.2 MiB
 *           + 100 MiB eviction threshold                                   = 1943.2 MiB reserved
 *           allocatable = 8192 − 1943.2 = 6248.8 → rounded down            = 6248 MiB
 *
 * Caveat: the formula starts from the machine's nominal memory. The kernel and firmware
 * keep a few percent of it, so a real node reports a `Capacity` a little below nominal and
 * an `Allocatable` ~250–300 MiB below this figure on an 8 GiB machine (GKE e2-standard-2
 * nodes report ≈ 5.8 GiB). When precision matters, read `Allocatable` from
 * `kubectl describe node` and pass it explicitly (see `NodePool`).
 */

/** CPU and memory of one machine type, as Compute Engine sells it. */
export interface MachineTypeSpec {
  /** vCPUs of the machine. */
  readonly vcpus: number;
  /** Memory of the machine in MiB (GiB × 1024). */
  readonly memoryMiB: number;
  /**
   * Physical cores' worth of CPU the machine is guaranteed, when it is a shared-core
   * machine. e2-medium has 2 vCPUs that share one core (they burst above it only when
   * the host has slack); GKE computes its reservation on 1 core, so its allocatable CPU
   * is 1000m − 6% = 940m (what `kubectl describe node` shows on e2-medium nodes).
   *
   * @default vcpus (a dedicated machine)
   */
  readonly sharedCoreCpus?: number;
}

/** CPU and memory available to pods on one node. */
export interface Allocatable {
  /** Allocatable CPU in millicores (rounded down). */
  readonly cpuMillis: number;
  /** Allocatable memory in MiB (rounded down). */
  readonly memoryMiB: number;
}

const GIB = 1024;

/**
 * The machine types this library knows. Extend as needed; anything else must be described
 * with explicit allocatable figures.
 */
export const GKE_MACHINE_TYPES: Readonly<Record<string, MachineTypeSpec>> = Object.freeze({
  'e2-medium': { vcpus: 2, memoryMiB: 4 * GIB, sharedCoreCpus: 1 },
  'e2-standard-2': { vcpus: 2, memoryMiB: 8 * GIB },
  'e2-standard-4': { vcpus: 4, memoryMiB: 16 * GIB },
  'e2-standard-8': { vcpus: 8, memoryMiB: 32 * GIB },
  'e2-highmem-2': { vcpus: 2, memoryMiB: 16 * GIB },
  'e2-highmem-4': { vcpus: 4, memoryMiB: 32 * GIB },
  'n2-standard-2': { vcpus: 2, memoryMiB: 8 * GIB },
  'n2-standard-4': { vcpus: 4, memoryMiB: 16 * GIB },
  'n2-standard-8': { vcpus: 8, memoryMiB: 32 * GIB },
  'n2d-standard-2': { vcpus: 2, memoryMiB: 8 * GIB },
  'n2d-standard-4': { vcpus: 4, memoryMiB: 16 * GIB },
  'n2d-standard-8': { vcpus: 8, memoryMiB: 32 * GIB },
});

/** Names of the known machine types, sorted. */
export function knownMachineTypes(): string[] {
  return Object.keys(GKE_MACHINE_TYPES).sort();
}

/** The spec of a known machine type, or undefined. */
export function machineTypeSpec(name: string): MachineTypeSpec | undefined {
  return Object.prototype.hasOwnProperty.call(GKE_MACHINE_TYPES, name) ? GKE_MACHINE_TYPES[name] : undefined;
}

/**
 * Tiers are `[upper bound of the tier, rate]`, rates in basis points (1/10 000) so the sums
 * stay exact integers: 25% = 2500, 0.25% = 25.
 */
const MEMORY_TIERS_MIB: ReadonlyArray<readonly [number, number]> = [
  [4 * GIB, 2500],
  [8 * GIB, 2000],
  [16 * GIB, 1000],
  [128 * GIB, 600],
  [Number.POSITIVE_INFINITY, 200],
];
const CPU_TIERS_MILLIS: ReadonlyArray<readonly [number, number]> = [
  [1000, 600],
  [2000, 100],
  [4000, 50],
  [Number.POSITIVE_INFINITY, 25],
];
const SMALL_MACHINE_MEMORY_RESERVED_MIB = 255;
const EVICTION_THRESHOLD_MIB = 100;
const BASIS = 10_000;

/** Sum of `amount` split over the tiers, each part times its rate, in 1/10 000 units. */
function tieredReservation(amount: number, tiers: ReadonlyArray<readonly [number, number]>): number {
  let reserved = 0;
  let lower = 0;
  for (const [upper, rate] of tiers) {
    if (amount <= lower) break;
    reserved += (Math.min(amount, upper) - lower) * rate;
    lower = upper;
  }
  return reserved;
}

/** CPU GKE reserves on a machine with `cpuMillis` of (guaranteed) CPU, in millicores, exact. */
export function gkeReservedCpuMillis(cpuMillis: number): number {
  return tieredReservation(cpuMillis, CPU_TIERS_MILLIS) / BASIS;
}

/** Memory GKE reserves on a machine with `memoryMiB` of memory, in MiB, eviction threshold included, exact. */
export function gkeReservedMemoryMiB(memoryMiB: number): number {
  const kubeReserved = memoryMiB < GIB
    ? SMALL_MACHINE_MEMORY_RESERVED_MIB
    : tieredReservation(memoryMiB, MEMORY_TIERS_MIB) / BASIS;
  return kubeReserved + EVICTION_THRESHOLD_MIB;
}

/**
 * GKE's allocatable CPU and memory for a machine (see the module comment for the formula
 * and a worked example). Results are rounded down to whole millicores and MiB, so the
 * plan never promises capacity the node does not have.
 */
export function gkeAllocatable(spec: MachineTypeSpec): Allocatable {
  const cpuMillis = (spec.sharedCoreCpus ?? spec.vcpus) * 1000;
  // Work in 1/10 000 units (integers) so the rounding down is exact.
  const memoryReserved = spec.memoryMiB < GIB
    ? (SMALL_MACHINE_MEMORY_RESERVED_MIB + EVICTION_THRESHOLD_MIB) * BASIS
    : tieredReservation(spec.memoryMiB, MEMORY_TIERS_MIB) + EVICTION_THRESHOLD_MIB * BASIS;
  return {
    cpuMillis: Math.floor((cpuMillis * BASIS - tieredReservation(cpuMillis, CPU_TIERS_MILLIS)) / BASIS),
    memoryMiB: Math.floor((spec.memoryMiB * BASIS - memoryReserved) / BASIS),
  };
}
