// Ingress and HTTPRoute: k8s pkg/apis/networking/validation/validation.go validateHTTPIngressRuleValue
// (Exact/Prefix paths absolute, no invalidPathSequences "//", "/./", "/../", "%2f", "%2F", no
// invalidPathSuffixes "/..", "/."), validateIngressTLS, validateIngressBackend; and the Gateway API
// HTTPRoute CRD's CEL rules on spec.rules[].matches[].path (not checked by a JSON schema validator).
import { ALLOWED, checkPort, checkSubdomain, isDns1035Label } from './names';
import { itemsOf, Report } from './types';
import { isIngressApiPath, isIngressHost, isRoutedUrlPath } from '../core/k8s-names';
import { KubeObject } from '../core/manifest';

const PATH_RULE = "an absolute path starting with '/', without '//', '/./', '/../', '%2f' or a trailing '/.' or '/..'";
const ROUTED_PATH_RULE = `${PATH_RULE}, of RFC 3986 path characters only (no '?', '#', whitespace or non-ASCII; '%' only as %XX)`;

/** Why `path` is not a path the controllers can route (the API server's rule, then RFC 3986), or undefined when it is. */
function pathProblem(path: unknown): string | undefined {
  if (!isIngressApiPath(path)) return PATH_RULE;
  return isRoutedUrlPath(path) ? undefined : ROUTED_PATH_RULE;
}

/** A host of an Ingress rule or TLS entry. */
function checkHost(report: Report, field: string, host: unknown): void {
  if (!isIngressHost(host)) report(field, host, `${ALLOWED.dns1123Subdomain()}, optionally prefixed '*.', not an IP address`);
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
      const problem = p?.path === undefined && p?.pathType === 'ImplementationSpecific' ? undefined : pathProblem(p?.path);
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
      const problem = pathProblem(path.value ?? '/');
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
