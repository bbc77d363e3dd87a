/**
 * A synthesized Kubernetes object as plain JSON (what `ApiObject.toJson()` and
 * `Testing.synth()` return). Rules, the capacity planner and the diagram read this
 * shape, never construct internals, so they work on any cdk8s output.
 */
export interface KubeObject {
  /** `apiVersion`, e.g. `apps/v1`. */
  readonly apiVersion: string;
  /** `kind`, e.g. `Deployment`. */
  readonly kind: string;
  /** Name, namespace, labels and annotations. */
  readonly metadata: KubeMetadata;
  readonly [field: string]: any;
}

/** The `metadata` block of a {@link KubeObject}. */
export interface KubeMetadata {
  /** `metadata.name`. */
  readonly name: string;
  /** `metadata.namespace`; undefined for cluster-scoped objects and charts without a namespace. */
  readonly namespace?: string;
  /** `metadata.labels`. */
  readonly labels?: Record<string, string>;
  /** `metadata.annotations`. */
  readonly annotations?: Record<string, string>;
}

/** Kinds whose pod count is `spec.replicas` and that an HPA (`scale` subresource) or a PDB can govern. */
export const SCALABLE_KINDS: readonly string[] = ['Deployment', 'StatefulSet', 'ReplicaSet'];

/** Workload kinds whose `spec.template` is a pod template. */
export const POD_TEMPLATE_KINDS: readonly string[] = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job'];

/** Whether `obj` is a list kubectl applies item by item (`kind: List`, or any `<Kind>List` with `items`). */
export function isList(obj: KubeObject): boolean {
  return typeof obj?.kind === 'string' && obj.kind.endsWith('List') && Array.isArray(obj.items);
}

/**
 * `objects` with every list replaced by its items (recursively), so checks see what `kubectl apply`
 * creates. An item without metadata gets an empty one, so checks can read `metadata.name` safely.
 */
export function flattenLists(objects: readonly KubeObject[]): KubeObject[] {
  const result: KubeObject[] = [];
  const visit = (obj: KubeObject) => {
    if (obj === null || typeof obj !== 'object') return;
    if (isList(obj)) {
      for (const item of obj.items) visit(item);
      return;
    }
    result.push(obj.metadata && typeof obj.metadata === 'object' ? obj : { ...obj, metadata: {} as KubeMetadata });
  };
  objects.forEach(visit);
  return result;
}

/** Returns the pod spec of a workload object, or undefined for other kinds. */
export function podSpecOf(obj: KubeObject): any | undefined {
  if (obj.kind === 'Pod') return obj.spec;
  if (obj.kind === 'CronJob') return obj.spec?.jobTemplate?.spec?.template?.spec;
  if (POD_TEMPLATE_KINDS.includes(obj.kind)) return obj.spec?.template?.spec;
  return undefined;
}

/** Returns the pod template labels of a workload object, or undefined for other kinds. */
export function podLabelsOf(obj: KubeObject): Record<string, string> | undefined {
  if (obj.kind === 'Pod') return obj.metadata.labels;
  if (obj.kind === 'CronJob') return obj.spec?.jobTemplate?.spec?.template?.metadata?.labels;
  if (POD_TEMPLATE_KINDS.includes(obj.kind)) return obj.spec?.template?.metadata?.labels;
  return undefined;
}

/** Every container of a pod spec, init containers included, with its role. */
export function containersOf(podSpec: any): Array<{
  /** The container as JSON. */
  readonly container: any;
  /** Whether it is an init container. */
  readonly init: boolean;
}> {
  if (!podSpec) return [];
  return [
    ...(podSpec.initContainers ?? []).map((container: any) => ({ container, init: true })),
    ...(podSpec.containers ?? []).map((container: any) => ({ container, init: false })),
  ];
}

/** `Kind/namespace/name`, the id used in messages and reports. */
export function objectId(obj: KubeObject): string {
  return `${obj.kind}/${obj.metadata.namespace ? obj.metadata.namespace + '/' : ''}${obj.metadata.name}`;
}
