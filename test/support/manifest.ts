import * as path from 'path';
import { App, Chart, Testing } from 'cdk8s';
import { containersOf, KubeObject, podLabelsOf, podSpecOf } from '../../src/core/manifest';

/** Synthesizes a chart (validations included) into plain objects. */
export function synthObjects(chart: Chart): KubeObject[] {
  return Testing.synth(chart) as KubeObject[];
}

/** A fresh App for tests. */
export function testApp(): App {
  return Testing.app();
}

export function byKind(objects: readonly KubeObject[], kind: string): KubeObject[] {
  return objects.filter(o => o.kind === kind);
}

export function find(objects: readonly KubeObject[], kind: string, name: string): KubeObject {
  const found = objects.find(o => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind}/${name} in [${objects.map(o => `${o.kind}/${o.metadata.name}`).join(', ')}]`);
  return found;
}

export const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'];

export function workloads(objects: readonly KubeObject[]): KubeObject[] {
  return objects.filter(o => WORKLOAD_KINDS.includes(o.kind));
}

/** Whether every selector key/value is present in the labels. */
export function matches(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

export { containersOf, podLabelsOf, podSpecOf };

/**
 * Validates an object with kubernetes-models (types, required fields, enums, quantities).
 * Returns undefined when no model exists for the kind (CRDs).
 */
export function validateWithModels(obj: KubeObject): boolean | undefined {
  const [group, version] = obj.apiVersion.includes('/') ? obj.apiVersion.split('/') : [undefined, obj.apiVersion];
  const modulePath = path.join('kubernetes-models', group ?? '', version, obj.kind);
  let Model: any;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the module path depends on the object's kind
    Model = require(modulePath)[obj.kind];
  } catch {
    return undefined;
  }
  new Model(obj).validate();
  return true;
}
