import { finding, show } from '../_finding';
import { containersOf, describeContainer, podTemplates } from '../_pods';
import { Finding, PolicyRule } from '../types';

const ID = 'CHEESE-PSS2';

/** PSS restricted `runAsNonRoot`: pod-level true, or true on every container; never false. */
export const PSS_RUN_AS_NON_ROOT: PolicyRule = {
  id: ID,
  title: 'Run as non-root',
  message: 'runAsNonRoot must be true at pod level or on every container, and never false',
  explanation: 'A process running as UID 0 in the container is root on the node if it escapes. PSS restricted rejects pods that do not opt in.',
  fix: 'set spec.securityContext.runAsNonRoot: true on the pod (or securityContext.runAsNonRoot: true on each container; cdk8s-plus-27 renders both unless ensureNonRoot is false) '
    + 'and remove any runAsNonRoot: false',
  plusFix: "new kplus.Deployment(chart, 'Web', { securityContext: { ensureNonRoot: true, user: 10001, group: 10001 }, containers: [{ image }] })",
  mirrors: {
    psa: ['runAsNonRoot'],
    polaris: ['runAsRootAllowed'],
    kubeLinter: ['run-as-non-root'],
    checkov: ['CKV_K8S_23'],
  },
  check(objects) {
    const findings: Finding[] = [];
    for (const template of podTemplates(objects)) {
      const podValue = template.spec.securityContext?.runAsNonRoot;
      const podPath = `${template.specPath}.securityContext.runAsNonRoot`;
      if (podValue !== undefined && podValue !== null && podValue !== true) {
        findings.push(finding(ID, template.object, podPath, `pod: ${podPath} is ${show(podValue)}; allowed: true or unset`));
      }
      for (const ref of containersOf(template)) {
        const value = ref.container.securityContext?.runAsNonRoot;
        const path = `${ref.path}.securityContext.runAsNonRoot`;
        if (value !== undefined && value !== null) {
          if (value !== true) {
            findings.push(finding(ID, template.object, path, `${describeContainer(ref)}: ${path} is ${show(value)}; allowed: true`, ref.name));
          }
        } else if (podValue !== true) {
          findings.push(finding(ID, template.object, path,
            `${describeContainer(ref)}: ${path} is unset and ${podPath} is ${show(podValue)}; one of them must be true`, ref.name));
        }
      }
    }
    return findings;
  },
};
