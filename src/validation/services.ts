// Service, PersistentVolumeClaim, PodDisruptionBudget and NetworkPolicy fields the schema leaves open:
// k8s pkg/apis/core/validation/validation.go ValidateService (ports, names, targetPort, nodePort),
// ValidatePersistentVolumeClaimSpec (storage request); pkg/apis/policy/validation
// ValidatePodDisruptionBudgetSpec; pkg/apis/networking/validation ValidateNetworkPolicySpec.
import { checkLabels, checkLabelSelector } from './metadata';
import { ALLOWED, checkInt, checkPort, isPortName } from './names';
import { checkQuantity, checkResources } from './quantities';
import { itemsOf, Report } from './types';
import { KubeObject } from '../core/manifest';

/** The default --service-node-port-range (GKE does not change it). */
const NODE_PORTS = { min: 30000, max: 32767 };

/** Service ports (unique names, required when more than one), target ports, node ports, selector. */
export function checkService(obj: KubeObject, report: Report): void {
  const spec = obj.spec ?? {};
  const ports = itemsOf(spec.ports);
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const p = `spec.ports[${i}]`;
    checkPort(report, `${p}.port`, port?.port ?? null, false);
    if (port?.targetPort !== undefined) checkPort(report, `${p}.targetPort`, port.targetPort, true);
    if (port?.nodePort !== undefined) checkInt(report, `${p}.nodePort`, port.nodePort, NODE_PORTS.min, NODE_PORTS.max);
    if (port?.name === undefined || port.name === '') {
      if (ports.length > 1) report(`${p}.name`, port?.name, `a port name (required when a Service has more than one port): ${ALLOWED.portName}`);
    } else if (!isPortName(port.name)) {
      report(`${p}.name`, port.name, ALLOWED.portName);
    } else if (names.has(port.name)) {
      report(`${p}.name`, port.name, 'a port name unique in the Service');
    }
    names.add(port?.name);
  });
  // ValidateService: ports are required except for headless and ExternalName Services
  if (ports.length === 0 && spec.clusterIP !== 'None' && spec.type !== 'ExternalName') {
    report('spec.ports', spec.ports, 'at least one port (only a headless or ExternalName Service may have none)');
  }
  checkLabels(spec.selector, 'spec.selector', report);
}

/** A claim's storage request: present and a positive quantity. */
export function checkClaim(obj: KubeObject, report: Report): void {
  if (itemsOf(obj.spec?.accessModes).length === 0) report('spec.accessModes', obj.spec?.accessModes, 'at least one access mode, e.g. ReadWriteOnce');
  const storage = obj.spec?.resources?.requests?.storage;
  if (storage === undefined) report('spec.resources.requests.storage', storage, 'a storage request such as 10Gi');
  else checkQuantity(report, 'spec.resources.requests.storage', storage, true);
  checkResources(obj.spec?.resources, 'spec.resources', report);
  checkLabelSelector(obj.spec?.selector, 'spec.selector', report);
}

/** minAvailable / maxUnavailable: a non-negative integer or a percentage; a selector. */
export function checkPdb(obj: KubeObject, report: Report): void {
  for (const field of ['minAvailable', 'maxUnavailable']) {
    const v = obj.spec?.[field];
    if (v === undefined) continue;
    const ok = typeof v === 'number' ? Number.isInteger(v) && v >= 0 && v <= 2147483647 : typeof v === 'string' && /^(100|[1-9]?\d)%$/.test(v);
    if (!ok) report(`spec.${field}`, v, 'an integer ≥ 0 or a percentage from 0% to 100%');
  }
  if (obj.spec?.minAvailable !== undefined && obj.spec?.maxUnavailable !== undefined) {
    report('spec.maxUnavailable', obj.spec.maxUnavailable, 'unset when minAvailable is set (one or the other)');
  }
  checkLabelSelector(obj.spec?.selector, 'spec.selector', report);
}

/** An IPv4 or IPv6 CIDR, as net.ParseCIDR reads it (the prefix length within the address size). */
function isCidr(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(value);
  if (v4) return v4.slice(1, 5).every(o => Number(o) <= 255) && Number(v4[5]) <= 32;
  const v6 = /^([0-9a-fA-F:]+)\/(\d{1,3})$/.exec(value);
  return !!v6 && v6[1].includes(':') && Number(v6[2]) <= 128;
}

/** Pod selectors, peers and ports of a NetworkPolicy. */
export function checkNetworkPolicy(obj: KubeObject, report: Report): void {
  checkLabelSelector(obj.spec?.podSelector, 'spec.podSelector', report);
  itemsOf(obj.spec?.policyTypes).forEach((t, i) => {
    if (t !== 'Ingress' && t !== 'Egress') report(`spec.policyTypes[${i}]`, t, 'Ingress or Egress');
  });
  for (const direction of ['ingress', 'egress']) {
    itemsOf(obj.spec?.[direction]).forEach((rule, i) => {
      const path = `spec.${direction}[${i}]`;
      itemsOf(rule?.[direction === 'ingress' ? 'from' : 'to']).forEach((peer, j) => {
        const p = `${path}.${direction === 'ingress' ? 'from' : 'to'}[${j}]`;
        checkLabelSelector(peer?.podSelector, `${p}.podSelector`, report);
        checkLabelSelector(peer?.namespaceSelector, `${p}.namespaceSelector`, report);
        if (peer?.ipBlock !== undefined) {
          if (peer.podSelector !== undefined || peer.namespaceSelector !== undefined) {
            report(`${p}.ipBlock`, peer.ipBlock, 'alone in its peer (not with podSelector or namespaceSelector)');
          }
          if (!isCidr(peer.ipBlock.cidr)) report(`${p}.ipBlock.cidr`, peer.ipBlock.cidr, 'a CIDR such as 10.0.0.0/8');
          itemsOf(peer.ipBlock.except).forEach((c, k) => { if (!isCidr(c)) report(`${p}.ipBlock.except[${k}]`, c, 'a CIDR such as 10.1.0.0/16'); });
        }
      });
      itemsOf(rule?.ports).forEach((port, j) => {
        checkPort(report, `${path}.ports[${j}].port`, port?.port, true);
        if (port?.endPort !== undefined) checkInt(report, `${path}.ports[${j}].endPort`, port.endPort, typeof port.port === 'number' ? port.port : 1, 65535);
      });
    });
  }
}
