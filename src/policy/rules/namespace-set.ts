import { finding, show } from '../_finding';
import { Finding, PolicyRule } from '../types';

const ID = 'CHEESE-NS1';

/** Kinds that are cluster-scoped and therefore have no namespace. Any other kind is treated as namespaced. */
export const CLUSTER_SCOPED_KINDS: readonly string[] = [
  'APIService', 'CertificateSigningRequest', 'ClusterIssuer', 'ClusterRole', 'ClusterRoleBinding', 'ClusterSecretStore', 'ComponentStatus',
  'CSIDriver', 'CSINode', 'CustomResourceDefinition', 'FlowSchema', 'GatewayClass', 'IngressClass', 'MutatingWebhookConfiguration', 'Namespace',
  'Node', 'PersistentVolume', 'PodSecurityPolicy', 'PriorityClass', 'PriorityLevelConfiguration', 'RuntimeClass', 'StorageClass',
  'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'ValidatingWebhookConfiguration', 'VolumeAttachment',
];

/** Namespaced objects carry an explicit, non-default namespace. */
export const NAMESPACE_SET: PolicyRule = {
  id: ID,
  title: 'Namespace set',
  message: 'every namespaced object must set metadata.namespace to a namespace other than "default"',
  explanation: 'Without it kubectl apply puts the object in whatever namespace the current context points at, and "default" has no PSS labels, '
    + 'quotas or NetworkPolicies.',
  fix: 'give the chart a namespace (new Chart(app, id, { namespace: "cheese-app" })) or set metadata.namespace on the object',
  mirrors: {
    kubeLinter: ['use-namespace'],
    checkov: ['CKV_K8S_21'],
  },
  check(objects) {
    const findings: Finding[] = [];
    for (const obj of objects.filter(o => !CLUSTER_SCOPED_KINDS.includes(o.kind))) {
      const value = obj.metadata?.namespace;
      if (value === undefined || value === null || value === '' || value === 'default') {
        findings.push(finding(ID, obj, 'metadata.namespace', `metadata.namespace is ${show(value)}; allowed: a namespace other than "default"`));
      }
    }
    return findings;
  },
};
