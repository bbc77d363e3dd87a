import { cpuMillis, memoryMiB } from './quantity';

// GKE's Cloud Storage FUSE add-on: what the API's bucket storage writes (api-storage.ts) and what the
// capacity plan must count (GKE injects the sidecar at admission, so the manifests do not show it).

/** The pod annotation that makes GKE inject the Cloud Storage FUSE sidecar. */
export const GCS_FUSE_VOLUMES_ANNOTATION = 'gke-gcsfuse/volumes';

/** CPU and memory a pod's injected Cloud Storage FUSE sidecar requests. */
export interface SidecarRequests {
  /** CPU, in millicores. */
  readonly cpuMillis: number;
  /** Memory, in MiB. */
  readonly memoryMiB: number;
}

/** The annotations that set the sidecar's CPU and memory requests. */
export const GCS_FUSE_REQUEST_ANNOTATIONS = { cpu: 'gke-gcsfuse/cpu-request', memory: 'gke-gcsfuse/memory-request' } as const;

/**
 * The sidecar's requests as quantities, read from the pod template's annotations; GKE's defaults
 * (250m, 256Mi) for an unset one; undefined without `gke-gcsfuse/volumes: "true"`.
 */
export function gcsFuseSidecarQuantities(annotations: Readonly<Record<string, string>> | undefined): { cpu: string; memory: string } | undefined {
  if (annotations?.[GCS_FUSE_VOLUMES_ANNOTATION] !== 'true') return undefined;
  return {
    cpu: annotations[GCS_FUSE_REQUEST_ANNOTATIONS.cpu] ?? '250m',
    memory: annotations[GCS_FUSE_REQUEST_ANNOTATIONS.memory] ?? '256Mi',
  };
}

/**
 * What GKE's Cloud Storage FUSE sidecar adds to a pod's requests, read from the pod template's
 * annotations (GKE injects the container at admission, so the manifests do not show it): zero
 * without `gke-gcsfuse/volumes: "true"`, GKE's defaults (250m, 256 MiB) for an unset request.
 */
export function gcsFuseSidecarRequests(annotations: Readonly<Record<string, string>> | undefined): SidecarRequests {
  const quantities = gcsFuseSidecarQuantities(annotations);
  return quantities ? { cpuMillis: cpuMillis(quantities.cpu), memoryMiB: memoryMiB(quantities.memory) } : { cpuMillis: 0, memoryMiB: 0 };
}
