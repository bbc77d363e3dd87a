// Ingress and HTTPRoute: k8s pkg/apis/networking/validation/validation.go validateHTTPIngressRuleValue
// (Exact/Prefix paths absolute, no invalidPathSequences "//", "/./", "/../", "%2f", "%2F", no
// invalidPathSuffixes "/..", "/."), validateIngressTLS, validateIngressBackend; and the Gateway API
// HTTPRoute CRD's CEL rules on spec.rules[].matches[].path (not checked by a JSON schema validator).
import { ALLOWED, checkPort, checkSubdomain, isDns1035Label, isDns1123Subdomain } from './names';
import { itemsOf, Report } from './types';
import { KubeObject } from '../core/manifest';

const INVALID_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_SUFFIXES = ['/..', '/.'];
const PATH_RULE = "an absolute path starting with '/', without '//', '/./', '/../', '%2f' or a trailing '/.' or '/..'";

/** Why `path` is not a clean absolute path, or undefined when it is. */
function pathProblem(path: unknown, strict: boolean): string | undefined {
  if (typeof path !== 'string' || !path.startsWith('/')) return PATH_RULE;
  if (INVALID_SEQUENCES.some(s => path.includes(s)) || INVALID_SUFFIXES.some(s => path.endsWith(s))) return PATH_RULE;
  // ingress-nginx and GKE route on the raw path: '#' never reaches them, '%' escapes and non-ASCII are
  // matched inconsistently, and whitespace cannot be written in a request line
  // eslint-disable-next-line no-control-regex
  if (strict && /[#%\s\u0000-\u001f\u007f-\uffff]/.test(path)) return `${PATH_RULE}, and with no '#', '%', whitespace or non-ASCII characters`;
  return undefined;
}

/** A host of an Ingress rule or TLS entry: a DNS subdomain, optionally `*.`-prefixed, not an IP. */
function checkHost(report: Report, field: string, host: unknown): void {
  const bare = typeof host === 'string' && host.startsWith('*.') ? host.slice(2) : host;
  if (!isDns1123Subdomain(bare) || /^\d+(\.\d+){3}$/.test(bare as string)) {
    report(field, host, `${ALLOWED.dns1123Subdomain()}, optionally prefixed '*.', not an IP address`);
  }
}

function checkBackend(backend: any, path: string, report: Report): void {
  if (!backend) return;
  if (backend.service) {
    if (!isDns1035Label(backend.service.name)) report(`${path}.service.name`, backend.service.name, ALLOWED.dns1035Label);
    const port = backend.service.port ?? {};
    if (port.number !== undefined) checkPort(report, `${path}.service.port.number`, port.number, false);
    else checkPort(report, `${path}.service.port.name`, port.name ?? null, true);
  }
}

/** Ingress rules, paths, backends and TLS. */
export function checkIngress(obj: KubeObject, report: Report): void {
  const spec = obj.spec ?? {};
  checkBackend(spec.defaultBackend, 'spec.defaultBackend', report);
  itemsOf(spec.rules).forEach((rule, i) => {
    if (rule?.host !== undefined) checkHost(report, `spec.rules[${i}].host`, rule.host);
    itemsOf(rule?.http?.paths).forEach((p, j) => {
      const field = `spec.rules[${i}].http.paths[${j}]`;
      if (!['Exact', 'Prefix', 'ImplementationSpecific'].includes(p?.pathType)) {
        report(`${field}.pathType`, p?.pathType, 'Exact, Prefix or ImplementationSpecific');
      }
      // ImplementationSpecific paths only need to be absolute upstream; the library's controllers
      // (ingress-nginx, GKE) read them as prefixes, so the same rules apply
      const problem = p?.path === undefined && p?.pathType === 'ImplementationSpecific' ? undefined : pathProblem(p?.path, true);
      if (problem) report(`${field}.path`, p?.path, problem);
      checkBackend(p?.backend, `${field}.backend`, report);
    });
  });
  itemsOf(spec.tls).forEach((tls, i) => {
    itemsOf(tls?.hosts).forEach((h, j) => checkHost(report, `spec.tls[${i}].hosts[${j}]`, h));
    if (tls?.secretName !== undefined) checkSubdomain(report, `spec.tls[${i}].secretName`, tls.secretName);
  });
}

/** HTTPRoute path matches (the CRD's CEL rules) and backend references. */
export function checkHttpRoute(obj: KubeObject, report: Report): void {
  itemsOf(obj.spec?.rules).forEach((rule, i) => {
    itemsOf(rule?.matches).forEach((m, j) => {
      const path = m?.path;
      if (!path) return;
      const type = path.type ?? 'PathPrefix';
      if (type !== 'Exact' && type !== 'PathPrefix') return;
      const problem = pathProblem(path.value ?? '/', true);
      if (problem) report(`spec.rules[${i}].matches[${j}].path.value`, path.value, problem);
    });
    itemsOf(rule?.backendRefs).forEach((ref, j) => {
      const field = `spec.rules[${i}].backendRefs[${j}]`;
      if ((ref?.kind ?? 'Service') === 'Service' && (ref?.group ?? '') === '') {
        if (!isDns1035Label(ref?.name)) report(`${field}.name`, ref?.name, ALLOWED.dns1035Label);
        checkPort(report, `${field}.port`, ref?.port ?? null, false);
      }
    });
  });
}
