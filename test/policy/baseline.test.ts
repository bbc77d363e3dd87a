import { cheeseApp } from './fixtures';
import { ALL_RULES, evaluatePolicy, PSS_RULES } from '../../src/policy';

describe('ALL_RULES', () => {
  test('the compliant cheese-app fixture has no findings', () => {
    expect(evaluatePolicy(cheeseApp())).toEqual([]);
  });

  test('rule IDs are unique and follow CHEESE-<AREA><n>', () => {
    const ids = ALL_RULES.map(r => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^CHEESE-[A-Z]+\d+$/);
  });

  test('order is stable: PSS1..PSS15 first, NS1 last', () => {
    expect(PSS_RULES.map(r => r.id)).toEqual(Array.from({ length: 15 }, (_, i) => `CHEESE-PSS${i + 1}`));
    expect(ALL_RULES.slice(0, 15)).toEqual(PSS_RULES);
    expect(ALL_RULES[ALL_RULES.length - 1].id).toBe('CHEESE-NS1');
  });

  test.each(ALL_RULES.map(r => [r.id, r]))('%s documents title, message, explanation and fix', (_id, rule) => {
    for (const field of ['title', 'message', 'explanation', 'fix'] as const) {
      expect(rule[field].trim().length).toBeGreaterThan(5);
    }
  });

  test('every PSS rule names the PSA check IDs it ports', () => {
    for (const rule of PSS_RULES) expect(rule.mirrors.psa?.length).toBeGreaterThan(0);
  });

  test('a rule can be called detached from its object', () => {
    const check = ALL_RULES[0].check;
    expect(check(cheeseApp(), { requireIngressTls: true })).toEqual([]);
  });
});
