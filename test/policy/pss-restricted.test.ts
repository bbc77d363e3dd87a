import { at, cheeseApp, firstContainer, pod, run } from './fixtures';
import {
  PSS_ALLOW_PRIVILEGE_ESCALATION, PSS_CAPABILITIES, PSS_RUN_AS_NON_ROOT, PSS_RUN_AS_USER, PSS_SECCOMP, PSS_VOLUME_TYPES,
} from '../../src/policy';

describe('CHEESE-PSS1 allowPrivilegeEscalation', () => {
  test('Compliance: explicit false on every container', () => {
    expect(run(PSS_ALLOW_PRIVILEGE_ESCALATION, cheeseApp())).toEqual([]);
  });
  test.each([[undefined], [true]])('Noncompliance: %s on a container', (value) => {
    const objects = cheeseApp();
    firstContainer(objects, 'Deployment', 'api').securityContext.allowPrivilegeEscalation = value;
    expect(run(PSS_ALLOW_PRIVILEGE_ESCALATION, objects)).toEqual([at('CHEESE-PSS1', 'Deployment', 'api', {
      container: 'api', path: 'spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation',
    })]);
  });
  test('Noncompliance: init containers are checked too', () => {
    const objects = cheeseApp();
    pod(objects, 'StatefulSet', 'vector-db').initContainers = [{ name: 'init', image: 'busybox:1.36', securityContext: {} }];
    expect(run(PSS_ALLOW_PRIVILEGE_ESCALATION, objects)).toEqual([at('CHEESE-PSS1', 'StatefulSet', 'vector-db', {
      container: 'init', path: 'spec.template.spec.initContainers[0].securityContext.allowPrivilegeEscalation',
    })]);
  });
});

describe('CHEESE-PSS2 runAsNonRoot', () => {
  test('Compliance: pod-level true covers containers that leave it unset', () => {
    expect(run(PSS_RUN_AS_NON_ROOT, cheeseApp())).toEqual([]);
  });
  test('Compliance: set on every container instead of the pod', () => {
    const objects = cheeseApp();
    delete pod(objects, 'Deployment', 'api').securityContext.runAsNonRoot;
    firstContainer(objects, 'Deployment', 'api').securityContext.runAsNonRoot = true;
    expect(run(PSS_RUN_AS_NON_ROOT, objects)).toEqual([]);
  });
  test('Noncompliance: unset at pod and container level', () => {
    const objects = cheeseApp();
    delete pod(objects, 'Deployment', 'api').securityContext.runAsNonRoot;
    expect(run(PSS_RUN_AS_NON_ROOT, objects)).toEqual([at('CHEESE-PSS2', 'Deployment', 'api', { container: 'api' })]);
  });
  test('Noncompliance: a container sets false despite pod-level true', () => {
    const objects = cheeseApp();
    firstContainer(objects, 'Deployment', 'frontend').securityContext.runAsNonRoot = false;
    const findings = run(PSS_RUN_AS_NON_ROOT, objects);
    expect(findings).toEqual([at('CHEESE-PSS2', 'Deployment', 'frontend', { container: 'frontend' })]);
    expect(findings[0].detail).toContain('is false');
  });
  test('Noncompliance: pod-level false', () => {
    const objects = cheeseApp();
    pod(objects, 'Job', 'loader').securityContext.runAsNonRoot = false;
    const findings = run(PSS_RUN_AS_NON_ROOT, objects);
    expect(findings).toContainEqual(at('CHEESE-PSS2', 'Job', 'loader', { path: 'spec.template.spec.securityContext.runAsNonRoot' }));
  });
});

describe('CHEESE-PSS3 runAsUser', () => {
  test('Compliance: non-zero UID or unset', () => {
    const objects = cheeseApp();
    delete pod(objects, 'Deployment', 'api').securityContext.runAsUser;
    expect(run(PSS_RUN_AS_USER, objects)).toEqual([]);
  });
  test('Noncompliance: UID 0 at pod level', () => {
    const objects = cheeseApp();
    pod(objects, 'Deployment', 'api').securityContext.runAsUser = 0;
    expect(run(PSS_RUN_AS_USER, objects)).toEqual([at('CHEESE-PSS3', 'Deployment', 'api', { path: 'spec.template.spec.securityContext.runAsUser' })]);
  });
  test('Noncompliance: UID 0 on a container', () => {
    const objects = cheeseApp();
    firstContainer(objects, 'StatefulSet', 'vector-db').securityContext.runAsUser = 0;
    expect(run(PSS_RUN_AS_USER, objects)).toEqual([at('CHEESE-PSS3', 'StatefulSet', 'vector-db', { container: 'chromadb' })]);
  });
});

describe('CHEESE-PSS4 capabilities', () => {
  test('Compliance: drop ALL and add NET_BIND_SERVICE', () => {
    const objects = cheeseApp();
    firstContainer(objects, 'Deployment', 'frontend').securityContext.capabilities = { drop: ['ALL'], add: ['NET_BIND_SERVICE'] };
    expect(run(PSS_CAPABILITIES, objects)).toEqual([]);
  });
  test('Noncompliance: no capabilities block (the cdk8s-plus-27 default)', () => {
    const objects = cheeseApp();
    delete firstContainer(objects, 'Deployment', 'frontend').securityContext.capabilities;
    expect(run(PSS_CAPABILITIES, objects)).toEqual([at('CHEESE-PSS4', 'Deployment', 'frontend', {
      container: 'frontend', path: 'spec.template.spec.containers[0].securityContext.capabilities.drop',
    })]);
  });
  test('Noncompliance: drop lists NET_RAW but not ALL; lower-case "all" does not count', () => {
    const objects = cheeseApp();
    firstContainer(objects, 'Deployment', 'frontend').securityContext.capabilities = { drop: ['NET_RAW', 'all'] };
    expect(run(PSS_CAPABILITIES, objects)).toHaveLength(1);
  });
  test('Noncompliance: adds SYS_ADMIN', () => {
    const objects = cheeseApp();
    firstContainer(objects, 'Deployment', 'api').securityContext.capabilities = { drop: ['ALL'], add: ['NET_BIND_SERVICE', 'SYS_ADMIN'] };
    const findings = run(PSS_CAPABILITIES, objects);
    expect(findings).toEqual([at('CHEESE-PSS4', 'Deployment', 'api', { path: 'spec.template.spec.containers[0].securityContext.capabilities.add' })]);
    expect(findings[0].detail).toContain('["SYS_ADMIN"]');
  });
});

describe('CHEESE-PSS5 seccompProfile', () => {
  test('Compliance: RuntimeDefault at pod level', () => {
    expect(run(PSS_SECCOMP, cheeseApp())).toEqual([]);
  });
  test('Compliance: Localhost on every container, nothing at pod level', () => {
    const objects = cheeseApp();
    delete pod(objects, 'Deployment', 'api').securityContext.seccompProfile;
    firstContainer(objects, 'Deployment', 'api').securityContext.seccompProfile = { type: 'Localhost', localhostProfile: 'cheese.json' };
    expect(run(PSS_SECCOMP, objects)).toEqual([]);
  });
  test('Noncompliance: unset at pod and container level', () => {
    const objects = cheeseApp();
    delete pod(objects, 'Deployment', 'api').securityContext.seccompProfile;
    expect(run(PSS_SECCOMP, objects)).toEqual([at('CHEESE-PSS5', 'Deployment', 'api', {
      container: 'api', path: 'spec.template.spec.containers[0].securityContext.seccompProfile.type',
    })]);
  });
  test('Noncompliance: Unconfined on a container overrides a valid pod level', () => {
    const objects = cheeseApp();
    firstContainer(objects, 'Deployment', 'api').securityContext.seccompProfile = { type: 'Unconfined' };
    const findings = run(PSS_SECCOMP, objects);
    expect(findings).toEqual([at('CHEESE-PSS5', 'Deployment', 'api', { container: 'api' })]);
    expect(findings[0].detail).toContain('"Unconfined"');
  });
  test('Noncompliance: Unconfined at pod level also leaves the containers uncovered', () => {
    const objects = cheeseApp();
    pod(objects, 'Deployment', 'api').securityContext.seccompProfile = { type: 'Unconfined' };
    expect(run(PSS_SECCOMP, objects).map(f => f.path)).toEqual([
      'spec.template.spec.securityContext.seccompProfile.type',
      'spec.template.spec.containers[0].securityContext.seccompProfile.type',
    ]);
  });
});

describe('CHEESE-PSS6 volume types', () => {
  test('Compliance: PVC, emptyDir and secret volumes', () => {
    expect(run(PSS_VOLUME_TYPES, cheeseApp())).toEqual([]);
  });
  test.each([['hostPath', { path: '/var/run/docker.sock' }], ['gcePersistentDisk', { pdName: 'chroma' }], ['nfs', { server: 'x', path: '/' }]])(
    'Noncompliance: %s volume', (type, source) => {
      const objects = cheeseApp();
      pod(objects, 'StatefulSet', 'vector-db').volumes.push({ name: 'bad', [type]: source });
      expect(run(PSS_VOLUME_TYPES, objects)).toEqual([at('CHEESE-PSS6', 'StatefulSet', 'vector-db', {
        path: `spec.template.spec.volumes[1].${type}`,
      })]);
    });
  test('Noncompliance: a bare Pod is checked too', () => {
    const debugPod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'debug', namespace: 'cheese' },
      spec: {
        containers: [], volumes: [{ name: 'host', hostPath: { path: '/' } }],
      },
    };
    expect(run(PSS_VOLUME_TYPES, [...cheeseApp(), debugPod])).toEqual([at('CHEESE-PSS6', 'Pod', 'debug', { path: 'spec.volumes[0].hostPath' })]);
  });
});
