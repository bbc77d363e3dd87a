import { KubeObject } from '../../src/core/manifest';

/** Minimal plain-JSON manifests, shaped like cdk8s output, for the capacity tests. */

export function container(name: string, cpu?: string | number, memory?: string | number): any {
  const requests: Record<string, string | number> = {};
  if (cpu !== undefined) requests.cpu = cpu;
  if (memory !== undefined) requests.memory = memory;
  return { name, image: `${name}:test`, resources: { requests } };
}

export function deployment(name: string, cpu: string, memory: string, replicas?: number): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      ...(replicas !== undefined ? { replicas } : {}),
      template: { metadata: { labels: { app: name } }, spec: { containers: [container(name, cpu, memory)] } },
    },
  };
}

export function statefulSet(name: string, cpu: string, memory: string, replicas?: number): KubeObject {
  return { ...deployment(name, cpu, memory, replicas), kind: 'StatefulSet' };
}

export function job(name: string, cpu: string, memory: string, spec: { parallelism?: number; completions?: number } = {}): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name },
    spec: { ...spec, template: { spec: { restartPolicy: 'Never', containers: [container(name, cpu, memory)] } } },
  };
}

export function hpa(name: string, target: { kind: string; name: string }, minReplicas: number | undefined, maxReplicas: number): KubeObject {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: target.kind, name: target.name },
      ...(minReplicas !== undefined ? { minReplicas } : {}),
      maxReplicas,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
    },
  };
}

export function service(name: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { ports: [{ port: 80 }], selector: { app: name } } };
}

/**
 * The cheese app as the issue sizes it: frontend 250m/512Mi (HPA 2–5), api 500m/2Gi
 * (HPA 2–4), vector-db StatefulSet 250m/1Gi (1 replica), loader Job 250m/1Gi, plus a
 * Service (which requests nothing and must be ignored).
 */
export function cheeseApp(): KubeObject[] {
  return [
    deployment('frontend', '250m', '512Mi'),
    hpa('frontend', { kind: 'Deployment', name: 'frontend' }, 2, 5),
    deployment('api', '500m', '2Gi'),
    hpa('api', { kind: 'Deployment', name: 'api' }, 2, 4),
    statefulSet('vector-db', '250m', '1Gi', 1),
    job('loader', '250m', '1Gi'),
    service('api'),
  ];
}

/** Adds a required pod-affinity term to a workload's pod template (a copy; the input is untouched). */
export function withRequiredPodAffinity(obj: KubeObject, ...terms: any[]): KubeObject {
  const copy: KubeObject = JSON.parse(JSON.stringify(obj));
  copy.spec.template.spec.affinity = { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: terms } };
  return copy;
}

/**
 * A workload whose pods must share one node, rendered like `renderPodTemplate({ colocate: true })`:
 * the template labels carry more than the selector (here a version label), and the required
 * affinity term on kubernetes.io/hostname selects the workload's own `app` label.
 */
export function colocated(obj: KubeObject): KubeObject {
  const app = obj.spec.template.metadata.labels.app;
  const copy = withRequiredPodAffinity(obj, { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app } } });
  copy.spec.template.metadata.labels = { ...copy.spec.template.metadata.labels, 'app.kubernetes.io/version': '1.0.0' };
  return copy;
}
