import { finding } from '../_finding';
import { Finding, PolicyRule } from '../types';

const ID = 'CHEESE-ING2';
const SNIPPET = /-snippets?$/i;

/** No `*-snippet` annotations on Ingresses (nginx configuration injection). */
export const INGRESS_NO_SNIPPETS: PolicyRule = {
  id: ID,
  title: 'No snippet annotations',
  message: 'Ingress annotations must not contain *-snippet keys',
  explanation: 'Snippet annotations paste raw nginx configuration into the shared controller; they were the vector of CVE-2021-25742 and '
    + 'IngressNightmare (CVE-2025-1974) and let one Ingress read every Secret the controller can.',
  fix: 'remove the annotation and use the controller\'s dedicated annotations (rewrite-target, rewrites, proxy-body-size, ...) instead',
  mirrors: { checkov: ['CKV_K8S_152', 'CKV_K8S_153', 'CKV_K8S_154'] },
  check(objects) {
    const findings: Finding[] = [];
    for (const ingress of objects.filter(o => o.kind === 'Ingress')) {
      for (const key of Object.keys(ingress.metadata.annotations ?? {})) {
        if (SNIPPET.test(key)) {
          findings.push(finding(ID, ingress, `metadata.annotations["${key}"]`, `metadata.annotations has the snippet annotation "${key}"; no *-snippet keys are allowed`));
        }
      }
    }
    return findings;
  },
};
