import { readFileSync } from 'fs';
import { join } from 'path';
import { ALL_RULES, policyMarkdownTable } from '../../src/policy';

const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'policy.md'), 'utf8');

describe('docs/policy.md', () => {
  test('mentions every rule ID', () => {
    for (const rule of ALL_RULES) expect(doc).toContain(`| ${rule.id} |`);
  });
  test('rule table matches ALL_RULES (regenerate with the command in the doc)', () => {
    const table = doc.split('<!-- rules:start -->\n')[1]?.split('<!-- rules:end -->')[0];
    expect(table).toBe(policyMarkdownTable());
  });
  test('the table escapes pipes and lists upstream IDs', () => {
    expect(policyMarkdownTable()).toContain('Checkov: `CKV_K8S_20`');
    expect(policyMarkdownTable([{ ...ALL_RULES[0], title: 'a | b' }])).toContain('a \\| b');
  });
});
