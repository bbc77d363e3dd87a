import { Duration } from 'cdk8s';
import { checkInt, checkPath, checkPort, checkSeconds, invalid } from './validate';
import { IntOrString } from '../../imports/k8s';

/** Timing knobs shared by every probe kind. */
export interface ProbeOptions {
  /**
   * Container port to probe.
   * @default - the container's own port
   */
  readonly port?: number;
  /** @default Duration.seconds(0) */
  readonly initialDelay?: Duration;
  /** @default Duration.seconds(10) */
  readonly period?: Duration;
  /** @default Duration.seconds(3) */
  readonly timeout?: Duration;
  /** @default 3 */
  readonly failureThreshold?: number;
}

/**
 * A readiness, liveness or startup probe. Probes hit the container itself, never a
 * downstream service, so a vector-DB blip cannot restart every API pod at once.
 */
export class HealthProbe {
  /** `GET <path>` on an HTTP port; 200-399 is healthy. */
  public static http(path: string, options: ProbeOptions = {}): HealthProbe {
    checkPath('HealthProbe.http', 'path', path);
    return new HealthProbe({ httpGet: { path, scheme: 'HTTP' } }, options);
  }

  /** A TCP connect to the port. */
  public static tcp(options: ProbeOptions = {}): HealthProbe {
    return new HealthProbe({ tcpSocket: {} }, options);
  }

  /** Runs a command in the container; exit 0 is healthy. */
  public static exec(command: string[], options: ProbeOptions = {}): HealthProbe {
    if (!Array.isArray(command) || command.length === 0) {
      invalid('HealthProbe.exec', 'command', command, 'use a non-empty argv array');
    }
    return new HealthProbe({ exec: { command: [...command] } }, options);
  }

  /** The explicit port, if any. */
  public readonly port?: number;
  /** Whether the probe opens a port (HTTP or TCP) rather than running a command. */
  public readonly usesPort: boolean;
  private readonly action: any;
  private readonly options: ProbeOptions;

  private constructor(action: any, options: ProbeOptions) {
    if (options.port !== undefined) checkPort('HealthProbe', 'port', options.port);
    if (options.failureThreshold !== undefined) checkInt('HealthProbe', 'failureThreshold', options.failureThreshold, 1, 1000);
    if (options.initialDelay !== undefined) checkSeconds('HealthProbe', 'initialDelay', options.initialDelay.toSeconds());
    if (options.period !== undefined) checkSeconds('HealthProbe', 'period', options.period.toSeconds(), 1);
    if (options.timeout !== undefined) checkSeconds('HealthProbe', 'timeout', options.timeout.toSeconds(), 1);
    this.action = action;
    this.options = options;
    this.port = options.port;
    this.usesPort = !action.exec;
  }

  /** @internal */
  public _toKube(defaultPort: number | undefined): any {
    const port = IntOrString.fromNumber((this.port ?? defaultPort)!);
    const action = this.action.httpGet
      ? { httpGet: { ...this.action.httpGet, port } }
      : this.action.tcpSocket ? { tcpSocket: { port } } : this.action;
    return {
      ...action,
      initialDelaySeconds: (this.options.initialDelay ?? Duration.seconds(0)).toSeconds(),
      periodSeconds: (this.options.period ?? Duration.seconds(10)).toSeconds(),
      timeoutSeconds: (this.options.timeout ?? Duration.seconds(3)).toSeconds(),
      failureThreshold: this.options.failureThreshold ?? 3,
    };
  }
}
