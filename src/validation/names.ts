// Checks of names and keys for the validation pass; the predicates themselves live in core/k8s-names.ts.
import { Report } from './types';
import { isConfigMapKey, isDns1123Label, isDns1123Subdomain, isPortName, isPortNumber } from '../core/k8s-names';

export {
  isConfigMapKey, isDns1035Label, isDns1123Label, isDns1123Subdomain, isEnvVarName,
  isLabelValue, isPathSegmentName, isPortName, isPortNumber, isQualifiedName,
} from '../core/k8s-names';

export const ALLOWED = {
  dns1123Label: (max = 63) => `a DNS-1123 label: 1-${max} lower-case letters, digits or '-', starting and ending with a letter or digit`,
  dns1123Subdomain: (max = 253) => `a DNS-1123 subdomain: 1-${max} lower-case letters, digits, '-' or '.', each part starting and ending with a letter or digit`,
  dns1035Label: "a DNS-1035 label: 1-63 lower-case letters, digits or '-', starting with a letter and ending with a letter or digit",
  pathSegment: "a name that is not '.' or '..' and has no '/' or '%'",
  qualifiedName: "'[prefix/]name': an optional DNS-1123 subdomain prefix and a name of 1-63 letters, digits, '-', '_' or '.' starting and ending with a letter or digit",
  labelValue: "at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit (or empty)",
  envVarName: "letters, digits, '-', '_' or '.', not starting with a digit, and not '.', '..' or starting with '..'",
  configMapKey: "1-253 letters, digits, '-', '_' or '.', and not '.', '..' or starting with '..'",
  portName: "an IANA service name: 1-15 lower-case letters, digits or '-', with a letter, no '--', starting and ending with a letter or digit",
  port: 'an integer from 1 to 65535',
};

/** Reports `value` at `field` unless it is a DNS-1123 label (≤ `max`). */
export function checkLabelName(report: Report, field: string, value: unknown, max = 63): void {
  if (!isDns1123Label(value, max)) report(field, value, ALLOWED.dns1123Label(max));
}

/** Reports `value` at `field` unless it is a DNS-1123 subdomain. */
export function checkSubdomain(report: Report, field: string, value: unknown): void {
  if (!isDns1123Subdomain(value)) report(field, value, ALLOWED.dns1123Subdomain());
}

/** Reports a ConfigMap/Secret key that IsConfigMapKey rejects. */
export function checkConfigMapKey(report: Report, field: string, value: unknown): void {
  if (!isConfigMapKey(value)) report(field, value, ALLOWED.configMapKey);
}

/** Reports a port that is neither a number in 1-65535 nor (when `named`) an IANA service name. */
export function checkPort(report: Report, field: string, value: unknown, named: boolean): void {
  if (value === undefined) return;
  if (typeof value === 'string' && named) {
    if (!isPortName(value)) report(field, value, `${ALLOWED.port}, or ${ALLOWED.portName}`);
  } else if (!isPortNumber(value)) {
    report(field, value, named ? `${ALLOWED.port}, or ${ALLOWED.portName}` : ALLOWED.port);
  }
}

/** Largest int32, the range of most integer fields. */
export const INT32_MAX = 2147483647;

/** Reports a present value that is not an integer in [min, max] (int32 unless `max` says otherwise). */
export function checkInt(report: Report, field: string, value: unknown, min: number, max = INT32_MAX): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    report(field, value, `an integer from ${min} to ${max}`);
  }
}
