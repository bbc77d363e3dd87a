// Names and keys as k8s.io/apimachinery/pkg/util/validation (validation.go) defines them: the one copy
// that the construct checks (core/validate.ts) and the whole-App validation pass (src/validation/) share.

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

/** IsDNS1035Label: a DNS label that starts with a letter (Service names), ≤ 63 (or a smaller cap). */
export function isDns1035Label(value: unknown, max = 63): boolean {
  return typeof value === 'string' && value.length > 0 && value.length <= max && DNS1035_LABEL.test(value);
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

/** RFC 3986 path characters, '%' only as %XX. */
const URL_PATH = /^\/(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})*$/;

/** The API server's rule for Ingress Exact/Prefix paths (validateHTTPIngressRuleValue): absolute, no invalidPathSequences or suffixes. */
export function isIngressApiPath(path: unknown): boolean {
  return typeof path === 'string' && path.startsWith('/')
    && !['//', '/./', '/../', '%2f', '%2F'].some(seq => path.includes(seq)) && !path.endsWith('/.') && !path.endsWith('/..');
}

/**
 * A URL path an Ingress or HTTPRoute can route: the API server's rule plus RFC 3986 characters only
 * (no query, fragment, whitespace or non-ASCII; '%' only as %XX), which ingress-nginx and GKE match
 * on the raw request path.
 */
export function isRoutedUrlPath(path: unknown): boolean {
  return isIngressApiPath(path) && URL_PATH.test(path as string);
}

/** An Ingress host: a DNS-1123 subdomain, optionally `*.`-prefixed, not a bare IPv4 address. */
export function isIngressHost(host: unknown): boolean {
  const bare = typeof host === 'string' && host.startsWith('*.') ? host.slice(2) : host;
  return isDns1123Subdomain(bare) && !/^\d+(\.\d+){3}$/.test(bare as string);
}
