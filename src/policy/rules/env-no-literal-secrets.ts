import { finding } from '../_finding';
import { containersOf, describeContainer, podTemplates } from '../_pods';
import { Finding, PolicyRule } from '../types';
import { secretContent, sensitiveName } from './_sensitive';

const ID = 'CHEESE-SEC2';

/** No literal secret values in container env. */
export const ENV_NO_LITERAL_SECRETS: PolicyRule = {
  id: ID,
  title: 'No literal secrets in env',
  message: 'env entries with a secret-like name, or with a private-key value, must use valueFrom, not a literal value',
  explanation: 'A literal env value is stored in the workload spec, committed to git and shown by kubectl describe. '
    + 'GOOGLE_APPLICATION_CREDENTIALS is treated as a path: an absolute file path is allowed, inline JSON is not.',
  fix: 'use valueFrom.secretKeyRef or mount the Secret as a file; for GCP prefer Workload Identity '
    + 'and drop GOOGLE_APPLICATION_CREDENTIALS',
  plusFix: "new kplus.Deployment(chart, 'Web', { containers: [{ image, envVariables: { API_TOKEN: "
    + "kplus.EnvValue.fromSecretValue({ secret: kplus.Secret.fromSecretName(chart, 'Creds', 'api-creds'), key: 'token' }) } }] })",
  mirrors: {
    polaris: ['sensitiveContainerEnvVar'],
    kubeLinter: ['env-var-secret'],
  },
  check(objects) {
    const findings: Finding[] = [];
    for (const template of podTemplates(objects)) {
      for (const ref of containersOf(template)) {
        const env: any[] = Array.isArray(ref.container.env) ? ref.container.env : [];
        env.forEach((entry, i) => {
          if (entry?.value === undefined || entry?.value === null) return; // valueFrom, or no value at all
          const path = `${ref.path}.env[${i}].value`;
          if (sensitiveName(String(entry.name), entry.value)) {
            findings.push(finding(ID, template.object, path,
              `${describeContainer(ref)}: env "${entry.name}" has a literal value; a secret-like name requires valueFrom (secretKeyRef)`, ref.name));
            return;
          }
          const content = secretContent(entry.value);
          if (content) {
            findings.push(finding(ID, template.object, path, `${describeContainer(ref)}: env "${entry.name}" has a literal value containing ${content}`, ref.name));
          }
        });
      }
    }
    return findings;
  },
};
