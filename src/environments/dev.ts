import { COURSE_DEFAULTS } from '../cheese-app';
import { CredentialsMode, EnvironmentSettings, IngressMode, RoutingMode, TlsMode } from './settings';

/** dev: small and cheap; one pod each, plain HTTP through NGINX on the controller's sslip.io name. */
export const DEV: EnvironmentSettings = {
  name: 'dev',
  namespace: 'cheese-app-dev',
  gcpProject: COURSE_DEFAULTS.gcpProject,
  imageTag: COURSE_DEFAULTS.imageTag, // a pipeline passes its own (--tag); synth warns until it does
  host: '127.0.0.1.sslip.io',
  ingress: IngressMode.NGINX,
  tls: TlsMode.NONE,
  requireTls: false,
  routing: RoutingMode.ROOT_PATH,
  credentials: CredentialsMode.WORKLOAD_IDENTITY,
  gcpServiceAccount: 'gcp-service@ac215-project.iam.gserviceaccount.com',
  frontend: { minReplicas: 1, maxReplicas: 2, cpuRequestMillis: 100, cpuLimitMillis: 500, memoryMiB: 256 },
  api: { minReplicas: 1, maxReplicas: 2, cpuRequestMillis: 250, cpuLimitMillis: 1500, memoryMiB: 2048 },
  vectorDbStorageGiB: 10,
  apiStorageGiB: 5,
  nodePool: { machineType: 'n2d-standard-2', minNodes: 1, maxNodes: 2, failOnOverflow: false },
};
