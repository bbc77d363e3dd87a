import { KubeObject } from '../../src/core/manifest';
import { Finding, PolicyContext, PolicyRule } from '../../src/policy';

/** Namespace of every fixture object. */
export const NS = 'cheese';
const DIGEST = `sha256:${'a'.repeat(64)}`;

/** A container that passes every rule. */
export function container(name: string, port = 8080): any {
  return {
    name,
    image: `us-docker.pkg.dev/cheese/app/${name}:1.4.2@${DIGEST}`,
    imagePullPolicy: 'Always',
    ports: [{ containerPort: port }],
    securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, privileged: false, capabilities: { drop: ['ALL'] } },
    resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '512Mi' } },
    readinessProbe: { httpGet: { path: '/healthz', port } },
  };
}

function podSpec(containers: any[], extra: any = {}): any {
  return {
    automountServiceAccountToken: false,
    securityContext: { runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, seccompProfile: { type: 'RuntimeDefault' } },
    containers,
    ...extra,
  };
}

function workload(kind: string, name: string, spec: any, podSpecJson: any): any {
  const labels = { 'app.kubernetes.io/name': name };
  return {
    apiVersion: kind === 'Job' ? 'batch/v1' : 'apps/v1',
    kind,
    metadata: { name, namespace: NS, labels },
    spec: { ...(kind === 'Job' ? {} : { selector: { matchLabels: labels } }), ...spec, template: { metadata: { labels }, spec: podSpecJson } },
  };
}

function pdb(name: string): any {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name, namespace: NS },
    spec: { maxUnavailable: 1, unhealthyPodEvictionPolicy: 'AlwaysAllow', selector: { matchLabels: { 'app.kubernetes.io/name': name } } },
  };
}

/**
 * The cheese app as plain JSON, compliant with every rule: frontend (HPA, no replicas), API
 * (2 replicas), vector DB StatefulSet on a RWO claim, loader Job, ConfigMap, default-deny
 * NetworkPolicy, TLS Ingress. Each call returns a fresh copy that tests may mutate.
 */
export function cheeseApp(): any[] {
  const api = container('api', 9000);
  api.env = [
    { name: 'CHROMADB_HOST', value: 'vector-db' },
    { name: 'GOOGLE_APPLICATION_CREDENTIALS', value: '/var/secrets/gcp/service-account.json' },
    { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
  ];
  api.volumeMounts = [{ name: 'tmp', mountPath: '/tmp' }, { name: 'gcp', mountPath: '/var/secrets/gcp', readOnly: true }];
  const db = container('chromadb', 8000);
  db.volumeMounts = [{ name: 'data', mountPath: '/chroma/chroma' }];
  const loader = container('loader');
  delete loader.readinessProbe; // Jobs need no readiness probe
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS, labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } } },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app-config', namespace: NS }, data: { CHROMADB_HOST: 'vector-db', GCS_BUCKET: 'cheese' } },
    workload('Deployment', 'frontend', {}, podSpec([container('frontend', 3000)])),
    {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'frontend', namespace: NS },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'frontend' }, minReplicas: 2, maxReplicas: 4 },
    },
    pdb('frontend'),
    workload('Deployment', 'api', { replicas: 2 }, podSpec([api], {
      volumes: [{ name: 'tmp', emptyDir: {} }, { name: 'gcp', secret: { secretName: 'gcp-service-key' } }],
    })),
    pdb('api'),
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'api', namespace: NS }, spec: { selector: { 'app.kubernetes.io/name': 'api' }, ports: [{ port: 9000 }] } },
    {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'chromadb-data', namespace: NS },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } },
    },
    workload('StatefulSet', 'vector-db', { replicas: 1, serviceName: 'vector-db' }, podSpec([db], {
      volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'chromadb-data' } }],
    })),
    workload('Job', 'loader', { backoffLimit: 2 }, podSpec([loader], { restartPolicy: 'Never' })),
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'default-deny', namespace: NS },
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'cheese', namespace: NS },
      spec: {
        ingressClassName: 'nginx',
        tls: [{ hosts: ['cheese.example.com'], secretName: 'cheese-tls' }],
        rules: [{ host: 'cheese.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'frontend', port: { number: 3000 } } } }] } }],
      },
    },
  ];
}

/** The object of `kind`/`name` in `objects` (throws if absent, so a typo fails the test). */
export function get(objects: any[], kind: string, name: string): any {
  const found = objects.find(o => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`fixture has no ${kind}/${name}`);
  return found;
}

/** The pod spec of a fixture workload. */
export function pod(objects: any[], kind: string, name: string): any {
  return get(objects, kind, name).spec.template.spec;
}

/** The first container of a fixture workload. */
export function firstContainer(objects: any[], kind: string, name: string): any {
  return pod(objects, kind, name).containers[0];
}

/** Runs one rule. */
export function run(rule: PolicyRule, objects: readonly KubeObject[], context: Partial<PolicyContext> = {}): Finding[] {
  return rule.check(objects, { requireIngressTls: true, ...context });
}

/** Shorthand for the identifying part of a finding. */
export function at(ruleId: string, kind: string, name: string, extra: Partial<Finding> = {}): any {
  return expect.objectContaining({ ruleId, kind, name, ...extra });
}
