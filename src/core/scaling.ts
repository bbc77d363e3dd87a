import { Duration } from 'cdk8s';
import { parseQuantity, QuantityError } from './quantity';
import { forCdk8s, hasPrototypeKey } from './record';
import { checkInt, checkLabels, checkToken, invalid } from './validate';
import { Quantity } from '../../imports/k8s';

/** A target for a custom HPA metric. */
export class MetricTarget {
  /** The metric averaged over the pods must stay at or below this quantity. */
  public static averageValue(quantity: string): MetricTarget {
    checkTargetQuantity('MetricTarget.averageValue', quantity);
    return new MetricTarget({ type: 'AverageValue', averageValue: Quantity.fromString(quantity) });
  }

  /** The metric's total must stay at or below this quantity. */
  public static value(quantity: string): MetricTarget {
    checkTargetQuantity('MetricTarget.value', quantity);
    return new MetricTarget({ type: 'Value', value: Quantity.fromString(quantity) });
  }

  private constructor(private readonly spec: any) {}

  /** @internal */
  public _toKube(): any {
    return { ...this.spec };
  }
}

/** A positive Kubernetes quantity (the API server rejects a zero or negative target). */
function checkTargetQuantity(owner: string, quantity: string): void {
  checkToken(owner, 'quantity', quantity);
  try {
    const q = parseQuantity(quantity);
    if (q.numerator === 0n) invalid(owner, 'quantity', quantity, 'use a quantity greater than 0');
  } catch (e) {
    if (!(e instanceof QuantityError)) throw e;
    invalid(owner, 'quantity', quantity, `${e.allowed.replace(/\(requests cannot be negative\)/, '(a metric target must be positive)')}`);
  }
}

/** A metric, kind or object name: one URL path segment (the API server's IsValidPathSegmentName). */
function checkMetricName(owner: string, prop: string, value: string): void {
  checkToken(owner, prop, value);
  if (value === '.' || value === '..' || /[/%]/.test(value)) invalid(owner, prop, value, "use a name without '/' or '%', other than '.' and '..'");
}

/** A custom (non-resource) HPA metric: Pods, Object or External. */
export class CustomMetric {
  /** A per-pod metric from the custom metrics API, e.g. requests per second. */
  public static pods(name: string, target: MetricTarget): CustomMetric {
    checkMetricName('CustomMetric.pods', 'name', name);
    return new CustomMetric({ type: 'Pods', pods: { metric: { name }, target: target._toKube() } });
  }

  /** A metric describing another object, e.g. an Ingress's requests per second. */
  public static object(
    name: string,
    describedObject: { readonly apiVersion: string; readonly kind: string; readonly name: string },
    target: MetricTarget,
  ): CustomMetric {
    const owner = 'CustomMetric.object';
    checkMetricName(owner, 'name', name);
    checkToken(owner, 'describedObject.apiVersion', describedObject?.apiVersion);
    checkMetricName(owner, 'describedObject.kind', describedObject?.kind);
    checkMetricName(owner, 'describedObject.name', describedObject?.name);
    return new CustomMetric({ type: 'Object', object: { metric: { name }, describedObject: { ...describedObject }, target: target._toKube() } });
  }

  /** A metric from outside the cluster, e.g. a Pub/Sub backlog. */
  public static external(name: string, target: MetricTarget, matchLabels?: Record<string, string>): CustomMetric {
    checkMetricName('CustomMetric.external', 'name', name);
    checkLabels('CustomMetric.external', 'matchLabels', matchLabels);
    const metric = matchLabels ? { name, selector: { matchLabels: forCdk8s(matchLabels) } } : { name };
    return new CustomMetric({ type: 'External', external: { metric, target: target._toKube() } }, hasPrototypeKey(matchLabels));
  }

  private constructor(
    private readonly spec: any,
    /** @internal whether a selector key names an Object.prototype member (the HPA must restore it at render) */
    public readonly _hasPrototypeKey = false,
  ) {}

  /** @internal */
  public _toKube(): any {
    return this.spec;
  }
}

/** Props of {@link Scaling.autoscale}. */
export interface AutoscaleProps {
  /**
   * Fewest pods; 2 keeps the service up through a node drain.
   * @default 2
   */
  readonly minReplicas?: number;
  /** Most pods. */
  readonly maxReplicas: number;
  /**
   * Target average CPU use, in percent of the CPU request (1-100).
   * @default 70
   */
  readonly cpuUtilization?: number;
  /**
   * Target average memory use, in percent of the memory request (1-100).
   * @default - no memory target
   */
  readonly memoryUtilization?: number;
  /**
   * Custom metrics (Pods, Object, External) in addition to the resource targets.
   * @default - none
   */
  readonly customMetrics?: CustomMetric[];
  /**
   * How long a higher recommendation must persist before scaling up.
   * @default Duration.seconds(0)
   */
  readonly scaleUpStabilization?: Duration;
  /**
   * Most pods added per minute.
   * @default 4
   */
  readonly scaleUpPodsPerMinute?: number;
  /**
   * How long load must stay low before scaling down.
   * @default Duration.minutes(5)
   */
  readonly scaleDownStabilization?: Duration;
  /**
   * Most pods removed per minute, as a percentage of the current count.
   * @default 50
   */
  readonly scaleDownPercentPerMinute?: number;
}

/**
 * How many pods a workload runs: a fixed count, or a HorizontalPodAutoscaler range.
 * With an HPA the Deployment carries no `spec.replicas` (each `kubectl apply` would
 * otherwise reset the count the HPA chose).
 */
export class Scaling {
  /** Exactly `replicas` pods, no autoscaler. */
  public static fixed(replicas: number): Scaling {
    checkInt('Scaling.fixed', 'replicas', replicas, 0, 1000);
    return new Scaling(replicas, replicas);
  }

  /** An autoscaling/v2 HPA between `minReplicas` and `maxReplicas`. */
  public static autoscale(props: AutoscaleProps): Scaling {
    const owner = 'Scaling.autoscale';
    const min = checkInt(owner, 'minReplicas', props.minReplicas ?? 2, 1, 1000);
    const max = checkInt(owner, 'maxReplicas', props.maxReplicas, 1, 1000);
    if (min > max) invalid(owner, 'minReplicas', min, `use a value at most maxReplicas (${max})`);
    checkInt(owner, 'cpuUtilization', props.cpuUtilization ?? 70, 1, 100);
    if (props.memoryUtilization !== undefined) checkInt(owner, 'memoryUtilization', props.memoryUtilization, 1, 100);
    checkInt(owner, 'scaleUpPodsPerMinute', props.scaleUpPodsPerMinute ?? 4, 1, 1000);
    checkInt(owner, 'scaleDownPercentPerMinute', props.scaleDownPercentPerMinute ?? 50, 1, 100);
    // the API server caps stabilization windows at one hour
    checkInt(owner, 'scaleUpStabilization (seconds)', (props.scaleUpStabilization ?? Duration.seconds(0)).toSeconds(), 0, 3600);
    checkInt(owner, 'scaleDownStabilization (seconds)', (props.scaleDownStabilization ?? Duration.minutes(5)).toSeconds(), 0, 3600);
    return new Scaling(min, max, props);
  }

  /** Pods at the low end (the fixed count without an HPA). */
  public readonly minReplicas: number;
  /** Pods at the high end (the fixed count without an HPA). */
  public readonly maxReplicas: number;
  /** The HPA settings, when autoscaling. */
  public readonly autoscale?: AutoscaleProps;

  private constructor(min: number, max: number, autoscale?: AutoscaleProps) {
    this.minReplicas = min;
    this.maxReplicas = max;
    this.autoscale = autoscale;
  }

  /** @internal the HPA spec without scaleTargetRef */
  public _hpaSpec(): any {
    const a = this.autoscale!;
    const resource = (name: string, utilization: number) => ({ type: 'Resource', resource: { name, target: { type: 'Utilization', averageUtilization: utilization } } });
    return {
      minReplicas: this.minReplicas,
      maxReplicas: this.maxReplicas,
      metrics: [
        resource('cpu', a.cpuUtilization ?? 70),
        ...(a.memoryUtilization !== undefined ? [resource('memory', a.memoryUtilization)] : []),
        ...(a.customMetrics ?? []).map(m => m._toKube()),
      ],
      behavior: {
        scaleUp: {
          stabilizationWindowSeconds: (a.scaleUpStabilization ?? Duration.seconds(0)).toSeconds(),
          policies: [{ type: 'Pods', value: a.scaleUpPodsPerMinute ?? 4, periodSeconds: 60 }],
        },
        scaleDown: {
          stabilizationWindowSeconds: (a.scaleDownStabilization ?? Duration.minutes(5)).toSeconds(),
          policies: [{ type: 'Percent', value: a.scaleDownPercentPerMinute ?? 50, periodSeconds: 60 }],
        },
      },
    };
  }
}
