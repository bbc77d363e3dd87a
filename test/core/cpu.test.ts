import { Cpu } from '../../src/core/cpu';

describe('Cpu', () => {
  test.each([
    [Cpu.millis(250), 250, '250m'],
    [Cpu.millis(1000), 1000, '1'],
    [Cpu.millis(1500), 1500, '1500m'],
    [Cpu.cores(2), 2000, '2'],
    [Cpu.cores(0.5), 500, '500m'],
    [Cpu.cores(1.5), 1500, '1500m'],
    [Cpu.cores(0.001), 1, '1m'],
  ])('case %#: %s millicores render as a Kubernetes quantity', (cpu, millis, quantity) => {
    expect(cpu.millis).toBe(millis);
    expect(cpu.toString()).toBe(quantity);
  });

  describe('fails if', () => {
    const ALLOWED = 'use a positive whole number of millicores (Cpu.millis(250)) or cores that convert to whole millicores (Cpu.cores(0.5))';
    test.each([
      ['zero millicores', () => Cpu.millis(0), '0'],
      ['negative millicores', () => Cpu.millis(-100), '-100'],
      ['fractional millicores', () => Cpu.millis(0.5), '0.5'],
      ['NaN', () => Cpu.millis(NaN), 'NaN'],
      ['cores below a millicore', () => Cpu.cores(0.0001), '0.1'],
      ['negative cores', () => Cpu.cores(-1), '-1000'],
    ])('%s', (_, make, shown) => {
      expect(make).toThrow(`Cpu: invalid amount ${shown}: ${ALLOWED}`);
    });
  });
});
