import { Duration, Size, Testing } from 'cdk8s';
import {
  AppConfig, ContainerImage, Cpu, DisruptionBudget, EnvValue, HealthProbe, ImagePullPolicy, Mount, PersistentClaim, Resources, Rollout, Scaling,
  ServiceType, SUPPRESSIONS_ANNOTATION, WebService, WebServiceProps,
} from '../src';
import { mainContainer, one, podOf, smallResources, synth } from './util';
import { Connections } from '../src/core/network';

const IMAGE = 'us-docker.pkg.dev/shop/apps/web:2.3.1';

function build(props: Partial<WebServiceProps> = {}, id = 'Web') {
  const chart = Testing.chart();
  const web = new WebService(chart, id, { image: ContainerImage.of(IMAGE), port: 8080, ...props });
  const objects = synth(chart);
  return { chart, web, objects, deployment: one(objects, 'Deployment'), service: one(objects, 'Service') };
}

describe('WebService', () => {
  test('synthesizes a Deployment, a Service and a PodDisruptionBudget that select the same pods', () => {
    const { objects, deployment, service, web } = build();
    expect(objects.map(o => o.kind)).toEqual(['Deployment', 'Service', 'PodDisruptionBudget']);
    const selector = { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/instance': 'test' };
    expect(web.selector).toEqual(selector);
    expect(deployment.spec.selector).toEqual({ matchLabels: selector });
    expect(deployment.spec.template.metadata.labels).toMatchObject(selector);
    expect(service.spec.selector).toEqual(selector);
    expect(one(objects, 'PodDisruptionBudget').spec.selector).toEqual({ matchLabels: selector });
    expect(deployment.metadata.labels).toEqual({
      ...selector,
      'app.kubernetes.io/component': 'web',
      'app.kubernetes.io/version': '2.3.1',
      'app.kubernetes.io/managed-by': 'cdk8s',
    });
    expect(objects).toMatchSnapshot();
  });

  test('exposes what clients and the Ingress need, and registers itself as a network peer', () => {
    const { web, chart } = build({ servicePort: 80 });
    expect([web.workloadName, web.serviceName, web.servicePort, web.containerPort]).toEqual(['web', 'web', 80, 8080]);
    expect(web.apiObject).toBe(web.deployment);
    expect(Connections.of(chart).peers).toEqual([web]);
  });

  describe('@defaults', () => {
    const { deployment, service, objects } = build({}, 'MyWeb');
    const pod = podOf(deployment);
    const c = mainContainer(deployment);

    test('name: the construct id in lower case; component: the name', () => {
      expect(deployment.metadata.name).toBe('myweb');
      expect(service.metadata.name).toBe('myweb');
      expect(deployment.metadata.labels['app.kubernetes.io/component']).toBe('myweb');
      expect(c.name).toBe('myweb');
    });

    test('imagePullPolicy IfNotPresent; no command, args, env, envFrom', () => {
      expect(c.imagePullPolicy).toBe(ImagePullPolicy.IF_NOT_PRESENT);
      expect([c.command, c.args, c.env, c.envFrom]).toEqual([undefined, undefined, undefined, undefined]);
    });

    test('servicePort: same as port; serviceType ClusterIP; no nodePort; no service annotations', () => {
      expect(service.spec.type).toBe(ServiceType.CLUSTER_IP);
      expect(service.spec.ports).toEqual([{ name: 'http', port: 8080, targetPort: 8080, protocol: 'TCP' }]);
      expect(service.metadata.annotations).toBeUndefined();
    });

    test('mounts: a 512Mi emptyDir at /tmp; readOnlyRootFilesystem true', () => {
      expect(pod.volumes).toEqual([{ name: 'scratch-tmp', emptyDir: { sizeLimit: '512Mi' } }]);
      expect(c.volumeMounts).toEqual([{ name: 'scratch-tmp', mountPath: '/tmp' }]);
      expect(c.securityContext.readOnlyRootFilesystem).toBe(true);
    });

    test('resources: 100m CPU and 128Mi requested; 200m CPU and 128Mi limit', () => {
      expect(c.resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '200m', memory: '128Mi' } });
    });

    test('readiness HealthProbe.tcp(); liveness HealthProbe.tcp({ period: 20s }); no startup probe', () => {
      const timing = { initialDelaySeconds: 0, timeoutSeconds: 3, failureThreshold: 3 };
      expect(c.readinessProbe).toEqual({ tcpSocket: { port: 8080 }, periodSeconds: 10, ...timing });
      expect(c.livenessProbe).toEqual({ tcpSocket: { port: 8080 }, periodSeconds: 20, ...timing });
      expect(c.startupProbe).toBeUndefined();
    });

    test('scaling Scaling.fixed(2): two replicas and no HPA', () => {
      expect(deployment.spec.replicas).toBe(2);
      expect(objects.filter(o => o.kind === 'HorizontalPodAutoscaler')).toEqual([]);
    });

    test('disruptionBudget: maxUnavailable 1 when more than one pod can run', () => {
      expect(one(objects, 'PodDisruptionBudget').spec).toMatchObject({ maxUnavailable: 1, unhealthyPodEvictionPolicy: 'AlwaysAllow' });
    });

    test('rollout: rolling with surge 1 and unavailable 0; minReady 5s; progressDeadline 10 min; revisionHistoryLimit 5', () => {
      expect(deployment.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });
      expect(deployment.spec.minReadySeconds).toBe(5);
      expect(deployment.spec.progressDeadlineSeconds).toBe(600);
      expect(deployment.spec.revisionHistoryLimit).toBe(5);
    });

    test('spread true: topology spread across zones and nodes', () => {
      expect(pod.topologySpreadConstraints.map((t: any) => t.topologyKey)).toEqual(['topology.kubernetes.io/zone', 'kubernetes.io/hostname']);
    });

    test('terminationGracePeriod 30s; preStopDelay 5s', () => {
      expect(pod.terminationGracePeriodSeconds).toBe(30);
      expect(c.lifecycle).toEqual({ preStop: { exec: { command: ['sleep', '5'] } } });
    });

    test('runAsUser 10001, runAsGroup 10001, fsGroup same as runAsGroup', () => {
      expect(pod.securityContext).toMatchObject({ runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001, runAsNonRoot: true });
    });

    test('serviceAccount: the namespace default, with no token mounted; no init containers; no pod annotations or revision', () => {
      expect(pod.serviceAccountName).toBeUndefined();
      expect(pod.automountServiceAccountToken).toBe(false);
      expect(pod.initContainers).toBeUndefined();
      expect(deployment.spec.template.metadata.annotations).toBeUndefined();
    });

    test('disruptionBudget: none when at most one pod runs; replicas is the fixed count', () => {
      const single = build({ replicas: 1 });
      expect(single.deployment.spec.replicas).toBe(1);
      expect(single.objects.map(o => o.kind)).toEqual(['Deployment', 'Service']);
    });
  });

  test('autoscaling: an HPA targets the Deployment, which carries no replica count', () => {
    const { objects, deployment } = build({ scaling: Scaling.autoscale({ minReplicas: 2, maxReplicas: 6 }) });
    const hpa = one(objects, 'HorizontalPodAutoscaler');
    expect(hpa.spec).toMatchObject({ scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 2, maxReplicas: 6 });
    expect(deployment.spec.replicas).toBeUndefined();
    expect(one(objects, 'PodDisruptionBudget').spec.maxUnavailable).toBe(1);
  });

  test('NodePort and LoadBalancer Services take a fixed nodePort and annotations', () => {
    const { service } = build({ serviceType: ServiceType.NODE_PORT, nodePort: 30080, servicePort: 80, serviceAnnotations: { 'example.com/owner': 'cheese' } });
    expect(service.spec.type).toBe('NodePort');
    expect(service.spec.ports).toEqual([{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP', nodePort: 30080 }]);
    expect(service.metadata.annotations).toEqual({ 'example.com/owner': 'cheese' });
    expect(build({ serviceType: ServiceType.LOAD_BALANCER, nodePort: 32767 }).service.spec.ports[0].nodePort).toBe(32767);
  });

  test('explicit container settings reach the pod', () => {
    const chart = Testing.chart();
    const config = new AppConfig(chart, 'Config', { gcpProject: 'ac215-project' });
    const { deployment } = build({
      name: 'shop',
      component: 'ui',
      imagePullPolicy: ImagePullPolicy.ALWAYS,
      command: ['node'],
      args: ['server.js'],
      env: { MODE: EnvValue.literal('prod') },
      envFrom: [config],
      resources: smallResources(),
      readOnlyRootFilesystem: false,
      startup: HealthProbe.http('/ready', { failureThreshold: 30 }),
      runAsUser: 1001,
      runAsGroup: 1002,
      fsGroup: 1003,
      terminationGracePeriod: Duration.seconds(60),
      preStopDelay: Duration.seconds(0),
      minReady: Duration.seconds(10),
      progressDeadline: Duration.minutes(5),
      revisionHistoryLimit: 2,
      configRevision: 'v7',
      podAnnotations: { 'example.com/a': 'b' },
      spread: false,
      rollout: Rollout.recreate(),
    });
    const c = mainContainer(deployment);
    const pod = podOf(deployment);
    expect(deployment.metadata.name).toBe('shop');
    expect(deployment.metadata.labels['app.kubernetes.io/component']).toBe('ui');
    expect(c).toMatchObject({ name: 'shop', imagePullPolicy: 'Always', command: ['node'], args: ['server.js'], env: [{ name: 'MODE', value: 'prod' }] });
    expect(c.envFrom).toEqual([{ configMapRef: { name: 'cheese-app-config' } }]);
    expect(c.securityContext.readOnlyRootFilesystem).toBe(false);
    expect(c.startupProbe.httpGet).toEqual({ path: '/ready', port: 8080, scheme: 'HTTP' });
    expect(c.lifecycle).toBeUndefined();
    expect(pod.securityContext).toMatchObject({ runAsUser: 1001, runAsGroup: 1002, fsGroup: 1003 });
    expect(pod.terminationGracePeriodSeconds).toBe(60);
    expect(pod.topologySpreadConstraints).toBeUndefined();
    expect(deployment.spec).toMatchObject({ minReadySeconds: 10, progressDeadlineSeconds: 300, revisionHistoryLimit: 2, strategy: { type: 'Recreate' } });
    expect(deployment.spec.template.metadata.annotations).toEqual({
      'example.com/a': 'b', 'cheese-k8s.io/config-revision': 'v7', 'cheese-k8s.io/config-hash': expect.stringMatching(/^[0-9a-f]{16}$/),
    });
  });

  describe('with a ReadWriteOnce claim', () => {
    function withClaim(props: Partial<WebServiceProps>) {
      const chart = Testing.chart();
      const claim = new PersistentClaim(chart, 'Claim', { name: 'data', storage: Size.gibibytes(1) });
      return { claim, chart, props: { image: ContainerImage.of(IMAGE), port: 8080, mounts: [Mount.claim(claim, '/data')], ...props } };
    }

    test('@default rollout: rolling (surge 1, unavailable 0); @default spread: false; replicas and the surge pod are kept on the disk\'s node', () => {
      const { chart, props } = withClaim({});
      const web = new WebService(chart, 'Web', props);
      const deployment = one(synth(chart), 'Deployment');
      expect(deployment.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });
      expect(podOf(deployment).topologySpreadConstraints).toBeUndefined();
      // the selector matches old and new ReplicaSets' pods alike, so the surge pod must join the old ones
      expect(podOf(deployment).affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution).toEqual([
        { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: deployment.spec.selector.matchLabels } },
      ]);
      // the room the disk's node needs: 2 replicas + 1 surge pod
      expect(web.colocatedPodBudget).toBe(3);
    });

    test('Rollout.recreate() stays available: no surge pod, so the node needs room for the replicas only', () => {
      const { chart, props } = withClaim({ rollout: Rollout.recreate() });
      const web = new WebService(chart, 'Web', props);
      expect(one(synth(chart), 'Deployment').spec.strategy).toEqual({ type: 'Recreate' });
      expect(web.colocatedPodBudget).toBe(2);
    });

    test('@default disruptionBudget: none for pods kept on one node (they must leave it together), with the reason recorded', () => {
      const { chart, props } = withClaim({});
      new WebService(chart, 'Web', props);
      const objects = synth(chart);
      expect(objects.filter(o => o.kind === 'PodDisruptionBudget')).toEqual([]);
      expect(one(objects, 'Deployment').metadata.annotations[SUPPRESSIONS_ANNOTATION])
        .toBe('CHEESE-PDB1: the pods share the ReadWriteOnce claim data on one node and must leave it together; a budget would stall every node drain');
    });

    test('a budget that lets every pod go at once is accepted', () => {
      const { chart, props } = withClaim({ disruptionBudget: DisruptionBudget.maxUnavailable(2) });
      new WebService(chart, 'Web', props);
      const objects = synth(chart);
      expect(one(objects, 'PodDisruptionBudget').spec).toMatchObject({ maxUnavailable: 2 });
      expect(one(objects, 'Deployment').metadata.annotations?.[SUPPRESSIONS_ANNOTATION]).toBeUndefined();
    });

    test('fails if an autoscaled group\'s budget covers its minimum but not its maximum', () => {
      const scaling = Scaling.autoscale({ minReplicas: 2, maxReplicas: 4 });
      const { chart, props } = withClaim({ scaling, disruptionBudget: DisruptionBudget.maxUnavailable(2) });
      expect(() => new WebService(chart, 'Web', props)).toThrow('test/Web: invalid disruptionBudget "maxUnavailable 2": pods sharing the ReadWriteOnce claim data '
        + 'must leave their node together; use DisruptionBudget.none() or maxUnavailable(4)');
    });

    test.each([
      ['maxUnavailable(1)', DisruptionBudget.maxUnavailable(1), 'maxUnavailable 1'],
      ['minAvailable(1)', DisruptionBudget.minAvailable(1), 'minAvailable 1'],
    ])('fails if the budget is %s: a drain would evict one pod, whose replacement waits for the drained node', (_, budget, shown) => {
      const { chart, props } = withClaim({ disruptionBudget: budget });
      expect(() => new WebService(chart, 'Web', props)).toThrow(`test/Web: invalid disruptionBudget "${shown}": pods sharing the ReadWriteOnce claim data `
        + 'must leave their node together; use DisruptionBudget.none() or maxUnavailable(2)');
    });

    test('a single replica rolling with a surge pod is kept on the disk\'s node too (2 pods there during a deploy), with no PDB', () => {
      const { chart, props } = withClaim({ replicas: 1 });
      const web = new WebService(chart, 'Web', props);
      const objects = synth(chart);
      const pod = podOf(one(objects, 'Deployment'));
      expect(pod.topologySpreadConstraints).toBeUndefined();
      expect(pod.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey).toBe('kubernetes.io/hostname');
      expect(web.colocatedPodBudget).toBe(2);
      expect(objects.filter(o => o.kind === 'PodDisruptionBudget')).toEqual([]);
      expect(one(objects, 'Deployment').metadata.annotations?.[SUPPRESSIONS_ANNOTATION]).toBeUndefined();
    });

    test('a single replica without a surge pod (Recreate, or surge 0) keeps spread: nothing to co-locate', () => {
      for (const rollout of [Rollout.recreate(), Rollout.rolling({ maxSurge: 0, maxUnavailable: 1 })]) {
        const { chart, props } = withClaim({ replicas: 1, rollout });
        const web = new WebService(chart, 'Web', props);
        const pod = podOf(one(synth(chart), 'Deployment'));
        expect(pod.topologySpreadConstraints).toHaveLength(2);
        expect(pod.affinity.podAffinity).toBeUndefined();
        expect(web.colocatedPodBudget).toBeUndefined();
      }
    });

    test('colocatedPodBudget is undefined without a ReadWriteOnce claim', () => {
      const chart = Testing.chart();
      expect(new WebService(chart, 'Web', { image: ContainerImage.of(IMAGE), port: 8080 }).colocatedPodBudget).toBeUndefined();
    });

    test('fails if spread is requested for pods that must share the claim\'s node', () => {
      const { chart, props } = withClaim({ spread: true });
      expect(() => new WebService(chart, 'Web', props)).toThrow(
        'test/Web: invalid spread true: pods sharing the ReadWriteOnce claim data must run on one node; remove spread or use ReadWriteMany storage');
    });
  });

  describe('fails if', () => {
    test.each([
      ['replicas is combined with a fixed scaling', { replicas: 3, scaling: Scaling.fixed(2) }, 'invalid replicas 3: remove replicas when scaling is set (scaling already fixes it)'],
      ['replicas is combined with autoscaling', { replicas: 3, scaling: Scaling.autoscale({ maxReplicas: 4 }) }, 'invalid replicas 3: remove replicas when scaling is set (an HPA owns the replica count)'],
      ['the name is not a DNS label', { name: 'Web_1' }, 'invalid name "Web_1": use a DNS-1123 label'],
      ['the port is 0', { port: 0 }, 'invalid port 0: use an integer from 1 to 65535'],
      ['the servicePort is 70000', { servicePort: 70000 }, 'invalid servicePort 70000: use an integer from 1 to 65535'],
      ['nodePort is set on a ClusterIP Service', { nodePort: 30080 }, 'invalid nodePort 30080: set serviceType to NODE_PORT or LOAD_BALANCER, or remove nodePort'],
      ['nodePort is outside 30000-32767', { serviceType: ServiceType.NODE_PORT, nodePort: 8080 }, 'invalid nodePort 8080: use an integer from 30000 to 32767'],
      ['a minAvailable budget is not below the minimum replicas', { disruptionBudget: DisruptionBudget.minAvailable(2) }, 'invalid disruptionBudget "minAvailable 2": use fewer than the minimum replicas (2), or the budget blocks every eviction and node drain'],
      ['revisionHistoryLimit is above 100', { revisionHistoryLimit: 101 }, 'invalid revisionHistoryLimit 101: use an integer from 0 to 100'],
      ['the readiness probe targets another port', { readiness: HealthProbe.tcp({ port: 9090 }) }, 'invalid readinessProbe port 9090: probe a port the container exposes (8080)'],
    ])('%s', (_, props, message) => {
      expect(() => build(props as Partial<WebServiceProps>)).toThrow(`test/Web: ${message}`);
    });
  });

  describe('fails on input the API server would reject', () => {
    test('fails if runAsUser is 0 (root)', () => {
      expect(() => build({ runAsUser: 0 })).toThrow(/test\/Web: invalid runAsUser 0: /);
    });

    test('fails if minReady is not shorter than progressDeadline', () => {
      expect(() => build({ minReady: Duration.minutes(20) })).toThrow(/test\/Web: invalid progressDeadline "?600s?"?: .*minReady/);
    });

    test('fails if a service annotation key is malformed', () => {
      expect(() => build({ serviceAnnotations: { 'bad key': 'x' } })).toThrow(/test\/Web: invalid serviceAnnotations key "bad key": use '\[prefix\/\]name'/);
    });

    test('fails if component is not a label value', () => {
      expect(() => build({ component: 'user interface' })).toThrow(/test\/Web: invalid component "user interface": use at most 63 letters/);
    });
  });
});

describe('WebService policy exceptions chosen through props', () => {
  test('an init container with a floating image or no CPU limit gets a visible suppression instead of failing synth', () => {
    const init = {
      name: 'seed',
      image: ContainerImage.floating('busybox', 'a demo seed step that tracks latest'),
      command: ['true'],
      resources: Resources.of({ cpuRequest: Cpu.millis(10), omitCpuLimit: true, memoryRequest: Size.mebibytes(16) }),
    };
    const { deployment } = build({ initContainers: [init] });
    expect(deployment.metadata.annotations['policy.cheese-k8s.io/suppressions'])
      .toBe('CHEESE-IMG1: floating image busybox: a demo seed step that tracks latest; CHEESE-RES2: CPU limit omitted on purpose (omitCpuLimit): no CFS throttling; the CPU request still reserves capacity');
  });
});

test('every floating image of a pod is named in its CHEESE-IMG1 suppression, not only the first', () => {
  const resources = Resources.of({ cpuRequest: Cpu.millis(10), memoryRequest: Size.mebibytes(16) });
  const init = { name: 'seed', image: ContainerImage.floating('busybox', 'a demo seed step that tracks latest'), command: ['true'], resources };
  const { deployment } = build({ image: ContainerImage.floating('dlops/tic-tac-toe', 'the lecture image publishes only :latest'), initContainers: [init] });
  expect(deployment.metadata.annotations['policy.cheese-k8s.io/suppressions']).toBe('CHEESE-IMG1: floating image dlops/tic-tac-toe: the lecture image '
    + 'publishes only :latest; floating image busybox: a demo seed step that tracks latest');
});

describe('WebService ConfigMap key references', () => {
  const withKey = (key: string, late?: string) => {
    const chart = Testing.chart();
    const config = new AppConfig(chart, 'Config', { gcpProject: 'ac215-project' });
    new WebService(chart, 'Web', { image: ContainerImage.of(IMAGE), port: 8080, env: { PROJECT: EnvValue.fromConfigMap(config, key) } });
    if (late) config.addData(late, 'value');
    return () => synth(chart);
  };

  test('a key the chart\'s ConfigMap has synthesizes, including one added after the workload', () => {
    expect(withKey('GCP_PROJECT')).not.toThrow();
    expect(withKey('LATE', 'LATE')).not.toThrow();
  });

  test('fails at synth if the pod reads a key the chart\'s ConfigMap does not have', () => {
    expect(withKey('GCP_PROJEKT')).toThrow('test/Web: env reads key "GCP_PROJEKT" of ConfigMap cheese-app-config, which does not have it (keys: GCP_PROJECT)');
  });

  test('a key of an external ConfigMap cannot be checked and is accepted', () => {
    const chart = Testing.chart();
    const external = AppConfig.fromConfigMapName(chart, 'Shared', 'shared-settings');
    new WebService(chart, 'Web', { image: ContainerImage.of(IMAGE), port: 8080, env: { X: EnvValue.fromConfigMap(external, 'ANY') } });
    expect(() => synth(chart)).not.toThrow();
  });
});
