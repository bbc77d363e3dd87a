import { Size } from 'cdk8s';
import { ApiStorage } from '../api-storage';
import { checkGcpProject } from '../app-config';
import { NodePool } from '../capacity';
import { CheeseAppProps, COURSE_DEFAULTS } from '../cheese-app';
import { ApiRouting, IngressController, IngressTls } from '../cheese-ingress';
import { Cpu } from '../core/cpu';
import { Resources } from '../core/resources';
import { Scaling } from '../core/scaling';
import { GcpCredentials } from '../gcp-credentials';
import { DEV } from './dev';
import { PROD } from './prod';
import { ApiStorageMode, CredentialsMode, EnvironmentSettings, IngressMode, RoutingMode, TlsMode, WorkloadSettings } from './settings';
import { invalid } from '../core/validate';

export * from './settings';
export { DEV } from './dev';
export { PROD } from './prod';

/** The environments `npm run synth` knows, in output order. */
export const ENVIRONMENTS: Readonly<Record<string, EnvironmentSettings>> = { dev: DEV, prod: PROD };

/** Values a pipeline may override without editing code. */
export interface EnvironmentOverrides {
  /**
   * Tag of the three app images.
   * @default - the environment's `imageTag`
   */
  readonly imageTag?: string;
  /**
   * GCP project id; the Workload Identity email follows it.
   * @default - the environment's `gcpProject`
   */
  readonly gcpProject?: string;
  /**
   * Registry path of the app images.
   * @default - the environment's `imageRegistry`
   */
  readonly imageRegistry?: string;
  /**
   * Ingress host.
   * @default - the environment's `host`
   */
  readonly host?: string;
}

/** Applies pipeline overrides; the Workload Identity email follows a changed project. */
export function withOverrides(env: EnvironmentSettings, overrides: EnvironmentOverrides): EnvironmentSettings {
  const project = checkGcpProject(`environment '${env.name}'`, overrides.gcpProject ?? env.gcpProject);
  const gsa = env.gcpServiceAccount && overrides.gcpProject
    ? env.gcpServiceAccount.replace(/@[^.]+\.iam\.gserviceaccount\.com$/, `@${project}.iam.gserviceaccount.com`)
    : env.gcpServiceAccount;
  return {
    ...env,
    imageTag: overrides.imageTag ?? env.imageTag,
    gcpProject: project,
    imageRegistry: overrides.imageRegistry ?? env.imageRegistry,
    host: overrides.host ?? env.host,
    gcpServiceAccount: gsa,
    apiBucket: env.apiBucket && overrides.gcpProject && env.apiBucket.startsWith(`${env.gcpProject}-`)
      ? `${project}-${env.apiBucket.slice(env.gcpProject.length + 1)}` : env.apiBucket,
  };
}

/** Domains reserved for examples and tests (RFC 2606, RFC 6761): no DNS record or certificate can exist under them. */
const RESERVED_HOST = /(^|\.)(example\.(com|net|org)|example|test|invalid|localhost)$/i;

/**
 * Values an environment still holds from the examples, which synthesize but cannot work on a cluster:
 * the first course version's image tag (a pipeline pushes its own), a host under a reserved domain.
 * The entry point prints them as warnings.
 */
export function placeholderWarnings(env: EnvironmentSettings): string[] {
  const warnings: string[] = [];
  if (env.imageTag === COURSE_DEFAULTS.imageTag) {
    warnings.push(`${env.name}: the app images are tagged ${env.imageTag}, the first course version's .docker-tag; `
      + 'pass --tag (or --tag-file, CHEESE_IMAGE_TAG) with the tag your image pipeline pushed');
  }
  if (RESERVED_HOST.test(env.host)) {
    warnings.push(`${env.name}: host ${env.host} is under a reserved example domain, so no DNS record or certificate can exist for it; pass --host`);
  }
  return warnings;
}

/**
 * The environment's node pool for the capacity plan: a known machine type, or explicit allocatable capacity.
 * @throws naming the environment and the field, when neither a machine type nor both capacities are given
 */
export function toNodePool(env: EnvironmentSettings): NodePool {
  const { machineType, minNodes, maxNodes } = env.nodePool;
  if (machineType) return NodePool.machineType(machineType, { minNodes, maxNodes });
  const need = (field: 'allocatableCpuMillis' | 'allocatableMemoryMiB'): number => {
    const value = env.nodePool[field];
    if (value === undefined) invalid(`environment '${env.name}'`, `nodePool.${field}`, value, 'set it when nodePool has no machineType');
    return value;
  };
  return NodePool.custom({ allocatableCpuMillis: need('allocatableCpuMillis'), allocatableMemoryMiB: need('allocatableMemoryMiB'), minNodes, maxNodes });
}

/**
 * Turns environment data into `CheeseAppProps`.
 * @throws naming the environment and the field, when a mode lacks the field it needs
 */
export function toCheeseAppProps(env: EnvironmentSettings): CheeseAppProps {
  const need = <T>(field: keyof EnvironmentSettings, value: T | undefined, why: string): T => {
    if (value === undefined || value === '') invalid(`environment '${env.name}'`, String(field), value, `set it ${why}`);
    return value;
  };
  const controller = env.ingress === IngressMode.GCE
    ? IngressController.gce({ staticIpName: need('staticIpName', env.staticIpName, 'when ingress is gce') })
    : IngressController.nginx();
  const tls = env.tls === TlsMode.SECRET ? IngressTls.fromSecret(need('tlsSecretName', env.tlsSecretName, "when tls is 'secret'"))
    : env.tls === TlsMode.CERT_MANAGER ? IngressTls.certManager({ issuerName: need('clusterIssuer', env.clusterIssuer, "when tls is 'cert-manager'") })
      : undefined;
  const credentials = env.credentials === CredentialsMode.WORKLOAD_IDENTITY
    ? GcpCredentials.workloadIdentity({ gcpServiceAccount: need('gcpServiceAccount', env.gcpServiceAccount, 'for Workload Identity') })
    : env.credentials === CredentialsMode.KEY_SECRET
      ? GcpCredentials.serviceAccountKey({ secretName: need('keySecretName', env.keySecretName, "when credentials is 'key-secret'") })
      : GcpCredentials.nodeDefault();
  return {
    namespace: env.namespace,
    instance: `cheese-app-${env.name}`,
    gcpProject: env.gcpProject,
    imageRegistry: env.imageRegistry,
    imageTag: env.imageTag,
    host: env.host,
    ingressController: controller,
    tls,
    requireTls: env.requireTls,
    apiRouting: env.routing === RoutingMode.REWRITE ? ApiRouting.rewrite() : ApiRouting.rootPath(),
    credentials,
    frontendScaling: scaling(env, 'frontend', env.frontend),
    apiScaling: scaling(env, 'api', env.api),
    frontendResources: resources(env.frontend),
    apiResources: resources(env.api),
    vectorDbStorage: Size.gibibytes(env.vectorDbStorageGiB),
    apiStorage: apiStorage(env, need),
    storageClassName: env.storageClassName,
  };
}

function scaling(env: EnvironmentSettings, field: string, w: WorkloadSettings): Scaling {
  if (w.minReplicas > w.maxReplicas) invalid(`environment '${env.name}'`, `${field}.minReplicas`, w.minReplicas, `use at most ${field}.maxReplicas (${w.maxReplicas})`);
  // an HPA whose floor is its ceiling only adds an object to watch
  return w.minReplicas === w.maxReplicas ? Scaling.fixed(w.minReplicas)
    : Scaling.autoscale({ minReplicas: w.minReplicas, maxReplicas: w.maxReplicas });
}

function apiStorage(env: EnvironmentSettings, need: <T>(field: keyof EnvironmentSettings, value: T | undefined, why: string) => T): ApiStorage {
  const size = Size.gibibytes(env.apiStorageGiB);
  switch (env.apiStorage ?? ApiStorageMode.READ_WRITE_ONCE_DISK) {
    case ApiStorageMode.FILESTORE:
      try {
        return ApiStorage.filestore({ size, storageClassName: env.apiFilestoreClassName });
      } catch (e) {
        // the user set apiStorageGiB / apiFilestoreClassName in this environment: say so
        return invalid(`environment '${env.name}'`, 'apiStorageGiB', env.apiStorageGiB, `with apiStorage 'filestore': ${(e as Error).message}`);
      }
    case ApiStorageMode.CLOUD_STORAGE_BUCKET:
      return ApiStorage.cloudStorageBucket({ bucket: need('apiBucket', env.apiBucket, "when apiStorage is 'gcs-bucket'") });
    case ApiStorageMode.NONE: return ApiStorage.none();
    default: return ApiStorage.readWriteOnceDisk({ size, storageClassName: env.storageClassName });
  }
}

function resources(w: WorkloadSettings): Resources {
  return Resources.of({
    cpuRequest: Cpu.millis(w.cpuRequestMillis),
    cpuLimit: w.cpuLimitMillis === undefined ? undefined : Cpu.millis(w.cpuLimitMillis),
    omitCpuLimit: w.cpuLimitMillis === undefined,
    memoryRequest: Size.mebibytes(w.memoryMiB),
  });
}
