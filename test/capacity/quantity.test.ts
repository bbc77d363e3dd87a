import { cpuMillis, memoryBytes, memoryMiB, parseQuantity, QuantityError } from '../../src/capacity';

describe('Kubernetes quantities', () => {
  test.each([
    ['250m', 250],
    ['1', 1000],
    ['0.5', 500],
    ['.5', 500],
    ['1.5', 1500],
    ['0.1', 100], // exact: not 100.00000000000001 → 101
    ['+2', 2000],
    ['2k', 2_000_000],
    ['1e3', 1_000_000], // 1000 cores
    ['1E-3', 1], // 0.001 core = 1m
    ['1u', 1], // 0.001m rounds up to 1m, like the API server
    ['1500000n', 2], // 1.5m → 2m
    [0.25, 250],
    [2, 2000],
  ] as Array<[string | number, number]>)('CPU %p → %pm', (input, expected) => {
    expect(cpuMillis(input)).toBe(expected);
  });

  test.each([
    ['512Mi', 512],
    ['1Gi', 1024],
    ['1.5Gi', 1536],
    ['2048Ki', 2],
    ['1G', 1e9 / 1048576], // 953.67431640625
    ['500M', 5e8 / 1048576], // 476.837158203125
    ['128974848', 123], // 123 × 2^20 bytes
    ['1e3', 1000 / 1048576],
    ['1Ki', 1 / 1024],
    [1073741824, 1024],
  ] as Array<[string | number, number]>)('memory %p → %p MiB', (input, expected) => {
    expect(memoryMiB(input)).toBe(expected);
  });

  test('memory rounds up to whole bytes', () => {
    expect(memoryBytes('1.5')).toBe(2);
    expect(memoryBytes('1k')).toBe(1000);
    expect(memoryBytes('1Ki')).toBe(1024);
  });

  test('errors are QuantityErrors carrying the value and what is allowed', () => {
    let error: unknown;
    try {
      cpuMillis('x');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(QuantityError);
    expect(error).toMatchObject({ value: 'x', allowed: expect.stringContaining('use a Kubernetes quantity') });
  });

  test('the parse is an exact fraction', () => {
    expect(parseQuantity('0.125Ki')).toEqual({ numerator: 128000n, denominator: 1000n });
  });

  test.each(['abc', '', '1Mb', '1.2.3', 'Mi', '1e', '1 Gi', ' 1Gi', '1mi', 'e3'])('fails if the quantity is malformed: %p', (bad) => {
    expect(() => cpuMillis(bad)).toThrow(`invalid quantity ${JSON.stringify(bad)}: use a Kubernetes quantity (e.g. 250m, 0.5, 2, 512Mi, 1Gi, 1G, 500M, 1e3)`);
  });

  test('fails if the quantity is negative, not finite, or absurd', () => {
    expect(() => memoryMiB('-1Gi')).toThrow('invalid quantity "-1Gi": use a quantity ≥ 0 (requests cannot be negative)');
    expect(() => cpuMillis(Number.NaN)).toThrow('invalid quantity NaN: use a Kubernetes quantity');
    expect(() => cpuMillis(Number.POSITIVE_INFINITY)).toThrow('invalid quantity Infinity: use a Kubernetes quantity');
    expect(() => cpuMillis('1e400')).toThrow('invalid quantity "1e400": use an exponent from -30 to 30');
    expect(() => memoryMiB('9Ei')).toThrow('invalid quantity "9Ei": use a smaller quantity (at most 9007199254740991 base units)');
  });
});
