import { Finding } from './types';
import { KubeObject } from '../core/manifest';

/** Builds a {@link Finding} for `obj`. */
export function finding(ruleId: string, obj: KubeObject, path: string, detail: string, container?: string): Finding {
  return {
    ruleId,
    kind: obj.kind,
    name: obj.metadata?.name,
    ...(obj.metadata?.namespace ? { namespace: obj.metadata.namespace } : {}),
    ...(container !== undefined ? { container } : {}),
    path,
    detail,
  };
}

/** Renders a received value for a message: `unset` or its JSON. */
export function show(value: unknown): string {
  return value === undefined || value === null ? 'unset' : JSON.stringify(value);
}
