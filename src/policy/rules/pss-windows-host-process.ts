import { finding, show } from '../_finding';
import { containersOf, describeContainer, podTemplates } from '../_pods';
import { Finding, PolicyRule } from '../types';

const ID = 'CHEESE-PSS14';

/** PSS baseline `windowsHostProcess`. */
export const PSS_WINDOWS_HOST_PROCESS: PolicyRule = {
  id: ID,
  title: 'No Windows HostProcess',
  message: 'securityContext.windowsOptions.hostProcess must be unset or false',
  explanation: 'A Windows HostProcess container runs directly on the node with host privileges.',
  fix: 'remove windowsOptions.hostProcess from the pod and container security contexts',
  mirrors: {
    psa: ['windowsHostProcess'],
    polaris: ['hostProcess'],
  },
  check(objects) {
    const findings: Finding[] = [];
    for (const template of podTemplates(objects)) {
      const podValue = template.spec.securityContext?.windowsOptions?.hostProcess;
      if (podValue !== undefined && podValue !== null && podValue !== false) {
        const path = `${template.specPath}.securityContext.windowsOptions.hostProcess`;
        findings.push(finding(ID, template.object, path, `pod: ${path} is ${show(podValue)}; allowed: false or unset`));
      }
      for (const ref of containersOf(template)) {
        const value = ref.container.securityContext?.windowsOptions?.hostProcess;
        if (value !== undefined && value !== null && value !== false) {
          const path = `${ref.path}.securityContext.windowsOptions.hostProcess`;
          findings.push(finding(ID, template.object, path, `${describeContainer(ref)}: ${path} is ${show(value)}; allowed: false or unset`, ref.name));
        }
      }
    }
    return findings;
  },
};
