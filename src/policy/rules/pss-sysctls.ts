import { finding } from '../_finding';
import { podTemplates } from '../_pods';
import { Finding, PolicyRule } from '../types';

const ID = 'CHEESE-PSS10';

/**
 * Sysctls PSS baseline allows as of policy version 1.32.
 *
 * Policy 1.0 allows the first five; 1.27 adds `ip_local_reserved_ports`; 1.29 adds the keepalive
 * and `tcp_fin_timeout` ones; 1.32 adds `tcp_rmem`/`tcp_wmem`. Later additions
 * (`tcp_slow_start_after_idle`, `tcp_notsent_lowat`) are not allowed here, so a pinned
 * `enforce-version: v1.32` namespace accepts everything this rule accepts.
 */
export const SAFE_SYSCTLS: readonly string[] = [
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
  'net.ipv4.tcp_rmem',
  'net.ipv4.tcp_wmem',
];

/** PSS baseline `sysctls`. */
export const PSS_SYSCTLS: PolicyRule = {
  id: ID,
  title: 'Safe sysctls only',
  message: 'spec.securityContext.sysctls may only name the PSS "safe" set',
  explanation: 'Other sysctls are not namespaced per pod; setting them changes the node kernel for every pod on it.',
  fix: `remove the sysctl, or use one of: ${SAFE_SYSCTLS.join(', ')}`,
  mirrors: {
    psa: ['sysctls'],
    kubeLinter: ['unsafe-sysctls'],
  },
  check(objects) {
    const findings: Finding[] = [];
    for (const template of podTemplates(objects)) {
      const sysctls: any[] = Array.isArray(template.spec.securityContext?.sysctls) ? template.spec.securityContext.sysctls : [];
      sysctls.forEach((sysctl, i) => {
        if (!SAFE_SYSCTLS.includes(sysctl?.name)) {
          const path = `${template.specPath}.securityContext.sysctls[${i}].name`;
          findings.push(finding(ID, template.object, path, `pod: ${path} is ${JSON.stringify(sysctl?.name)}, which is not in the PSS safe set`));
        }
      });
    }
    return findings;
  },
};
