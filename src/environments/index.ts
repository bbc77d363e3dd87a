import { Size } from 'cdk8s';
import { checkGcpProject } from '../app-config';
import { CheeseAppProps } from '../cheese-app';
import { ApiRouting, IngressController, IngressTls } from '../cheese-ingress';
import { Cpu } from '../core/cpu';
import { Resources } from '../core/resources';
import { Scaling } from '../core/scaling';
import { GcpCredentials } from '../gcp-credentials';
import { DEV } from './dev';
import { PROD } from './prod';
import { CredentialsMode, EnvironmentSettings, IngressMode, RoutingMode, TlsMode, WorkloadSettings } from './settings';
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
  return { ...env, imageTag: overrides.imageTag ?? env.imageTag, gcpProject: project, host: overrides.host ?? env.host, gcpServiceAccount: gsa };
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
    apiStorage: Size.gibibytes(env.apiStorageGiB),
    storageClassName: env.storageClassName,
  };
}

function scaling(env: EnvironmentSettings, field: string, w: WorkloadSettings): Scaling {
  if (w.minReplicas > w.maxReplicas) invalid(`environment '${env.name}'`, `${field}.minReplicas`, w.minReplicas, `use at most ${field}.maxReplicas (${w.maxReplicas})`);
  return Scaling.autoscale({ minReplicas: w.minReplicas, maxReplicas: w.maxReplicas });
}

function resources(w: WorkloadSettings): Resources {
  return Resources.of({
    cpuRequest: Cpu.millis(w.cpuRequestMillis),
    cpuLimit: w.cpuLimitMillis === undefined ? undefined : Cpu.millis(w.cpuLimitMillis),
    omitCpuLimit: w.cpuLimitMillis === undefined,
    memoryRequest: Size.mebibytes(w.memoryMiB),
  });
}
