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

/**
 * What GKE's Cloud Storage FUSE sidecar adds to a pod's requests, read from the pod template's
 * annotations (GKE injects the container at admission, so the manifests do not show it): zero
 * without `gke-gcsfuse/volumes: "true"`, GKE's defaults (250m, 256 MiB) for an unset request.
 * For the capacity plan.
 */
export function gcsFuseSidecarRequests(annotations: Readonly<Record<string, string>> | undefined): SidecarRequests {
  if (annotations?.[GCS_FUSE_VOLUMES_ANNOTATION] !== 'true') return { cpuMillis: 0, memoryMiB: 0 };
  return {
    cpuMillis: cpuMillis(annotations['gke-gcsfuse/cpu-request'] ?? '250m'),
    memoryMiB: memoryMiB(annotations['gke-gcsfuse/memory-request'] ?? '256Mi'),
  };
}

