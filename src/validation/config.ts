// ConfigMap and Secret data: k8s pkg/apis/core/validation/validation.go ValidateConfigMap and
// ValidateSecret (IsConfigMapKey keys, a key in data and binaryData at most once, 1 MiB in total).
import { checkConfigMapKey } from './names';
import { entriesOf, key, Report } from './types';
import { KubeObject } from '../core/manifest';

/** MaxSecretSize, and the ConfigMap limit (corev1.MaxSecretSize is reused for both). */
export const MAX_DATA_SIZE = 1024 * 1024;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Bytes of a base64 string once decoded. */
function decodedLength(b64: string): number {
  return Math.floor((b64.length * 3) / 4) - (b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0);
}

/** ConfigMap: keys, no key twice, at most 1 MiB of data. */
export function checkConfigMap(obj: KubeObject, report: Report): void {
  let total = 0;
  const seen = new Set<string>();
  for (const part of ['data', 'binaryData']) {
    for (const [k, v] of entriesOf(obj[part])) {
      checkConfigMapKey(report, `${part} key`, k);
      if (seen.has(k)) report(key(part, k), k, 'a key in data or binaryData, not both');
      seen.add(k);
      if (typeof v !== 'string') report(key(part, k), v, part === 'data' ? 'a string value' : 'a base64 string value');
      else if (part === 'binaryData' && !BASE64.test(v)) report(key(part, k), v.slice(0, 40), 'base64-encoded bytes');
      else total += part === 'data' ? Buffer.byteLength(v) : decodedLength(v);
    }
  }
  if (total > MAX_DATA_SIZE) report('data', `${total} bytes`, `ConfigMap data of at most ${MAX_DATA_SIZE} bytes (1 MiB) in total`);
}

/** Secret: keys, base64 data, at most 1 MiB once stringData is merged in. */
export function checkSecret(obj: KubeObject, report: Report): void {
  let total = 0;
  for (const [k, v] of entriesOf(obj.data)) {
    checkConfigMapKey(report, 'data key', k);
    if (typeof v !== 'string' || !BASE64.test(v)) report(key('data', k), '<redacted>', 'base64-encoded bytes');
    else total += decodedLength(v);
  }
  for (const [k, v] of entriesOf(obj.stringData)) {
    checkConfigMapKey(report, 'stringData key', k);
    if (typeof v !== 'string') report(key('stringData', k), '<redacted>', 'a string value');
    else total += Buffer.byteLength(v);
  }
  if (total > MAX_DATA_SIZE) report('data', `${total} bytes`, `Secret data of at most ${MAX_DATA_SIZE} bytes (1 MiB) in total`);
  if (obj.type !== undefined && (typeof obj.type !== 'string' || obj.type === '')) report('type', obj.type, 'a non-empty Secret type such as Opaque');
}
