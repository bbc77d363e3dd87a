import { finding } from '../_finding';
import { Finding, PolicyRule } from '../types';

const ID = 'CHEESE-ING1';

/** GKE Ingress annotations that attach a certificate without a `spec.tls` block. */
export const GKE_CERT_ANNOTATIONS: readonly string[] = ['networking.gke.io/managed-certificates', 'ingress.gcp.kubernetes.io/pre-shared-cert'];

function hostCovered(host: string, tlsHosts: string[]): boolean {
  return tlsHosts.some(t => t === host || (t.startsWith('*.') && host.endsWith(t.slice(1)) && !host.slice(0, -t.length + 1).includes('.')));
}

/** TLS on every Ingress, when `context.requireIngressTls` is true. */
export const INGRESS_TLS: PolicyRule = {
  id: ID,
  title: 'Ingress terminates TLS',
  message: 'every Ingress must terminate TLS for all of its hosts (spec.tls, or a GKE certificate annotation)',
  explanation: 'Without TLS chat messages and any session data cross the internet in clear text.',
  fix: 'add spec.tls: [{ hosts: [<host>], secretName: <cert-secret> }] (e.g. issued by cert-manager), or on GKE Ingress the annotation '
    + 'networking.gke.io/managed-certificates; pass requireIngressTls: false only for local clusters',
  mirrors: { polaris: ['tlsSettingsMissing'] },
  check(objects, context) {
    const findings: Finding[] = [];
    if (!context.requireIngressTls) return findings;
    for (const ingress of objects.filter(o => o.kind === 'Ingress')) {
      const annotations = ingress.metadata.annotations ?? {};
      if (GKE_CERT_ANNOTATIONS.some(key => typeof annotations[key] === 'string' && annotations[key].trim() !== '')) continue;
      const tls: any[] = Array.isArray(ingress.spec?.tls) ? ingress.spec.tls : [];
      if (tls.length === 0) {
        findings.push(finding(ID, ingress, 'spec.tls', `spec.tls is ${ingress.spec?.tls === undefined ? 'unset' : 'empty'}; `
          + `it must list a certificate for the hosts, or set one of the annotations ${GKE_CERT_ANNOTATIONS.join(', ')}`));
        continue;
      }
      if (tls.some(entry => !Array.isArray(entry?.hosts) || entry.hosts.length === 0)) continue; // a host-less entry is the default certificate
      const tlsHosts: string[] = tls.flatMap(entry => entry.hosts);
      const rules: any[] = Array.isArray(ingress.spec?.rules) ? ingress.spec.rules : [];
      rules.forEach((rule, i) => {
        if (typeof rule?.host === 'string' && !hostCovered(rule.host, tlsHosts)) {
          findings.push(finding(ID, ingress, `spec.rules[${i}].host`,
            `spec.rules[${i}].host "${rule.host}" is not listed in any spec.tls[*].hosts (${JSON.stringify(tlsHosts)})`));
        }
      });
    }
    return findings;
  },
};
