import { GCS_FUSE_REQUEST_ANNOTATIONS, gcsFuseSidecarQuantities } from '../core/gcs-fuse';
import { cpuMillis, memoryMiB, QuantityError } from '../core/quantity';
import { show } from '../core/validate';

/** CPU and memory requested by one pod, as the scheduler counts them. */
export interface PodRequest {
  /** CPU in millicores. */
  readonly cpuMillis: number;
  /** Memory in MiB (may be fractional, e.g. `1G` = 953.67… MiB). */
  readonly memoryMiB: number;
  /** `container: cpu` / `container: memory` for containers that request nothing for a resource (counted as 0). */
  readonly missingRequests: readonly string[];
}

interface Amount {
  readonly cpuMillis: number;
  readonly memoryMiB: number;
}

const ZERO: Amount = { cpuMillis: 0, memoryMiB: 0 };

/**
 * The effective request of a pod spec, per resource, as kube-scheduler computes it:
 *
 *   max( largest init-container phase, sum of app containers + sum of sidecars ) + pod overhead
 *
 * where an init container's phase is its own request plus the sidecars (init containers
 * with `restartPolicy: Always`) started before it. Without sidecars this is the familiar
 * max(largest init container, sum of app containers).
 *
 * A container's request is `resources.requests[r]`, else `resources.limits[r]` (the API
 * server defaults a missing request to the limit), else 0 (recorded in `missingRequests`).
 *
 * Containers that GKE injects at admission count too, read from the pod template's
 * `annotations`: the Cloud Storage FUSE sidecar (`gke-gcsfuse/volumes: "true"`).
 *
 * Throws an `Error` naming the container, the field, the value and what is allowed for a bad quantity.
 */
export function podRequestOf(podSpec: any, annotations?: Readonly<Record<string, string>>): PodRequest {
  const missing: string[] = [];
  const amountOf = (container: any): Amount => containerRequest(container, missing);

  let sidecars = ZERO;
  let initPeak = ZERO;
  for (const container of podSpec?.initContainers ?? []) {
    const own = amountOf(container);
    const phase = add(own, sidecars);
    initPeak = max(initPeak, phase);
    if (container?.restartPolicy === 'Always') sidecars = phase;
  }
  let app: Amount = injectedSidecars(annotations);
  for (const container of podSpec?.containers ?? []) {
    app = add(app, amountOf(container));
  }
  const overhead = podSpec?.overhead ? overheadOf(podSpec.overhead) : ZERO;
  const total = add(max(initPeak, add(app, sidecars)), overhead);
  return { cpuMillis: total.cpuMillis, memoryMiB: total.memoryMiB, missingRequests: missing };
}

function containerRequest(container: any, missing: string[]): Amount {
  const name = `container ${show(container?.name ?? '?')}`;
  const requests = container?.resources?.requests ?? {};
  const limits = container?.resources?.limits ?? {};
  const cpuField = requests.cpu !== undefined ? 'resources.requests.cpu' : 'resources.limits.cpu';
  const memoryField = requests.memory !== undefined ? 'resources.requests.memory' : 'resources.limits.memory';
  const cpu = requests.cpu ?? limits.cpu;
  const memory = requests.memory ?? limits.memory;
  if (cpu === undefined) missing.push(`${container?.name ?? '?'}: cpu`);
  if (memory === undefined) missing.push(`${container?.name ?? '?'}: memory`);
  return {
    cpuMillis: cpu === undefined ? 0 : convert(() => cpuMillis(cpu), name, cpuField),
    memoryMiB: memory === undefined ? 0 : convert(() => memoryMiB(memory), name, memoryField),
  };
}

/** `spec.overhead` (set from a RuntimeClass, e.g. gVisor): added to the pod's requests. */
function overheadOf(overhead: any): Amount {
  return {
    cpuMillis: overhead.cpu === undefined ? 0 : convert(() => cpuMillis(overhead.cpu), 'pod', 'spec.overhead.cpu'),
    memoryMiB: overhead.memory === undefined ? 0 : convert(() => memoryMiB(overhead.memory), 'pod', 'spec.overhead.memory'),
  };
}

/** Runs a quantity conversion; a bad quantity becomes `<owner>: invalid <field> <value>: <allowed>`. */
/** Sidecars GKE injects at admission, announced by pod annotations: the Cloud Storage FUSE one. */
function injectedSidecars(annotations: Readonly<Record<string, string>> | undefined): Amount {
  const gcsFuse = gcsFuseSidecarQuantities(annotations);
  if (!gcsFuse) return ZERO;
  const field = (key: string) => `metadata.annotations[${JSON.stringify(key)}]`;
  return {
    cpuMillis: convert(() => cpuMillis(gcsFuse.cpu), 'pod', field(GCS_FUSE_REQUEST_ANNOTATIONS.cpu)),
    memoryMiB: convert(() => memoryMiB(gcsFuse.memory), 'pod', field(GCS_FUSE_REQUEST_ANNOTATIONS.memory)),
  };
}

function convert(parse: () => number, owner: string, field: string): number {
  try {
    return parse();
  } catch (error) {
    if (error instanceof QuantityError) throw new Error(`${owner}: invalid ${field} ${show(error.value)}: ${error.allowed}`);
    throw error;
  }
}

function add(a: Amount, b: Amount): Amount {
  return { cpuMillis: a.cpuMillis + b.cpuMillis, memoryMiB: a.memoryMiB + b.memoryMiB };
}

function max(a: Amount, b: Amount): Amount {
  return { cpuMillis: Math.max(a.cpuMillis, b.cpuMillis), memoryMiB: Math.max(a.memoryMiB, b.memoryMiB) };
}
