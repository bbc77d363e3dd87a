import { selectorMatches } from '../../src/policy';

const labels = { 'app.kubernetes.io/name': 'api', 'tier': 'backend' };

describe('selectorMatches', () => {
  test('empty selector selects everything; absent selector follows whenAbsent', () => {
    expect(selectorMatches({}, labels, false)).toBe(true);
    expect(selectorMatches(undefined, labels, true)).toBe(true);
    expect(selectorMatches(undefined, labels, false)).toBe(false);
  });
  test('matchLabels is a subset match', () => {
    expect(selectorMatches({ matchLabels: { tier: 'backend' } }, labels, false)).toBe(true);
    expect(selectorMatches({ matchLabels: { tier: 'backend', extra: 'x' } }, labels, false)).toBe(false);
    expect(selectorMatches({ matchLabels: { tier: 'frontend' } }, labels, false)).toBe(false);
  });
  test.each([
    ['In', ['api', 'db'], true], ['In', ['db'], false],
    ['NotIn', ['db'], true], ['NotIn', ['api'], false],
  ])('matchExpressions %s %p on a present label -> %p', (operator, values, expected) => {
    expect(selectorMatches({ matchExpressions: [{ key: 'app.kubernetes.io/name', operator, values }] }, labels, false)).toBe(expected);
  });
  test('NotIn matches when the label is absent; In does not', () => {
    expect(selectorMatches({ matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }, labels, false)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }, labels, false)).toBe(false);
  });
  test('Exists and DoesNotExist', () => {
    expect(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, labels, false)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'zone', operator: 'Exists' }] }, labels, false)).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'zone', operator: 'DoesNotExist' }] }, labels, false)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }, labels, false)).toBe(false);
  });
  test('matchLabels and matchExpressions are ANDed; unknown operators select nothing', () => {
    expect(selectorMatches({ matchLabels: { tier: 'backend' }, matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }, labels, false)).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'Gt', values: ['1'] }] }, labels, false)).toBe(false);
  });
});
