import { podSpecPath } from '../core/manifest';

/**
 * What Pod Security `restricted` requires and the library can set without deciding anything
 * for the user. Pure: works on rendered JSON, never overwrites an explicit choice (a
 * `runAsNonRoot: false`, a `runAsUser: 0`, an `Unconfined` profile, an added capability,
 * `privileged`, host namespaces, hostPath volumes stay as written, for the policy to report).
 */

const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;

/** The pod spec of `spec` with restricted's settable fields filled in; `spec` itself is not changed. */
export function hardenPodSpec(spec: any): any {
  // the API server forbids these fields on Windows pods, and PSA exempts them from the checks
  if (spec.os?.name === 'windows') return spec;
  const result = { ...spec };
  const pod = { ...(spec.securityContext ?? {}) };
  if (pod.seccompProfile === undefined) pod.seccompProfile = { type: 'RuntimeDefault' };
  result.securityContext = pod;
  for (const list of CONTAINER_LISTS) {
    if (Array.isArray(spec[list])) result[list] = spec[list].map((c: any) => hardenContainer(c ?? {}, pod));
  }
  return result;
}

function hardenContainer(container: any, pod: any): any {
  const sc = { ...(container.securityContext ?? {}) };
  if (sc.allowPrivilegeEscalation === undefined && sc.privileged !== true) sc.allowPrivilegeEscalation = false;
  // uid 0 asked for explicitly (pod or container) is the user's decision, not ours
  const rootAsked = sc.runAsUser === 0 || (sc.runAsUser === undefined && pod.runAsUser === 0);
  if (sc.runAsNonRoot === undefined && pod.runAsNonRoot === undefined && !rootAsked) sc.runAsNonRoot = true;
  sc.capabilities = hardenCapabilities(sc.capabilities ?? {});
  return { ...container, securityContext: sc };
}

/**
 * `drop: ['ALL']`, and cdk8s-plus's `CAP_`-prefixed names stripped: the runtime reads
 * `CAP_X` and `X` alike, PSA accepts only `X`. Entries that are not strings (cdk8s-plus
 * renders an undefined enum member as `null`) are dropped.
 */
function hardenCapabilities(caps: any): any {
  const bare = (list: unknown): string[] | undefined => Array.isArray(list)
    ? list.filter((c): c is string => typeof c === 'string').map(c => c.replace(/^CAP_/, ''))
    : undefined;
  const add = bare(caps.add);
  const drop = bare(caps.drop) ?? [];
  return {
    ...caps,
    ...(add !== undefined ? { add } : {}),
    drop: drop.includes('ALL') ? drop : ['ALL'],
  };
}

/** JSON pointer of the pod spec in an object of `kind` (PodTemplate included), or undefined for kinds without pods. */
export function podSpecPointer(kind: string): string | undefined {
  const path = podSpecPath(kind);
  return path === undefined ? undefined : `/${path.split('.').join('/')}`;
}
