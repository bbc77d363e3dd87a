import { App } from 'cdk8s';
import { ApiRouting, AppConfig, AppSecret, CheeseApp, ContainerImage, GcpCredentials, IngressController, KubeObject } from '../src';
import { containersOf, find, matches, podLabelsOf, podSpecOf, synthObjects, testApp, validateWithModels, workloads } from './support/manifest';

function defaultApp(app: App = testApp()): { chart: CheeseApp; objects: KubeObject[] } {
  const chart = new CheeseApp(app, 'cheese');
  return { chart, objects: synthObjects(chart) };
}

describe('CheeseApp with no props (the course app, its bugs fixed)', () => {
  const { objects } = defaultApp();
  const names = objects.map(o => `${o.kind}/${o.metadata.name}`);

  test('object names are pinned: a rename must be a deliberate, reviewed change (renaming a PVC loses its data)', () => {
    expect(names).toEqual([
      'Namespace/cheese-app-namespace',
      'ServiceAccount/api-ksa',
      'ConfigMap/cheese-app-config',
      'PersistentVolumeClaim/chromadb-pvc',
      'Service/vector-db',
      'StatefulSet/vector-db',
      'Job/vector-db-loader-d147ab73',
      'PersistentVolumeClaim/persistent-pvc',
      'Deployment/api',
      'Service/api',
      // no HorizontalPodAutoscaler/api: on the ReadWriteOnce disk the API runs one pod (plus a surge pod during a deploy)
      'Deployment/frontend',
      'Service/frontend',
      'HorizontalPodAutoscaler/frontend',
      'PodDisruptionBudget/frontend',
      'Ingress/cheese-app-ingress',
      'NetworkPolicy/default-deny-all',
      'NetworkPolicy/allow-dns-egress',
      'NetworkPolicy/api-network',
      'NetworkPolicy/frontend-network',
      'NetworkPolicy/vector-db-network',
      'NetworkPolicy/vector-db-loader-network',
    ]);
  });

  test('every workload, Service and volume of the course app is present', () => {
    for (const id of ['Deployment/frontend', 'Deployment/api', 'StatefulSet/vector-db', 'Service/frontend', 'Service/api', 'Service/vector-db',
      'PersistentVolumeClaim/persistent-pvc', 'PersistentVolumeClaim/chromadb-pvc', 'Ingress/cheese-app-ingress', 'ServiceAccount/api-ksa']) {
      expect(names).toContain(id);
    }
    expect(names.some(n => n.startsWith('Job/vector-db-loader-'))).toBe(true);
  });

  test('the Namespace comes first and every namespaced object is in it', () => {
    expect(objects[0].kind).toBe('Namespace');
    for (const o of objects.slice(1)) expect(o.metadata.namespace).toBe('cheese-app-namespace');
  });

  test('apiVersions are the real ones (the course wrote v1 for Deployments and Jobs)', () => {
    const api = Object.fromEntries(objects.map(o => [o.kind, o.apiVersion]));
    expect(api).toMatchObject({
      Deployment: 'apps/v1',
      StatefulSet: 'apps/v1',
      Job: 'batch/v1',
      HorizontalPodAutoscaler: 'autoscaling/v2',
      PodDisruptionBudget: 'policy/v1',
      Ingress: 'networking.k8s.io/v1',
      NetworkPolicy: 'networking.k8s.io/v1',
      Service: 'v1',
    });
  });

  test('every object validates against the Kubernetes schema (kubernetes-models)', () => {
    for (const o of objects) expect(validateWithModels(o)).toBe(true);
  });

  test('every object and pod template carries the app.kubernetes.io labels', () => {
    for (const o of objects) {
      expect(o.metadata.labels).toMatchObject({ 'app.kubernetes.io/instance': 'cheese-app-namespace', 'app.kubernetes.io/part-of': 'cheese-app', 'app.kubernetes.io/managed-by': 'cdk8s' });
    }
    for (const w of workloads(objects)) {
      expect(podLabelsOf(w)).toMatchObject({ 'app.kubernetes.io/name': expect.any(String), 'app.kubernetes.io/instance': 'cheese-app-namespace', 'app.kubernetes.io/component': expect.any(String) });
    }
  });

  test('every Service selector matches the pods of exactly one workload, on a declared container port', () => {
    for (const svc of objects.filter(o => o.kind === 'Service')) {
      const selected = workloads(objects).filter(w => matches(svc.spec.selector, podLabelsOf(w)));
      expect(selected.map(w => w.metadata.name)).toEqual([svc.metadata.name]);
      const ports = containersOf(podSpecOf(selected[0])).flatMap(c => (c.container.ports ?? []).map((p: any) => p.containerPort));
      for (const p of svc.spec.ports) expect(ports).toContain(p.targetPort);
    }
  });

  test('Services keep the DNS contract frontend:3000, api:9000, vector-db:8000', () => {
    expect(find(objects, 'Service', 'frontend').spec.ports[0]).toMatchObject({ port: 3000, targetPort: 3000 });
    expect(find(objects, 'Service', 'api').spec.ports[0]).toMatchObject({ port: 9000, targetPort: 9000 });
    expect(find(objects, 'Service', 'vector-db').spec.ports[0]).toMatchObject({ port: 8000, targetPort: 8000 });
    for (const name of ['frontend', 'api', 'vector-db']) expect(find(objects, 'Service', name).spec.type).toBe('ClusterIP');
  });

  test('every Ingress backend names an existing Service and port', () => {
    const ingress = find(objects, 'Ingress', 'cheese-app-ingress');
    for (const rule of ingress.spec.rules) {
      for (const p of rule.http.paths) {
        const svc = find(objects, 'Service', p.backend.service.name);
        expect(svc.spec.ports.map((x: any) => x.port)).toContain(p.backend.service.port.number);
      }
    }
  });

  test('every ConfigMap, Secret, PVC and ServiceAccount reference names an object in the chart', () => {
    const exists = (kind: string, name: string) => objects.some(o => o.kind === kind && o.metadata.name === name);
    for (const w of workloads(objects)) {
      const spec = podSpecOf(w);
      if (spec.serviceAccountName) expect(exists('ServiceAccount', spec.serviceAccountName)).toBe(true);
      for (const v of spec.volumes ?? []) {
        if (v.persistentVolumeClaim) expect(exists('PersistentVolumeClaim', v.persistentVolumeClaim.claimName)).toBe(true);
        if (v.configMap) expect(exists('ConfigMap', v.configMap.name)).toBe(true);
        if (v.secret) expect(exists('Secret', v.secret.secretName)).toBe(true);
      }
      for (const { container } of containersOf(spec)) {
        for (const ef of container.envFrom ?? []) expect(exists('ConfigMap', ef.configMapRef.name)).toBe(true);
      }
    }
  });

  test('Ingress: spec.ingressClassName nginx (no deprecated class annotation), /api-service → api unrewritten, / → frontend', () => {
    const ingress = find(objects, 'Ingress', 'cheese-app-ingress');
    expect(ingress.spec.ingressClassName).toBe('nginx');
    expect(ingress.metadata.annotations ?? {}).not.toHaveProperty('kubernetes.io/ingress.class');
    expect(ingress.metadata.annotations ?? {}).not.toHaveProperty('nginx.ingress.kubernetes.io/ssl-redirect');
    expect(ingress.spec.rules[0].http.paths.map((p: any) => [p.path, p.backend.service.name])).toEqual([['/api-service', 'api'], ['/', 'frontend']]);
  });

  test('the API gets ROOT_PATH, CHROMADB_* from the vector DB, GCP_PROJECT from the ConfigMap and Workload Identity', () => {
    const spec = podSpecOf(find(objects, 'Deployment', 'api'));
    const env = Object.fromEntries(spec.containers[0].env.map((e: any) => [e.name, e.value]));
    expect(env).toMatchObject({ ROOT_PATH: '/api-service', CHROMADB_HOST: 'vector-db', CHROMADB_PORT: '8000' });
    expect(env).not.toHaveProperty('GOOGLE_APPLICATION_CREDENTIALS');
    expect(spec.containers[0].envFrom).toEqual([{ configMapRef: { name: 'cheese-app-config' } }]);
    expect(find(objects, 'ConfigMap', 'cheese-app-config').data).toEqual({ GCP_PROJECT: 'ac215-project' });
    expect(spec.serviceAccountName).toBe('api-ksa');
    expect(find(objects, 'ServiceAccount', 'api-ksa').metadata.annotations).toEqual({ 'iam.gke.io/gcp-service-account': 'gcp-service@ac215-project.iam.gserviceaccount.com' });
  });

  test('the API mounts persistent-pvc at /persistent with fsGroup 1000 (Gen A used an emptyDir, the PVCs were unused)', () => {
    const spec = podSpecOf(find(objects, 'Deployment', 'api'));
    const vol = spec.volumes.find((v: any) => v.persistentVolumeClaim?.claimName === 'persistent-pvc');
    expect(spec.containers[0].volumeMounts).toContainEqual({ name: vol.name, mountPath: '/persistent' });
    expect(spec.securityContext).toMatchObject({ runAsUser: 1000, fsGroup: 1000 });
  });

  test('the API on the ReadWriteOnce disk rolls without downtime: one pod, surge 1 / unavailable 0, the surge pod kept on the disk\'s node', () => {
    const chart = new CheeseApp(testApp(), 'cheese');
    const api = find(synthObjects(chart), 'Deployment', 'api');
    expect(api.spec.replicas).toBe(1);
    expect(api.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });
    expect(podSpecOf(api).affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey).toBe('kubernetes.io/hostname');
    // the room the disk's node needs during a deploy: 2 pods of 500m / 2Gi (1000m / 4096 MiB; an n2d-standard-2 leaves 1330m / 5608 MiB)
    expect(chart.api.colocatedPodBudget).toBe(2);
    expect(podSpecOf(api).containers[0].resources.requests).toEqual({ cpu: '500m', memory: '2Gi' });
    expect(chart.policy.errors()).toEqual([]);
  });

  test('Chroma is pinned and its data is on chromadb-pvc at the path of its version (Gen B mounted the 0.x path on 1.x)', () => {
    const sts = find(objects, 'StatefulSet', 'vector-db');
    const spec = podSpecOf(sts);
    expect(spec.containers[0].image).toBe('chromadb/chroma:1.4.0');
    const vol = spec.volumes.find((v: any) => v.persistentVolumeClaim?.claimName === 'chromadb-pvc');
    expect(spec.containers[0].volumeMounts).toContainEqual({ name: vol.name, mountPath: '/data' });
    expect(spec.containers[0].readinessProbe.httpGet.path).toBe('/api/v2/heartbeat');
    expect(sts.spec.replicas).toBe(1);
  });

  test('the loader waits on the v2 heartbeat, has bounded retries, a deadline and a TTL', () => {
    const job = objects.find(o => o.kind === 'Job')!;
    expect(job.spec).toMatchObject({ backoffLimit: 3, activeDeadlineSeconds: 1800, ttlSecondsAfterFinished: 86400 });
    const spec = podSpecOf(job);
    expect(spec.restartPolicy).toBe('Never');
    expect(spec.initContainers[0].command.join(' ')).toContain('http://vector-db:8000/api/v2/heartbeat');
    expect(spec.containers[0].args).toEqual(['cli.py', '--download', '--load', '--chunk_type', 'recursive-split']);
  });

  test('a new image tag gives the loader Job a new name, so kubectl apply re-runs it without a delete', () => {
    const a = synthObjects(new CheeseApp(testApp(), 'a', { imageTag: 'v1' })).find(o => o.kind === 'Job')!;
    const b = synthObjects(new CheeseApp(testApp(), 'b', { imageTag: 'v2' })).find(o => o.kind === 'Job')!;
    expect(a.metadata.name).toMatch(/^vector-db-loader-[0-9a-f]{8}$/);
    expect(a.metadata.name).not.toBe(b.metadata.name);
  });

  test('the Namespace enforces Pod Security restricted with a pinned version', () => {
    expect(objects[0].metadata.labels).toMatchObject({
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/enforce-version': 'v1.30',
      'pod-security.kubernetes.io/warn': 'restricted',
      'pod-security.kubernetes.io/audit': 'restricted',
    });
  });

  test.each([['frontend', 2, 4]])('%s has an HPA (%i–%i) and no replicas', (name, minReplicas, maxReplicas) => {
    const deployment = find(objects, 'Deployment', name);
    expect(deployment.spec.replicas).toBeUndefined();
    expect(find(objects, 'HorizontalPodAutoscaler', name).spec).toMatchObject({ minReplicas, maxReplicas, scaleTargetRef: { kind: 'Deployment', name } });
  });

  test('the frontend has a PDB that allows evictions; the API, a single pod on the disk, has none (nothing to budget)', () => {
    expect(find(objects, 'PodDisruptionBudget', 'frontend').spec).toMatchObject({ maxUnavailable: 1, unhealthyPodEvictionPolicy: 'AlwaysAllow' });
    expect(objects.filter(o => o.kind === 'PodDisruptionBudget').map(o => o.metadata.name)).toEqual(['frontend']);
    expect(find(objects, 'Deployment', 'api').metadata.annotations?.['policy.cheese-k8s.io/suppressions']).not.toContain('CHEESE-PDB1');
  });

  test('every long-running container has readiness, liveness and startup probes and explicit resources', () => {
    for (const w of workloads(objects)) {
      for (const { container, init } of containersOf(podSpecOf(w))) {
        expect(container.resources.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
        expect(container.resources.limits.memory).toEqual(expect.any(String));
        if (w.kind === 'Job' || init) continue;
        expect(container.readinessProbe).toBeDefined();
        expect(container.livenessProbe).toBeDefined();
        expect(container.startupProbe).toBeDefined();
      }
    }
  });

  test('every pod meets Pod Security restricted field by field', () => {
    for (const w of workloads(objects)) {
      const spec = podSpecOf(w);
      expect(spec.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
      expect(spec.securityContext.runAsUser).toBeGreaterThan(0);
      expect(spec.automountServiceAccountToken).toBe(false);
      for (const v of spec.volumes ?? []) expect(Object.keys(v).filter(k => k !== 'name')).toEqual([expect.stringMatching(/^(emptyDir|persistentVolumeClaim|secret|configMap)$/)]);
      for (const { container } of containersOf(spec)) {
        expect(container.securityContext).toMatchObject({ allowPrivilegeEscalation: false, privileged: false, runAsNonRoot: true, capabilities: { drop: ['ALL'] } });
        expect(container.securityContext.capabilities.add).toBeUndefined();
        expect(container.ports?.every((p: any) => p.hostPort === undefined) ?? true).toBe(true);
        // the loader (downloads into /app) and the API keep a writable root: both images start with `uv run`,
        // which writes into the virtualenv under /home/app
        const writable = ['vector-db-loader', 'api'].includes(container.name);
        expect(container.securityContext.readOnlyRootFilesystem).toBe(!writable);
      }
    }
  });

  test('only the API and the loader may reach the vector DB', () => {
    const policy = find(objects, 'NetworkPolicy', 'vector-db-network');
    const sources = policy.spec.ingress.flatMap((r: any) => r.from.map((f: any) => f.podSelector?.matchLabels['app.kubernetes.io/name']));
    expect(sources.sort()).toEqual(['api', 'vector-db-loader']);
    expect(policy.spec.ingress.every((r: any) => r.ports[0].port === 8000)).toBe(true);
    expect(find(objects, 'NetworkPolicy', 'default-deny-all').spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
  });

  test('synthesizing twice gives byte-identical YAML', () => {
    const yaml = () => {
      const app = testApp();
      new CheeseApp(app, 'cheese');
      return app.synthYaml();
    };
    expect(yaml()).toEqual(yaml());
  });

  test('matches the snapshot', () => {
    expect(objects).toMatchSnapshot();
  });
});

describe('CheeseApp composition', () => {
  test('two CheeseApps in one App (two environments) do not clash', () => {
    const app = testApp();
    const dev = new CheeseApp(app, 'dev', { namespace: 'cheese-dev' });
    const prod = new CheeseApp(app, 'prod', { namespace: 'cheese-prod' });
    expect(synthObjects(dev).every(o => o.kind === 'Namespace' || o.metadata.namespace === 'cheese-dev')).toBe(true);
    expect(synthObjects(prod).every(o => o.kind === 'Namespace' || o.metadata.namespace === 'cheese-prod')).toBe(true);
  });

  test('fails if two CheeseApps in one App share a namespace', () => {
    const app = testApp();
    new CheeseApp(app, 'one');
    expect(() => new CheeseApp(app, 'two')).toThrow(/two: invalid namespace "cheese-app-namespace": already used by one/);
  });

  test('GKE mode: gce class annotation, static IP, ManagedCertificate, FrontendConfig on the key GKE reads, BackendConfig + NEG on the API', () => {
    const objects = synthObjects(new CheeseApp(testApp(), 'gke', { host: 'cheese.example.com', ingressController: IngressController.gce({ staticIpName: 'cheese-app-global-ip' }) }));
    const ingress = find(objects, 'Ingress', 'cheese-app-ingress');
    expect(ingress.spec.ingressClassName).toBeUndefined();
    expect(ingress.metadata.annotations).toEqual({
      'kubernetes.io/ingress.class': 'gce',
      'kubernetes.io/ingress.global-static-ip-name': 'cheese-app-global-ip',
      'networking.gke.io/managed-certificates': 'cheese-app-ingress-cert',
      'networking.gke.io/v1beta1.FrontendConfig': 'cheese-app-ingress-https-redirect',
    });
    expect(find(objects, 'ManagedCertificate', 'cheese-app-ingress-cert')).toMatchObject({ apiVersion: 'networking.gke.io/v1', spec: { domains: ['cheese.example.com'] } });
    expect(find(objects, 'FrontendConfig', 'cheese-app-ingress-https-redirect')).toMatchObject({ apiVersion: 'networking.gke.io/v1beta1', spec: { redirectToHttps: { enabled: true } } });
    expect(find(objects, 'BackendConfig', 'api-backend-config')).toMatchObject({ apiVersion: 'cloud.google.com/v1', spec: { healthCheck: { type: 'HTTP', port: 9000, requestPath: '/api-service/status' } } });
    expect(find(objects, 'Service', 'api').metadata.annotations).toEqual({ 'cloud.google.com/neg': '{"ingress": true}', 'cloud.google.com/backend-config': '{"default":"api-backend-config"}' });
  });

  test('Gateway API mode: an HTTPRoute on the Gateway replaces the Ingress; the API prefix routes to api:9000', () => {
    const objects = synthObjects(new CheeseApp(testApp(), 'gw', { host: 'cheese.example.com', gateway: { name: 'external', namespace: 'infra' } }));
    expect(objects.some(o => o.kind === 'Ingress')).toBe(false);
    const route = find(objects, 'HTTPRoute', 'cheese-app-route');
    expect(route.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(route.spec.parentRefs).toEqual([{ name: 'external', namespace: 'infra' }]);
    expect(route.spec.hostnames).toEqual(['cheese.example.com']);
    expect(route.spec.rules.map((r: any) => [r.matches[0].path.value, r.backendRefs[0].name, r.backendRefs[0].port])).toEqual([['/api-service', 'api', 9000], ['/', 'frontend', 3000]]);
  });

  test('Gateway API with rewrite routing strips the prefix with a URLRewrite filter', () => {
    const objects = synthObjects(new CheeseApp(testApp(), 'gw', { gateway: { name: 'external' }, apiRouting: ApiRouting.rewrite('/api/') }));
    expect(find(objects, 'HTTPRoute', 'cheese-app-route').spec.rules[0].filters).toEqual([{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } } }]);
  });

  test('GKE mode follows the controller kind, not its class name: an nginx class named "gce" stays an nginx Ingress', () => {
    const objects = synthObjects(new CheeseApp(testApp(), 'n', { ingressController: IngressController.nginx({ className: 'gce' }) }));
    expect(find(objects, 'Ingress', 'cheese-app-ingress').spec.ingressClassName).toBe('gce');
    expect(objects.some(o => o.kind === 'BackendConfig' || o.kind === 'ManagedCertificate')).toBe(false);
  });

  test('fails if a gateway is combined with an ingress controller', () => {
    expect(() => new CheeseApp(testApp(), 'gw', { gateway: { name: 'external' }, ingressController: IngressController.nginx() }))
      .toThrow(/gw: invalid gateway "external": remove ingressController and tls/);
  });

  test('key mode (Gen A): the key Secret is declared as external, mounted read-only at /secrets, never emitted', () => {
    const chart = new CheeseApp(testApp(), 'genA', { credentials: GcpCredentials.serviceAccountKey({}), apiRouting: ApiRouting.rewrite('/api/') });
    const objects = synthObjects(chart);
    expect(objects.some(o => o.kind === 'Secret' || o.kind === 'ServiceAccount')).toBe(false);
    const declared = chart.node.findAll().filter((c): c is AppSecret => c instanceof AppSecret);
    expect(declared.map(s => [s.secretName, s.managedInChart])).toEqual([['gcp-service-key', false]]);
    for (const name of ['api']) {
      const spec = podSpecOf(find(objects, 'Deployment', name));
      const volume = spec.volumes.find((v: any) => v.secret);
      expect(volume.secret).toEqual({ secretName: 'gcp-service-key', defaultMode: 0o440 });
      expect(spec.containers[0].volumeMounts).toContainEqual({ name: volume.name, mountPath: '/secrets', readOnly: true });
      expect(spec.containers[0].env).toContainEqual({ name: 'GOOGLE_APPLICATION_CREDENTIALS', value: '/secrets/gcp-service.json' });
    }
    // a key file needs no metadata server: the API may not reach it (nor the node's credentials)
    expect(JSON.stringify(find(objects, 'NetworkPolicy', 'api-network').spec.egress)).not.toContain('169.254.169.252/30');
    const ingress = find(objects, 'Ingress', 'cheese-app-ingress');
    expect(ingress.metadata.annotations).toEqual({ 'nginx.org/rewrites': 'serviceName=api rewrite=/' });
    expect(ingress.spec.rules[0].http.paths[0].path).toBe('/api/');
  });

  test('config changes roll exactly the workloads that read the changed key', () => {
    const hashes = (data: Record<string, string>) => {
      const chart = new CheeseApp(testApp(), 'c', { configData: data });
      return Object.fromEntries(synthObjects(chart).filter(o => ['Deployment', 'StatefulSet', 'Job'].includes(o.kind))
        .map(o => [o.kind === 'Job' ? 'loader' : o.metadata.name, o.spec.template.metadata.annotations?.['cheese-k8s.io/config-hash'] ?? null]));
    };
    const before = hashes({ MODEL: 'gemini-2.0' });
    const after = hashes({ MODEL: 'gemini-2.5' });
    expect(before.frontend).toBeNull();
    expect(before['vector-db']).toBeNull();
    expect(after.api).not.toEqual(before.api);
    expect(after.loader).not.toEqual(before.loader);
  });

  test('changing one ConfigMap key changes nothing but the ConfigMap and the hash of the pods that read it', () => {
    const render = (value: string) => synthObjects(new CheeseApp(testApp(), 'c', { configData: { MODEL: value } }));
    const before = render('a');
    const after = render('b');
    const changed: string[] = [];
    const walk = (x: any, y: any, at: string) => {
      if (JSON.stringify(x) === JSON.stringify(y)) return;
      if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return void changed.push(at);
      for (const k of new Set([...Object.keys(x), ...Object.keys(y)])) walk(x[k], y[k], `${at}.${k}`);
    };
    before.forEach((o, i) => walk(o, after[i], `${o.kind}/${o.metadata.name}`));
    const job = before.find(o => o.kind === 'Job')!.metadata.name;
    expect(changed.sort()).toEqual([
      'ConfigMap/cheese-app-config.data.MODEL',
      'Deployment/api.spec.template.metadata.annotations.cheese-k8s.io/config-hash',
      // the loader's pod template is immutable, so a new template comes with a new Job name (a re-run)
      `Job/${job}.metadata.name`,
      `Job/${job}.spec.template.metadata.annotations.cheese-k8s.io/config-hash`,
    ].sort());
  });

  test('configRevision rolls the API and gives the loader a new Job, for Secrets kept outside the chart', () => {
    const render = (configRevision?: string) => synthObjects(new CheeseApp(testApp(), 'c', { configRevision }));
    const [none, r1, r2] = [render(), render('r1'), render('r2')];
    const api = (objects: KubeObject[]) => find(objects, 'Deployment', 'api').spec.template.metadata.annotations['cheese-k8s.io/config-revision'];
    const job = (objects: KubeObject[]) => objects.find(o => o.kind === 'Job')!.metadata.name;
    expect(api(none)).toBeUndefined();
    expect([api(r1), api(r2)]).toEqual(['r1', 'r2']);
    expect(new Set([job(none), job(r1), job(r2)]).size).toBe(3);
    expect(find(r1, 'Deployment', 'frontend').spec.template.metadata.annotations?.['cheese-k8s.io/config-revision']).toBeUndefined();
  });

  test('config added after construction still counts toward the hash', () => {
    const hash = (extra: boolean) => {
      const chart = new CheeseApp(testApp(), 'c');
      if (extra) (chart.config as AppConfig).addData('LATE', 'yes');
      return synthObjects(chart).find(o => o.kind === 'Deployment' && o.metadata.name === 'api')!.spec.template.metadata.annotations['cheese-k8s.io/config-hash'];
    };
    expect(hash(true)).not.toEqual(hash(false));
  });

  test('image tag and project flow into the three app images', () => {
    const objects = synthObjects(new CheeseApp(testApp(), 'c', { gcpProject: 'my-project-1', imageTag: '20260101000000' }));
    expect(podSpecOf(find(objects, 'Deployment', 'frontend')).containers[0].image).toBe('us-docker.pkg.dev/my-project-1/cheese-app-repository/cheese-app-frontend-react:20260101000000');
    expect(podSpecOf(find(objects, 'Deployment', 'api')).containers[0].image).toBe('us-docker.pkg.dev/my-project-1/cheese-app-repository/cheese-app-api-service:20260101000000');
    expect(podSpecOf(objects.find(o => o.kind === 'Job')!).containers[0].image).toBe('us-docker.pkg.dev/my-project-1/cheese-app-repository/cheese-app-vector-db-cli:20260101000000');
  });

  test('a custom vector DB image of the 0.x line mounts /chroma/chroma and probes the v1 heartbeat', () => {
    const objects = synthObjects(new CheeseApp(testApp(), 'c', { vectorDbImage: ContainerImage.of('chromadb/chroma:0.5.6') }));
    const c = podSpecOf(find(objects, 'StatefulSet', 'vector-db')).containers[0];
    expect(c.volumeMounts.map((m: any) => m.mountPath)).toContain('/chroma/chroma');
    expect(c.readinessProbe.httpGet.path).toBe('/api/v1/heartbeat');
    expect(c.env).toContainEqual({ name: 'IS_PERSISTENT', value: 'TRUE' });
  });
});
