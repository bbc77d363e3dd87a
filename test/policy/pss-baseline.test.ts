import { at, cheeseApp, firstContainer, get, pod, run } from './fixtures';
import {
  PSS_APPARMOR, PSS_HOST_NAMESPACES, PSS_HOST_PORTS, PSS_HOST_PROBES, PSS_PRIVILEGED, PSS_PROC_MOUNT, PSS_SELINUX, PSS_SYSCTLS,
  PSS_WINDOWS_HOST_PROCESS,
} from '../../src/policy';

describe('CHEESE-PSS7 host namespaces', () => {
  test('Compliance: explicit false is allowed', () => {
    const objects = cheeseApp();
    Object.assign(pod(objects, 'Deployment', 'api'), { hostNetwork: false, hostPID: false, hostIPC: false });
    expect(run(PSS_HOST_NAMESPACES, objects)).toEqual([]);
  });
  test.each([['hostNetwork'], ['hostPID'], ['hostIPC']])('Noncompliance: %s true', (field) => {
    const objects = cheeseApp();
    pod(objects, 'Deployment', 'api')[field] = true;
    expect(run(PSS_HOST_NAMESPACES, objects)).toEqual([at('CHEESE-PSS7', 'Deployment', 'api', { path: `spec.template.spec.${field}` })]);
  });
});

describe('CHEESE-PSS8 privileged', () => {
  test('Compliance: privileged false', () => {
    expect(run(PSS_PRIVILEGED, cheeseApp())).toEqual([]);
  });
  test('Noncompliance: privileged true', () => {
    const objects = cheeseApp();
    firstContainer(objects, 'StatefulSet', 'vector-db').securityContext.privileged = true;
    expect(run(PSS_PRIVILEGED, objects)).toEqual([at('CHEESE-PSS8', 'StatefulSet', 'vector-db', { container: 'chromadb' })]);
  });
});

describe('CHEESE-PSS9 host ports', () => {
  test('Compliance: hostPort 0', () => {
    const objects = cheeseApp();
    firstContainer(objects, 'Deployment', 'api').ports[0].hostPort = 0;
    expect(run(PSS_HOST_PORTS, objects)).toEqual([]);
  });
  test('Noncompliance: hostPort 80', () => {
    const objects = cheeseApp();
    firstContainer(objects, 'Deployment', 'api').ports[0].hostPort = 80;
    expect(run(PSS_HOST_PORTS, objects)).toEqual([at('CHEESE-PSS9', 'Deployment', 'api', {
      container: 'api', path: 'spec.template.spec.containers[0].ports[0].hostPort',
    })]);
  });
});

describe('CHEESE-PSS10 sysctls', () => {
  test('Compliance: safe sysctls, including tcp_keepalive_time (policy 1.29)', () => {
    const objects = cheeseApp();
    pod(objects, 'Deployment', 'api').securityContext.sysctls = [
      { name: 'net.ipv4.ip_unprivileged_port_start', value: '0' }, { name: 'net.ipv4.tcp_keepalive_time', value: '60' },
    ];
    expect(run(PSS_SYSCTLS, objects)).toEqual([]);
  });
  test('Noncompliance: kernel.msgmax', () => {
    const objects = cheeseApp();
    pod(objects, 'Deployment', 'api').securityContext.sysctls = [{ name: 'net.ipv4.tcp_syncookies', value: '1' }, { name: 'kernel.msgmax', value: '1' }];
    expect(run(PSS_SYSCTLS, objects)).toEqual([at('CHEESE-PSS10', 'Deployment', 'api', {
      path: 'spec.template.spec.securityContext.sysctls[1].name',
    })]);
  });
});

describe('CHEESE-PSS11 procMount', () => {
  test('Compliance: Default', () => {
    const objects = cheeseApp();
    firstContainer(objects, 'Deployment', 'api').securityContext.procMount = 'Default';
    expect(run(PSS_PROC_MOUNT, objects)).toEqual([]);
  });
  test('Noncompliance: Unmasked', () => {
    const objects = cheeseApp();
    firstContainer(objects, 'Deployment', 'api').securityContext.procMount = 'Unmasked';
    expect(run(PSS_PROC_MOUNT, objects)).toEqual([at('CHEESE-PSS11', 'Deployment', 'api', { container: 'api' })]);
  });
});

describe('CHEESE-PSS12 AppArmor', () => {
  test('Compliance: RuntimeDefault field and localhost/ annotation', () => {
    const objects = cheeseApp();
    get(objects, 'Deployment', 'api').spec.template.metadata.annotations = { 'container.apparmor.security.beta.kubernetes.io/api': 'localhost/cheese' };
    firstContainer(objects, 'Deployment', 'api').securityContext.appArmorProfile = { type: 'RuntimeDefault' };
    expect(run(PSS_APPARMOR, objects)).toEqual([]);
  });
  test('Noncompliance: unconfined annotation on the pod template', () => {
    const objects = cheeseApp();
    get(objects, 'Deployment', 'api').spec.template.metadata.annotations = { 'container.apparmor.security.beta.kubernetes.io/api': 'unconfined' };
    expect(run(PSS_APPARMOR, objects)).toEqual([at('CHEESE-PSS12', 'Deployment', 'api', {
      path: 'spec.template.metadata.annotations["container.apparmor.security.beta.kubernetes.io/api"]',
    })]);
  });
  test('Noncompliance: Unconfined appArmorProfile on pod and container', () => {
    const objects = cheeseApp();
    pod(objects, 'Deployment', 'api').securityContext.appArmorProfile = { type: 'Unconfined' };
    firstContainer(objects, 'Deployment', 'api').securityContext.appArmorProfile = { type: 'Unconfined' };
    expect(run(PSS_APPARMOR, objects)).toEqual([
      at('CHEESE-PSS12', 'Deployment', 'api', { path: 'spec.template.spec.securityContext.appArmorProfile.type' }),
      at('CHEESE-PSS12', 'Deployment', 'api', { container: 'api' }),
    ]);
  });
});

describe('CHEESE-PSS13 SELinux', () => {
  test('Compliance: container_t type with a level', () => {
    const objects = cheeseApp();
    pod(objects, 'Deployment', 'api').securityContext.seLinuxOptions = { type: 'container_t', level: 's0:c123,c456' };
    expect(run(PSS_SELINUX, objects)).toEqual([]);
  });
  test('Noncompliance: custom type and user', () => {
    const objects = cheeseApp();
    firstContainer(objects, 'Deployment', 'api').securityContext.seLinuxOptions = { type: 'spc_t', user: 'system_u' };
    const findings = run(PSS_SELINUX, objects);
    expect(findings).toEqual([at('CHEESE-PSS13', 'Deployment', 'api', { container: 'api' }), at('CHEESE-PSS13', 'Deployment', 'api', { container: 'api' })]);
    expect(findings.map(f => f.detail).join(' ')).toMatch(/"spc_t".*"system_u"/);
  });
});

describe('CHEESE-PSS14 Windows hostProcess', () => {
  test('Compliance: hostProcess false', () => {
    const objects = cheeseApp();
    pod(objects, 'Deployment', 'api').securityContext.windowsOptions = { hostProcess: false };
    expect(run(PSS_WINDOWS_HOST_PROCESS, objects)).toEqual([]);
  });
  test('Noncompliance: hostProcess true on a container', () => {
    const objects = cheeseApp();
    firstContainer(objects, 'Deployment', 'api').securityContext.windowsOptions = { hostProcess: true };
    expect(run(PSS_WINDOWS_HOST_PROCESS, objects)).toEqual([at('CHEESE-PSS14', 'Deployment', 'api', { container: 'api' })]);
  });
});

describe('CHEESE-PSS15 host in probes and lifecycle hooks', () => {
  test('Compliance: probes without host, and host ""', () => {
    const objects = cheeseApp();
    firstContainer(objects, 'Deployment', 'api').livenessProbe = { tcpSocket: { port: 9000, host: '' } };
    expect(run(PSS_HOST_PROBES, objects)).toEqual([]);
  });
  test('Noncompliance: readiness httpGet.host and preStop tcpSocket.host', () => {
    const objects = cheeseApp();
    const api = firstContainer(objects, 'Deployment', 'api');
    api.readinessProbe.httpGet.host = 'metadata.google.internal';
    api.lifecycle = { preStop: { tcpSocket: { port: 80, host: '10.0.0.1' } } };
    expect(run(PSS_HOST_PROBES, objects).map(f => f.path)).toEqual([
      'spec.template.spec.containers[0].readinessProbe.httpGet.host',
      'spec.template.spec.containers[0].lifecycle.preStop.tcpSocket.host',
    ]);
  });
});
