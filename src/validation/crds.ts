// Custom resources (ManagedCertificate, FrontendConfig, BackendConfig, Certificate, ExternalSecret,
// SealedSecret, HTTPRoute, …): their CRD's openAPIV3Schema (patterns, enums, bounds, required fields),
// as the API server's structural-schema validation applies it (apiextensions-apiserver
// pkg/apiserver/validation). The schemas are generated into imports/crd-schemas.json by
// scripts/import.js and loaded on the first custom resource.
import { checkSchema } from './schema';
import { Report } from './types';
import { KubeObject } from '../core/manifest';

let schemas: Readonly<Record<string, object>> | undefined;

/** The schema of `<group>/<version>/<Kind>`, as keyed in imports/crd-schemas.json. */
export function crdSchema(apiVersion: string, kind: string): object | undefined {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  schemas ??= require('./crd-schemas').CRD_SCHEMAS as Record<string, object>;
  const id = `${apiVersion}/${kind}`;
  return Object.prototype.hasOwnProperty.call(schemas, id) ? schemas[id] : undefined;
}

/** Validates a custom resource against its CRD schema; objects of CRDs not in the file are left alone. */
export function checkCustomResource(obj: KubeObject, report: Report): void {
  const apiVersion: unknown = obj.apiVersion;
  // only API groups with a dot can be CRDs; the built-in ones with a dot (networking.k8s.io, …) are not in the file
  if (typeof apiVersion !== 'string' || !apiVersion.includes('.')) return;
  const schema = crdSchema(apiVersion, obj.kind);
  if (!schema) return;
  // apiVersion, kind and metadata are the API server's (metadata is checked by checkObjectMeta)
  const root = { ...schema, properties: { ...(schema as any).properties, apiVersion: {}, kind: {}, metadata: {} } };
  checkSchema(root, obj, '', (field, value, allowed) => report(field, value, `${allowed} (the ${obj.kind} CRD schema)`));
}
