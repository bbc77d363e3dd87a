import { KubeObject, locatePodTemplate } from '../core/manifest';

/** Which list of the pod spec a container comes from. */
export enum ContainerRole {
  /** `spec.containers` */
  CONTAINER = 'containers',
  /** `spec.initContainers` */
  INIT = 'initContainers',
  /** `spec.ephemeralContainers` */
  EPHEMERAL = 'ephemeralContainers',
}

/** The pod template of a workload (or a bare Pod), with the paths used in findings. */
export interface PodTemplate {
  readonly object: KubeObject;
  /** The pod spec. */
  readonly spec: any;
  /** Path of the pod spec inside the object, e.g. `spec.template.spec`. */
  readonly specPath: string;
  /** The pod metadata (labels, annotations). */
  readonly metadata: any;
  /** Path of the pod metadata inside the object. */
  readonly metadataPath: string;
}

/** One container of a pod template. */
export interface ContainerRef {
  readonly container: any;
  readonly name: string;
  readonly role: ContainerRole;
  /** Path of the container inside the object, e.g. `spec.template.spec.containers[0]`. */
  readonly path: string;
}

/** The pod template of `obj`, or undefined when it is not a pod-bearing kind or has no pod spec. */
export function podTemplateOf(obj: KubeObject): PodTemplate | undefined {
  const location = locatePodTemplate(obj);
  if (!location?.spec) return undefined;
  return { object: obj, ...location, metadata: location.metadata ?? {} };
}

/** Every pod template among `objects`, in input order. */
export function podTemplates(objects: readonly KubeObject[]): PodTemplate[] {
  const result: PodTemplate[] = [];
  for (const obj of objects) {
    const template = podTemplateOf(obj);
    if (template) result.push(template);
  }
  return result;
}

/**
 * Every container of a pod template: init containers, containers, then ephemeral containers,
 * like PSA's `visitContainers`.
 */
export function containersOf(template: PodTemplate, roles: readonly ContainerRole[] = ALL_ROLES): ContainerRef[] {
  const result: ContainerRef[] = [];
  for (const role of [ContainerRole.INIT, ContainerRole.CONTAINER, ContainerRole.EPHEMERAL]) {
    if (!roles.includes(role)) continue;
    const list: any[] = Array.isArray(template.spec[role]) ? template.spec[role] : [];
    list.forEach((container, i) => result.push({
      container: container ?? {},
      name: container?.name ?? `#${i}`,
      role,
      path: `${template.specPath}.${role}[${i}]`,
    }));
  }
  return result;
}

/** All three container lists. */
export const ALL_ROLES: readonly ContainerRole[] = [ContainerRole.INIT, ContainerRole.CONTAINER, ContainerRole.EPHEMERAL];

/** `container "x"` or `init container "x"`, for messages. */
export function describeContainer(ref: ContainerRef): string {
  const prefix = ref.role === ContainerRole.INIT ? 'init container' : ref.role === ContainerRole.EPHEMERAL ? 'ephemeral container' : 'container';
  return `${prefix} "${ref.name}"`;
}
