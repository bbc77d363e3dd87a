import { finding, show } from '../_finding';
import { podTemplates } from '../_pods';
import { Finding, PolicyRule } from '../types';

const ID = 'CHEESE-PSS7';
const FIELDS = ['hostNetwork', 'hostPID', 'hostIPC'];

/** PSS baseline `hostNamespaces`. */
export const PSS_HOST_NAMESPACES: PolicyRule = {
  id: ID,
  title: 'No host namespaces',
  message: 'hostNetwork, hostPID and hostIPC must be unset or false',
  explanation: 'Sharing the node\'s network, PID or IPC namespace lets the pod see and talk to every process and port on the node.',
  fix: 'remove spec.hostNetwork / spec.hostPID / spec.hostIPC from the pod spec (or set them to false)',
  mirrors: {
    psa: ['hostNamespaces'],
    polaris: ['hostNetworkSet', 'hostPIDSet', 'hostIPCSet'],
    kubeLinter: ['host-network', 'host-pid', 'host-ipc'],
    checkov: ['CKV_K8S_17', 'CKV_K8S_18', 'CKV_K8S_19'],
  },
  check(objects) {
    const findings: Finding[] = [];
    for (const template of podTemplates(objects)) {
      for (const field of FIELDS) {
        const value = template.spec[field];
        if (value !== undefined && value !== null && value !== false) {
          const path = `${template.specPath}.${field}`;
          findings.push(finding(ID, template.object, path, `pod: ${path} is ${show(value)}; allowed: false or unset`));
        }
      }
    }
    return findings;
  },
};
