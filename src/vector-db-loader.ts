import { Duration, Lazy, Size } from 'cdk8s';
import { Construct } from 'constructs';
import { KubeJob } from '../imports/k8s';
import { instanceOf, partOfOf, toLabelValue } from './core/context';
import { Cpu } from './core/cpu';
import { EnvValue } from './core/env';
import { contentHash } from './core/hash';
import { ContainerImage } from './core/image';
import { selectorLabels, workloadLabels } from './core/labels';
import { Mount } from './core/mount';
import { Connections, INetworkPeer, serviceHost } from './core/network';
import { renderPodTemplate } from './core/pod';
import { IConfigMapRef } from './core/refs';
import { Resources } from './core/resources';
import { suppressChosenExceptions } from './core/suppress';
import { checkDnsLabel, checkInt } from './core/validate';
import { GcpCredentials } from './gcp-credentials';
import { Suppressions } from './policy/suppressions';
import { IVectorDb, waitForVectorDb } from './vector-db';

/** The loader's arguments in the course: download the embeddings zip, then load it. */
export const DEFAULT_LOADER_ARGS: readonly string[] = ['cli.py', '--download', '--load', '--chunk_type', 'recursive-split'];

/** Props of {@link VectorDbLoader}. */
export interface VectorDbLoaderProps {
  /**
   * Base name; the Job is named `<name>-<hash of its pod template>`.
   * @default 'vector-db-loader'
   */
  readonly name?: string;
  /** The `cheese-app-vector-db-cli` image. */
  readonly image: ContainerImage;
  /** The DB to fill; `CHROMADB_HOST`/`CHROMADB_PORT` and the wait loop's heartbeat come from it. */
  readonly vectorDb: IVectorDb;
  /** Non-secret settings (GCP_PROJECT) read with envFrom. */
  readonly config: IConfigMapRef;
  /** @default DEFAULT_LOADER_ARGS */
  readonly args?: string[];
  /** @default GcpCredentials.nodeDefault() */
  readonly credentials?: GcpCredentials;
  /**
   * Retries before the Job is marked failed.
   * @default 3
   */
  readonly backoffLimit?: number;
  /**
   * Wall-clock limit for all attempts.
   * @default Duration.minutes(30)
   */
  readonly activeDeadline?: Duration;
  /**
   * How long a finished Job is kept (for `kubectl logs`) before Kubernetes deletes it. Re-applying the
   * same manifests after that re-creates the Job and reloads the collection (the loader is idempotent).
   * @default Duration.days(1)
   */
  readonly ttlAfterFinished?: Duration;
  /** @default - 250m CPU / 1Gi requested; 1 CPU / 1Gi limit */
  readonly resources?: Resources;
  /**
   * Allow HTTPS egress to the internet (the embeddings download from GitHub, Vertex AI).
   * @default true
   */
  readonly allowInternetEgress?: boolean;
  /**
   * Revision of configuration kept outside the chart; a new value gives a new Job (a re-run).
   * @default - no revision annotation
   */
  readonly configRevision?: string;
}

/**
 * The Job that downloads the cheese-book embeddings and loads them into the vector DB.
 *
 * An init container waits on the DB's heartbeat. The Job's name carries a hash of its pod
 * template: a new image tag, argument or config value gives a new Job that `kubectl apply`
 * creates (Job templates are immutable), and the old one expires through `ttlSecondsAfterFinished`.
 * The image writes its download into its working directory `/app`, so its root
 * filesystem stays writable (a documented policy suppression); it still runs non-root
 * with no capabilities.
 */
export class VectorDbLoader extends Construct implements INetworkPeer {
  public readonly workloadName: string;
  public readonly selector: Record<string, string>;
  /** The Job object. */
  public readonly job: KubeJob;
  private readonly template: unknown;

  constructor(scope: Construct, id: string, props: VectorDbLoaderProps) {
    super(scope, id);
    const owner = this.node.path;
    const name = checkDnsLabel(owner, 'name', props.name ?? 'vector-db-loader', 54);
    const credentials = (props.credentials ?? GcpCredentials.nodeDefault())._bind(this);
    const db = props.vectorDb;
    const dbHost = serviceHost(owner, 'vectorDb', db, scope); // `<svc>.<ns>.svc` from another namespace
    const args = props.args ?? [...DEFAULT_LOADER_ARGS];
    const resources = props.resources ?? Resources.of({ cpuRequest: Cpu.millis(250), cpuLimit: Cpu.millis(1000), memoryRequest: Size.gibibytes(1) });
    const instance = instanceOf(this);
    this.workloadName = name;
    this.selector = selectorLabels(name, instance);
    const labels = workloadLabels({ name, instance, component: 'loader', partOf: partOfOf(this), version: toLabelValue(props.image.version) });

    const pod = renderPodTemplate({
      owner,
      name,
      labels,
      selector: this.selector,
      initContainers: [waitForVectorDb(db, dbHost)],
      container: {
        image: props.image,
        args,
        env: {
          CHROMADB_HOST: EnvValue.literal(dbHost),
          CHROMADB_PORT: EnvValue.literal(String(db.servicePort)),
          ...credentials.env,
        },
        envFrom: [props.config],
        resources,
        mounts: [Mount.emptyDir('/tmp'), ...credentials.mounts],
        readOnlyRootFilesystem: false,
      },
      identity: { runAsUser: 1000, runAsGroup: 1000 },
      serviceAccount: credentials.serviceAccount,
      restartPolicy: 'Never',
      configRevision: props.configRevision,
      terminationGracePeriod: Duration.seconds(30),
      spread: false,
    });

    // The hash covers the whole pod template as it will be rendered (image, args, mounts, security context,
    // the config-hash and revision annotations...), read at synth so config added later still counts: any
    // change that apply would reject on the immutable template, this library's own included, renames the Job.
    this.template = pod.template;
    this.job = new KubeJob(this, 'Job', {
      // a Job's pod template is immutable: a new template must be a new Job, so the name carries its hash
      metadata: { name: Lazy.any({ produce: () => this.jobName }), labels },
      spec: {
        backoffLimit: checkInt(owner, 'backoffLimit', props.backoffLimit ?? 3, 0, 20),
        activeDeadlineSeconds: checkInt(owner, 'activeDeadline (seconds)', (props.activeDeadline ?? Duration.minutes(30)).toSeconds(), 60, 86400),
        ttlSecondsAfterFinished: checkInt(owner, 'ttlAfterFinished (seconds)', (props.ttlAfterFinished ?? Duration.days(1)).toSeconds(), 0, 2592000),
        template: pod.template,
      },
    });
    this.node.addValidation({ validate: () => pod.missingConfigKeys() });
    suppressChosenExceptions(this, [resources], [props.image]);
    Suppressions.add(this, 'CHEESE-FS1', 'the vector-db-cli image downloads and unzips the embeddings into its working directory /app, '
      + 'and `uv run` writes into its virtualenv /home/app/.venv');
    const connections = Connections.of(this);
    connections.connect(this, db, db.containerPort);
    if (props.allowInternetEgress ?? true) connections.allowInternet(this, [443]);
    if (credentials.usesMetadataServer) connections.allowMetadataServer(this);
  }

  /** The Job's full name, `<name>-<8 hex of the sha256 of its pod template>`; final once the chart is complete. */
  public get jobName(): string {
    return `${this.workloadName}-${contentHash(this.template, 8)}`;
  }
}
