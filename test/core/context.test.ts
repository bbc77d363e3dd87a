import { App, Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { instanceOf, partOfOf, toLabelValue } from '../../src/core/context';
import { LABEL_INSTANCE, LABEL_PART_OF } from '../../src/core/labels';

describe('instanceOf and partOfOf', () => {
  test('read the chart labels when set', () => {
    const chart = new Chart(Testing.app(), 'Shop', { labels: { [LABEL_INSTANCE]: 'shop-prod', [LABEL_PART_OF]: 'shop' } });
    const child = new Construct(new Construct(chart, 'A'), 'B');
    expect(instanceOf(child)).toBe('shop-prod');
    expect(partOfOf(child)).toBe('shop');
  });

  test.each([
    ['Tic_Tac_Toe', 'tic-tac-toe'],
    ['--My Chart--', 'my-chart'],
    ['two-apis', 'two-apis'],
  ])('default to the chart id %j as a label value %j', (id, instance) => {
    const chart = new Chart(new App(), id);
    expect(instanceOf(chart)).toBe(instance);
    expect(partOfOf(chart)).toBeUndefined();
  });
});

describe('toLabelValue', () => {
  test.each([
    ['1.4.0', '1.4.0'],
    ['v1+build', 'v1-build'],
    ['_x_', 'x'],
    [`${'a'.repeat(62)}-b`, `${'a'.repeat(62)}`],
    ['a'.repeat(100), 'a'.repeat(63)],
  ])('%j → %j', (text, value) => {
    expect(toLabelValue(text)).toBe(value);
    expect(value.length).toBeLessThanOrEqual(63);
  });
});

describe('instanceOf with a long chart id', () => {
  test('the derived instance is a valid label value of at most 63 characters', () => {
    const chart = new Chart(Testing.app(), `Very-Long-${'x'.repeat(70)}`);
    expect(instanceOf(chart)).toHaveLength(63);
    expect(instanceOf(chart)).toMatch(/^[a-z0-9]([-a-z0-9_.]*[a-z0-9])?$/);
  });
});
