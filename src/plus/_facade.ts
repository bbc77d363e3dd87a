import { ApiObject } from 'cdk8s';
import type * as kplus from 'cdk8s-plus-27';
import { IConstruct } from 'constructs';

/** `fields` as a construct: the node (and mixins) of `construct`, the object the reference stands for. */
export function facade<T extends object>(construct: IConstruct, fields: T): T & IConstruct {
  return { node: construct.node, with: (...mixins) => construct.with(...mixins), ...fields };
}

/** Whether a cdk8s-plus resource renders its own object (an owned one) rather than naming an existing one (`fromXxxName`). */
export function rendersObject(resource: kplus.IResource): boolean {
  return resource.node.children.some(c => ApiObject.isApiObject(c));
}
