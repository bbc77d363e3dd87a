import { finding, show } from '../_finding';
import { containersOf, describeContainer, podTemplates } from '../_pods';
import { Finding, PolicyRule } from '../types';

const ID = 'CHEESE-PSS11';

/** PSS baseline `procMount` and restricted `procMount_restricted`. */
export const PSS_PROC_MOUNT: PolicyRule = {
  id: ID,
  title: 'Default /proc mount',
  message: 'securityContext.procMount must be unset or "Default"',
  explanation: '"Unmasked" exposes /proc paths the runtime normally hides (kernel keys, sysrq). Restricted forbids it even with user namespaces.',
  fix: 'remove securityContext.procMount from the container',
  mirrors: {
    psa: ['procMount', 'procMount_restricted'],
    polaris: ['procMount'],
    kubeLinter: ['unsafe-proc-mount'],
  },
  check(objects) {
    const findings: Finding[] = [];
    for (const template of podTemplates(objects)) {
      for (const ref of containersOf(template)) {
        const value = ref.container.securityContext?.procMount;
        if (value !== undefined && value !== null && value !== 'Default') {
          const path = `${ref.path}.securityContext.procMount`;
          findings.push(finding(ID, template.object, path, `${describeContainer(ref)}: ${path} is ${show(value)}; allowed: "Default" or unset`, ref.name));
        }
      }
    }
    return findings;
  },
};
