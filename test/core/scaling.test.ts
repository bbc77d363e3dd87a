import { Duration, Testing } from 'cdk8s';
import { CustomMetric, MetricTarget, Scaling } from '../../src/core/scaling';
import { WebService } from '../../src/web-service';
import { image, one, synth } from '../util';

/** The synthesized HPA spec of a WebService scaled by `scaling`. */
function hpaSpec(scaling: Scaling): any {
  const chart = Testing.chart();
  new WebService(chart, 'Web', { image: image(), port: 8080, scaling });
  return one(synth(chart), 'HorizontalPodAutoscaler').spec;
}

describe('Scaling.fixed', () => {
  test.each([0, 1, 3, 1000])('%p replicas is both the minimum and the maximum, with no HPA settings', (n) => {
    const s = Scaling.fixed(n);
    expect([s.minReplicas, s.maxReplicas, s.autoscale]).toEqual([n, n, undefined]);
  });
});

describe('Scaling.autoscale', () => {
  test('@defaults: minReplicas 2, cpuUtilization 70, no memory target, no custom metrics, scale-up 0s window and 4 pods/min, scale-down 5 min window and 50%/min', () => {
    const s = Scaling.autoscale({ maxReplicas: 5 });
    expect([s.minReplicas, s.maxReplicas]).toEqual([2, 5]);
    expect(hpaSpec(s)).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      minReplicas: 2,
      maxReplicas: 5,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
      behavior: {
        scaleUp: { stabilizationWindowSeconds: 0, policies: [{ type: 'Pods', value: 4, periodSeconds: 60 }] },
        scaleDown: { stabilizationWindowSeconds: 300, policies: [{ type: 'Percent', value: 50, periodSeconds: 60 }] },
      },
    });
  });

  test('explicit targets, windows and rates are rendered', () => {
    const spec = hpaSpec(Scaling.autoscale({
      minReplicas: 1,
      maxReplicas: 10,
      cpuUtilization: 60,
      memoryUtilization: 80,
      scaleUpStabilization: Duration.seconds(30),
      scaleUpPodsPerMinute: 2,
      scaleDownStabilization: Duration.minutes(10),
      scaleDownPercentPerMinute: 25,
    }));
    expect([spec.minReplicas, spec.maxReplicas]).toEqual([1, 10]);
    expect(spec.metrics).toEqual([
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } },
      { type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 80 } } },
    ]);
    expect(spec.behavior).toEqual({
      scaleUp: { stabilizationWindowSeconds: 30, policies: [{ type: 'Pods', value: 2, periodSeconds: 60 }] },
      scaleDown: { stabilizationWindowSeconds: 600, policies: [{ type: 'Percent', value: 25, periodSeconds: 60 }] },
    });
  });

  test('custom metrics follow the resource metrics, with their kind, name and selector', () => {
    const spec = hpaSpec(Scaling.autoscale({
      maxReplicas: 4,
      customMetrics: [
        CustomMetric.pods('requests_per_second', MetricTarget.averageValue('100')),
        CustomMetric.object('requests', { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', name: 'cheese' }, MetricTarget.value('1k')),
        CustomMetric.external('pubsub_backlog', MetricTarget.averageValue('30'), { subscription: 'jobs' }),
      ],
    }));
    expect(spec.metrics.map((m: any) => m.type)).toEqual(['Resource', 'Pods', 'Object', 'External']);
    expect(spec.metrics[1].pods.metric).toEqual({ name: 'requests_per_second' });
    expect(spec.metrics[2].object.describedObject).toEqual({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', name: 'cheese' });
    expect(spec.metrics[3].external.metric).toEqual({ name: 'pubsub_backlog', selector: { matchLabels: { subscription: 'jobs' } } });
  });

  test('custom metric targets keep their quantity', () => {
    const spec = hpaSpec(Scaling.autoscale({
      maxReplicas: 4,
      customMetrics: [
        CustomMetric.pods('requests_per_second', MetricTarget.averageValue('100')),
        CustomMetric.external('queue_depth', MetricTarget.value('5')),
      ],
    }));
    expect(spec.metrics[1].pods.target).toEqual({ type: 'AverageValue', averageValue: '100' });
    expect(spec.metrics[2].external.target).toEqual({ type: 'Value', value: '5' });
  });

  test('minReplicas equal to maxReplicas is allowed', () => {
    expect(Scaling.autoscale({ minReplicas: 3, maxReplicas: 3 }).minReplicas).toBe(3);
  });

  describe('fails if', () => {
    test.each([
      ['minReplicas > maxReplicas', { minReplicas: 5, maxReplicas: 3 }, 'minReplicas 5: use a value at most maxReplicas (3)'],
      ['the default minReplicas (2) exceeds maxReplicas', { maxReplicas: 1 }, 'minReplicas 2: use a value at most maxReplicas (1)'],
      ['minReplicas is 0', { minReplicas: 0, maxReplicas: 3 }, 'minReplicas 0: use an integer from 1 to 1000'],
      ['maxReplicas is above 1000', { maxReplicas: 1001 }, 'maxReplicas 1001: use an integer from 1 to 1000'],
      ['maxReplicas is fractional', { maxReplicas: 2.5 }, 'maxReplicas 2.5: use an integer from 1 to 1000'],
      ['cpuUtilization is 0', { maxReplicas: 4, cpuUtilization: 0 }, 'cpuUtilization 0: use an integer from 1 to 100'],
      ['cpuUtilization is above 100', { maxReplicas: 4, cpuUtilization: 150 }, 'cpuUtilization 150: use an integer from 1 to 100'],
      ['memoryUtilization is above 100', { maxReplicas: 4, memoryUtilization: 101 }, 'memoryUtilization 101: use an integer from 1 to 100'],
      ['scaleUpPodsPerMinute is 0', { maxReplicas: 4, scaleUpPodsPerMinute: 0 }, 'scaleUpPodsPerMinute 0: use an integer from 1 to 1000'],
      ['scaleDownPercentPerMinute is above 100', { maxReplicas: 4, scaleDownPercentPerMinute: 200 }, 'scaleDownPercentPerMinute 200: use an integer from 1 to 100'],
    ])('%s', (_, props, message) => {
      expect(() => Scaling.autoscale(props as any)).toThrow(`Scaling.autoscale: invalid ${message}`);
    });

    test.each([-1, 1001, 1.5])('fixed replicas is %p', (n) => {
      expect(() => Scaling.fixed(n)).toThrow(`Scaling.fixed: invalid replicas ${n}: use an integer from 0 to 1000`);
    });

    test.each([
      ['MetricTarget.averageValue', 'quantity', () => MetricTarget.averageValue('')],
      ['MetricTarget.value', 'quantity', () => MetricTarget.value('1 k')],
      ['CustomMetric.pods', 'name', () => CustomMetric.pods('a b', MetricTarget.value('1'))],
      ['CustomMetric.object', 'name', () => CustomMetric.object('', { apiVersion: 'v1', kind: 'Service', name: 's' }, MetricTarget.value('1'))],
      ['CustomMetric.external', 'name', () => CustomMetric.external(' ', MetricTarget.value('1'))],
    ])('%s gets a blank or spaced %s', (owner, prop, make) => {
      expect(make).toThrow(new RegExp(`^${owner.replace('.', '\\.')}: invalid ${prop} ".*": use a non-empty string with no whitespace$`));
    });
  });
});
