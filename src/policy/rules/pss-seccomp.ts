import { finding, show } from '../_finding';
import { containersOf, describeContainer, podTemplates } from '../_pods';
import { Finding, PolicyRule } from '../types';

const VALID = ['RuntimeDefault', 'Localhost'];

const ID = 'CHEESE-PSS5';

/** PSS restricted `seccompProfile_restricted` (which implies `seccompProfile_baseline`). */
export const PSS_SECCOMP: PolicyRule = {
  id: ID,
  title: 'Seccomp profile set',
  message: 'seccompProfile.type must be RuntimeDefault or Localhost, set at pod level or on every container',
  explanation: 'Without a seccomp profile the container can call every syscall, including ones used in kernel exploits. '
    + 'PSS restricted requires the field to be set; cdk8s-plus-27 has no API for it.',
  fix: 'add spec.securityContext.seccompProfile: { type: RuntimeDefault } to the pod (cdk8s-plus-27 has no API for it: '
    + 'a JSON patch as below, or PodSecurity.harden(chart) for every pod of the chart)',
  plusFix: "const web = new kplus.Deployment(chart, 'Web', { containers: [{ image }] }); "
    + "ApiObject.of(web).addJsonPatch(JsonPatch.add('/spec/template/spec/securityContext/seccompProfile', { type: 'RuntimeDefault' }))",
  mirrors: {
    psa: ['seccompProfile_baseline', 'seccompProfile_restricted'],
    kubeScore: ['container-seccomp-profile'],
    polaris: ['linuxHardening'],
    checkov: ['CKV_K8S_31'],
  },
  check(objects) {
    const findings: Finding[] = [];
    for (const template of podTemplates(objects)) {
      const podProfile = template.spec.securityContext?.seccompProfile;
      const podPath = `${template.specPath}.securityContext.seccompProfile.type`;
      let podSet = false;
      if (podProfile !== undefined && podProfile !== null) {
        if (VALID.includes(podProfile.type)) {
          podSet = true;
        } else {
          findings.push(finding(ID, template.object, podPath, `pod: ${podPath} is ${show(podProfile.type)}; allowed: "RuntimeDefault" or "Localhost"`));
        }
      }
      for (const ref of containersOf(template)) {
        const profile = ref.container.securityContext?.seccompProfile;
        const path = `${ref.path}.securityContext.seccompProfile.type`;
        if (profile !== undefined && profile !== null) {
          if (!VALID.includes(profile.type)) {
            findings.push(finding(ID, template.object, path,
              `${describeContainer(ref)}: ${path} is ${show(profile.type)}; allowed: "RuntimeDefault" or "Localhost"`, ref.name));
          }
        } else if (!podSet) {
          findings.push(finding(ID, template.object, path,
            `${describeContainer(ref)}: ${path} is unset and ${podPath} is ${show(podProfile?.type)}; set one of them to "RuntimeDefault" or "Localhost"`,
            ref.name));
        }
      }
    }
    return findings;
  },
};
