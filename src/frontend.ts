import { Duration, Size } from 'cdk8s';
import { Construct } from 'constructs';
import { Cpu } from './core/cpu';
import { ContainerImage } from './core/image';
import { Mount } from './core/mount';
import { HealthProbe } from './core/probe';
import { withDefaults } from './core/props';
import { Resources } from './core/resources';
import { Scaling } from './core/scaling';
import { WebService, WebServiceProps } from './web-service';

/** Props of {@link Frontend}. */
export interface FrontendProps extends Omit<WebServiceProps, 'image' | 'port'> {
  /** The Next.js image, e.g. `us-docker.pkg.dev/<project>/cheese-app-repository/cheese-app-frontend-react:<tag>`. */
  readonly image: ContainerImage;
  /**
   * Port `next start` / `server.js` listens on.
   * @default 3000
   */
  readonly port?: number;
  /** @default 'frontend' */
  readonly name?: string;
  /** @default 'frontend' */
  readonly component?: string;
  /** @default Scaling.autoscale({ minReplicas: 2, maxReplicas: 4, cpuUtilization: 70 }) */
  readonly scaling?: Scaling;
  /** @default - 100m CPU / 256Mi requested; 500m CPU / 256Mi limit */
  readonly resources?: Resources;
  /** @default HealthProbe.http('/') */
  readonly readiness?: HealthProbe;
  /** @default HealthProbe.tcp({ period: Duration.seconds(5), failureThreshold: 24 }) (up to 2 minutes to start) */
  readonly startup?: HealthProbe;
  /** @default 1001 (the image's `nextjs` user) */
  readonly runAsUser?: number;
  /** @default 1001 */
  readonly runAsGroup?: number;
  /**
   * Extra mounts, added to emptyDirs at /tmp and /app/.next/cache (Next.js's image and ISR cache).
   * @default - none
   */
  readonly mounts?: Mount[];
}

/**
 * The Next.js UI: Deployment + Service `frontend:3000`, autoscaled, probed on `/`.
 *
 * The browser calls the API through the Ingress (the API base path is baked into the
 * image at build time), so the frontend needs no API address and no egress but DNS.
 */
export class Frontend extends WebService {
  constructor(scope: Construct, id: string, props: FrontendProps) {
    super(scope, id, withDefaults<WebServiceProps>({
      name: 'frontend',
      component: 'frontend',
      // the Gen B image runs as `nextjs` (uid/gid 1001)
      runAsUser: 1001,
      runAsGroup: 1001,
      resources: Resources.of({ cpuRequest: Cpu.millis(100), cpuLimit: Cpu.millis(500), memoryRequest: Size.mebibytes(256) }),
      scaling: props.replicas === undefined ? Scaling.autoscale({ minReplicas: 2, maxReplicas: 4, cpuUtilization: 70 }) : undefined,
      readiness: HealthProbe.http('/'),
      liveness: HealthProbe.tcp({ period: Duration.seconds(20) }),
      startup: HealthProbe.tcp({ period: Duration.seconds(5), failureThreshold: 24 }),
    }, {
      ...props,
      port: props.port ?? 3000,
      // Next.js writes its image/ISR cache under .next/cache; everything else is read-only
      mounts: [Mount.emptyDir('/tmp'), Mount.emptyDir('/app/.next/cache'), ...(props.mounts ?? [])],
    }));
  }
}
