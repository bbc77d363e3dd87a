import { KubeObject } from '../core/manifest';

/**
 * One field of a synthesized object that the Kubernetes API server (or the CRD schema, or
 * the controller that acts on it) would reject.
 */
export interface ValidationFinding {
  /** `kind` of the offending object. */
  readonly kind: string;
  /** `metadata.namespace` of the offending object, if any. */
  readonly namespace?: string;
  /** `metadata.name` of the offending object. */
  readonly name: string;
  /** JSON path of the field, e.g. `spec.template.spec.containers[1].name`. */
  readonly field: string;
  /** The value found there. */
  readonly value: unknown;
  /** What is allowed instead. */
  readonly allowed: string;
  /** Index of the offending object in the validated array. */
  readonly index: number;
  /** Index of another object the finding is about (the first duplicate, the other selected workload). */
  readonly related?: number;
}

/** Records one finding on the object being checked: field path, value found, what is allowed. */
export type Report = (field: string, value: unknown, allowed: string, related?: number) => void;

/** A check of one object by itself. */
export type ObjectCheck = (obj: KubeObject, report: Report) => void;

/** A JSON path segment: `.name`, or `["odd key"]` for keys that are not identifiers. */
export function key(path: string, name: string): string {
  return /^[A-Za-z_$][\w$-]*$/.test(name) ? (path ? `${path}.${name}` : name) : `${path}[${JSON.stringify(name)}]`;
}

/** `path[i]`. */
export function at(path: string, i: number): string {
  return `${path}[${i}]`;
}

/** The entries of a JSON object, or none when the value is not one. */
export function entriesOf(value: unknown): Array<[string, any]> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.entries(value) : [];
}

/** The items of a JSON array, or none when the value is not one. */
export function itemsOf(value: unknown): any[] {
  return Array.isArray(value) ? value : [];
}
