import { finding, show } from '../_finding';
import { containersOf, describeContainer, podTemplates } from '../_pods';
import { Finding, PolicyRule } from '../types';

const ID = 'CHEESE-PSS9';

/** PSS baseline `hostPorts`. */
export const PSS_HOST_PORTS: PolicyRule = {
  id: ID,
  title: 'No host ports',
  message: 'containers[*].ports[*].hostPort must be unset or 0',
  explanation: 'A hostPort binds the node\'s own IP, bypasses Services and NetworkPolicies, and limits the pod to one per node.',
  fix: 'remove hostPort and expose the port through a Service (and the Ingress) instead',
  mirrors: {
    psa: ['hostPorts'],
    polaris: ['hostPortSet'],
    checkov: ['CKV_K8S_26'],
  },
  check(objects) {
    const findings: Finding[] = [];
    for (const template of podTemplates(objects)) {
      for (const ref of containersOf(template)) {
        const ports: any[] = Array.isArray(ref.container.ports) ? ref.container.ports : [];
        ports.forEach((port, i) => {
          const value = port?.hostPort;
          if (value !== undefined && value !== null && value !== 0) {
            const path = `${ref.path}.ports[${i}].hostPort`;
            findings.push(finding(ID, template.object, path, `${describeContainer(ref)}: ${path} is ${show(value)}; allowed: 0 or unset`, ref.name));
          }
        });
      }
    }
    return findings;
  },
};
