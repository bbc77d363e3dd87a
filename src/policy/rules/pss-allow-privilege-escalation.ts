import { finding, show } from '../_finding';
import { containersOf, describeContainer, podTemplates } from '../_pods';
import { Finding, PolicyRule } from '../types';

const ID = 'CHEESE-PSS1';

/** PSS restricted `allowPrivilegeEscalation`: every container sets it explicitly to false. */
export const PSS_ALLOW_PRIVILEGE_ESCALATION: PolicyRule = {
  id: ID,
  title: 'Privilege escalation disabled',
  message: 'every container must set securityContext.allowPrivilegeEscalation to false explicitly',
  explanation: 'Without it a setuid binary can gain more privileges than its parent process. PSS restricted rejects the pod when the field is unset, '
    + 'so a Deployment is accepted by kubectl apply but its ReplicaSet can never create pods.',
  fix: 'set securityContext.allowPrivilegeEscalation: false on the container (cdk8s-plus-27 renders false unless told otherwise)',
  plusFix: "new kplus.Deployment(chart, 'Web', { containers: [{ image, securityContext: { allowPrivilegeEscalation: false } }] })",
  mirrors: {
    psa: ['allowPrivilegeEscalation'],
    polaris: ['privilegeEscalationAllowed'],
    kubeLinter: ['privilege-escalation-container'],
    checkov: ['CKV_K8S_20'],
  },
  check(objects) {
    const findings: Finding[] = [];
    for (const template of podTemplates(objects)) {
      for (const ref of containersOf(template)) {
        const value = ref.container.securityContext?.allowPrivilegeEscalation;
        if (value !== false) {
          const path = `${ref.path}.securityContext.allowPrivilegeEscalation`;
          findings.push(finding(ID, template.object, path, `${describeContainer(ref)}: ${path} is ${show(value)}; allowed: false`, ref.name));
        }
      }
    }
    return findings;
  },
};
