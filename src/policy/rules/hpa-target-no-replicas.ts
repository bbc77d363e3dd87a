import { finding, show } from '../_finding';
import { hpaTarget } from '../_workloads';
import { Finding, PolicyRule } from '../types';

const ID = 'CHEESE-HPA1';

/** No `spec.replicas` on a workload an HPA scales. */
export const HPA_TARGET_NO_REPLICAS: PolicyRule = {
  id: ID,
  title: 'No replicas under an HPA',
  message: 'a workload targeted by a HorizontalPodAutoscaler must not set spec.replicas',
  explanation: 'Every kubectl apply resets spec.replicas to the manifest value, undoing the HPA\'s scaling until it reacts again.',
  fix: 'leave spec.replicas out of the workload and set the floor with HPA minReplicas (cdk8s-plus-27 drops replicas when one of its HPAs targets the workload)',
  plusFix: "const web = new kplus.Deployment(chart, 'Web', { containers: [{ image }] }); "
    + "new kplus.HorizontalPodAutoscaler(chart, 'Hpa', { target: web, minReplicas: 2, maxReplicas: 6 })",
  mirrors: { kubeScore: ['deployment-targeted-by-hpa-does-not-have-replicas-configured'] },
  check(objects) {
    const findings: Finding[] = [];
    const reported = new Set<unknown>();
    for (const hpa of objects.filter(o => o.kind === 'HorizontalPodAutoscaler')) {
      const target = hpaTarget(objects, hpa);
      if (!target || reported.has(target) || target.spec?.replicas === undefined || target.spec?.replicas === null) continue;
      reported.add(target);
      findings.push(finding(ID, target, 'spec.replicas',
        `spec.replicas is ${show(target.spec.replicas)} but HorizontalPodAutoscaler/${hpa.metadata.name} scales this workload; allowed: unset`));
    }
    return findings;
  },
};
