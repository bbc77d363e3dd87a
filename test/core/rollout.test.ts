import { Rollout } from '../../src/core/rollout';

describe('Rollout', () => {
  test('rolling: @default maxSurge 1 and @default maxUnavailable 0', () => {
    const r = Rollout.rolling();
    expect(r.overlaps).toBe(true);
    expect(JSON.parse(JSON.stringify(r._toKube()))).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: expect.anything(), maxUnavailable: expect.anything() } });
    expect(r._toKube().rollingUpdate.maxSurge.value).toBe(1);
    expect(r._toKube().rollingUpdate.maxUnavailable.value).toBe(0);
    expect([r.maxSurge, r.maxUnavailable]).toEqual([1, 0]);
  });

  test('rolling: explicit counts are kept; one of them may be 0', () => {
    const r = Rollout.rolling({ maxSurge: 0, maxUnavailable: 2 });
    expect(r._toKube().rollingUpdate.maxSurge.value).toBe(0);
    expect(r._toKube().rollingUpdate.maxUnavailable.value).toBe(2);
  });

  test('recreate does not overlap old and new pods', () => {
    const r = Rollout.recreate();
    expect(r.overlaps).toBe(false);
    expect(r._toKube()).toEqual({ type: 'Recreate' });
    // no surge pod needs room; every pod is down at once
    expect([r.maxSurge, r.maxUnavailable]).toEqual([0, undefined]);
  });

  describe('fails if', () => {
    test('maxSurge and maxUnavailable are both 0', () => {
      expect(() => Rollout.rolling({ maxSurge: 0, maxUnavailable: 0 }))
        .toThrow('Rollout.rolling: invalid maxSurge 0: maxSurge and maxUnavailable cannot both be 0: the rollout could never make progress');
    });

    test.each([
      ['maxSurge', { maxSurge: -1 }, -1],
      ['maxUnavailable', { maxUnavailable: 1.5 }, 1.5],
      ['maxSurge', { maxSurge: 1001 }, 1001],
    ])('%s is %p', (prop, options, value) => {
      expect(() => Rollout.rolling(options)).toThrow(`Rollout.rolling: invalid ${prop} ${value}: use an integer from 0 to 1000`);
    });
  });
});
