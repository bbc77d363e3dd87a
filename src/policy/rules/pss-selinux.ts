import { finding, show } from '../_finding';
import { containersOf, describeContainer, podTemplates } from '../_pods';
import { Finding, PolicyRule } from '../types';

const ID = 'CHEESE-PSS13';
const ALLOWED_TYPES = ['', 'container_t', 'container_init_t', 'container_kvm_t'];

function problems(options: any): string[] {
  if (options === undefined || options === null) return [];
  const result: string[] = [];
  if (options.type !== undefined && !ALLOWED_TYPES.includes(options.type)) {
    result.push(`type is ${show(options.type)} (allowed: unset, "container_t", "container_init_t", "container_kvm_t")`);
  }
  if (options.user) result.push(`user is ${show(options.user)} (must be unset)`);
  if (options.role) result.push(`role is ${show(options.role)} (must be unset)`);
  return result;
}

/** PSS baseline `seLinuxOptions`. */
export const PSS_SELINUX: PolicyRule = {
  id: ID,
  title: 'SELinux options restricted',
  message: 'seLinuxOptions.type must be a container type and seLinuxOptions.user/role must be unset',
  explanation: 'A custom SELinux type, user or role can lift the confinement the runtime applies to containers.',
  fix: 'remove seLinuxOptions, or keep only level and a type of container_t / container_init_t / container_kvm_t',
  mirrors: { psa: ['seLinuxOptions'] },
  check(objects) {
    const findings: Finding[] = [];
    for (const template of podTemplates(objects)) {
      const podPath = `${template.specPath}.securityContext.seLinuxOptions`;
      for (const problem of problems(template.spec.securityContext?.seLinuxOptions)) {
        findings.push(finding(ID, template.object, podPath, `pod: ${podPath}.${problem}`));
      }
      for (const ref of containersOf(template)) {
        const path = `${ref.path}.securityContext.seLinuxOptions`;
        for (const problem of problems(ref.container.securityContext?.seLinuxOptions)) {
          findings.push(finding(ID, template.object, path, `${describeContainer(ref)}: ${path}.${problem}`, ref.name));
        }
      }
    }
    return findings;
  },
};
