import { SCALABLE_KINDS } from '../../core/manifest';
import { selectorMatches } from '../../core/selector';
import { finding } from '../_finding';
import { podCounts, podLabels, sameNamespace } from '../_workloads';
import { Finding, PolicyRule } from '../types';

const ID = 'CHEESE-PDB1';

/** A PodDisruptionBudget covers every workload that can run more than one pod. */
export const PDB_PRESENT: PolicyRule = {
  id: ID,
  title: 'PDB for replicated workloads',
  message: 'every Deployment/StatefulSet/ReplicaSet that can run more than one pod must be selected by a PodDisruptionBudget',
  explanation: 'Without a PDB a node drain (GKE auto-upgrade, autoscaler scale-down) may evict every replica at once and take the tier down.',
  fix: 'add a PodDisruptionBudget in the same namespace whose selector matches the pod template labels, e.g. '
    + '{ maxUnavailable: 1, unhealthyPodEvictionPolicy: "AlwaysAllow", selector: { matchLabels: <pod labels> } } (cdk8s-plus-27 has no PDB: use its L1 class)',
  plusFix: "const web = new kplus.Deployment(chart, 'Web', { containers: [{ image }] }); new kplus.k8s.KubePodDisruptionBudget(chart, 'Pdb', { spec: { "
    + "maxUnavailable: kplus.k8s.IntOrString.fromNumber(1), unhealthyPodEvictionPolicy: 'AlwaysAllow', selector: { matchLabels: web.matchLabels } } })",
  mirrors: {
    kubeScore: ['deployment-has-poddisruptionbudget', 'statefulset-has-poddisruptionbudget'],
    polaris: ['missingPodDisruptionBudget'],
  },
  check(objects) {
    const counts = podCounts(objects);
    const findings: Finding[] = [];
    const pdbs = objects.filter(o => o.kind === 'PodDisruptionBudget');
    for (const workload of objects.filter(o => SCALABLE_KINDS.includes(o.kind))) {
      const pods = counts.max(workload);
      if (pods <= 1) continue;
      const labels = podLabels(workload);
      const covered = pdbs.some(pdb => sameNamespace(pdb, workload) && selectorMatches(pdb.spec?.selector, labels, false));
      if (!covered) {
        findings.push(finding(ID, workload, 'spec.template.metadata.labels',
          `can run ${pods} pods (replicas / HPA maxReplicas) but no PodDisruptionBudget in namespace ${JSON.stringify(workload.metadata.namespace ?? '')} `
          + `selects its pod labels ${JSON.stringify(labels)}`));
      }
    }
    return findings;
  },
};
