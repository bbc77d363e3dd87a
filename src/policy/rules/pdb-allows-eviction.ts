import { SCALABLE_KINDS } from '../../core/manifest';
import { selectorMatches } from '../../core/selector';
import { finding, show } from '../_finding';
import { podCounts, podLabels, sameNamespace } from '../_workloads';
import { Finding, PolicyRule } from '../types';

const ID = 'CHEESE-PDB2';

function percent(value: unknown): number | undefined {
  if (typeof value !== 'string' || !value.trim().endsWith('%')) return undefined;
  return Number(value.trim().slice(0, -1));
}

function integer(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) return Number(value);
  return undefined;
}

/** A PodDisruptionBudget sets one policy and can allow at least one eviction. */
export const PDB_ALLOWS_EVICTION: PolicyRule = {
  id: ID,
  title: 'PDB allows evictions',
  message: 'a PodDisruptionBudget must set minAvailable or maxUnavailable and must not block every eviction',
  explanation: 'maxUnavailable 0, minAvailable 100%, or minAvailable >= the pod count blocks node drains forever; GKE then force-drains after '
    + 'about an hour anyway, so the PDB protects nothing and only stalls upgrades.',
  fix: 'use maxUnavailable: 1 (works for any replica count); for a single-replica workload drop the PDB or keep maxUnavailable: 1',
  mirrors: {
    kubeScore: ['poddisruptionbudget-has-policy'],
    polaris: ['pdbDisruptionsIsZero'],
    kubeLinter: ['pdb-max-unavailable', 'pdb-min-available'],
  },
  check(objects) {
    const counts = podCounts(objects);
    const findings: Finding[] = [];
    for (const pdb of objects.filter(o => o.kind === 'PodDisruptionBudget')) {
      const minAvailable = pdb.spec?.minAvailable;
      const maxUnavailable = pdb.spec?.maxUnavailable;
      if (minAvailable === undefined && maxUnavailable === undefined) {
        findings.push(finding(ID, pdb, 'spec', 'spec.minAvailable and spec.maxUnavailable are both unset; set exactly one (maxUnavailable: 1 recommended)'));
        continue;
      }
      if (maxUnavailable !== undefined && (integer(maxUnavailable) === 0 || percent(maxUnavailable) === 0)) {
        findings.push(finding(ID, pdb, 'spec.maxUnavailable', `spec.maxUnavailable is ${show(maxUnavailable)}, which allows no eviction; allowed: >= 1 or > 0%`));
      }
      if (minAvailable === undefined) continue;
      const minPercent = percent(minAvailable);
      if (minPercent !== undefined && minPercent >= 100) {
        findings.push(finding(ID, pdb, 'spec.minAvailable', `spec.minAvailable is ${show(minAvailable)}, which allows no eviction; allowed: < 100%`));
      }
      const minCount = integer(minAvailable);
      if (minCount === undefined) continue;
      for (const workload of objects.filter(o => SCALABLE_KINDS.includes(o.kind) && sameNamespace(o, pdb))) {
        if (!selectorMatches(pdb.spec?.selector, podLabels(workload), false)) continue;
        const pods = counts.min(workload);
        if (minCount >= pods) {
          findings.push(finding(ID, pdb, 'spec.minAvailable', `spec.minAvailable is ${minCount} but ${workload.kind}/${workload.metadata.name} `
            + `normally runs ${pods} pod(s), so no eviction is allowed; allowed: < ${pods}, or use maxUnavailable: 1`));
        }
      }
    }
    return findings;
  },
};
