import { ApiObject, Duration, Size } from 'cdk8s';
import { Construct } from 'constructs';
import {
  IntOrString, KubeDeployment, KubeHorizontalPodAutoscalerV2, KubePodDisruptionBudget, KubeService,
} from '../imports/k8s';
import { instanceOf, partOfOf, toLabelValue } from './core/context';
import { Cpu } from './core/cpu';
import { DisruptionBudget, ServiceType } from './core/disruption';
import { EnvValue } from './core/env';
import { ContainerImage, ImagePullPolicy } from './core/image';
import { selectorLabels, workloadLabels } from './core/labels';
import { Mount } from './core/mount';
import { Connections, INetworkPeer } from './core/network';
import { InitContainerProps, renderPodTemplate } from './core/pod';
import { HealthProbe } from './core/probe';
import { forCdk8s, hasPrototypeKey, restoreKeysOnRender } from './core/record';
import { IConfigMapRef, IServiceAccountRef } from './core/refs';
import { Resources } from './core/resources';
import { Rollout } from './core/rollout';
import { Scaling } from './core/scaling';
import { suppressChosenExceptions } from './core/suppress';
import { checkAnnotations, checkAnnotationsSize, checkInt, checkLabelValue, checkPort, checkSeconds, checkWorkloadName, invalid } from './core/validate';
import { Suppressions } from './policy/suppressions';

/** A workload reachable through a Service: what an Ingress or a client needs to know. */
export interface IWebBackend extends INetworkPeer {
  /** Service name (its in-cluster DNS name). */
  readonly serviceName: string;
  /** Service port. */
  readonly servicePort: number;
  /** Container port behind the Service. */
  readonly containerPort: number;
}

/** Props of {@link WebService}. */
export interface WebServiceProps {
  /**
   * Name of the Deployment, Service, HPA and PDB (a DNS label: it is the Service's DNS name).
   * @default - the construct id in lower case
   */
  readonly name?: string;
  /**
   * `app.kubernetes.io/component` label.
   * @default - the name
   */
  readonly component?: string;
  /** Container image, pinned. */
  readonly image: ContainerImage;
  /** @default ImagePullPolicy.IF_NOT_PRESENT */
  readonly imagePullPolicy?: ImagePullPolicy;
  /** Port the container listens on. */
  readonly port: number;
  /**
   * Port the Service listens on.
   * @default - same as `port`
   */
  readonly servicePort?: number;
  /** @default ServiceType.CLUSTER_IP */
  readonly serviceType?: ServiceType;
  /**
   * Fixed node port (NodePort or LoadBalancer Services only).
   * @default - Kubernetes picks one
   */
  readonly nodePort?: number;
  /** @default - none */
  readonly serviceAnnotations?: Record<string, string>;
  /** @default - the image's ENTRYPOINT */
  readonly command?: string[];
  /** @default - the image's CMD */
  readonly args?: string[];
  /** @default - none */
  readonly env?: Record<string, EnvValue>;
  /** @default - none */
  readonly envFrom?: IConfigMapRef[];
  /** @default - a 512Mi emptyDir at /tmp */
  readonly mounts?: Mount[];
  /** @default true */
  readonly readOnlyRootFilesystem?: boolean;
  /**
   * @default - 100m CPU and 128Mi requested; 200m CPU and 128Mi limit
   */
  readonly resources?: Resources;
  /** @default HealthProbe.tcp() */
  readonly readiness?: HealthProbe;
  /** @default HealthProbe.tcp({ period: Duration.seconds(20) }) */
  readonly liveness?: HealthProbe;
  /** @default - no startup probe */
  readonly startup?: HealthProbe;
  /**
   * Shorthand for `scaling: Scaling.fixed(replicas)`; cannot be combined with `scaling`.
   * @default - see `scaling`
   */
  readonly replicas?: number;
  /** @default Scaling.fixed(2) */
  readonly scaling?: Scaling;
  /**
   * Pods that share a ReadWriteOnce claim (and so one node) must leave that node together: for them
   * only DisruptionBudget.none() or a maxUnavailable covering every pod is accepted.
   * @default DisruptionBudget.maxUnavailable(1) when the workload can run more than one pod on
   * several nodes; none for a single pod or pods kept on one node by a ReadWriteOnce claim
   */
  readonly disruptionBudget?: DisruptionBudget;
  /**
   * How pods are replaced. With a ReadWriteOnce claim a surge pod is kept on the disk's node by the
   * same required pod affinity as the replicas, so that node needs room for `maxReplicas + maxSurge`
   * pods (see `colocatedPodBudget`); choose Rollout.recreate() (an outage per deploy) when it has not.
   * @default Rollout.rolling() (surge 1, unavailable 0)
   */
  readonly rollout?: Rollout;
  /**
   * How long a new pod must be Ready before it counts as available.
   * @default Duration.seconds(5)
   */
  readonly minReady?: Duration;
  /**
   * When a stalled rollout is reported as failed.
   * @default Duration.minutes(10)
   */
  readonly progressDeadline?: Duration;
  /**
   * Old ReplicaSets kept for `kubectl rollout undo`.
   * @default 5
   */
  readonly revisionHistoryLimit?: number;
  /**
   * Spread pods across zones and nodes (topologySpreadConstraints with ScheduleAnyway, never a hard rule).
   * Pods that share a ReadWriteOnce claim are instead kept on the claim's node (required pod affinity).
   * @default - true, or false when more than one pod (replicas or a rolling surge pod) shares a ReadWriteOnce claim
   */
  readonly spread?: boolean;
  /** @default Duration.seconds(30) */
  readonly terminationGracePeriod?: Duration;
  /**
   * Sleep in preStop so the pod leaves the Service endpoints before SIGTERM; `Duration.seconds(0)` disables it.
   * @default Duration.seconds(5)
   */
  readonly preStopDelay?: Duration;
  /** @default 10001 */
  readonly runAsUser?: number;
  /** @default 10001 */
  readonly runAsGroup?: number;
  /** @default - same as runAsGroup */
  readonly fsGroup?: number;
  /** @default - the namespace's default ServiceAccount, with no token mounted */
  readonly serviceAccount?: IServiceAccountRef;
  /** @default - none */
  readonly initContainers?: InitContainerProps[];
  /**
   * Revision of configuration kept outside the chart (an existing Secret); changing it rolls the pods.
   * @default - no revision annotation
   */
  readonly configRevision?: string;
  /** @default - none */
  readonly podAnnotations?: Record<string, string>;
}

/**
 * A stateless HTTP workload: Deployment + Service, plus an HPA and a PodDisruptionBudget
 * when it can run more than one pod. The building block of the frontend and the API,
 * and enough on its own for the lecture's tic-tac-toe demo.
 */
export class WebService extends Construct implements IWebBackend {
  public readonly workloadName: string;
  public readonly serviceName: string;
  public readonly servicePort: number;
  public readonly containerPort: number;
  public readonly selector: Record<string, string>;
  /** Fixed replicas or autoscaling, as resolved from the props. */
  public readonly scaling: Scaling;
  /** How the Deployment replaces its pods, as resolved from the props. */
  public readonly rollout: Rollout;
  /**
   * Pods that must fit one node together when a ReadWriteOnce claim keeps them there: maximum
   * replicas plus the rollout's surge. Undefined when the pods may run on any node.
   */
  public readonly colocatedPodBudget?: number;
  /** How the Service is exposed. */
  public readonly serviceType: ServiceType;
  /** The Deployment object. */
  public readonly deployment: KubeDeployment;
  /** The Service object. */
  public readonly service: KubeService;
  /** The HPA, when autoscaling. */
  public readonly autoscaler?: KubeHorizontalPodAutoscalerV2;
  /** The PDB, when the workload can run more than one pod. */
  public readonly disruptionBudget?: KubePodDisruptionBudget;

  constructor(scope: Construct, id: string, props: WebServiceProps) {
    super(scope, id);
    const owner = this.node.path;
    const name = checkWorkloadName(owner, 'name', props.name ?? id.toLowerCase(), 55, 'its NetworkPolicy and that policy\'s app.kubernetes.io/name label are \'<name>-network\', and a label value has at most 63');
    if (props.replicas !== undefined && props.scaling !== undefined) {
      invalid(owner, 'replicas', props.replicas, `remove replicas when scaling is set (${props.scaling.autoscale ? 'an HPA owns the replica count' : 'scaling already fixes it'})`);
    }
    const scaling = props.scaling ?? Scaling.fixed(props.replicas ?? 2);
    const port = checkPort(owner, 'port', props.port);
    const servicePort = checkPort(owner, 'servicePort', props.servicePort ?? port);
    const serviceType = props.serviceType ?? ServiceType.CLUSTER_IP;
    if (props.nodePort !== undefined) {
      if (serviceType === ServiceType.CLUSTER_IP) invalid(owner, 'nodePort', props.nodePort, 'set serviceType to NODE_PORT or LOAD_BALANCER, or remove nodePort');
      checkInt(owner, 'nodePort', props.nodePort, 30000, 32767);
    }
    const mounts = props.mounts ?? [Mount.emptyDir('/tmp')];
    const rwoClaims = mounts.filter(m => m._source.claim?.readWriteOnce);
    const rwo = rwoClaims[0]?._source.claim?.claimName;
    const rollout = props.rollout ?? Rollout.rolling();
    // a ReadWriteOnce disk attaches to one node: replicas, and a rolling surge pod, share it only on that node
    // (a surge pod elsewhere would hang on a Multi-Attach error), so a required pod affinity keeps them there
    const colocate = rwo !== undefined && (scaling.maxReplicas > 1 || rollout.maxSurge > 0);
    if (colocate && props.spread) invalid(owner, 'spread', true, `pods sharing the ReadWriteOnce claim ${rwo} must run on one node; remove spread or use ReadWriteMany storage`);
    const budget = props.disruptionBudget ?? (scaling.maxReplicas > 1 && !colocate ? DisruptionBudget.maxUnavailable(1) : DisruptionBudget.none());
    const budgetCoversAll = budget.maxUnavailable !== undefined && budget.maxUnavailable >= scaling.maxReplicas;
    if (colocate && scaling.maxReplicas > 1 && budget.enabled && !budgetCoversAll) {
      // evicting one pod leaves its replacement Pending (it must join the others on the node being drained),
      // and the budget then refuses the next eviction: the drain never finishes
      invalid(owner, 'disruptionBudget', budget.minAvailable !== undefined ? `minAvailable ${budget.minAvailable}` : `maxUnavailable ${budget.maxUnavailable}`,
        `pods sharing the ReadWriteOnce claim ${rwo} must leave their node together; use DisruptionBudget.none() or maxUnavailable(${scaling.maxReplicas})`);
    }
    if (budget.minAvailable !== undefined && budget.minAvailable >= scaling.minReplicas) {
      invalid(owner, 'disruptionBudget', `minAvailable ${budget.minAvailable}`, `use fewer than the minimum replicas (${scaling.minReplicas}), or the budget blocks every eviction and node drain`);
    }
    const grace = props.terminationGracePeriod ?? Duration.seconds(30);
    const minReady = props.minReady ?? Duration.seconds(5);
    const progressDeadline = props.progressDeadline ?? Duration.minutes(10);
    checkSeconds(owner, 'minReady', minReady.toSeconds());
    checkSeconds(owner, 'progressDeadline', progressDeadline.toSeconds());
    if (progressDeadline.toSeconds() <= minReady.toSeconds()) {
      invalid(owner, 'progressDeadline', `${progressDeadline.toSeconds()}s`, `use more than minReady (${minReady.toSeconds()}s); the API server rejects a deadline that is not longer`);
    }
    checkAnnotations(owner, 'serviceAnnotations', props.serviceAnnotations);
    checkAnnotationsSize(owner, 'serviceAnnotations', props.serviceAnnotations ?? {});
    checkAnnotations(owner, 'podAnnotations', props.podAnnotations);
    const component = checkLabelValue(owner, 'component', props.component ?? name);
    const identity = {
      runAsUser: checkInt(owner, 'runAsUser', props.runAsUser ?? 10001, 1, 2147483647),
      runAsGroup: checkInt(owner, 'runAsGroup', props.runAsGroup ?? 10001, 1, 2147483647),
      fsGroup: props.fsGroup === undefined ? undefined : checkInt(owner, 'fsGroup', props.fsGroup, 1, 2147483647),
    };
    const preStop = props.preStopDelay ?? Duration.seconds(5);
    const instance = instanceOf(this);

    this.rollout = rollout;
    this.colocatedPodBudget = colocate ? scaling.maxReplicas + rollout.maxSurge : undefined;
    this.workloadName = name;
    this.serviceName = name;
    this.servicePort = servicePort;
    this.containerPort = port;
    this.scaling = scaling;
    this.serviceType = serviceType;
    this.selector = selectorLabels(name, instance);
    const version = toLabelValue(props.image.version);
    const labels = workloadLabels({ name, instance, component, partOf: partOfOf(this), version });

    const pod = renderPodTemplate({
      owner,
      name,
      labels,
      selector: this.selector,
      container: {
        image: props.image,
        imagePullPolicy: props.imagePullPolicy,
        port,
        command: props.command,
        args: props.args,
        env: props.env,
        envFrom: props.envFrom,
        resources: props.resources ?? Resources.of({ cpuRequest: Cpu.millis(100), memoryRequest: Size.mebibytes(128) }),
        readiness: props.readiness ?? HealthProbe.tcp(),
        liveness: props.liveness ?? HealthProbe.tcp({ period: Duration.seconds(20) }),
        startup: props.startup,
        mounts,
        readOnlyRootFilesystem: props.readOnlyRootFilesystem,
      },
      initContainers: props.initContainers,
      identity,
      serviceAccount: props.serviceAccount,
      restartPolicy: 'Always',
      terminationGracePeriod: grace,
      preStopDelay: preStop.toSeconds() > 0 ? preStop : undefined,
      spread: colocate ? false : props.spread ?? true,
      colocate,
      configRevision: props.configRevision,
      annotations: props.podAnnotations,
    });

    this.deployment = new KubeDeployment(this, 'Deployment', {
      metadata: { name, labels },
      spec: {
        ...(scaling.autoscale ? {} : { replicas: scaling.minReplicas }),
        selector: { matchLabels: { ...this.selector } },
        strategy: rollout._toKube(),
        minReadySeconds: minReady.toSeconds(),
        progressDeadlineSeconds: progressDeadline.toSeconds(),
        revisionHistoryLimit: checkInt(owner, 'revisionHistoryLimit', props.revisionHistoryLimit ?? 5, 0, 100),
        template: pod.template,
      },
    });

    this.service = new KubeService(this, 'Service', {
      metadata: { name, labels, ...(props.serviceAnnotations ? { annotations: forCdk8s(props.serviceAnnotations) } : {}) },
      spec: {
        type: serviceType,
        selector: { ...this.selector },
        ports: [{ name: 'http', port: servicePort, targetPort: IntOrString.fromNumber(port), protocol: 'TCP', ...(props.nodePort ? { nodePort: props.nodePort } : {}) }],
      },
    });

    // user-given annotation keys may name Object.prototype members
    if (hasPrototypeKey(props.podAnnotations)) restoreKeysOnRender(this.deployment);
    if (hasPrototypeKey(props.serviceAnnotations)) restoreKeysOnRender(this.service);
    if (scaling.autoscale) {
      this.autoscaler = new KubeHorizontalPodAutoscalerV2(this, 'Autoscaler', {
        metadata: { name, labels },
        spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name }, ...scaling._hpaSpec() },
      });
      if (scaling.autoscale.customMetrics?.some(m => m._hasPrototypeKey)) restoreKeysOnRender(this.autoscaler);
    }
    if (budget.enabled) {
      this.disruptionBudget = new KubePodDisruptionBudget(this, 'DisruptionBudget', {
        metadata: { name, labels },
        spec: budget._toKube(this.selector),
      });
    }
    const inits = props.initContainers ?? [];
    this.node.addValidation({ validate: () => pod.missingConfigKeys() });
    suppressChosenExceptions(this, [pod.resources, ...inits.map(c => c.resources)], [props.image, ...inits.map(c => c.image)]);
    if (colocate && scaling.maxReplicas > 1 && !budget.enabled) {
      Suppressions.add(this.deployment, 'CHEESE-PDB1', `the pods share the ReadWriteOnce claim ${rwo} on one node and must leave it together; `
        + 'a budget would stall every node drain');
    }
    Connections.of(this).addPeer(this);
  }

  /** The Deployment's ApiObject, for escape-hatch JSON patches. */
  public get apiObject(): ApiObject {
    return this.deployment;
  }
}
