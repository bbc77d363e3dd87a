import { finding } from '../_finding';
import { Finding, PolicyRule } from '../types';
import { secretContent, sensitiveName } from './_sensitive';

const ID = 'CHEESE-SEC1';

function decode(value: unknown): string | undefined {
  return typeof value === 'string' ? Buffer.from(value, 'base64').toString('utf8') : undefined;
}

/** No secret-looking keys or values in ConfigMaps. */
export const CONFIGMAP_NO_SECRETS: PolicyRule = {
  id: ID,
  title: 'No secrets in ConfigMaps',
  message: 'ConfigMap keys must not look like secrets (password, token, secret, bearer, cloud keys) and values must not contain private keys',
  explanation: 'ConfigMaps are readable by anyone with view access, are not encrypted at rest by the app, and their YAML is committed to git.',
  fix: 'move the value to a Secret created outside git (Workload Identity for GCP, External Secrets or Sealed Secrets otherwise) and reference it; '
    + 'rename keys that only hold non-secret settings',
  mirrors: { polaris: ['sensitiveConfigmapContent'] },
  check(objects) {
    const findings: Finding[] = [];
    for (const cm of objects.filter(o => o.kind === 'ConfigMap')) {
      for (const field of ['data', 'binaryData']) {
        for (const [key, raw] of Object.entries(cm[field] ?? {})) {
          const value = field === 'binaryData' ? decode(raw) : raw;
          const path = `${field}["${key}"]`;
          if (sensitiveName(key, value)) {
            findings.push(finding(ID, cm, path, `${path}: the key name "${key}" looks like a secret; allowed: keys not matching password|token|secret|bearer `
              + 'or a cloud-credential name (GOOGLE_APPLICATION_CREDENTIALS only with an absolute file path)'));
          }
          const content = secretContent(value);
          if (content) {
            findings.push(finding(ID, cm, path, `${path}: the value contains ${content}; secret material is not allowed in a ConfigMap`));
          }
        }
      }
    }
    return findings;
  },
};
