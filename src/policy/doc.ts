import { ALL_RULES } from './rules';
import { PolicyRule, UpstreamChecks } from './types';

const TOOLS: ReadonlyArray<readonly [keyof UpstreamChecks, string]> = [
  ['psa', 'PSA'], ['kubeScore', 'kube-score'], ['polaris', 'Polaris'], ['kubeLinter', 'kube-linter'], ['checkov', 'Checkov'],
];

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
}

function upstream(mirrors: UpstreamChecks): string {
  const parts = TOOLS.filter(([key]) => (mirrors[key] ?? []).length > 0)
    .map(([key, label]) => `${label}: ${mirrors[key]!.map(id => `\`${id}\``).join(', ')}`);
  return parts.length > 0 ? parts.join('<br>') : '—';
}

/**
 * The rule table of `docs/policy.md`, generated from the rules so the docs cannot drift
 * (test/policy/docs.test.ts compares them).
 */
export function policyMarkdownTable(rules: readonly PolicyRule[] = ALL_RULES): string {
  const lines = [
    '| ID | what it checks | why | fix | upstream IDs | how to suppress |',
    '|---|---|---|---|---|---|',
    ...rules.map(r => `| ${r.id} | **${cell(r.title)}**: ${cell(r.message)} | ${cell(r.explanation)} | ${cell(r.fix)}${r.plusFix ? `<br>cdk8s-plus-27: \`${cell(r.plusFix)}\`` : ''} | ${upstream(r.mirrors)} `
      + `| \`Suppressions.add(scope, '${r.id}', '<reason>')\` |`),
  ];
  return lines.join('\n') + '\n';
}
