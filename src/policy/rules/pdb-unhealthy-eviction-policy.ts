import { finding, show } from '../_finding';
import { Finding, PolicyRule } from '../types';

const ID = 'CHEESE-PDB3';
const ALLOWED = ['AlwaysAllow', 'IfHealthyBudget'];

/** `unhealthyPodEvictionPolicy` set explicitly on every PodDisruptionBudget. */
export const PDB_UNHEALTHY_EVICTION_POLICY: PolicyRule = {
  id: ID,
  title: 'PDB unhealthy-pod eviction policy explicit',
  message: 'every PodDisruptionBudget must set spec.unhealthyPodEvictionPolicy explicitly',
  explanation: 'The default (IfHealthyBudget) refuses to evict a Running-but-not-Ready pod while the budget is unhealthy, so one broken pod can '
    + 'stall a node drain.',
  fix: 'set spec.unhealthyPodEvictionPolicy: "AlwaysAllow"',
  mirrors: { kubeLinter: ['pdb-unhealthy-pod-eviction-policy'] },
  check(objects) {
    const findings: Finding[] = [];
    for (const pdb of objects.filter(o => o.kind === 'PodDisruptionBudget')) {
      const value = pdb.spec?.unhealthyPodEvictionPolicy;
      if (!ALLOWED.includes(value)) {
        findings.push(finding(ID, pdb, 'spec.unhealthyPodEvictionPolicy',
          `spec.unhealthyPodEvictionPolicy is ${show(value)}; allowed: "AlwaysAllow" (recommended) or "IfHealthyBudget"`));
      }
    }
    return findings;
  },
};
