import { PolicyRule } from '../types';
import { CONFIGMAP_NO_SECRETS } from './configmap-no-secrets';
import { CPU_LIMIT } from './cpu-limit';
import { ENV_NO_LITERAL_SECRETS } from './env-no-literal-secrets';
import { HPA_TARGET_NO_REPLICAS } from './hpa-target-no-replicas';
import { IMAGE_PINNED } from './image-pinned';
import { INGRESS_NO_SNIPPETS } from './ingress-no-snippets';
import { INGRESS_TLS } from './ingress-tls';
import { NAMESPACE_SET } from './namespace-set';
import { NETWORK_POLICY_COVERAGE } from './network-policy-coverage';
import { NO_INLINE_SECRET_DATA } from './no-inline-secret-data';
import { PDB_ALLOWS_EVICTION } from './pdb-allows-eviction';
import { PDB_PRESENT } from './pdb-present';
import { PDB_UNHEALTHY_EVICTION_POLICY } from './pdb-unhealthy-eviction-policy';
import { POD_KIND_READABLE } from './pod-kind-readable';
import { PSS_ALLOW_PRIVILEGE_ESCALATION } from './pss-allow-privilege-escalation';
import { PSS_APPARMOR } from './pss-apparmor';
import { PSS_CAPABILITIES } from './pss-capabilities';
import { PSS_HOST_NAMESPACES } from './pss-host-namespaces';
import { PSS_HOST_PORTS } from './pss-host-ports';
import { PSS_HOST_PROBES } from './pss-host-probes';
import { PSS_PRIVILEGED } from './pss-privileged';
import { PSS_PROC_MOUNT } from './pss-proc-mount';
import { PSS_RUN_AS_NON_ROOT } from './pss-run-as-non-root';
import { PSS_RUN_AS_USER } from './pss-run-as-user';
import { PSS_SECCOMP } from './pss-seccomp';
import { PSS_SELINUX } from './pss-selinux';
import { PSS_SYSCTLS } from './pss-sysctls';
import { PSS_VOLUME_TYPES } from './pss-volume-types';
import { PSS_WINDOWS_HOST_PROCESS } from './pss-windows-host-process';
import { READ_ONLY_ROOT_FS } from './read-only-root-fs';
import { READINESS_PROBE } from './readiness-probe';
import { RESOURCES_REQUIRED } from './resources-required';
import { RWO_PVC_ROLLING_UPDATE } from './rwo-pvc-rolling-update';

export * from './configmap-no-secrets';
export * from './cpu-limit';
export * from './env-no-literal-secrets';
export * from './hpa-target-no-replicas';
export * from './image-pinned';
export * from './ingress-no-snippets';
export * from './ingress-tls';
export * from './namespace-set';
export * from './network-policy-coverage';
export * from './no-inline-secret-data';
export * from './pdb-allows-eviction';
export * from './pdb-present';
export * from './pdb-unhealthy-eviction-policy';
export * from './pod-kind-readable';
export * from './pss-allow-privilege-escalation';
export * from './pss-apparmor';
export * from './pss-capabilities';
export * from './pss-host-namespaces';
export * from './pss-host-ports';
export * from './pss-host-probes';
export * from './pss-privileged';
export * from './pss-proc-mount';
export * from './pss-run-as-non-root';
export * from './pss-run-as-user';
export * from './pss-seccomp';
export * from './pss-selinux';
export * from './pss-sysctls';
export * from './pss-volume-types';
export * from './pss-windows-host-process';
export * from './read-only-root-fs';
export * from './readiness-probe';
export * from './resources-required';
export * from './rwo-pvc-rolling-update';
export { SENSITIVE_NAME_PATTERNS } from './_sensitive';

/** PSS "restricted" as PSA enforces it: the restricted controls, then the baseline ones it inherits. */
export const PSS_RULES: readonly PolicyRule[] = [
  PSS_ALLOW_PRIVILEGE_ESCALATION,
  PSS_RUN_AS_NON_ROOT,
  PSS_RUN_AS_USER,
  PSS_CAPABILITIES,
  PSS_SECCOMP,
  PSS_VOLUME_TYPES,
  PSS_HOST_NAMESPACES,
  PSS_PRIVILEGED,
  PSS_HOST_PORTS,
  PSS_SYSCTLS,
  PSS_PROC_MOUNT,
  PSS_APPARMOR,
  PSS_SELINUX,
  PSS_WINDOWS_HOST_PROCESS,
  PSS_HOST_PROBES,
];

/**
 * Every rule, in a stable order: PSS, container hardening, reliability, network, secrets, metadata.
 * Findings are reported in this order. Append new rules; never renumber an ID.
 */
export const ALL_RULES: readonly PolicyRule[] = [
  ...PSS_RULES,
  READ_ONLY_ROOT_FS,
  IMAGE_PINNED,
  RESOURCES_REQUIRED,
  CPU_LIMIT,
  READINESS_PROBE,
  RWO_PVC_ROLLING_UPDATE,
  PDB_PRESENT,
  PDB_ALLOWS_EVICTION,
  PDB_UNHEALTHY_EVICTION_POLICY,
  HPA_TARGET_NO_REPLICAS,
  NETWORK_POLICY_COVERAGE,
  INGRESS_TLS,
  INGRESS_NO_SNIPPETS,
  CONFIGMAP_NO_SECRETS,
  ENV_NO_LITERAL_SECRETS,
  NO_INLINE_SECRET_DATA,
  POD_KIND_READABLE,
  NAMESPACE_SET,
];
