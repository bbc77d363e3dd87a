import { finding } from '../_finding';
import { ContainerRole, containersOf, describeContainer, PodTemplate, podTemplates } from '../_pods';
import { Finding, PolicyRule } from '../types';

const ID = 'CHEESE-PRB1';
const LONG_RUNNING_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Pod'];

function longRunning(template: PodTemplate): boolean {
  if (!LONG_RUNNING_KINDS.includes(template.object.kind)) return false; // Job and CronJob run to completion
  const restartPolicy = template.spec.restartPolicy;
  return restartPolicy === undefined || restartPolicy === 'Always';
}

/** Readiness probe on every long-running container (not Jobs, not init containers). */
export const READINESS_PROBE: PolicyRule = {
  id: ID,
  title: 'Readiness probe',
  message: 'every container of a long-running workload must define a readinessProbe',
  explanation: 'Without readiness the Service sends traffic to a pod as soon as the process starts (before the API has loaded its model) '
    + 'and rolling updates cannot tell a broken version from a working one.',
  fix: 'add readinessProbe, distinct from the liveness probe',
  plusFix: "new kplus.Deployment(chart, 'Web', { containers: [{ image, portNumber: 8080, readiness: kplus.Probe.fromHttpGet('/healthz') }] })",
  mirrors: {
    kubeScore: ['pod-probes'],
    polaris: ['readinessProbeMissing'],
    kubeLinter: ['no-readiness-probe'],
    checkov: ['CKV_K8S_9'],
  },
  check(objects) {
    const findings: Finding[] = [];
    for (const template of podTemplates(objects).filter(longRunning)) {
      for (const ref of containersOf(template, [ContainerRole.CONTAINER])) {
        if (!ref.container.readinessProbe) {
          const path = `${ref.path}.readinessProbe`;
          findings.push(finding(ID, template.object, path, `${describeContainer(ref)}: ${path} is unset; it must be a probe (httpGet, tcpSocket, grpc or exec)`,
            ref.name));
        }
      }
    }
    return findings;
  },
};
