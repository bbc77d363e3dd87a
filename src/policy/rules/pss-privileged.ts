import { finding, show } from '../_finding';
import { containersOf, describeContainer, podTemplates } from '../_pods';
import { Finding, PolicyRule } from '../types';

const ID = 'CHEESE-PSS8';

/** PSS baseline `privileged`. */
export const PSS_PRIVILEGED: PolicyRule = {
  id: ID,
  title: 'Not privileged',
  message: 'securityContext.privileged must be unset or false',
  explanation: 'A privileged container has every capability and all host devices; it is root on the node.',
  fix: 'remove securityContext.privileged or set it to false (the cdk8s-plus-27 default)',
  plusFix: "new kplus.Deployment(chart, 'Web', { containers: [{ image, securityContext: { privileged: false } }] })",
  mirrors: {
    psa: ['privileged'],
    kubeScore: ['container-security-context-privileged'],
    polaris: ['runAsPrivileged'],
    kubeLinter: ['privileged-container'],
    checkov: ['CKV_K8S_16'],
  },
  check(objects) {
    const findings: Finding[] = [];
    for (const template of podTemplates(objects)) {
      for (const ref of containersOf(template)) {
        const value = ref.container.securityContext?.privileged;
        if (value !== undefined && value !== null && value !== false) {
          const path = `${ref.path}.securityContext.privileged`;
          findings.push(finding(ID, template.object, path, `${describeContainer(ref)}: ${path} is ${show(value)}; allowed: false or unset`, ref.name));
        }
      }
    }
    return findings;
  },
};
