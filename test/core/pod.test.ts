import { Duration, Testing } from 'cdk8s';
import { AppConfig } from '../../src/app-config';
import { EnvValue } from '../../src/core/env';
import { ImagePullPolicy } from '../../src/core/image';
import { Mount } from '../../src/core/mount';
import { CONFIG_HASH_ANNOTATION, CONFIG_REVISION_ANNOTATION } from '../../src/core/pod';
import { HealthProbe } from '../../src/core/probe';
import { image, renderPod, smallResources } from '../util';

describe('renderPodTemplate', () => {
  test('ContainerProps @defaults: IfNotPresent, no command/args/env/envFrom/probes/mounts, read-only root filesystem', () => {
    // GIVEN only the required container props (and no port)
    const pod = renderPod({ port: undefined });
    // THEN the container carries nothing the caller did not ask for
    expect(pod.spec.containers).toEqual([{
      name: 'web',
      image: 'nginx:1.27.0',
      imagePullPolicy: 'IfNotPresent',
      resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '200m', memory: '64Mi' } },
      securityContext: {
        allowPrivilegeEscalation: false,
        privileged: false,
        readOnlyRootFilesystem: true,
        runAsNonRoot: true,
        capabilities: { drop: ['ALL'] },
        seccompProfile: { type: 'RuntimeDefault' },
      },
    }]);
    expect(pod.spec.volumes).toBeUndefined();
    expect(pod.metadata.annotations).toBeUndefined();
  });

  test('pod spec: no token, no service links, restricted pod security, restart policy and grace period from the options', () => {
    const pod = renderPod({}, { restartPolicy: 'Never', terminationGracePeriod: Duration.seconds(45), identity: { runAsUser: 1000, runAsGroup: 1000, fsGroup: 2000 } });
    expect(pod.spec).toMatchObject({
      automountServiceAccountToken: false,
      enableServiceLinks: false,
      restartPolicy: 'Never',
      terminationGracePeriodSeconds: 45,
      securityContext: { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, fsGroup: 2000, seccompProfile: { type: 'RuntimeDefault' } },
    });
    expect(pod.spec.serviceAccountName).toBeUndefined();
    expect(pod.metadata.labels).toEqual({ app: 'web' });
  });

  test('the port is the container port named http; command, args and pull policy pass through', () => {
    const c = renderPod({ port: 9000, command: ['python'], args: ['-m', 'app'], imagePullPolicy: ImagePullPolicy.ALWAYS }).spec.containers[0];
    expect(c.ports).toEqual([{ name: 'http', containerPort: 9000, protocol: 'TCP' }]);
    expect([c.command, c.args, c.imagePullPolicy]).toEqual([['python'], ['-m', 'app'], 'Always']);
  });

  test('env is sorted by name; envFrom lists ConfigMaps in order', () => {
    const chart = Testing.chart();
    const config = new AppConfig(chart, 'Config', { gcpProject: 'ac215-project' });
    const c = renderPod({ env: { 'ZED': EnvValue.literal('z'), 'ALPHA': EnvValue.literal('a'), 'my.var-1': EnvValue.literal('m') }, envFrom: [config] }).spec.containers[0];
    expect(c.env.map((e: any) => e.name)).toEqual(['ALPHA', 'ZED', 'my.var-1']);
    expect(c.envFrom).toEqual([{ configMapRef: { name: 'cheese-app-config' } }]);
  });

  test('readOnlyRootFilesystem false is kept', () => {
    expect(renderPod({ readOnlyRootFilesystem: false }).spec.containers[0].securityContext.readOnlyRootFilesystem).toBe(false);
  });

  test('volumes are sorted by name and shared by init and main containers that mount the same path', () => {
    const pod = renderPod({ mounts: [Mount.emptyDir('/work'), Mount.emptyDir('/cache')] }, {
      initContainers: [{ name: 'prepare', image: image('busybox:1.36.1'), resources: smallResources(), mounts: [Mount.emptyDir('/work')] }],
    });
    expect(pod.spec.volumes.map((v: any) => v.name)).toEqual(['scratch-cache', 'scratch-work']);
    expect(pod.spec.initContainers[0].volumeMounts).toEqual([{ name: 'scratch-work', mountPath: '/work' }]);
  });

  test('init containers get the restricted security context and no probes', () => {
    const pod = renderPod({}, { initContainers: [{ name: 'wait', image: image('busybox:1.36.1'), resources: smallResources(), command: ['true'] }] });
    const init = pod.spec.initContainers[0];
    expect(init).toMatchObject({ name: 'wait', image: 'busybox:1.36.1', command: ['true'] });
    expect(init.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    expect(Object.keys(init).filter(k => k.endsWith('Probe'))).toEqual([]);
  });

  test('preStopDelay becomes a preStop sleep', () => {
    const c = renderPod({}, { preStopDelay: Duration.seconds(5) }).spec.containers[0];
    expect(c.lifecycle).toEqual({ preStop: { exec: { command: ['sleep', '5'] } } });
    expect(renderPod().spec.containers[0].lifecycle).toBeUndefined();
  });

  test('spread: zone and node topology spread (ScheduleAnyway) and a preferred anti-affinity on the selector', () => {
    const pod = renderPod({}, { spread: true, selector: { app: 'web' } });
    expect(pod.spec.topologySpreadConstraints).toEqual(['topology.kubernetes.io/zone', 'kubernetes.io/hostname'].map(topologyKey => ({
      maxSkew: 1, topologyKey, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'web' } },
    })));
    expect(pod.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey).toBe('kubernetes.io/hostname');
    expect(pod.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution).toBeUndefined();
  });

  test('colocate: a required pod affinity on the node, and no spread', () => {
    const pod = renderPod({}, { colocate: true });
    expect(pod.spec.affinity).toEqual({
      podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'web' } } }] },
    });
    expect(pod.spec.topologySpreadConstraints).toBeUndefined();
  });

  test('annotations and the config revision land on the pod template', () => {
    const pod = renderPod({}, { annotations: { 'example.com/team': 'cheese' }, configRevision: 'r42' });
    expect(pod.metadata.annotations).toEqual({ 'example.com/team': 'cheese', [CONFIG_REVISION_ANNOTATION]: 'r42' });
  });

  describe('config hash', () => {
    test('hashes only the keys a container reads, and follows data added later', () => {
      // GIVEN a ConfigMap with two keys, and a pod that reads one of them
      const chart = Testing.chart();
      const config = new AppConfig(chart, 'Config', { gcpProject: 'ac215-project', data: { MODEL: 'gemini', OTHER: 'x' } });
      const hash = () => renderPod({ env: { MODEL: EnvValue.fromConfigMap(config, 'MODEL') } }).metadata.annotations[CONFIG_HASH_ANNOTATION];
      const before = hash();
      expect(before).toMatch(/^[0-9a-f]{16}$/);
      // WHEN a key the pod does not read is added, THEN the hash is unchanged
      config.addData('UNREAD', 'y');
      expect(hash()).toBe(before);
      // a pod that reads the whole map (envFrom) sees every key
      const whole = () => renderPod({ envFrom: [config] }).metadata.annotations[CONFIG_HASH_ANNOTATION];
      const wholeBefore = whole();
      config.addData('NEW_SETTING', 'z');
      expect(whole()).not.toBe(wholeBefore);
    });

    test('a ConfigMap mount counts toward the hash; an external ConfigMap does not', () => {
      const chart = Testing.chart();
      const owned = new AppConfig(chart, 'Config', { gcpProject: 'ac215-project' });
      const external = AppConfig.fromConfigMapName(chart, 'External', 'shared-settings');
      expect(renderPod({ mounts: [Mount.configMap(owned, '/etc/app')] }).metadata.annotations[CONFIG_HASH_ANNOTATION]).toMatch(/^[0-9a-f]{16}$/);
      expect(renderPod({ envFrom: [external] }).metadata.annotations).toBeUndefined();
    });
  });

  describe('fails if', () => {
    test('an init container has a probe', () => {
      expect(() => renderPod({}, { initContainers: [{ name: 'wait', image: image(), resources: smallResources(), readiness: HealthProbe.exec(['true']) }] }))
        .toThrow('test/Web: invalid initContainers[wait].readinessProbe "set": init containers run to completion and cannot have probes');
    });

    test('an init container name is not a DNS label', () => {
      expect(() => renderPod({}, { initContainers: [{ name: 'Wait_For_DB', image: image(), resources: smallResources() }] }))
        .toThrow('test/Web: invalid initContainers[].name "Wait_For_DB": use a DNS-1123 label');
    });

    test.each(['1ST', 'MY VAR', 'A=B', ''])('an env name is %j', (name) => {
      expect(() => renderPod({ env: { [name]: EnvValue.literal('x') } }))
        .toThrow(`test/Web: invalid env name ${JSON.stringify(name)}: use letters, digits, '_', '-' or '.', not starting with a digit`);
    });

    test('the port is out of range', () => {
      expect(() => renderPod({ port: 70000 })).toThrow('test/Web: invalid port 70000: use an integer from 1 to 65535');
    });

    test('preStopDelay is not shorter than the grace period', () => {
      expect(() => renderPod({}, { preStopDelay: Duration.seconds(30), terminationGracePeriod: Duration.seconds(30) }))
        .toThrow('test/Web: invalid terminationGracePeriod "30s": use a grace period longer than preStopDelay (30s) so the app gets time to drain after SIGTERM');
    });

    test('preStopDelay is above 300 seconds', () => {
      expect(() => renderPod({}, { preStopDelay: Duration.minutes(6), terminationGracePeriod: Duration.minutes(10) }))
        .toThrow('test/Web: invalid preStopDelay (seconds) 360: use an integer from 1 to 300');
    });
  });
});
