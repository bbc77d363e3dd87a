import { COURSE_DEFAULTS } from '../cheese-app';
import { ApiStorageMode, CredentialsMode, EnvironmentSettings, IngressMode, RoutingMode, TlsMode } from './settings';

/**
 * dev: small and cheap; one pod each, plain HTTP through NGINX on the controller's sslip.io name.
 * The API keeps the course's ReadWriteOnce disk (5 GiB of PD-balanced, cents a month) and one pod:
 * a deploy starts the new pod next to the old one on the disk's node, so it rolls without downtime.
 * That needs two nodes: on one, the API, its surge pod (2 × 2 GiB), the vector DB, the loader a new
 * tag starts and the frontend do not fit (the capacity plan's simulation), and the autoscaler cannot
 * add a node for a pod held on the disk's node, so the deploy would wait forever.
 */
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
  // one API pod: a second one plus the surge pod would need 3 × 2 GiB on the disk's node, more than an n2d-standard-2 has
  api: { minReplicas: 1, maxReplicas: 1, cpuRequestMillis: 250, cpuLimitMillis: 1500, memoryMiB: 2048 },
  vectorDbStorageGiB: 10,
  apiStorageGiB: 5,
  apiStorage: ApiStorageMode.READ_WRITE_ONCE_DISK,
  nodePool: { machineType: 'n2d-standard-2', minNodes: 2, maxNodes: 2, failOnOverflow: false },
};
