/** Recommended label keys (https://kubernetes.io/docs/concepts/overview/working-with-objects/common-labels/). */
export const LABEL_NAME = 'app.kubernetes.io/name';
/** Label key: the app instance (one per CheeseApp); `kubectl apply --prune -l` selects by it. */
export const LABEL_INSTANCE = 'app.kubernetes.io/instance';
/** Label key: the object's role (`api`, `vector-db`, `network-policy`...). */
export const LABEL_COMPONENT = 'app.kubernetes.io/component';
/** Label key: the application the object belongs to (`cheese-app`). */
export const LABEL_PART_OF = 'app.kubernetes.io/part-of';
/** Label key: the version of the workload's image. */
export const LABEL_VERSION = 'app.kubernetes.io/version';
/** Label key: the tool that manages the object (`cdk8s`). */
export const LABEL_MANAGED_BY = 'app.kubernetes.io/managed-by';

/** Annotation prefix owned by this library. */
export const ANNOTATION_PREFIX = 'cheese-k8s.io';

/**
 * The labels that select one workload's pods. Only name and instance: they never
 * change over the workload's life, because a Deployment's selector is immutable.
 */
export function selectorLabels(name: string, instance: string): Record<string, string> {
  return { [LABEL_NAME]: name, [LABEL_INSTANCE]: instance };
}

/** Selector labels plus component, part-of, version and managed-by. */
export function workloadLabels(opts: {
  readonly name: string;
  readonly instance: string;
  readonly component: string;
  readonly partOf?: string;
  readonly version?: string;
}): Record<string, string> {
  return {
    ...selectorLabels(opts.name, opts.instance),
    [LABEL_COMPONENT]: opts.component,
    ...(opts.partOf ? { [LABEL_PART_OF]: opts.partOf } : {}),
    ...(opts.version ? { [LABEL_VERSION]: opts.version } : {}),
    [LABEL_MANAGED_BY]: 'cdk8s',
  };
}
