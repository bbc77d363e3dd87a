import { withDefaults } from '../../src/core/props';

describe('withDefaults', () => {
  test('props win over defaults, but an explicit undefined keeps the default', () => {
    const merged = withDefaults<{ a?: number; b?: number; c?: number }>({ a: 1, b: 2 }, { a: 10, b: undefined, c: 3 });
    expect(merged).toEqual({ a: 10, b: 2, c: 3 });
  });

  test('does not modify its inputs', () => {
    const defaults = { a: 1 };
    const props = { a: 2 };
    withDefaults(defaults, props);
    expect([defaults, props]).toEqual([{ a: 1 }, { a: 2 }]);
  });
});
