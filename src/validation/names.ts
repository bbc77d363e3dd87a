// Names and keys, as k8s.io/apimachinery/pkg/util/validation (validation.go) defines them.
import { Report } from './types';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const CONFIG_MAP_KEY = /^[-._a-zA-Z0-9]+$/;
const IANA_SVC_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

/** IsDNS1123Label: lower-case alphanumerics and '-', ≤ 63 (or a smaller cap). */
export function isDns1123Label(value: unknown, max = 63): boolean {
  return typeof value === 'string' && value.length > 0 && value.length <= max && DNS1123_LABEL.test(value);
}

/** IsDNS1123Subdomain: dot-separated DNS labels, ≤ 253 (or a smaller cap). */
export function isDns1123Subdomain(value: unknown, max = 253): boolean {
  return typeof value === 'string' && value.length > 0 && value.length <= max && DNS1123_SUBDOMAIN.test(value);
}

/** IsDNS1035Label: a DNS label that starts with a letter (Service names). */
export function isDns1035Label(value: unknown): boolean {
  return typeof value === 'string' && value.length > 0 && value.length <= 63 && DNS1035_LABEL.test(value);
}

/** IsValidPathSegmentName (apimachinery/pkg/api/validation/path): not `.`/`..`, no `/` or `%`. */
export function isPathSegmentName(value: unknown): boolean {
  return typeof value === 'string' && value.length > 0 && value !== '.' && value !== '..' && !/[/%]/.test(value);
}

/** IsQualifiedName: `[prefix/]name`, prefix a DNS-1123 subdomain, name ≤ 63 alphanumerics, '-', '_', '.'. */
export function isQualifiedName(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const parts = value.split('/');
  if (parts.length > 2) return false;
  const name = parts[parts.length - 1];
  if (parts.length === 2 && !isDns1123Subdomain(parts[0])) return false;
  return name.length > 0 && name.length <= 63 && QUALIFIED_NAME.test(name);
}

/** IsValidLabelValue: empty, or ≤ 63 alphanumerics, '-', '_', '.' starting and ending alphanumeric. */
export function isLabelValue(value: unknown): boolean {
  return typeof value === 'string' && value.length <= 63 && LABEL_VALUE.test(value);
}

/** IsEnvVarName: `[-._a-zA-Z][-._a-zA-Z0-9]*`, and not `.`, `..` or starting with `..`. */
export function isEnvVarName(value: unknown): boolean {
  return typeof value === 'string' && ENV_VAR_NAME.test(value) && value !== '.' && !value.startsWith('..');
}

/** IsConfigMapKey: `[-._a-zA-Z0-9]+`, ≤ 253, and not `.`, `..` or starting with `..`. */
export function isConfigMapKey(value: unknown): boolean {
  return typeof value === 'string' && value.length <= 253 && CONFIG_MAP_KEY.test(value) && value !== '.' && !value.startsWith('..');
}

/** IsValidPortName (IANA_SVC_NAME): ≤ 15 lower-case alphanumerics and '-', a letter, no '--'. */
export function isPortName(value: unknown): boolean {
  return typeof value === 'string' && value.length <= 15 && IANA_SVC_NAME.test(value) && /[a-z]/.test(value) && !value.includes('--');
}

/** A port number: an integer in 1-65535. */
export function isPortNumber(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535;
}

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
