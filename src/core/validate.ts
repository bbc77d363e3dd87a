/**
 * Input checks shared by every construct. Each throws an `Error` whose message names
 * the construct, the prop, the value received and what is allowed, so a bad prop fails
 * at construction time, long before `kubectl apply`.
 */

/** Throws the library's standard "invalid prop" error. */
export function invalid(owner: string, prop: string, value: unknown, allowed: string): never {
  throw new Error(`${owner}: invalid ${prop} ${show(value)}: ${allowed}`);
}

/** Renders a received value for an error message. */
export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === undefined || value === null) return String(value);
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/** An RFC 1123 DNS label (Service, Namespace, container and port-less object names). */
export function checkDnsLabel(owner: string, prop: string, value: string, maxLength = 63): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > maxLength || !DNS_LABEL.test(value)) {
    invalid(owner, prop, value, `use a DNS-1123 label: 1-${maxLength} lower-case letters, digits or '-', starting and ending with a letter or digit`);
  }
  return value;
}

/** An RFC 1123 DNS subdomain (most object names). */
export function checkDnsSubdomain(owner: string, prop: string, value: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 253 || !DNS_SUBDOMAIN.test(value)) {
    invalid(owner, prop, value, "use a DNS-1123 subdomain: up to 253 lower-case letters, digits, '-' or '.', each part starting and ending with a letter or digit");
  }
  return value;
}

/** A Kubernetes label value (may be empty). */
export function checkLabelValue(owner: string, prop: string, value: string): string {
  if (typeof value !== 'string' || value.length > 63 || !LABEL_VALUE.test(value)) {
    invalid(owner, prop, value, "use at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit");
  }
  return value;
}

/** A label or annotation key: optional DNS-subdomain prefix, '/', and a name of at most 63 characters. */
export function checkQualifiedKey(owner: string, prop: string, key: string): string {
  const slash = typeof key === 'string' ? key.lastIndexOf('/') : -1;
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  const prefixOk = prefix === undefined || (prefix.length <= 253 && DNS_SUBDOMAIN.test(prefix));
  if (typeof key !== 'string' || !prefixOk || name.length === 0 || name.length > 63 || !LABEL_NAME.test(name)) {
    invalid(owner, prop, key, "use '[prefix/]name': an optional DNS-subdomain prefix and a name of 1-63 letters, digits, '-', '_' or '.'");
  }
  return key;
}

/** Every key and value of a label map. */
export function checkLabels(owner: string, prop: string, labels: Record<string, string> | undefined): void {
  for (const [key, value] of Object.entries(labels ?? {})) {
    checkQualifiedKey(owner, `${prop} key`, key);
    checkLabelValue(owner, `${prop}[${JSON.stringify(key)}]`, value);
  }
}

/** Every key of an annotation map (values are free text). */
export function checkAnnotations(owner: string, prop: string, annotations: Record<string, string> | undefined): void {
  for (const [key, value] of Object.entries(annotations ?? {})) {
    checkQualifiedKey(owner, `${prop} key`, key);
    if (typeof value !== 'string') invalid(owner, `${prop}[${JSON.stringify(key)}]`, value, 'use a string value');
  }
}

/** An IPv4 CIDR block such as `10.0.0.0/8`. */
export function checkCidr(owner: string, prop: string, value: string): string {
  const m = typeof value === 'string' ? /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(value) : null;
  if (!m || m.slice(1, 5).some(o => Number(o) > 255) || Number(m[5]) > 32) {
    invalid(owner, prop, value, "use an IPv4 CIDR block such as '130.211.0.0/22'");
  }
  return value;
}

/** An integer in [min, max]. */
export function checkInt(owner: string, prop: string, value: number, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    invalid(owner, prop, value, `use an integer from ${min} to ${max}`);
  }
  return value;
}

/** A TCP/UDP port number. */
export function checkPort(owner: string, prop: string, value: number): number {
  return checkInt(owner, prop, value, 1, 65535);
}

/** An HTTP path: starts with '/', no whitespace. */
export function checkPath(owner: string, prop: string, value: string): string {
  if (typeof value !== 'string' || !value.startsWith('/') || /\s/.test(value)) {
    invalid(owner, prop, value, "use an absolute path that starts with '/' and has no whitespace");
  }
  return value;
}

/** A host name for an Ingress rule: a DNS subdomain, optionally with a leading '*.' wildcard. */
export function checkHost(owner: string, prop: string, value: string): string {
  const bare = typeof value === 'string' && value.startsWith('*.') ? value.slice(2) : value;
  if (typeof value !== 'string' || !DNS_SUBDOMAIN.test(bare) || bare.length > 253 || /^\d+(\.\d+){3}$/.test(bare)) {
    invalid(owner, prop, value, "use a lower-case DNS name such as 'cheese.example.com' or '34.1.2.3.sslip.io' (no spaces, no scheme, no port, not a bare IP)");
  }
  return value;
}

/** A key of ConfigMap or Secret data (also a file name when mounted): letters, digits, '-', '_' or '.'. */
export function checkDataKey(owner: string, prop: string, value: string): string {
  if (typeof value !== 'string' || !/^[-._a-zA-Z0-9]{1,253}$/.test(value)) invalid(owner, prop, value, "use letters, digits, '-', '_' or '.'");
  return value;
}

/** A non-empty string with no whitespace or control characters. */
export function checkToken(owner: string, prop: string, value: string): string {
  if (typeof value !== 'string' || value.length === 0 || /[\s\u0000-\u001f]/.test(value)) {
    invalid(owner, prop, value, 'use a non-empty string with no whitespace');
  }
  return value;
}
