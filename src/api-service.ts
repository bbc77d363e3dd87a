import { Duration, Size } from 'cdk8s';
import { Construct } from 'constructs';
import { ApiStorage } from './api-storage';
import { Cpu } from './core/cpu';
import { EnvValue } from './core/env';
import { ContainerImage } from './core/image';
import { Mount } from './core/mount';
import { Connections, serviceHost } from './core/network';
import { HealthProbe } from './core/probe';
import { withDefaults } from './core/props';
import { IClaimRef, IConfigMapRef, IServiceAccountRef } from './core/refs';
import { Resources } from './core/resources';
import { Scaling } from './core/scaling';
import { checkPath, invalid } from './core/validate';
import { GcpCredentials } from './gcp-credentials';
import { PersistentClaim } from './persistent-claim';
import { Suppressions } from './policy/suppressions';
import { IVectorDb, waitForVectorDb } from './vector-db';
import { WebService, WebServiceProps } from './web-service';

/** Props of {@link ApiService}. */
export interface ApiServiceProps extends Omit<WebServiceProps, 'image' | 'port'> {
  /** The FastAPI image, e.g. `us-docker.pkg.dev/<project>/cheese-app-repository/cheese-app-api-service:<tag>`. */
  readonly image: ContainerImage;
  /** @default 9000 */
  readonly port?: number;
  /** The vector DB; `CHROMADB_HOST` and `CHROMADB_PORT` come from it, and a NetworkPolicy lets the API reach it. */
  readonly vectorDb: IVectorDb;
  /** Non-secret settings (GCP_PROJECT…) read with envFrom. */
  readonly config: IConfigMapRef;
  /**
   * Path prefix the API is mounted under (`ROOT_PATH`), e.g. `/api-service` when the Ingress forwards it unchanged.
   * @default - none: the API serves at `/` (an Ingress rewrite strips the prefix)
   */
  readonly rootPath?: string;
  /**
   * Path answered without touching Chroma or Vertex AI, used by readiness and startup probes.
   * @default - `${rootPath}/status`, or `/status`
   */
  readonly healthPath?: string;
  /** @default GcpCredentials.nodeDefault() */
  readonly credentials?: GcpCredentials;
  /**
   * Where `/persistent` (chat history, the downloaded model) lives, and so how the API scales:
   * a ReadWriteOnce disk keeps every API pod, rolling surge pods included, on the disk's node;
   * Filestore, a Cloud Storage bucket or none let the pods spread over nodes.
   * Cannot be combined with `persistentClaim`.
   * @default - ApiStorage.none() (an emptyDir: data lost with the pod), or `persistentClaim` when given
   */
  readonly storage?: ApiStorage;
  /**
   * An existing claim mounted at `/persistent`, instead of `storage`. A ReadWriteOnce claim keeps
   * every API pod, rolling surge pods included, on one node.
   * @default - see `storage`
   */
  readonly persistentClaim?: IClaimRef;
  /**
   * Allow HTTPS egress to the internet (Vertex AI, the GitHub model download at start-up).
   * @default true
   */
  readonly allowInternetEgress?: boolean;
  /**
   * Hold the API in an init container until the vector DB's heartbeat answers (its Chroma
   * client connects at import; without the wait, the first deploy crash-loops).
   * @default true
   */
  readonly waitForVectorDb?: boolean;
  /** @default 'api' */
  readonly name?: string;
  /** @default 'api' */
  readonly component?: string;
  /**
   * @default - Scaling.fixed(1) on a ReadWriteOnce disk (the pod and its rolling surge pod share the
   * disk's node: 2 × 500m / 2Gi fit an n2d-standard-2), else Scaling.autoscale({ minReplicas: 2, maxReplicas: 4 }) at 70% CPU
   */
  readonly scaling?: Scaling;
  /** @default - 500m CPU / 2Gi requested; 1500m CPU / 2Gi limit (TensorFlow and the CNN model) */
  readonly resources?: Resources;
  /** @default HealthProbe.http(healthPath) */
  readonly readiness?: HealthProbe;
  /** @default HealthProbe.http(healthPath, { period: Duration.seconds(10), failureThreshold: 60 }) (up to 10 minutes) */
  readonly startup?: HealthProbe;
  /** @default Duration.seconds(45) */
  readonly terminationGracePeriod?: Duration;
  /** @default Duration.minutes(15) (the startup probe allows 10 minutes, plus the DB wait and the image pull) */
  readonly progressDeadline?: Duration;
  /** @default 1000 (the image's `app` user) */
  readonly runAsUser?: number;
  /** @default 1000 */
  readonly runAsGroup?: number;
  /** @default 1000 (so the user can write the claim) */
  readonly fsGroup?: number;
  /** @default - the credentials' ServiceAccount (Workload Identity), else none */
  readonly serviceAccount?: IServiceAccountRef;
  /**
   * Extra variables, merged over `CHROMADB_HOST`, `CHROMADB_PORT`, `ROOT_PATH` and the credentials' variables.
   * @default - none
   */
  readonly env?: Record<string, EnvValue>;
  /**
   * Extra ConfigMaps, read after `config`.
   * @default - none
   */
  readonly envFrom?: IConfigMapRef[];
  /**
   * Extra mounts, added to an emptyDir at /tmp, `/persistent`, and the credentials' mounts.
   * @default - none
   */
  readonly mounts?: Mount[];
  /**
   * Whether the root filesystem is read-only. The course image starts with `uv run`, which writes
   * into its virtualenv (`/home/app/.venv`: a lock, a sync when out of date) and its cache
   * (`/home/app/.cache`); an emptyDir over `/home/app` would hide the virtualenv. Pass true (with
   * mounts for what it writes) for an image that starts its server without `uv run`.
   * @default false (a CHEESE-FS1 suppression with this reason is added)
   */
  readonly readOnlyRootFilesystem?: boolean;
}

/**
 * The FastAPI backend: Deployment + Service `api:9000`, autoscaled, with a startup probe
 * long enough for its TensorFlow import and model download.
 *
 * Defaults: uid/gid 1000 (the image's `app` user) with fsGroup 1000 so it can write the
 * claim; 500m/2Gi requested, 1500m/2Gi limit; a rolling update (surge 1, unavailable 0);
 * an HPA at 70% CPU between 2 and 4 pods spread over nodes with a PodDisruptionBudget, or one
 * pod when a ReadWriteOnce disk keeps every pod, surge pod included, on the disk's node.
 */
export class ApiService extends WebService {
  /** `ROOT_PATH` the API is mounted under; undefined when it serves at `/`. */
  public readonly rootPath?: string;
  /** Path of the readiness and startup probes. */
  public readonly healthPath: string;
  /** The vector DB the API uses. */
  public readonly vectorDb: IVectorDb;
  /** Where `/persistent` lives; undefined when an existing `persistentClaim` was given. */
  public readonly storage?: ApiStorage;
  /** The claim `storage` created (disk, Filestore), if any. */
  public readonly claim?: PersistentClaim;

  constructor(scope: Construct, id: string, props: ApiServiceProps) {
    const owner = `${scope.node.path}/${id}`;
    const rootPath = props.rootPath === undefined ? undefined : checkPath(owner, 'rootPath', props.rootPath);
    if (rootPath !== undefined && (rootPath === '/' || rootPath.endsWith('/'))) {
      invalid(owner, 'rootPath', rootPath, "use a prefix without a trailing '/', such as '/api-service'");
    }
    const healthPath = checkPath(owner, 'healthPath', props.healthPath ?? `${rootPath ?? ''}/status`);
    const credentialChoice = props.credentials ?? GcpCredentials.nodeDefault();
    const credentials = credentialChoice._bind(scope);
    if (props.storage && props.persistentClaim) invalid(owner, 'persistentClaim', props.persistentClaim.claimName, 'give either storage or persistentClaim, not both');
    const storage = props.storage ?? ApiStorage.none();
    const allowInternet = props.allowInternetEgress ?? true;
    storage._checkPod(owner, { workloadIdentity: credentialChoice._mode === 'workload-identity', internetEgress: allowInternet });
    const storageBinding = props.persistentClaim ? undefined : storage._bind(scope);
    const persistent = props.persistentClaim ? Mount.claim(props.persistentClaim, '/persistent')
      : storage._mount(storageBinding!, '/persistent', props.runAsUser ?? 1000, props.fsGroup ?? props.runAsGroup ?? 1000);
    const rwo = props.persistentClaim?.readWriteOnce ?? storageBinding?.claim?.readWriteOnce ?? false;
    const dbHost = serviceHost(owner, 'vectorDb', props.vectorDb, scope); // `<svc>.<ns>.svc` from another namespace
    const env: Record<string, EnvValue> = {
      CHROMADB_HOST: EnvValue.literal(dbHost),
      CHROMADB_PORT: EnvValue.literal(String(props.vectorDb.servicePort)),
      ...(rootPath ? { ROOT_PATH: EnvValue.literal(rootPath) } : {}),
      ...credentials.env,
      ...props.env,
    };
    super(scope, id, withDefaults<WebServiceProps>({
      name: 'api',
      component: 'api',
      runAsUser: 1000,
      runAsGroup: 1000,
      fsGroup: 1000,
      resources: Resources.of({ cpuRequest: Cpu.millis(500), cpuLimit: Cpu.millis(1500), memoryRequest: Size.gibibytes(2) }),
      // pods sharing a ReadWriteOnce disk, surge pod included, must fit one node: 1 + 1 × (500m, 2Gi) does on an n2d-standard-2
      scaling: props.replicas !== undefined ? undefined
        : rwo ? Scaling.fixed(1)
          : Scaling.autoscale({ minReplicas: 2, maxReplicas: 4, cpuUtilization: 70 }),
      readiness: HealthProbe.http(healthPath),
      liveness: HealthProbe.tcp({ period: Duration.seconds(20) }),
      // TensorFlow import + model download from GitHub: allow up to 10 minutes before liveness applies
      startup: HealthProbe.http(healthPath, { period: Duration.seconds(10), failureThreshold: 60 }),
      terminationGracePeriod: Duration.seconds(45),
      // the startup probe alone may take 10 minutes, plus the wait for the DB and the image pull
      progressDeadline: Duration.minutes(15),
      serviceAccount: credentials.serviceAccount,
    }, {
      ...props,
      port: props.port ?? 9000,
      env,
      envFrom: [props.config, ...(props.envFrom ?? [])],
      initContainers: [...(props.waitForVectorDb ?? true ? [waitForVectorDb(props.vectorDb, dbHost)] : []), ...(props.initContainers ?? [])],
      mounts: [Mount.emptyDir('/tmp'), persistent, ...credentials.mounts, ...(props.mounts ?? [])],
      readOnlyRootFilesystem: props.readOnlyRootFilesystem ?? false,
      podAnnotations: storageBinding && Object.keys(storageBinding.podAnnotations).length
        ? { ...storageBinding.podAnnotations, ...props.podAnnotations } : props.podAnnotations,
    }));
    if (!(props.readOnlyRootFilesystem ?? false)) {
      Suppressions.add(this.deployment, 'CHEESE-FS1', 'the api-service image starts with `uv run`, which writes into its virtualenv /home/app/.venv '
        + 'and its cache /home/app/.cache (an emptyDir over /home/app would hide the virtualenv)');
    }
    this.rootPath = rootPath;
    this.healthPath = healthPath;
    this.vectorDb = props.vectorDb;
    this.storage = props.persistentClaim ? undefined : storage;
    this.claim = storageBinding?.claim;
    const connections = Connections.of(this);
    connections.connect(this, props.vectorDb, props.vectorDb.containerPort);
    if (allowInternet) connections.allowInternet(this, [443]);
    if (credentials.usesMetadataServer) connections.allowMetadataServer(this);
  }
}
