import { KubeObject } from '../../core/manifest';
import { selectorMatches } from '../../core/selector';
import { finding } from '../_finding';
import { podTemplates } from '../_pods';
import { sameNamespace } from '../_workloads';
import { Finding, PolicyRule } from '../types';

const ID = 'CHEESE-NET1';

/**
 * The directions a NetworkPolicy applies to. When `policyTypes` is unset the API defaults it to
 * Ingress, plus Egress if the policy has egress rules.
 */
export function policyDirections(policy: KubeObject): string[] {
  const types = policy.spec?.policyTypes;
  if (Array.isArray(types) && types.length > 0) return types;
  const egress = policy.spec?.egress;
  return Array.isArray(egress) && egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

/** Every pod is isolated for ingress and for egress by at least one NetworkPolicy each. */
export const NETWORK_POLICY_COVERAGE: PolicyRule = {
  id: ID,
  title: 'NetworkPolicy covers ingress and egress',
  message: 'every pod must be selected by a NetworkPolicy for Ingress and by one for Egress',
  explanation: 'A pod no policy selects accepts traffic from, and sends traffic to, anything in the cluster; Chroma has no auth of its own, '
    + 'so the policy is its access control. A namespace default-deny (podSelector: {}) counts.',
  fix: 'add a default-deny NetworkPolicy ({ podSelector: {}, policyTypes: ["Ingress", "Egress"] }) to the namespace and per-tier allows '
    + 'including DNS egress; cheese-k8s writes them from the recorded connections (AppNetwork), cdk8s-plus-27 workloads included',
  plusFix: "const web = new kplus.Deployment(chart, 'Web', { containers: [{ image }] }); "
    + "Connections.of(chart).addPeer(NetworkPeer.fromPlus(web)); new AppNetwork(chart, 'Network')",
  mirrors: {
    kubeScore: ['pod-networkpolicy'],
    polaris: ['missingNetworkPolicy'],
    kubeLinter: ['non-isolated-pod'],
    checkov: ['CKV2_K8S_6'],
  },
  check(objects) {
    const findings: Finding[] = [];
    const policies = objects.filter(o => o.kind === 'NetworkPolicy');
    for (const template of podTemplates(objects)) {
      const labels = template.metadata.labels ?? {};
      const selecting = policies.filter(p => sameNamespace(p, template.object) && selectorMatches(p.spec?.podSelector, labels, true));
      const missing = ['Ingress', 'Egress'].filter(direction => !selecting.some(p => policyDirections(p).includes(direction)));
      if (missing.length > 0) {
        findings.push(finding(ID, template.object, `${template.metadataPath}.labels`,
          `no NetworkPolicy in namespace ${JSON.stringify(template.object.metadata.namespace ?? '')} selects pod labels ${JSON.stringify(labels)} `
          + `for ${missing.join(' and ')}${selecting.length > 0 ? ` (selected by ${selecting.map(p => p.metadata.name).join(', ')})` : ''}`));
      }
    }
    return findings;
  },
};
