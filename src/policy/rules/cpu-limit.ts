import { finding, show } from '../_finding';
import { ContainerRole, containersOf, describeContainer, podTemplates } from '../_pods';
import { Finding, PolicyRule } from '../types';
import { quantityMissing } from './_resources';

const ID = 'CHEESE-RES2';

/** CPU limit on every container; a separate rule so it can be suppressed on its own. */
export const CPU_LIMIT: PolicyRule = {
  id: ID,
  title: 'CPU limit set',
  message: 'every container must set resources.limits.cpu',
  explanation: 'Three of the four linters (kube-score, Polaris, Checkov) require a CPU limit. It caps a runaway process, at the cost of CFS throttling; '
    + 'containers that deliberately run without one (latency-sensitive inference) suppress this rule with the reason.',
  fix: 'set resources.limits.cpu, or Suppressions.add(container scope, "CHEESE-RES2", "<why no CPU limit>")',
  plusFix: "new kplus.Deployment(chart, 'Web', { containers: [{ image, resources: { cpu: { request: kplus.Cpu.millis(250), limit: kplus.Cpu.millis(1000) } } }] })",
  mirrors: {
    kubeScore: ['container-resources'],
    polaris: ['cpuLimitsMissing'],
    checkov: ['CKV_K8S_11'],
  },
  check(objects) {
    const findings: Finding[] = [];
    for (const template of podTemplates(objects)) {
      for (const ref of containersOf(template, [ContainerRole.INIT, ContainerRole.CONTAINER])) {
        const value = ref.container.resources?.limits?.cpu;
        if (quantityMissing(value)) {
          const path = `${ref.path}.resources.limits.cpu`;
          findings.push(finding(ID, template.object, path, `${describeContainer(ref)}: ${path} is ${show(value)}; it must be a non-zero quantity`, ref.name));
        }
      }
    }
    return findings;
  },
};
