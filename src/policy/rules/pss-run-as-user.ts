import { finding } from '../_finding';
import { containersOf, describeContainer, podTemplates } from '../_pods';
import { Finding, PolicyRule } from '../types';

const ID = 'CHEESE-PSS3';

/** PSS restricted `runAsUser`: no UID 0 at pod or container level. */
export const PSS_RUN_AS_USER: PolicyRule = {
  id: ID,
  title: 'Non-root user ID',
  message: 'runAsUser must not be 0 at pod or container level',
  explanation: 'runAsUser: 0 runs the process as root whatever the image says; PSS restricted (policy 1.23+) rejects it.',
  fix: 'remove runAsUser: 0, or set a non-zero UID such as 10001 (kube-score and Checkov want >= 10000)',
  mirrors: { psa: ['runAsUser'] },
  check(objects) {
    const findings: Finding[] = [];
    for (const template of podTemplates(objects)) {
      const podPath = `${template.specPath}.securityContext.runAsUser`;
      if (template.spec.securityContext?.runAsUser === 0) {
        findings.push(finding(ID, template.object, podPath, `pod: ${podPath} is 0; allowed: unset or a non-zero UID`));
      }
      for (const ref of containersOf(template)) {
        const path = `${ref.path}.securityContext.runAsUser`;
        if (ref.container.securityContext?.runAsUser === 0) {
          findings.push(finding(ID, template.object, path, `${describeContainer(ref)}: ${path} is 0; allowed: unset or a non-zero UID`, ref.name));
        }
      }
    }
    return findings;
  },
};
