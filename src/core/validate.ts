import {
  isConfigMapKey, isDns1035Label, isDns1123Label, isDns1123Subdomain, isEnvVarName, isIngressHost, isLabelValue, isQualifiedName, isRoutedUrlPath,
} from './k8s-names';

/**
 * Input checks shared by every construct. Each throws an `Error` whose message names
 * the construct, the prop, the value received and what is allowed, so a bad prop fails
 * at construction time, long before `kubectl apply`.
 */

/** Throws the library's standard "invalid prop" error. */
export function invalid(owner: string, prop: string, value: unknown, allowed: string): never {
  throw new Error(invalidMessage(owner, prop, value, allowed));
}

/** The message of {@link invalid}, for checks that report instead of throwing (construct validations at synth). */
export function invalidMessage(owner: string, prop: string, value: unknown, allowed: string): string {
  return `${owner}: invalid ${prop} ${show(value)}: ${allowed}`;
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

/** An RFC 1123 DNS label (Service, Namespace, container and port-less object names). */
export function checkDnsLabel(owner: string, prop: string, value: string, maxLength = 63): string {
  if (!isDns1123Label(value, maxLength)) {
    invalid(owner, prop, value, `use a DNS-1123 label: 1-${maxLength} lower-case letters, digits or '-', starting and ending with a letter or digit`);
  }
  return value;
}

/** An RFC 1035 DNS label: a Service name (it must start with a letter). */
export function checkDns1035Label(owner: string, prop: string, value: string, maxLength = 63): string {
  if (!isDns1035Label(value, maxLength)) {
    invalid(owner, prop, value, `use a DNS-1035 label (a Service name): 1-${maxLength} lower-case letters, digits or '-', starting with a letter and ending with a letter or digit`);
  }
  return value;
}

/**
 * A workload name: a Service name (DNS-1035) that also fits every name and label derived from
 * it (`<name>-network`, the StatefulSet's pod-revision label...), so at most `maxLength`.
 */
export function checkWorkloadName(owner: string, prop: string, value: string, maxLength: number, derived: string): string {
  checkDnsLabel(owner, prop, value);
  if (!/^[a-z]/.test(value)) checkDns1035Label(owner, prop, value, maxLength);
  if (value.length > maxLength) invalid(owner, prop, value, `use at most ${maxLength} characters: ${derived} (${value.length} given)`);
  return value;
}

/**
 * A name that is also the object's `app.kubernetes.io/name` label: a DNS-1123 subdomain
 * that fits a label value (63 characters, no leading or trailing '.').
 */
export function checkLabeledName(owner: string, prop: string, value: string): string {
  checkDnsSubdomain(owner, prop, value);
  if (value.length > 63) {
    invalid(owner, prop, value, `use at most 63 characters: the name is also the object's app.kubernetes.io/name label (${value.length} given)`);
  }
  return value;
}

/**
 * Namespaces the cluster owns. `kube-*` are the system's (an app labelling them Pod Security
 * `restricted` would break system pods); `default` holds whatever else the cluster runs and cannot
 * be deleted, so an app must not relabel it either.
 */
export const RESERVED_NAMESPACES: readonly string[] = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/** A namespace an app may own: a DNS label, not one of {@link RESERVED_NAMESPACES} nor any other `kube-` name. */
export function checkAppNamespace(owner: string, prop: string, value: string): string {
  checkDnsLabel(owner, prop, value);
  if (RESERVED_NAMESPACES.includes(value) || value.startsWith('kube-')) {
    invalid(owner, prop, value, `use a namespace of the app's own: ${RESERVED_NAMESPACES.join(', ')} and other 'kube-' namespaces belong to the cluster, `
      + 'and the app would relabel them (Pod Security restricted) or prune their objects');
  }
  return value;
}

/** An RFC 1123 DNS subdomain (most object names). */
export function checkDnsSubdomain(owner: string, prop: string, value: string): string {
  if (!isDns1123Subdomain(value)) {
    invalid(owner, prop, value, "use a DNS-1123 subdomain: up to 253 lower-case letters, digits, '-' or '.', each part starting and ending with a letter or digit");
  }
  return value;
}

/** A Kubernetes label value (may be empty). */
export function checkLabelValue(owner: string, prop: string, value: string): string {
  if (!isLabelValue(value)) {
    invalid(owner, prop, value, "use at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit");
  }
  return value;
}

/** A label or annotation key: optional DNS-subdomain prefix, '/', and a name of at most 63 characters. */
export function checkQualifiedKey(owner: string, prop: string, key: string): string {
  if (!isQualifiedName(key)) {
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

// RFC 3986 pchar (unreserved, sub-delims, ':' '@', %-escapes) and '/': the Gateway API's HTTPRoute path pattern
/**
 * A URL path routed by an Ingress or HTTPRoute, or probed over HTTP: RFC 3986 characters only (no
 * query, fragment, whitespace or non-ASCII) and none of the sequences the API server rejects in
 * Ingress paths ('//', '/./', '/../', '%2f', a trailing '/.' or '/..').
 */
export function checkUrlPath(owner: string, prop: string, value: string): string {
  if (!isRoutedUrlPath(value)) {
    invalid(owner, prop, value, "use an absolute path that starts with '/' and has no whitespace, and only RFC 3986 path characters "
      + "(no '?', '#', quotes, '{}' or non-ASCII; '%' only as %XX), without '//', '/./', '/../', '%2F' or a trailing '/.' or '/..'");
  }
  return value;
}

/** A host name for an Ingress rule: a DNS subdomain, optionally with a leading '*.' wildcard. */
export function checkHost(owner: string, prop: string, value: string): string {
  if (!isIngressHost(value)) {
    invalid(owner, prop, value, "use a lower-case DNS name such as 'cheese.example.com' or '34.1.2.3.sslip.io' (no spaces, no scheme, no port, not a bare IP)");
  }
  return value;
}

/** A key of ConfigMap or Secret data (also a file name when mounted): letters, digits, '-', '_' or '.'. */
export function checkDataKey(owner: string, prop: string, value: string): string {
  // the API server also refuses '.', '..' and any key starting with '..' (a mounted file could escape its directory)
  if (!isConfigMapKey(value) || value === '') {
    invalid(owner, prop, value, "use letters, digits, '-', '_' or '.' (1-253 characters, other than '.' and not starting with '..')");
  }
  return value;
}

/** An environment variable name (k8s `IsEnvVarName`). */
export function checkEnvName(owner: string, prop: string, value: string): string {
  if (!isEnvVarName(value)) {
    invalid(owner, prop, value, "use letters, digits, '_', '-' or '.', not starting with a digit, other than '.' and not starting with '..'");
  }
  return value;
}

/** Bytes of a string in UTF-8 (what the API server's size limits count). */
export function utf8Bytes(value: string): number {
  return Buffer.byteLength(value, 'utf8');
}

/** The API server's cap on all annotations of one object, keys and values together. */
export const MAX_ANNOTATIONS_BYTES = 256 * 1024;

/** The total size of an annotation map (keys and values, UTF-8), against the API server's 256 KiB cap. */
export function checkAnnotationsSize(owner: string, prop: string, annotations: Record<string, unknown>): void {
  let bytes = 0;
  for (const [key, value] of Object.entries(annotations)) bytes += utf8Bytes(key) + (typeof value === 'string' ? utf8Bytes(value) : 0);
  if (bytes > MAX_ANNOTATIONS_BYTES) {
    invalid(owner, prop, `${bytes} bytes`, `keep all annotations of one object under ${MAX_ANNOTATIONS_BYTES} bytes (256 KiB); pass a digest or version, not the content`);
  }
}

/** An int32 seconds field (probe timings, minReadySeconds...) from a Duration's whole seconds. */
export function checkSeconds(owner: string, prop: string, seconds: number, min = 0): number {
  return checkInt(owner, `${prop} (seconds)`, seconds, min, 2147483647);
}

/** A non-empty string with no whitespace or control characters. */
export function checkToken(owner: string, prop: string, value: string): string {
  if (typeof value !== 'string' || value.length === 0 || /[\s\u0000-\u001f]/.test(value)) {
    invalid(owner, prop, value, 'use a non-empty string with no whitespace');
  }
  return value;
}
