import { COURSE_DEFAULTS } from '../cheese-app';
import { CredentialsMode, EnvironmentSettings, IngressMode, RoutingMode, TlsMode } from './settings';

/**
 * prod: the course's latest deployment (GKE L7 Ingress, managed certificate, Workload
 * Identity), with HA replica counts on the course's 1–2 × n2d-standard-2 pool.
 */
export const PROD: EnvironmentSettings = {
  name: 'prod',
  namespace: 'cheese-app-namespace',
  gcpProject: COURSE_DEFAULTS.gcpProject,
  imageTag: COURSE_DEFAULTS.imageTag, // a pipeline passes its own (--tag); synth warns until it does
  host: 'cheese.example.com',
  ingress: IngressMode.GCE,
  staticIpName: 'cheese-app-global-ip',
  tls: TlsMode.NONE,
  requireTls: true,
  routing: RoutingMode.ROOT_PATH,
  credentials: CredentialsMode.WORKLOAD_IDENTITY,
  gcpServiceAccount: 'gcp-service@ac215-project.iam.gserviceaccount.com',
  frontend: { minReplicas: 2, maxReplicas: 4, cpuRequestMillis: 100, cpuLimitMillis: 500, memoryMiB: 256 },
  // API pods share the ReadWriteOnce persistent-pvc, so they run on one node: 2 × (500m, 2Gi) fit an n2d-standard-2
  api: { minReplicas: 1, maxReplicas: 2, cpuRequestMillis: 500, cpuLimitMillis: 1500, memoryMiB: 2048 },
  vectorDbStorageGiB: 10,
  apiStorageGiB: 5,
  storageClassName: 'standard-rwo',
  nodePool: { machineType: 'n2d-standard-2', minNodes: 1, maxNodes: 2, failOnOverflow: false },
};
