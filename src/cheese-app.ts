import { App, Chart, Size } from 'cdk8s';
import { Construct } from 'constructs';
import { ApiService } from './api-service';
import { ApiStorage } from './api-storage';
import { AppConfig, checkGcpProject } from './app-config';
import { AppNetwork } from './app-network';
import { CheeseHttpRoute, GatewayRef } from './cheese-http-route';
import { ApiRouting, CheeseIngress, IngressController, IngressTls } from './cheese-ingress';
import { KubeNamespace } from '../imports/k8s';
import { ContainerImage } from './core/image';
import { LABEL_INSTANCE, LABEL_MANAGED_BY, LABEL_PART_OF } from './core/labels';
import { Resources } from './core/resources';
import { Scaling } from './core/scaling';
import { checkAppNamespace, checkLabelValue, checkToken, invalid } from './core/validate';
import { Frontend } from './frontend';
import { GcpCredentials } from './gcp-credentials';
import { PersistentClaim } from './persistent-claim';
import { CheesePolicy } from './policy/policy';
import { AppValidation } from './validation/app-validation';
import { VectorDb } from './vector-db';
import { VectorDbLoader } from './vector-db-loader';
import { BackendConfig } from '../imports/cloud.google.com';

/** The course's project, image tag (`src/deployment/.docker-tag`) and namespace (Gen B). */
export const COURSE_DEFAULTS = {
  /** The course's GCP project id. */
  gcpProject: 'ac215-project',
  /** The tag of the course's last image build (`src/deployment/.docker-tag`). */
  imageTag: '20250422213016',
  /** The course's namespace. */
  namespace: 'cheese-app-namespace',
} as const;

/** Props of {@link CheeseApp}. Every prop is optional: `new CheeseApp(app, 'cheese')` reproduces the course's app. */
export interface CheeseAppProps {
  /** @default 'cheese-app-namespace' */
  readonly namespace?: string;
  /**
   * `app.kubernetes.io/instance` on every object; use it with `kubectl apply --prune -l`.
   * @default - the namespace
   */
  readonly instance?: string;
  /** @default 'ac215-project' */
  readonly gcpProject?: string;
  /**
   * Registry path of the app images. The course's current pipeline (Pulumi `deploy_images`) pushes to
   * Artifact Registry; its first one pushed to Container Registry (`gcr.io/<gcpProject>`), which Google
   * has shut down.
   * @default - `us-docker.pkg.dev/<gcpProject>/cheese-app-repository`
   */
  readonly imageRegistry?: string;
  /**
   * Tag of the three app images (the timestamp the image pipeline pushed; `.docker-tag` in the first course version).
   * @default '20250422213016'
   */
  readonly imageTag?: string;
  /** @default - `<imageRegistry>/cheese-app-frontend-react:<imageTag>` */
  readonly frontendImage?: ContainerImage;
  /** @default - `<imageRegistry>/cheese-app-api-service:<imageTag>` */
  readonly apiImage?: ContainerImage;
  /** @default - `<imageRegistry>/cheese-app-vector-db-cli:<imageTag>` */
  readonly loaderImage?: ContainerImage;
  /** @default - ContainerImage.of('chromadb/chroma:1.4.0') */
  readonly vectorDbImage?: ContainerImage;
  /**
   * Host of the Ingress rule: a domain or `<controller-ip>.sslip.io`.
   * @default '127.0.0.1.sslip.io' (only useful with a port-forward; set the real host)
   */
  readonly host?: string;
  /** @default ApiRouting.rootPath('/api-service') */
  readonly apiRouting?: ApiRouting;
  /** @default IngressController.nginx() */
  readonly ingressController?: IngressController;
  /** @default - no TLS (nginx mode) */
  readonly tls?: IngressTls;
  /**
   * Route through a Gateway API Gateway with an HTTPRoute instead of an Ingress (TLS is then the Gateway's job).
   * @default - an Ingress (see `ingressController`)
   */
  readonly gateway?: GatewayRef;
  /**
   * Make the policy require TLS on the Ingress.
   * @default - true with the GKE controller (it always terminates TLS with a ManagedCertificate), else false
   */
  readonly requireTls?: boolean;
  /** @default - Workload Identity as `gcp-service@<gcpProject>.iam.gserviceaccount.com` through the KSA `api-ksa` */
  readonly credentials?: GcpCredentials;
  /** @default Scaling.autoscale({ minReplicas: 2, maxReplicas: 4 }) */
  readonly frontendScaling?: Scaling;
  /**
   * @default - one pod on the ReadWriteOnce disk (it and its rolling surge pod share the disk's node),
   * else Scaling.autoscale({ minReplicas: 2, maxReplicas: 4 }): see {@link ApiService}
   */
  readonly apiScaling?: Scaling;
  /** @default - see {@link Frontend} */
  readonly frontendResources?: Resources;
  /** @default - see {@link ApiService} */
  readonly apiResources?: Resources;
  /** @default - see {@link VectorDb} */
  readonly vectorDbResources?: Resources;
  /** @default - see {@link VectorDbLoader} */
  readonly loaderResources?: Resources;
  /**
   * Where the API keeps `/persistent`: an {@link ApiStorage} choice, or (the earlier form) a Size,
   * which means `ApiStorage.readWriteOnceDisk({ size, storageClassName })`.
   * @default ApiStorage.readWriteOnceDisk({ size: Size.gibibytes(5), storageClassName }) (the course's `persistent-pvc`)
   */
  readonly apiStorage?: ApiStorage | Size;
  /** @default Size.gibibytes(10) */
  readonly vectorDbStorage?: Size;
  /**
   * StorageClass of the vector DB's claim, and of the API's disk when `apiStorage` is a Size or unset.
   * @default - the cluster's default StorageClass
   */
  readonly storageClassName?: string;
  /**
   * Run the loader Job.
   * @default true
   */
  readonly loader?: boolean;
  /**
   * HTTPS egress to the internet for the API and the loader (Vertex AI, GitHub downloads).
   * @default true
   */
  readonly allowInternetEgress?: boolean;
  /**
   * Extra non-secret settings for the ConfigMap.
   * @default - none
   */
  readonly configData?: Record<string, string>;
  /**
   * Revision of configuration kept outside the chart (the GCP key Secret, ExternalSecret data):
   * changing it rolls the API and re-runs the loader. Kubernetes cannot see such changes itself.
   * @default - no revision annotation
   */
  readonly configRevision?: string;
  /**
   * Pod Security Standards version pinned on the Namespace labels.
   * @default 'v1.30'
   */
  readonly podSecurityVersion?: string;
}

/**
 * The whole cheese app in one namespace: Namespace (Pod Security restricted), ConfigMap,
 * Workload Identity ServiceAccount, vector DB, loader Job, API, frontend, Ingress and the
 * NetworkPolicies derived from their wiring. Each part is a public field.
 */
export class CheeseApp extends Chart {
  /** Namespace of every object of the chart. */
  public readonly namespaceName: string;
  /** `app.kubernetes.io/instance` of every object (select them with `-l app.kubernetes.io/instance=<instance>`). */
  public readonly instance: string;
  /** GCP project id: image registry path, `GCP_PROJECT`, Workload Identity email. */
  public readonly gcpProject: string;
  /** Tag of the three app images. */
  public readonly imageTag: string;
  /** The Namespace object, labelled for Pod Security `restricted`. */
  public readonly namespaceObject: KubeNamespace;
  /** The ConfigMap `cheese-app-config` the API and the loader read. */
  public readonly config: AppConfig;
  /** ChromaDB: StatefulSet and Service `vector-db`, claim `chromadb-pvc`. */
  public readonly vectorDb: VectorDb;
  /** The Job that fills the vector DB; undefined with `loader: false`. */
  public readonly loader?: VectorDbLoader;
  /** The API's data claim `persistent-pvc`, mounted at `/persistent`; undefined with a bucket or no storage. */
  public readonly apiClaim?: PersistentClaim;
  /** Where the API keeps `/persistent`. */
  public readonly apiStorage: ApiStorage;
  /** The FastAPI backend `api`. */
  public readonly api: ApiService;
  /** The Next.js UI `frontend`. */
  public readonly frontend: Frontend;
  /** The Ingress, unless `gateway` is set. */
  public readonly ingress?: CheeseIngress;
  /** The HTTPRoute, when `gateway` is set. */
  public readonly httpRoute?: CheeseHttpRoute;
  /** The NetworkPolicies derived from the wiring. */
  public readonly network: AppNetwork;
  /** The policy checks run on every synth of this chart. */
  public readonly policy: CheesePolicy;
  /** GKE mode only: the API's health check. */
  public readonly apiBackendConfig?: BackendConfig;

  constructor(scope: Construct, id: string, props: CheeseAppProps = {}) {
    const owner = scope.node.path ? `${scope.node.path}/${id}` : id;
    const namespace = checkAppNamespace(owner, 'namespace', props.namespace ?? COURSE_DEFAULTS.namespace);
    const instance = checkLabelValue(owner, 'instance', props.instance ?? namespace);
    super(scope, id, {
      namespace,
      disableResourceNameHashes: true,
      labels: { [LABEL_INSTANCE]: instance, [LABEL_PART_OF]: 'cheese-app', [LABEL_MANAGED_BY]: 'cdk8s' },
    });
    claimNamespace(this, namespace);
    this.namespaceName = namespace;
    this.instance = instance;
    this.gcpProject = checkGcpProject(owner, props.gcpProject ?? COURSE_DEFAULTS.gcpProject);
    this.imageTag = checkToken(owner, 'imageTag', props.imageTag ?? COURSE_DEFAULTS.imageTag);
    const registry = checkToken(owner, 'imageRegistry', props.imageRegistry ?? `us-docker.pkg.dev/${this.gcpProject}/cheese-app-repository`).replace(/\/$/, '');
    const appImage = (name: string) => ContainerImage.of(`${registry}/${name}:${this.imageTag}`, owner);
    const psVersion = props.podSecurityVersion ?? 'v1.30';
    if (!/^(v1\.\d+|latest)$/.test(psVersion)) invalid(owner, 'podSecurityVersion', psVersion, "use 'v1.<minor>' (e.g. 'v1.30') or 'latest'");

    this.namespaceObject = new KubeNamespace(this, 'Namespace', {
      metadata: {
        name: namespace,
        labels: Object.fromEntries(['enforce', 'warn', 'audit'].flatMap(mode => [
          [`pod-security.kubernetes.io/${mode}`, 'restricted'],
          [`pod-security.kubernetes.io/${mode}-version`, psVersion],
        ])),
      },
    });

    const controller = props.ingressController ?? IngressController.nginx();
    const routing = props.apiRouting ?? ApiRouting.rootPath();
    const credentials = props.credentials ?? GcpCredentials.workloadIdentity({ gcpServiceAccount: `gcp-service@${this.gcpProject}.iam.gserviceaccount.com` });
    const allowInternetEgress = props.allowInternetEgress ?? true;

    credentials._bind(this); // the ServiceAccount goes right after the Namespace, before any pod that uses it
    this.config = new AppConfig(this, 'Config', { gcpProject: this.gcpProject, data: props.configData });
    this.vectorDb = new VectorDb(this, 'VectorDb', {
      image: props.vectorDbImage,
      storage: props.vectorDbStorage,
      storageClassName: props.storageClassName,
      resources: props.vectorDbResources,
    });
    if (props.loader ?? true) {
      this.loader = new VectorDbLoader(this, 'Loader', {
        image: props.loaderImage ?? appImage('cheese-app-vector-db-cli'),
        vectorDb: this.vectorDb,
        config: this.config,
        credentials,
        resources: props.loaderResources,
        allowInternetEgress,
        configRevision: props.configRevision,
      });
    }
    this.apiStorage = props.apiStorage instanceof ApiStorage ? props.apiStorage
      : ApiStorage.readWriteOnceDisk({ size: props.apiStorage ?? Size.gibibytes(5), storageClassName: props.storageClassName });
    this.apiClaim = this.apiStorage._bind(this).claim; // before the API, so the claim keeps its place in the output
    const gke = controller._kind === 'gce';
    const neg = { 'cloud.google.com/neg': '{"ingress": true}' };
    const backendConfigName = 'api-backend-config';
    this.api = new ApiService(this, 'Api', {
      image: props.apiImage ?? appImage('cheese-app-api-service'),
      vectorDb: this.vectorDb,
      config: this.config,
      rootPath: routing.apiRootPath,
      credentials,
      storage: this.apiStorage,
      scaling: props.apiScaling,
      resources: props.apiResources,
      allowInternetEgress,
      configRevision: props.configRevision,
      serviceAnnotations: gke ? { ...neg, 'cloud.google.com/backend-config': JSON.stringify({ default: backendConfigName }) } : undefined,
    });
    if (gke) {
      // GKE derives health checks from readiness probes only when the Ingress is first synced; pin the API's explicitly
      this.apiBackendConfig = new BackendConfig(this, 'ApiBackendConfig', {
        metadata: { name: backendConfigName },
        spec: {
          healthCheck: {
            type: 'HTTP',
            port: this.api.containerPort,
            requestPath: this.api.healthPath,
            checkIntervalSec: 10,
            timeoutSec: 5,
            healthyThreshold: 1,
            unhealthyThreshold: 3,
          },
        },
      });
    }
    this.frontend = new Frontend(this, 'Frontend', {
      image: props.frontendImage ?? appImage('cheese-app-frontend-react'),
      scaling: props.frontendScaling,
      resources: props.frontendResources,
      serviceAnnotations: gke ? neg : undefined,
    });
    const host = props.host ?? '127.0.0.1.sslip.io';
    if (props.gateway) {
      if (props.ingressController || props.tls) invalid(owner, 'gateway', props.gateway.name, 'remove ingressController and tls: with a Gateway, the HTTPRoute replaces the Ingress');
      this.httpRoute = new CheeseHttpRoute(this, 'Route', {
        gateway: props.gateway,
        host,
        frontend: this.frontend,
        api: this.api,
        apiRouting: routing,
      });
    } else {
      this.ingress = new CheeseIngress(this, 'Ingress', {
        host,
        frontend: this.frontend,
        api: this.api,
        apiRouting: routing,
        controller,
        tls: props.tls,
      });
    }
    this.network = new AppNetwork(this, 'Network');
    this.policy = CheesePolicy.apply(this, { requireIngressTls: props.requireTls ?? gke });
    AppValidation.apply(this); // the whole-app pass (src/validation), once per App
  }
}

const NAMESPACES = new WeakMap<App, Map<string, string>>();

/** Two CheeseApps in one App must not share a namespace: their objects would overwrite each other. */
function claimNamespace(chart: Chart, namespace: string): void {
  const app = App.of(chart);
  let taken = NAMESPACES.get(app);
  if (!taken) NAMESPACES.set(app, (taken = new Map()));
  const other = taken.get(namespace);
  if (other !== undefined) {
    invalid(chart.node.path, 'namespace', namespace, `already used by ${other}; give each CheeseApp its own namespace (object names such as 'api' would collide)`);
  }
  taken.set(namespace, chart.node.path);
}
