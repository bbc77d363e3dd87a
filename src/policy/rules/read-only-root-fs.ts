import { finding, show } from '../_finding';
import { containersOf, describeContainer, podTemplates } from '../_pods';
import { Finding, PolicyRule } from '../types';

const ID = 'CHEESE-FS1';

/** Read-only root filesystem on every container (not part of PSS; every linter asks for it). */
export const READ_ONLY_ROOT_FS: PolicyRule = {
  id: ID,
  title: 'Read-only root filesystem',
  message: 'every container must set securityContext.readOnlyRootFilesystem to true',
  explanation: 'A writable image filesystem lets an attacker drop tools or change code; it also hides state that is lost on restart.',
  fix: 'set securityContext.readOnlyRootFilesystem: true (the cdk8s-plus-27 default) and mount emptyDir volumes for paths the app writes (/tmp, caches)',
  plusFix: "new kplus.Deployment(chart, 'Web', { containers: [{ image, securityContext: { readOnlyRootFilesystem: true }, "
    + "volumeMounts: [{ path: '/tmp', volume: kplus.Volume.fromEmptyDir(chart, 'Tmp', 'tmp') }] }] })",
  mirrors: {
    kubeScore: ['container-security-context-readonlyrootfilesystem'],
    polaris: ['notReadOnlyRootFilesystem'],
    kubeLinter: ['no-read-only-root-fs'],
    checkov: ['CKV_K8S_22'],
  },
  check(objects) {
    const findings: Finding[] = [];
    for (const template of podTemplates(objects)) {
      for (const ref of containersOf(template)) {
        const value = ref.container.securityContext?.readOnlyRootFilesystem;
        if (value !== true) {
          const path = `${ref.path}.securityContext.readOnlyRootFilesystem`;
          findings.push(finding(ID, template.object, path, `${describeContainer(ref)}: ${path} is ${show(value)}; allowed: true`, ref.name));
        }
      }
    }
    return findings;
  },
};
