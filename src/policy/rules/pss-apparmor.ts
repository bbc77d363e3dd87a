import { finding, show } from '../_finding';
import { containersOf, describeContainer, podTemplates } from '../_pods';
import { Finding, PolicyRule } from '../types';

const ID = 'CHEESE-PSS12';
const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';
const VALID_TYPES = ['RuntimeDefault', 'Localhost'];

function validAnnotation(value: unknown): boolean {
  return value === '' || value === 'runtime/default' || (typeof value === 'string' && value.startsWith('localhost/'));
}

/** PSS baseline `appArmorProfile` (fields and the legacy per-container annotation). */
export const PSS_APPARMOR: PolicyRule = {
  id: ID,
  title: 'AppArmor not disabled',
  message: 'AppArmor must stay RuntimeDefault or Localhost (field) / runtime/default or localhost/* (annotation)',
  explanation: 'Setting the profile to Unconfined switches off the runtime\'s default AppArmor confinement.',
  fix: 'remove appArmorProfile / the container.apparmor.security.beta.kubernetes.io/* annotation, or set it to RuntimeDefault (runtime/default)',
  mirrors: { psa: ['appArmorProfile'] },
  check(objects) {
    const findings: Finding[] = [];
    for (const template of podTemplates(objects)) {
      for (const [key, value] of Object.entries(template.metadata.annotations ?? {})) {
        if (key.startsWith(ANNOTATION_PREFIX) && !validAnnotation(value)) {
          const path = `${template.metadataPath}.annotations["${key}"]`;
          findings.push(finding(ID, template.object, path, `pod: ${path} is ${show(value)}; allowed: "runtime/default" or "localhost/<profile>"`));
        }
      }
      const podType = template.spec.securityContext?.appArmorProfile?.type;
      if (podType !== undefined && !VALID_TYPES.includes(podType)) {
        const path = `${template.specPath}.securityContext.appArmorProfile.type`;
        findings.push(finding(ID, template.object, path, `pod: ${path} is ${show(podType)}; allowed: "RuntimeDefault", "Localhost" or unset`));
      }
      for (const ref of containersOf(template)) {
        const type = ref.container.securityContext?.appArmorProfile?.type;
        if (type !== undefined && !VALID_TYPES.includes(type)) {
          const path = `${ref.path}.securityContext.appArmorProfile.type`;
          findings.push(finding(ID, template.object, path,
            `${describeContainer(ref)}: ${path} is ${show(type)}; allowed: "RuntimeDefault", "Localhost" or unset`, ref.name));
        }
      }
    }
    return findings;
  },
};
