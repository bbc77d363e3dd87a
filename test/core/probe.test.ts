import { Duration } from 'cdk8s';
import { HealthProbe } from '../../src/core/probe';
import { renderPod } from '../util';

/** The main container of a pod rendered with `readiness` on a container listening on `port`. */
function containerWith(readiness: HealthProbe, port: number | undefined): any {
  return renderPod({ readiness, port }).spec.containers[0];
}

describe('HealthProbe', () => {
  test('@default port: the container\'s own port; timing @defaults: initialDelay 0s, period 10s, timeout 3s, failureThreshold 3', () => {
    expect(containerWith(HealthProbe.http('/healthz'), 8080).readinessProbe).toEqual({
      httpGet: { path: '/healthz', scheme: 'HTTP', port: 8080 },
      initialDelaySeconds: 0,
      periodSeconds: 10,
      timeoutSeconds: 3,
      failureThreshold: 3,
    });
  });

  test('explicit timing is rendered in whole seconds', () => {
    const probe = HealthProbe.tcp({
      port: 9000, initialDelay: Duration.seconds(5), period: Duration.minutes(1), timeout: Duration.seconds(2), failureThreshold: 6,
    });
    expect(probe.port).toBe(9000);
    expect(probe.usesPort).toBe(true);
    expect(containerWith(probe, 9000).readinessProbe).toEqual({
      tcpSocket: { port: 9000 }, initialDelaySeconds: 5, periodSeconds: 60, timeoutSeconds: 2, failureThreshold: 6,
    });
  });

  test('an exec probe runs its command and needs no port', () => {
    const command = ['cat', '/tmp/ready'];
    const probe = HealthProbe.exec(command);
    command.push('mutated');
    expect(probe.usesPort).toBe(false);
    expect(containerWith(probe, undefined).readinessProbe).toEqual({
      exec: { command: ['cat', '/tmp/ready'] }, initialDelaySeconds: 0, periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3,
    });
  });

  describe('fails if', () => {
    test('an HTTP path does not start with "/"', () => {
      expect(() => HealthProbe.http('healthz')).toThrow('HealthProbe.http: invalid path "healthz": use an absolute path that starts with \'/\' and has no whitespace');
    });

    test('an exec command is empty', () => {
      expect(() => HealthProbe.exec([])).toThrow('HealthProbe.exec: invalid command []: use a non-empty argv array');
    });

    test.each([0, 70000])('the port is %p', (port) => {
      expect(() => HealthProbe.tcp({ port })).toThrow(`HealthProbe: invalid port ${port}: use an integer from 1 to 65535`);
    });

    test.each([0, 1001, 2.5])('failureThreshold is %p', (failureThreshold) => {
      expect(() => HealthProbe.http('/', { failureThreshold })).toThrow(`HealthProbe: invalid failureThreshold ${failureThreshold}: use an integer from 1 to 1000`);
    });

    test('the probe targets a port the container does not expose', () => {
      expect(() => containerWith(HealthProbe.http('/', { port: 9999 }), 8080))
        .toThrow('test/Web: invalid readinessProbe port 9999: probe a port the container exposes (8080)');
    });

    test('a port probe is set on a container with no port', () => {
      expect(() => containerWith(HealthProbe.tcp(), undefined))
        .toThrow('test/Web: invalid readinessProbe "a port probe": the container exposes no port: set port, or use HealthProbe.exec');
    });
  });
});
