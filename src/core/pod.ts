import { Duration, Lazy } from 'cdk8s';
import { HOSTNAME_TOPOLOGY_KEY } from './colocation';
import { EnvValue } from './env';
import { contentHash } from './hash';
import { ContainerImage, ImagePullPolicy } from './image';
import { ANNOTATION_PREFIX } from './labels';
import { Mount } from './mount';
import { compare } from './order';
import { HealthProbe } from './probe';
import { forCdk8s, setKey } from './record';
import { IConfigMapRef, IServiceAccountRef } from './refs';
import { Resources } from './resources';
import { PodIdentity, restrictedContainerSecurityContext, restrictedPodSecurityContext } from './security';
import { checkAnnotationsSize, checkDnsLabel, checkEnvName, checkInt, checkPort, checkSeconds, invalid } from './validate';

/** Pod-template annotation holding a hash of exactly the ConfigMap data the pod reads. */
export const CONFIG_HASH_ANNOTATION = `${ANNOTATION_PREFIX}/config-hash`;
/** Pod-template annotation holding the caller's revision of config kept outside the chart. */
export const CONFIG_REVISION_ANNOTATION = `${ANNOTATION_PREFIX}/config-revision`;

/** One container: image, port, environment, resources, probes and mounts. */
export interface ContainerProps {
  /** The image, pinned by tag or digest. */
  readonly image: ContainerImage;
  /**
   * @default ImagePullPolicy.IF_NOT_PRESENT (tags are pinned, so a cached image is the right one)
   */
  readonly imagePullPolicy?: ImagePullPolicy;
  /**
   * Port the process listens on, exposed as the container port named `http`.
   * @default - no port (batch containers)
   */
  readonly port?: number;
  /** @default - the image's ENTRYPOINT */
  readonly command?: string[];
  /** @default - the image's CMD */
  readonly args?: string[];
  /**
   * Environment variables; explicit values win over `envFrom`.
   * @default - none
   */
  readonly env?: Record<string, EnvValue>;
  /**
   * ConfigMaps whose every key becomes an environment variable.
   * @default - none
   */
  readonly envFrom?: IConfigMapRef[];
  /** Requests and limits. */
  readonly resources: Resources;
  /** @default - no readiness probe */
  readonly readiness?: HealthProbe;
  /** @default - no liveness probe */
  readonly liveness?: HealthProbe;
  /** @default - no startup probe */
  readonly startup?: HealthProbe;
  /**
   * Volumes to mount (emptyDir scratch space, PVCs, Secrets, ConfigMaps).
   * @default - none
   */
  readonly mounts?: Mount[];
  /**
   * Mount the image's root filesystem read-only; writable paths come from `mounts`.
   * @default true
   */
  readonly readOnlyRootFilesystem?: boolean;
}

/** An init container: runs to completion before the main container starts. */
export interface InitContainerProps extends ContainerProps {
  /** Container name, a DNS label. */
  readonly name: string;
}

/** Everything needed to render one pod template. */
export interface PodTemplateOptions {
  /** Used in error messages: the construct path. */
  readonly owner: string;
  /** Main container name (the workload name). */
  readonly name: string;
  /** Labels on the pod template (selector labels included). */
  readonly labels: Record<string, string>;
  /** Labels that select exactly these pods (for topology spread). */
  readonly selector: Record<string, string>;
  /** The main container. */
  readonly container: ContainerProps;
  /**
   * Containers that run to completion before the main one.
   * @default - none
   */
  readonly initContainers?: InitContainerProps[];
  /** User, group and fsGroup of the pod. */
  readonly identity: PodIdentity;
  /**
   * ServiceAccount the pod runs as.
   * @default - the namespace's default ServiceAccount
   */
  readonly serviceAccount?: IServiceAccountRef;
  /** `Always` for Deployments and StatefulSets, `Never` or `OnFailure` for Jobs. */
  readonly restartPolicy: string;
  /** Time between SIGTERM and SIGKILL. */
  readonly terminationGracePeriod: Duration;
  /**
   * A preStop sleep so the endpoint is removed before SIGTERM.
   * @default - none
   */
  readonly preStopDelay?: Duration;
  /** Spread pods across zones and nodes (ScheduleAnyway). */
  readonly spread: boolean;
  /**
   * Keep every pod on one node (required pod affinity), so they can share a ReadWriteOnce disk.
   * @default false
   */
  readonly colocate?: boolean;
  /**
   * Revision of configuration kept outside the chart (an existing Secret); changing it rolls the pods.
   * @default - no revision annotation
   */
  readonly configRevision?: string;
  /**
   * Annotations of the pod template.
   * @default - none
   */
  readonly annotations?: Record<string, string>;
}

/** A rendered pod template plus what it consumes (for the network and config wiring). */
export interface RenderedPod {
  /** The pod template (`spec.template` of the workload). */
  readonly template: any;
  /** The main container's resources. */
  readonly resources: Resources;
  /**
   * Errors for ConfigMap keys the pod reads (`EnvValue.fromConfigMap`) that a ConfigMap owned by
   * the chart does not have; call from a construct validation, so data added later counts.
   */
  readonly missingConfigKeys: () => string[];
}

/** Renders a restricted, fully explicit pod template. Throws on contradictory input. */
export function renderPodTemplate(o: PodTemplateOptions): RenderedPod {
  const init = (o.initContainers ?? []).map(c => renderContainer(o.owner, checkDnsLabel(o.owner, 'initContainers[].name', c.name), c, true));
  const main = renderContainer(o.owner, o.name, o.container, false);
  const names = new Set<string>([o.name]);
  for (const c of init) {
    // the API server requires unique names across init and main containers
    if (names.has(c.spec.name)) invalid(o.owner, 'initContainers[].name', c.spec.name, `use a name no other container of the pod has (taken: ${[...names].join(', ')})`);
    names.add(c.spec.name);
  }
  checkSeconds(o.owner, 'terminationGracePeriod', o.terminationGracePeriod.toSeconds());
  if (o.preStopDelay) {
    const seconds = o.preStopDelay.toSeconds();
    checkInt(o.owner, 'preStopDelay (seconds)', seconds, 1, 300);
    if (seconds >= o.terminationGracePeriod.toSeconds()) {
      invalid(o.owner, 'terminationGracePeriod', `${o.terminationGracePeriod.toSeconds()}s`, `use a grace period longer than preStopDelay (${seconds}s) so the app gets time to drain after SIGTERM`);
    }
    main.spec.lifecycle = { preStop: { exec: { command: ['sleep', String(seconds)] } } };
  }
  const allMounts = [...(o.initContainers ?? []).flatMap(c => c.mounts ?? []), ...(o.container.mounts ?? [])];
  const volumes = new Map<string, any>();
  for (const m of allMounts) {
    const volume = m._toVolume();
    const other = volumes.get(m.volumeName);
    if (other && JSON.stringify(other) !== JSON.stringify(volume)) {
      invalid(o.owner, 'mounts', m.path, `its volume name '${m.volumeName}' is already used by a different volume; pick paths that differ in letters or digits`);
    }
    volumes.set(m.volumeName, volume);
  }

  const configSources = [...init, main].flatMap(c => c.configReads);
  const annotations: Record<string, any> = forCdk8s(o.annotations ?? {});
  if (configSources.some(r => r.configMap.data() !== undefined)) {
    annotations[CONFIG_HASH_ANNOTATION] = Lazy.any({ produce: () => configHash(configSources) });
  }
  if (o.configRevision !== undefined) annotations[CONFIG_REVISION_ANNOTATION] = o.configRevision;
  checkAnnotationsSize(o.owner, o.configRevision !== undefined ? 'configRevision' : 'podAnnotations', annotations);

  const spec: any = {
    automountServiceAccountToken: false,
    enableServiceLinks: false,
    restartPolicy: o.restartPolicy,
    securityContext: restrictedPodSecurityContext(o.identity),
    terminationGracePeriodSeconds: o.terminationGracePeriod.toSeconds(),
    ...(o.serviceAccount ? { serviceAccountName: o.serviceAccount.serviceAccountName } : {}),
    ...(init.length ? { initContainers: init.map(c => c.spec) } : {}),
    containers: [main.spec],
    ...(volumes.size ? { volumes: [...volumes.values()].sort((a, b) => compare(a.name, b.name)) } : {}),
  };
  if (o.spread) {
    spec.topologySpreadConstraints = ['topology.kubernetes.io/zone', HOSTNAME_TOPOLOGY_KEY].map(topologyKey => ({
      maxSkew: 1,
      topologyKey,
      whenUnsatisfiable: 'ScheduleAnyway',
      labelSelector: { matchLabels: { ...o.selector } },
    }));
    spec.affinity = {
      podAntiAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [{
          weight: 100,
          podAffinityTerm: { topologyKey: HOSTNAME_TOPOLOGY_KEY, labelSelector: { matchLabels: { ...o.selector } } },
        }],
      },
    };
  }
  if (o.colocate) {
    // the scheduler lets the first pod match its own affinity term, so this never strands pod #1
    spec.affinity = {
      podAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: HOSTNAME_TOPOLOGY_KEY, labelSelector: { matchLabels: { ...o.selector } } }],
      },
    };
  }
  return {
    template: {
      metadata: { labels: { ...o.labels }, ...(Object.keys(annotations).length ? { annotations } : {}) },
      spec,
    },
    resources: o.container.resources,
    missingConfigKeys: () => configSources
      .filter(r => r.key !== undefined && r.configMap.data() !== undefined && !Object.prototype.hasOwnProperty.call(r.configMap.data(), r.key))
      .map(r => `${o.owner}: env reads key ${JSON.stringify(r.key)} of ConfigMap ${r.configMap.configMapName}, which does not have it `
        + `(keys: ${Object.keys(r.configMap.data()!).sort().join(', ') || 'none'}); the pod would fail with CreateContainerConfigError`),
  };
}

interface ConfigRead {
  readonly configMap: IConfigMapRef;
  /** undefined: every key */
  readonly key?: string;
}

interface RenderedContainer {
  readonly spec: any;
  readonly configReads: ConfigRead[];
}

function renderContainer(owner: string, name: string, c: ContainerProps, init: boolean): RenderedContainer {
  if (c.port !== undefined) checkPort(owner, 'port', c.port);
  const probes: Record<string, HealthProbe | undefined> = { readinessProbe: c.readiness, livenessProbe: c.liveness, startupProbe: c.startup };
  const rendered: Record<string, any> = {};
  for (const [field, probe] of Object.entries(probes)) {
    if (!probe) continue;
    if (init) invalid(owner, `initContainers[${name}].${field}`, 'set', 'init containers run to completion and cannot have probes');
    if (probe.usesPort) {
      const port = probe.port ?? c.port;
      if (port === undefined) invalid(owner, field, 'a port probe', 'the container exposes no port: set port, or use HealthProbe.exec');
      if (port !== c.port) invalid(owner, `${field} port`, port, `probe a port the container exposes (${c.port ?? 'none'})`);
    }
    rendered[field] = probe._toKube(c.port);
  }
  const mountPaths = new Set<string>();
  for (const m of c.mounts ?? []) {
    if (mountPaths.has(m.path)) invalid(owner, 'mounts', m.path, 'mount each path once');
    mountPaths.add(m.path);
  }
  const envEntries = Object.entries(c.env ?? {}).sort(([a], [b]) => compare(a, b));
  for (const [key] of envEntries) checkEnvName(owner, 'env name', key);
  const configReads: ConfigRead[] = [
    ...(c.envFrom ?? []).map(configMap => ({ configMap })),
    ...envEntries.flatMap(([, v]) => (v._configKey ? [v._configKey] : [])),
    ...(c.mounts ?? []).flatMap(m => (m._source.configMap ? [{ configMap: m._source.configMap }] : [])),
  ];
  const spec: any = {
    name,
    image: c.image.toString(),
    imagePullPolicy: c.imagePullPolicy ?? ImagePullPolicy.IF_NOT_PRESENT,
    ...(c.command ? { command: [...c.command] } : {}),
    ...(c.args ? { args: [...c.args] } : {}),
    ...(c.port !== undefined ? { ports: [{ name: 'http', containerPort: c.port, protocol: 'TCP' }] } : {}),
    ...(envEntries.length ? { env: envEntries.map(([k, v]) => v._toKube(k)) } : {}),
    ...(c.envFrom?.length ? { envFrom: c.envFrom.map(cm => ({ configMapRef: { name: cm.configMapName } })) } : {}),
    resources: c.resources._toKube(),
    securityContext: restrictedContainerSecurityContext(c.readOnlyRootFilesystem ?? true),
    ...rendered,
    ...(c.mounts?.length ? { volumeMounts: c.mounts.map(m => m._toVolumeMount()) } : {}),
  };
  return { spec, configReads };
}

/** sha256 over the consumed data, keyed by ConfigMap name then key, in sorted order. */
function configHash(reads: ConfigRead[]): string {
  const consumed: Record<string, Record<string, string>> = {};
  for (const read of reads) {
    const data = read.configMap.data();
    if (data === undefined) continue;
    const slot = (consumed[read.configMap.configMapName] ??= {});
    const keys = read.key === undefined ? Object.keys(data) : [read.key];
    for (const key of keys) setKey(slot, key, Object.prototype.hasOwnProperty.call(data, key) ? data[key] : '');
  }
  return contentHash(Object.keys(consumed).sort()
    .map(name => [name, Object.keys(consumed[name]).sort().map(k => [k, consumed[name][k]])]), 16);
}
