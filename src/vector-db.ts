import { Duration, Size } from 'cdk8s';
import { Construct } from 'constructs';
import { IntOrString, KubeService, KubeStatefulSet } from '../imports/k8s';
import { instanceOf, partOfOf, toLabelValue } from './core/context';
import { Cpu } from './core/cpu';
import { EnvValue } from './core/env';
import { ContainerImage } from './core/image';
import { selectorLabels, workloadLabels } from './core/labels';
import { Mount } from './core/mount';
import { Connections } from './core/network';
import { InitContainerProps, renderPodTemplate } from './core/pod';
import { HealthProbe } from './core/probe';
import { Resources } from './core/resources';
import { suppressChosenExceptions } from './core/suppress';
import { checkInt, checkLabeledName, checkPath, checkPort, checkUrlPath, checkWorkloadName, invalid } from './core/validate';
import { PersistentClaim } from './persistent-claim';
import { IWebBackend } from './web-service';

/** The Chroma image the library is tested against (1.x stores data under /data). */
export const DEFAULT_CHROMA_IMAGE = 'chromadb/chroma:1.4.0';

/** Image of the wait-for-DB init containers. */
export const WAIT_IMAGE = 'busybox:1.36.1';

/**
 * The wait loop. A constant: the URL is its first positional argument (`"$1"`), never part of the
 * script, so no character of a service name or heartbeat path can change what the shell runs.
 */
export const WAIT_SCRIPT = 'until wget -q -T 5 -O /dev/null "$1"; do echo "waiting for $1"; sleep 5; done';

/**
 * An init container that polls the DB's heartbeat until it answers, so a pod that needs the
 * DB at start-up (the loader; the API, whose Chroma client connects at import) waits instead
 * of crash-looping. `host` is the DB's Service as the pod names it (see `serviceHost`).
 */
export function waitForVectorDb(db: IVectorDb, host: string = db.serviceName): InitContainerProps {
  return {
    name: 'wait-for-vector-db',
    image: ContainerImage.of(WAIT_IMAGE),
    // argv after the script: $0 (the name in shell messages), then $1 = the URL
    command: ['sh', '-c', WAIT_SCRIPT, 'wait-for-vector-db', heartbeatUrl(db, host)],
    resources: Resources.of({ cpuRequest: Cpu.millis(10), cpuLimit: Cpu.millis(50), memoryRequest: Size.mebibytes(16) }),
  };
}

/** The in-cluster URL of the DB's heartbeat, e.g. `http://vector-db:8000/api/v2/heartbeat`. */
export function heartbeatUrl(db: IVectorDb, host: string = db.serviceName): string {
  return `http://${host}:${db.servicePort}${db.heartbeatPath}`;
}

/** A vector database reachable by Service name and port. */
export interface IVectorDb extends IWebBackend {
  /** HTTP path that answers 200 when the DB is up (version-specific). */
  readonly heartbeatPath: string;
}

/** Props of {@link VectorDb}. */
export interface VectorDbProps {
  /**
   * Service and StatefulSet name; `CHROMADB_HOST` of its clients.
   * @default 'vector-db'
   */
  readonly name?: string;
  /**
   * Chroma image, pinned. The data path and heartbeat follow its major version.
   * @default ContainerImage.of('chromadb/chroma:1.4.0')
   */
  readonly image?: ContainerImage;
  /** @default 8000 */
  readonly port?: number;
  /**
   * Where Chroma keeps its data.
   * @default - '/data' for Chroma 1.x, '/chroma/chroma' for 0.x (from the image tag)
   */
  readonly dataPath?: string;
  /**
   * @default - '/api/v2/heartbeat' for Chroma 1.x, '/api/v1/heartbeat' for 0.x
   */
  readonly heartbeatPath?: string;
  /**
   * Name of the data claim.
   * @default 'chromadb-pvc'
   */
  readonly claimName?: string;
  /** @default Size.gibibytes(10) */
  readonly storage?: Size;
  /** @default - the cluster's default StorageClass (`standard-rwo` on GKE) */
  readonly storageClassName?: string;
  /** @default - 250m CPU / 1Gi requested; 1 CPU / 1Gi limit */
  readonly resources?: Resources;
  /** @default 10001 */
  readonly runAsUser?: number;
}

/**
 * ChromaDB as a one-replica StatefulSet with its data on a ReadWriteOnce claim, and the
 * ClusterIP Service `vector-db:8000` that the API and the loader use.
 *
 * A StatefulSet never runs two pods at once, so the ReadWriteOnce disk cannot deadlock a
 * rollout. The claim `chromadb-pvc` is a separate object: deleting the StatefulSet keeps it
 * and the data; deleting the claim deletes the disk (StorageClass `reclaimPolicy: Delete`)
 * unless its PersistentVolume was switched to Retain. Only pods that this chart connects
 * to the DB (the API and the loader) may reach it.
 */
export class VectorDb extends Construct implements IVectorDb {
  public readonly workloadName: string;
  public readonly serviceName: string;
  public readonly servicePort: number;
  public readonly containerPort: number;
  public readonly selector: Record<string, string>;
  /** The Chroma image. */
  public readonly image: ContainerImage;
  /** Where Chroma keeps its data (the claim's mount path). */
  public readonly dataPath: string;
  public readonly heartbeatPath: string;
  /** The data claim (`chromadb-pvc` by default). */
  public readonly claim: PersistentClaim;
  /** The StatefulSet object (one replica). */
  public readonly statefulSet: KubeStatefulSet;
  /** The ClusterIP Service object. */
  public readonly service: KubeService;

  constructor(scope: Construct, id: string, props: VectorDbProps = {}) {
    super(scope, id);
    const owner = this.node.path;
    const name = checkWorkloadName(owner, 'name', props.name ?? 'vector-db', 52, 'a StatefulSet name longer than 52 characters makes its controller-revision-hash pod label exceed 63, and no pod is created');
    const image = props.image ?? ContainerImage.of(DEFAULT_CHROMA_IMAGE, owner);
    const major = /^(\d+)\./.exec(image.tag ?? '')?.[1];
    if (major === undefined && (props.dataPath === undefined || props.heartbeatPath === undefined)) {
      invalid(owner, 'image', image.toString(), 'the Chroma version cannot be read from the tag; set dataPath and heartbeatPath explicitly');
    }
    const legacy = major === '0';
    const port = checkPort(owner, 'port', props.port ?? 8000);
    this.workloadName = name;
    this.serviceName = name;
    this.servicePort = port;
    this.containerPort = port;
    this.image = image;
    this.dataPath = checkPath(owner, 'dataPath', props.dataPath ?? (legacy ? '/chroma/chroma' : '/data'));
    this.heartbeatPath = checkUrlPath(owner, 'heartbeatPath', props.heartbeatPath ?? (legacy ? '/api/v1/heartbeat' : '/api/v2/heartbeat'));
    const instance = instanceOf(this);
    this.selector = selectorLabels(name, instance);
    const labels = workloadLabels({ name, instance, component: 'vector-db', partOf: partOfOf(this), version: toLabelValue(image.version) });

    this.claim = new PersistentClaim(this, 'Data', {
      name: checkLabeledName(owner, 'claimName', props.claimName ?? 'chromadb-pvc'),
      storage: props.storage ?? Size.gibibytes(10),
      storageClassName: props.storageClassName,
    });
    const runAs = checkInt(owner, 'runAsUser', props.runAsUser ?? 10001, 1, 2147483647);
    const pod = renderPodTemplate({
      owner,
      name,
      labels,
      selector: this.selector,
      container: {
        image,
        port,
        env: {
          ANONYMIZED_TELEMETRY: EnvValue.literal('FALSE'),
          // 0.x reads these; 1.x takes its settings from its baked-in config.yaml (persist_path: /data)
          ...(legacy ? { IS_PERSISTENT: EnvValue.literal('TRUE'), PERSIST_DIRECTORY: EnvValue.literal(this.dataPath) } : {}),
        },
        resources: props.resources ?? Resources.of({ cpuRequest: Cpu.millis(250), cpuLimit: Cpu.millis(1000), memoryRequest: Size.gibibytes(1) }),
        readiness: HealthProbe.http(this.heartbeatPath),
        liveness: HealthProbe.tcp({ period: Duration.seconds(20) }),
        startup: HealthProbe.http(this.heartbeatPath, { period: Duration.seconds(5), failureThreshold: 60 }),
        mounts: [Mount.emptyDir('/tmp'), Mount.claim(this.claim, this.dataPath)],
      },
      identity: { runAsUser: runAs, runAsGroup: runAs },
      restartPolicy: 'Always',
      terminationGracePeriod: Duration.seconds(60),
      preStopDelay: Duration.seconds(5),
      spread: false,
    });

    this.service = new KubeService(this, 'Service', {
      metadata: { name, labels },
      spec: {
        type: 'ClusterIP',
        selector: { ...this.selector },
        ports: [{ name: 'http', port, targetPort: IntOrString.fromNumber(port), protocol: 'TCP' }],
      },
    });
    this.statefulSet = new KubeStatefulSet(this, 'StatefulSet', {
      metadata: { name, labels },
      spec: {
        replicas: 1,
        serviceName: name,
        selector: { matchLabels: { ...this.selector } },
        podManagementPolicy: 'OrderedReady',
        updateStrategy: { type: 'RollingUpdate' },
        revisionHistoryLimit: 5,
        minReadySeconds: 5,
        template: pod.template,
      },
    });
    this.node.addValidation({ validate: () => pod.missingConfigKeys() });
    suppressChosenExceptions(this, [pod.resources], [image]);
    Connections.of(this).addPeer(this);
  }
}
