import { finding } from '../_finding';
import { Finding, PolicyRule } from '../types';

const ID = 'CHEESE-SEC3';

/** No `kind: Secret` carrying `data` or `stringData`. */
export const NO_INLINE_SECRET_DATA: PolicyRule = {
  id: ID,
  title: 'No inline Secret data',
  message: 'a Secret must not carry data or stringData in the synthesized manifest',
  explanation: 'base64 is not encryption: a Secret with data in the YAML is a plaintext credential in git and in every CI log that prints it '
    + '(cdk8s-plus-27 kplus.Secret writes stringData in clear text).',
  fix: 'reference a Secret created outside git, use Workload Identity for GCP, or emit an ExternalSecret/SealedSecret; '
    + 'for a throwaway local cluster suppress the rule with that reason',
  plusFix: "kplus.Secret.fromSecretName(chart, 'Creds', 'api-creds')",
  mirrors: {},
  check(objects) {
    const findings: Finding[] = [];
    for (const secret of objects.filter(o => o.kind === 'Secret')) {
      for (const field of ['data', 'stringData']) {
        const keys = Object.keys(secret[field] ?? {});
        if (keys.length > 0) {
          findings.push(finding(ID, secret, field, `${field} has keys ${JSON.stringify(keys)}; allowed: no ${field} (values are not shown)`));
        }
      }
    }
    return findings;
  },
};
