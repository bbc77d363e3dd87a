import { POD_BEARING_KINDS } from '../../core/manifest';
import { finding } from '../_finding';
import { podTemplateOf } from '../_pods';
import { Finding, PolicyRule } from '../types';

const ID = 'CHEESE-POD1';

/** Where an unknown kind keeps a pod, if it looks like it carries one. */
function podLocation(obj: any): string | undefined {
  if (Array.isArray(obj.spec?.template?.spec?.containers)) return 'spec.template.spec';
  if (obj.spec?.jobTemplate !== undefined && obj.spec?.jobTemplate !== null) return 'spec.jobTemplate';
  return undefined;
}

/** Objects that carry a pod the other rules cannot read (a CRD such as an Argo Rollout or a KEDA ScaledJob). */
export const POD_KIND_READABLE: PolicyRule = {
  id: ID,
  title: 'Pods in kinds the policy reads',
  message: 'an object that carries a pod template must be a kind the policy can check',
  explanation: `The pod rules read ${POD_BEARING_KINDS.join(', ')}. `
    + 'A custom resource that embeds a pod (spec.template.spec.containers or spec.jobTemplate) would otherwise pass every check unread, '
    + 'privileged containers included, and fail only at admission, or not at all in a namespace without Pod Security labels.',
  fix: 'render the workload as one of the kinds the policy reads, or check its pod spec against the restricted profile yourself '
    + '(kubectl apply --dry-run=server into a namespace that enforces restricted) and suppress CHEESE-POD1 with that reason',
  mirrors: {},
  check(objects) {
    const findings: Finding[] = [];
    for (const obj of objects) {
      if (podTemplateOf(obj)) continue;
      const location = podLocation(obj);
      if (location) {
        findings.push(finding(ID, obj, location, `${obj.kind} (${obj.apiVersion}) carries a pod at ${location}, which the pod rules cannot read; `
          + `allowed: ${POD_BEARING_KINDS.join(', ')}`));
      }
    }
    return findings;
  },
};
