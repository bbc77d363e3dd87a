import { DisruptionBudget, ServiceType } from '../../src/core/disruption';

describe('DisruptionBudget', () => {
  const selector = { 'app.kubernetes.io/name': 'api' };

  test('maxUnavailable renders the count, the selector and AlwaysAllow for unhealthy pods', () => {
    const b = DisruptionBudget.maxUnavailable(2);
    expect(b.enabled).toBe(true);
    expect(b.minAvailable).toBeUndefined();
    const spec = b._toKube(selector);
    expect(spec.maxUnavailable.value).toBe(2);
    expect(spec.selector).toEqual({ matchLabels: selector });
    expect(spec.selector.matchLabels).not.toBe(selector);
    expect(spec.unhealthyPodEvictionPolicy).toBe('AlwaysAllow');
  });

  test('minAvailable exposes its count for the replica check', () => {
    const b = DisruptionBudget.minAvailable(1);
    expect(b.minAvailable).toBe(1);
    expect(b._toKube(selector).minAvailable.value).toBe(1);
    expect(b._toKube(selector).maxUnavailable).toBeUndefined();
  });

  test('none emits no budget', () => {
    expect(DisruptionBudget.none().enabled).toBe(false);
  });

  describe('fails if', () => {
    test.each([
      ['maxUnavailable', () => DisruptionBudget.maxUnavailable(0), 0],
      ['minAvailable', () => DisruptionBudget.minAvailable(-1), -1],
      ['minAvailable', () => DisruptionBudget.minAvailable(1.5), 1.5],
    ])('%s count is %p', (factory, make, value) => {
      expect(make).toThrow(`DisruptionBudget.${factory}: invalid count ${value}: use an integer from 1 to 1000`);
    });
  });
});

describe('ServiceType', () => {
  test('values are the Kubernetes Service types', () => {
    expect([ServiceType.CLUSTER_IP, ServiceType.NODE_PORT, ServiceType.LOAD_BALANCER]).toEqual(['ClusterIP', 'NodePort', 'LoadBalancer']);
  });
});
