import { Testing } from 'cdk8s';
import { ContainerImage, Frontend, FrontendProps, Mount, Scaling } from '../src';
import { mainContainer, one, podOf, smallResources, synth } from './util';

const IMAGE = 'gcr.io/ac215-project/cheese-app-frontend-react:20250422213016';

function build(props: Partial<FrontendProps> = {}) {
  const chart = Testing.chart();
  const frontend = new Frontend(chart, 'Frontend', { image: ContainerImage.of(IMAGE), ...props });
  const objects = synth(chart);
  return { frontend, objects, deployment: one(objects, 'Deployment'), service: one(objects, 'Service') };
}

describe('Frontend', () => {
  test('synthesizes frontend:3000 with an HPA and a PDB', () => {
    const { objects, deployment, service, frontend } = build();
    expect(objects.map(o => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Deployment/frontend', 'Service/frontend', 'HorizontalPodAutoscaler/frontend', 'PodDisruptionBudget/frontend',
    ]);
    expect([frontend.serviceName, frontend.servicePort, frontend.containerPort]).toEqual(['frontend', 3000, 3000]);
    expect(service.spec.ports).toEqual([{ name: 'http', port: 3000, targetPort: 3000, protocol: 'TCP' }]);
    expect(deployment.metadata.labels['app.kubernetes.io/component']).toBe('frontend');
    expect(mainContainer(deployment).image).toBe(IMAGE);
    expect(objects).toMatchSnapshot();
  });

  test('@default port 3000, and an explicit port moves the container, the probes and the Service', () => {
    const { service, deployment } = build({ port: 8080 });
    expect(service.spec.ports[0]).toMatchObject({ port: 8080, targetPort: 8080 });
    expect(mainContainer(deployment).readinessProbe.httpGet.port).toBe(8080);
  });

  test('defaults of the Next.js image: uid/gid 1001, 100m/256Mi with a 500m limit, HPA 2-4 at 70% CPU', () => {
    const { deployment, objects } = build();
    expect(podOf(deployment).securityContext).toMatchObject({ runAsUser: 1001, runAsGroup: 1001, fsGroup: 1001 });
    expect(mainContainer(deployment).resources).toEqual({ requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '500m', memory: '256Mi' } });
    const hpa = one(objects, 'HorizontalPodAutoscaler').spec;
    expect([hpa.minReplicas, hpa.maxReplicas, hpa.metrics[0].resource.target.averageUtilization]).toEqual([2, 4, 70]);
    expect(deployment.spec.replicas).toBeUndefined();
  });

  test('probes: readiness GET /, liveness TCP every 20s, startup TCP every 5s for up to 2 minutes', () => {
    const c = mainContainer(build().deployment);
    expect(c.readinessProbe.httpGet).toEqual({ path: '/', port: 3000, scheme: 'HTTP' });
    expect(c.livenessProbe).toMatchObject({ tcpSocket: { port: 3000 }, periodSeconds: 20 });
    expect(c.startupProbe).toMatchObject({ tcpSocket: { port: 3000 }, periodSeconds: 5, failureThreshold: 24 });
  });

  test('a read-only root with writable /tmp and the Next.js cache', () => {
    const c = mainContainer(build().deployment);
    expect(c.securityContext.readOnlyRootFilesystem).toBe(true);
    expect(c.volumeMounts.map((m: any) => m.mountPath)).toEqual(['/tmp', '/app/.next/cache']);
  });

  test('replicas replaces the default autoscaling with a fixed count', () => {
    const { deployment, objects } = build({ replicas: 1 });
    expect(deployment.spec.replicas).toBe(1);
    expect(objects.map(o => o.kind)).toEqual(['Deployment', 'Service']);
  });

  test('explicit props win over the defaults, and undefined props keep them', () => {
    const { deployment, objects } = build({ name: 'ui', scaling: Scaling.autoscale({ minReplicas: 3, maxReplicas: 9 }), resources: smallResources(), runAsUser: undefined });
    expect(deployment.metadata.name).toBe('ui');
    expect(one(objects, 'HorizontalPodAutoscaler').spec).toMatchObject({ minReplicas: 3, maxReplicas: 9 });
    expect(mainContainer(deployment).resources.requests).toEqual({ cpu: '100m', memory: '64Mi' });
    expect(podOf(deployment).securityContext.runAsUser).toBe(1001);
  });

  test('fails if replicas and scaling are both set', () => {
    expect(() => build({ replicas: 2, scaling: Scaling.fixed(2) })).toThrow('test/Frontend: invalid replicas 2: remove replicas when scaling is set (scaling already fixes it)');
  });
});

describe('Frontend mounts', () => {
  test('extra mounts are added to the /tmp and /app/.next/cache scratch dirs, not instead of them', () => {
    const chart = Testing.chart();
    new Frontend(chart, 'Frontend', { image: ContainerImage.of('gcr.io/p/cheese-app-frontend-react:1'), mounts: [Mount.emptyDir('/app/public/uploads')] });
    const paths = mainContainer(one(synth(chart), 'Deployment')).volumeMounts.map((m: any) => m.mountPath);
    expect(paths).toEqual(['/tmp', '/app/.next/cache', '/app/public/uploads']);
  });
});
