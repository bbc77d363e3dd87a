import { finding, show } from '../_finding';
import { ContainerRole, containersOf, describeContainer, podTemplates } from '../_pods';
import { Finding, PolicyRule } from '../types';
import { quantityMissing } from './_resources';

const ID = 'CHEESE-RES1';
const REQUIRED: ReadonlyArray<readonly [string, string]> = [['requests', 'cpu'], ['requests', 'memory'], ['limits', 'memory']];

/** CPU request, memory request and memory limit on every container (CPU limit is CHEESE-RES2). */
export const RESOURCES_REQUIRED: PolicyRule = {
  id: ID,
  title: 'Requests and memory limit set',
  message: 'every container must set resources.requests.cpu, resources.requests.memory and resources.limits.memory',
  explanation: 'The scheduler places pods by requests and the HPA computes utilization against them; without a memory limit one leak can get '
    + 'other pods on the node OOM-killed.',
  fix: 'set measured values, e.g. resources: { requests: { cpu: "250m", memory: "512Mi" }, limits: { memory: "512Mi" } } ',
  plusFix: "new kplus.Deployment(chart, 'Web', { containers: [{ image, resources: { cpu: { request: kplus.Cpu.millis(250) }, "
    + 'memory: { request: Size.mebibytes(512), limit: Size.mebibytes(512) } } }] })',
  mirrors: {
    kubeScore: ['container-resources'],
    polaris: ['cpuRequestsMissing', 'memoryRequestsMissing', 'memoryLimitsMissing'],
    kubeLinter: ['unset-cpu-requirements', 'unset-memory-requirements'],
    checkov: ['CKV_K8S_10', 'CKV_K8S_12', 'CKV_K8S_13'],
  },
  check(objects) {
    const findings: Finding[] = [];
    for (const template of podTemplates(objects)) {
      // ephemeral containers cannot have resources
      for (const ref of containersOf(template, [ContainerRole.INIT, ContainerRole.CONTAINER])) {
        for (const [section, resource] of REQUIRED) {
          const value = ref.container.resources?.[section]?.[resource];
          if (quantityMissing(value)) {
            const path = `${ref.path}.resources.${section}.${resource}`;
            findings.push(finding(ID, template.object, path, `${describeContainer(ref)}: ${path} is ${show(value)}; it must be a non-zero quantity`, ref.name));
          }
        }
      }
    }
    return findings;
  },
};
