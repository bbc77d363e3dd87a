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

/** Every kind that carries a pod template: the workloads, CronJob, a bare Pod and a PodTemplate. */
export const POD_BEARING_KINDS: readonly string[] = ['Pod', 'PodTemplate', ...POD_TEMPLATE_KINDS, 'CronJob'];

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

/** Where a pod-bearing kind keeps its pod template, as a dotted path (`''`: the object is the pod). */
function templatePath(kind: string): string | undefined {
  if (kind === 'Pod') return '';
  if (kind === 'CronJob') return 'spec.jobTemplate.spec.template';
  // a PodTemplate runs nothing itself, but controllers and users create pods from it verbatim
  if (kind === 'PodTemplate') return 'template';
  return POD_TEMPLATE_KINDS.includes(kind) ? 'spec.template' : undefined;
}

/** Dotted path of the pod spec in an object of `kind` (`spec.template.spec`...), or undefined for kinds without pods. */
export function podSpecPath(kind: string): string | undefined {
  const path = templatePath(kind);
  return path === undefined ? undefined : path === '' ? 'spec' : `${path}.spec`;
}

/** The pod template of a pod-bearing object, with the dotted paths of its parts (for findings and patches). */
export interface PodTemplateLocation {
  /** The pod spec; undefined when the object lacks it. */
  readonly spec: any;
  /** The pod metadata (labels, annotations); undefined when the object lacks it. */
  readonly metadata: any;
  /** Path of the pod spec, e.g. `spec.template.spec`. */
  readonly specPath: string;
  /** Path of the pod metadata, e.g. `spec.template.metadata`. */
  readonly metadataPath: string;
}

/**
 * Locates the pod template of every kind that carries one (Pod, PodTemplate, the workload
 * controllers, CronJob); undefined for other kinds. The one place that knows where each kind
 * keeps its pods: the policy, the validation pass, the capacity planner and the hardening read it.
 */
export function locatePodTemplate(obj: KubeObject): PodTemplateLocation | undefined {
  const path = templatePath(obj.kind);
  if (path === undefined) return undefined;
  if (path === '') return { spec: obj.spec, metadata: obj.metadata, specPath: 'spec', metadataPath: 'metadata' };
  const template = path.split('.').reduce<any>((node, part) => node?.[part], obj);
  return { spec: template?.spec, metadata: template?.metadata, specPath: `${path}.spec`, metadataPath: `${path}.metadata` };
}

/** Returns the pod spec of a workload object (one that runs pods: not a PodTemplate), or undefined for other kinds. */
export function podSpecOf(obj: KubeObject): any | undefined {
  return obj.kind === 'PodTemplate' ? undefined : locatePodTemplate(obj)?.spec;
}

/** Returns the pod template labels of a workload object (not a PodTemplate), or undefined for other kinds. */
export function podLabelsOf(obj: KubeObject): Record<string, string> | undefined {
  return obj.kind === 'PodTemplate' ? undefined : locatePodTemplate(obj)?.metadata?.labels;
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
