import { COURSE_DEFAULTS } from '../cheese-app';
import { ApiStorageMode, CredentialsMode, EnvironmentSettings, IngressMode, RoutingMode, TlsMode } from './settings';

/**
 * prod: the course's latest deployment (GKE L7 Ingress, managed certificate, Workload
 * Identity), with HA replica counts on 2–3 × n2d-standard-2 (two always, a third only while scaled out).
 *
 * The API keeps `/persistent` in a Cloud Storage bucket (Cloud Storage FUSE CSI driver), so
 * its 2–3 pods spread over both nodes, have a PodDisruptionBudget and roll without downtime.
 * On the course's ReadWriteOnce disk every API pod must share the disk's node, and 1 API pod +
 * its surge pod + the vector DB + 2 frontend pods need 5632 MiB there, more than the 5608 MiB an
 * n2d-standard-2 leaves: each deploy would stall or (with Recreate) take the API down. The bucket
 * costs cents a month; Filestore's smallest share costs about $200 a month. Needs the
 * `GcsFuseCsiDriver` add-on, the bucket, and `roles/storage.objectUser` for the Google service account.
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
  // each API pod also carries the Cloud Storage FUSE sidecar (100m / 256 MiB requested): 400m leaves room on the
  // 2 nodes for 3 API pods beside 4 frontend pods, and for a surge pod at minimum replicas
  api: { minReplicas: 2, maxReplicas: 3, cpuRequestMillis: 400, cpuLimitMillis: 1500, memoryMiB: 2048 },
  vectorDbStorageGiB: 10,
  apiStorageGiB: 5,
  apiStorage: ApiStorageMode.CLOUD_STORAGE_BUCKET,
  apiBucket: 'ac215-project-cheese-app-persistent',
  storageClassName: 'standard-rwo',
  // two nodes at all times: 2 API pods + sidecars, the vector DB, 2 frontend pods and the loader need 1700m; one node
  // has 1330m. A 1-node prod has no failover anyway: a node upgrade drains every pod. The capacity plan's scheduler
  // simulation shows the third API pod (and a deploy's surge pod at full scale-out) find no room on two nodes once the
  // other pods are spread (2 GiB pods, memory-bound): the autoscaler may add a third node, only while scaled out.
  nodePool: { machineType: 'n2d-standard-2', minNodes: 2, maxNodes: 3, failOnOverflow: false },
};
