/**
 * Pod Security Standards "restricted", applied in one place.
 *
 * cdk8s-plus-27 has no seccomp API and its `Capability` enum emits `CAP_`-prefixed
 * names that Kubernetes rejects, so the library renders security contexts itself.
 */

/** Who the pod's processes run as. */
export interface PodIdentity {
  /** Non-zero UID the containers run as. */
  readonly runAsUser: number;
  /** GID the containers run as. */
  readonly runAsGroup: number;
  /**
   * Group that owns mounted volumes, so the UID can write to a fresh PVC.
   * @default - same as runAsGroup
   */
  readonly fsGroup?: number;
}

/** The pod-level security context every workload gets. */
export function restrictedPodSecurityContext(identity: PodIdentity): any {
  return {
    runAsNonRoot: true,
    runAsUser: identity.runAsUser,
    runAsGroup: identity.runAsGroup,
    fsGroup: identity.fsGroup ?? identity.runAsGroup,
    // skip the recursive chown on every start once ownership is right (large Chroma volumes)
    fsGroupChangePolicy: 'OnRootMismatch',
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** The container-level security context every container (init containers too) gets. */
export function restrictedContainerSecurityContext(readOnlyRootFilesystem: boolean): any {
  return {
    allowPrivilegeEscalation: false,
    privileged: false,
    readOnlyRootFilesystem,
    runAsNonRoot: true,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  };
}
