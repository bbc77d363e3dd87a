import { Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { LABEL_INSTANCE, LABEL_PART_OF } from './labels';

/**
 * The `app.kubernetes.io/instance` value for objects under `scope`: the chart's
 * instance label when it has one (CheeseApp sets it), else the chart's id.
 */
export function instanceOf(scope: IConstruct): string {
  const chart = Chart.of(scope);
  return chart.labels[LABEL_INSTANCE] ?? toLabelValue(chart.node.id.toLowerCase().replace(/[^a-z0-9.-]+/g, '-'));
}

/** The `app.kubernetes.io/part-of` value for objects under `scope`, if the chart sets one. */
export function partOfOf(scope: IConstruct): string | undefined {
  return Chart.of(scope).labels[LABEL_PART_OF];
}

/** A label value derived from free text (an image tag): at most 63 chars, alphanumeric at both ends. */
export function toLabelValue(text: string): string {
  return text.replace(/[^A-Za-z0-9_.-]/g, '-').slice(0, 63).replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
}
