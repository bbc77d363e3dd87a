import { finding, show } from '../_finding';
import { containersOf, describeContainer, podTemplates } from '../_pods';
import { Finding, PolicyRule } from '../types';

const ID = 'CHEESE-PSS4';

/** PSS restricted `capabilities_restricted` (which implies `capabilities_baseline`). */
export const PSS_CAPABILITIES: PolicyRule = {
  id: ID,
  title: 'Capabilities dropped',
  message: 'every container must drop ALL capabilities and may add back only NET_BIND_SERVICE',
  explanation: 'The runtime grants a default capability set (CHOWN, SETUID, NET_RAW, ...) that a web app never needs. '
    + 'PSS restricted requires drop: ["ALL"]; cdk8s-plus-27 does not set capabilities by default.',
  fix: 'set securityContext.capabilities: { drop: ["ALL"] } on the container and remove every added capability except NET_BIND_SERVICE '
    + '(cdk8s-plus-27 has no Capability.ALL and its names carry a CAP_ prefix PSA rejects: cast the string as below, '
    + 'or let PodSecurity.harden(chart) drop ALL and strip the prefix)',
  plusFix: "new kplus.Deployment(chart, 'Web', { containers: [{ image, securityContext: { capabilities: { drop: ['ALL' as kplus.Capability] } } }] })",
  mirrors: {
    psa: ['capabilities_baseline', 'capabilities_restricted'],
    polaris: ['insecureCapabilities', 'dangerousCapabilities'],
    kubeLinter: ['drop-net-raw-capability'],
    checkov: ['CKV_K8S_25', 'CKV_K8S_28', 'CKV_K8S_37', 'CKV_K8S_39'],
  },
  check(objects) {
    const findings: Finding[] = [];
    for (const template of podTemplates(objects)) {
      for (const ref of containersOf(template)) {
        const caps = ref.container.securityContext?.capabilities;
        const drop = caps?.drop;
        const dropPath = `${ref.path}.securityContext.capabilities.drop`;
        if (!Array.isArray(drop) || !drop.includes('ALL')) {
          findings.push(finding(ID, template.object, dropPath,
            `${describeContainer(ref)}: ${dropPath} is ${show(drop)}; it must include "ALL"`, ref.name));
        }
        const add: unknown[] = Array.isArray(caps?.add) ? caps.add : [];
        const forbidden = add.filter(c => c !== 'NET_BIND_SERVICE');
        if (forbidden.length > 0) {
          const addPath = `${ref.path}.securityContext.capabilities.add`;
          findings.push(finding(ID, template.object, addPath,
            `${describeContainer(ref)}: ${addPath} adds ${show(forbidden)}; only "NET_BIND_SERVICE" may be added`, ref.name));
        }
      }
    }
    return findings;
  },
};
