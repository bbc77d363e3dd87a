import { Duration, Size } from 'cdk8s';
import { AppSecret, ContainerImage, Cpu, DEFAULT_LOADER_ARGS, GcpCredentials, Resources, VectorDbLoader, VectorDbLoaderProps, WAIT_IMAGE, WAIT_SCRIPT } from '../src';
import { chartWithDb, mainContainer, one, podOf, synth } from './util';
import { Connections } from '../src/core/network';

const IMAGE = 'gcr.io/ac215-project/cheese-app-vector-db-cli:20250422213016';

function build(props: Partial<VectorDbLoaderProps> = {}) {
  const { chart, config, db } = chartWithDb();
  const loader = new VectorDbLoader(chart, 'Loader', { image: ContainerImage.of(IMAGE), vectorDb: db, config, ...props });
  const objects = synth(chart);
  const job = one(objects, 'Job');
  return { chart, db, loader, objects, job, pod: podOf(job), container: mainContainer(job) };
}

describe('VectorDbLoader', () => {
  test('synthesizes one Job that waits for the DB heartbeat, then runs the loader', () => {
    const { job, pod, container, loader } = build();
    expect(job.metadata.name).toBe(loader.jobName);
    expect(loader.jobName).toMatch(/^vector-db-loader-[0-9a-f]{8}$/);
    expect(job.metadata.labels['app.kubernetes.io/component']).toBe('loader');
    expect(pod.restartPolicy).toBe('Never');
    expect(pod.initContainers).toHaveLength(1);
    expect(pod.initContainers[0]).toMatchObject({ name: 'wait-for-vector-db', image: WAIT_IMAGE });
    expect(pod.initContainers[0].command).toEqual(['sh', '-c', WAIT_SCRIPT, 'wait-for-vector-db', 'http://vector-db:8000/api/v2/heartbeat']);
    expect(container).toMatchObject({ name: 'vector-db-loader', image: IMAGE });
    expect(container.env).toEqual([{ name: 'CHROMADB_HOST', value: 'vector-db' }, { name: 'CHROMADB_PORT', value: '8000' }]);
    expect(container.envFrom).toEqual([{ configMapRef: { name: 'cheese-app-config' } }]);
    expect(Object.keys(container).filter(k => k.endsWith('Probe'))).toEqual([]);
    expect(job).toMatchSnapshot();
  });

  test('the image writes to its working directory and `uv run` to its virtualenv: a writable root, still non-root with no capabilities', () => {
    const { container, pod } = build();
    expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: false, runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    expect(pod.securityContext).toMatchObject({ runAsUser: 1000, runAsGroup: 1000 });
    // nothing over /home/app: the image's virtualenv lives there
    expect(container.volumeMounts.map((m: any) => m.mountPath)).toEqual(['/tmp']);
  });

  test('@defaults: name vector-db-loader, args DEFAULT_LOADER_ARGS, backoffLimit 3, activeDeadline 30 min, ttlAfterFinished 1 day', () => {
    const { job, container } = build();
    expect(container.args).toEqual([...DEFAULT_LOADER_ARGS]);
    expect(DEFAULT_LOADER_ARGS).toEqual(['cli.py', '--download', '--load', '--chunk_type', 'recursive-split']);
    expect(job.spec).toMatchObject({ backoffLimit: 3, activeDeadlineSeconds: 1800, ttlSecondsAfterFinished: 86400 });
  });

  test('@default resources: 250m CPU / 1Gi requested; 1 CPU / 1Gi limit', () => {
    expect(build().container.resources).toEqual({ requests: { cpu: '250m', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } });
  });

  test('@default credentials: node default (no ServiceAccount, no key); a key Secret is mounted instead when given', () => {
    expect(build().pod.serviceAccountName).toBeUndefined();
    const { chart, config, db } = chartWithDb();
    const secret = new AppSecret(chart, 'Key', { name: 'gcp-key' });
    new VectorDbLoader(chart, 'Loader', { image: ContainerImage.of(IMAGE), vectorDb: db, config, credentials: GcpCredentials.serviceAccountKey({ secret }) });
    const withKey = mainContainer(one(synth(chart), 'Job'));
    expect(withKey.volumeMounts).toContainEqual({ name: 'secret-gcp-key', mountPath: '/secrets', readOnly: true });
    expect(withKey.env).toContainEqual({ name: 'GOOGLE_APPLICATION_CREDENTIALS', value: '/secrets/gcp-service.json' });
  });

  test('@default allowInternetEgress true; the loader may always reach the DB', () => {
    const on = build();
    const connections = Connections.of(on.chart);
    expect(connections.connections).toEqual([{ from: on.loader, to: on.db, port: 8000 }]);
    expect(connections.internet).toEqual([{ from: on.loader, ports: [443] }]);
    expect(Connections.of(build({ allowInternetEgress: false }).chart).internet).toEqual([]);
  });

  test('the Job name is stable for the same inputs and changes with the image or the args', () => {
    const base = build().loader.jobName;
    expect(build().loader.jobName).toBe(base);
    expect(build({ image: ContainerImage.of(`${IMAGE.split(':')[0]}:20250501000000`) }).loader.jobName).not.toBe(base);
    expect(build({ args: ['cli.py', '--load'] }).loader.jobName).not.toBe(base);
    expect(build({ name: 'reload' }).loader.jobName).toMatch(/^reload-[0-9a-f]{8}$/);
  });

  test('the name follows the whole pod template (immutable in a Job), not the Job fields apply may change in place', () => {
    const base = build();
    // any template field: resources here; the same holds for mounts or security settings a library upgrade changes
    const resources = Resources.of({ cpuRequest: Cpu.millis(300), memoryRequest: Size.gibibytes(1) });
    expect(build({ resources }).loader.jobName).not.toBe(base.loader.jobName);
    // backoffLimit, activeDeadlineSeconds and ttlSecondsAfterFinished are mutable: same Job, updated by apply
    const tuned = build({ backoffLimit: 5, activeDeadline: Duration.minutes(45), ttlAfterFinished: Duration.days(2) });
    expect(tuned.loader.jobName).toBe(base.loader.jobName);
    expect(tuned.job.spec).toMatchObject({ backoffLimit: 5, activeDeadlineSeconds: 2700, ttlSecondsAfterFinished: 172800 });
    // two synths of the same template give the same name, whatever else the chart holds
    expect(base.job.metadata.name).toBe(base.loader.jobName);
  });

  test('the Job name changes with the config data it reads (even data added after construction) and with the credentials', () => {
    const base = build();
    const { chart, config, db } = chartWithDb();
    const loader = new VectorDbLoader(chart, 'Loader', { image: ContainerImage.of(IMAGE), vectorDb: db, config });
    config.addData('LATE_SETTING', 'on');
    expect(one(synth(chart), 'Job').metadata.name).toBe(loader.jobName);
    expect(loader.jobName).not.toBe(base.loader.jobName);
    const wi = build({ credentials: GcpCredentials.workloadIdentity({ gcpServiceAccount: 'gcp-service@ac215-project.iam.gserviceaccount.com' }) });
    expect(wi.loader.jobName).not.toBe(base.loader.jobName);
    expect(build({ credentials: GcpCredentials.serviceAccountKey({}) }).loader.jobName).not.toBe(base.loader.jobName);
  });

  test('@default configRevision: no revision annotation; a revision annotates the pod and gives a new Job', () => {
    const base = build();
    expect(base.job.spec.template.metadata.annotations?.['cheese-k8s.io/config-revision']).toBeUndefined();
    const revised = build({ configRevision: 'key-2025-05' });
    expect(revised.job.spec.template.metadata.annotations['cheese-k8s.io/config-revision']).toBe('key-2025-05');
    expect(revised.loader.jobName).not.toBe(base.loader.jobName);
  });

  test('explicit limits and resources are used', () => {
    const { job, container } = build({
      backoffLimit: 0,
      activeDeadline: Duration.hours(2),
      ttlAfterFinished: Duration.seconds(0),
      resources: Resources.of({ cpuRequest: Cpu.millis(500), memoryRequest: Size.gibibytes(2) }),
    });
    expect(job.spec).toMatchObject({ backoffLimit: 0, activeDeadlineSeconds: 7200, ttlSecondsAfterFinished: 0 });
    expect(container.resources.requests).toEqual({ cpu: '500m', memory: '2Gi' });
  });

  describe('fails if', () => {
    test.each([
      ['the name leaves no room for the hash (over 54 characters)', { name: 'l'.repeat(55) }, `invalid name "${'l'.repeat(55)}": use a DNS-1123 label: 1-54 lower-case`],
      ['the name is not a DNS label', { name: 'Loader' }, 'invalid name "Loader": use a DNS-1123 label'],
      ['backoffLimit is above 20', { backoffLimit: 21 }, 'invalid backoffLimit 21: use an integer from 0 to 20'],
      ['activeDeadline is under a minute', { activeDeadline: Duration.seconds(30) }, 'invalid activeDeadline (seconds) 30: use an integer from 60 to 86400'],
      ['ttlAfterFinished is over 30 days', { ttlAfterFinished: Duration.days(31) }, 'invalid ttlAfterFinished (seconds) 2678400: use an integer from 0 to 2592000'],
    ])('%s', (_, props, message) => {
      expect(() => build(props)).toThrow(`test/Loader: ${message}`);
    });
  });
});
