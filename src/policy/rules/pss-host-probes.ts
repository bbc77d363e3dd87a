import { finding, show } from '../_finding';
import { containersOf, describeContainer, podTemplates } from '../_pods';
import { Finding, PolicyRule } from '../types';

const ID = 'CHEESE-PSS15';
const HANDLERS: ReadonlyArray<readonly string[]> = [
  ['livenessProbe'], ['readinessProbe'], ['startupProbe'], ['lifecycle', 'postStart'], ['lifecycle', 'preStop'],
];

/** PSS baseline `hostProbesAndHostLifecycle` (policy 1.34). */
export const PSS_HOST_PROBES: PolicyRule = {
  id: ID,
  title: 'No host in probes and hooks',
  message: 'httpGet.host and tcpSocket.host in probes and lifecycle hooks must be unset or ""',
  explanation: 'The kubelet runs probes and hooks from the node; a host field turns them into a request to any address the node can reach (SSRF).',
  fix: 'remove the host field so the probe targets the pod IP (set a Host header in httpGet.httpHeaders if a virtual host is needed)',
  mirrors: { psa: ['hostProbesAndHostLifecycle'] },
  check(objects) {
    const findings: Finding[] = [];
    for (const template of podTemplates(objects)) {
      for (const ref of containersOf(template)) {
        for (const handlerPath of HANDLERS) {
          const handler = handlerPath.reduce((acc: any, key) => acc?.[key], ref.container);
          for (const action of ['httpGet', 'tcpSocket']) {
            const host = handler?.[action]?.host;
            if (host !== undefined && host !== null && host !== '') {
              const path = `${ref.path}.${handlerPath.join('.')}.${action}.host`;
              findings.push(finding(ID, template.object, path, `${describeContainer(ref)}: ${path} is ${show(host)}; allowed: "" or unset`, ref.name));
            }
          }
        }
      }
    }
    return findings;
  },
};
