import { at, cheeseApp, firstContainer, get, pod, run } from './fixtures';
import { CPU_LIMIT, IMAGE_PINNED, imagePinProblem, READ_ONLY_ROOT_FS, READINESS_PROBE, RESOURCES_REQUIRED } from '../../src/policy';

const SHA = `sha256:${'0123456789abcdef'.repeat(4)}`;

describe('CHEESE-FS1 readOnlyRootFilesystem', () => {
  test('Compliance: true on every container', () => {
    expect(run(READ_ONLY_ROOT_FS, cheeseApp())).toEqual([]);
  });
  test('Noncompliance: the loader Job writes to its image filesystem', () => {
    const objects = cheeseApp();
    firstContainer(objects, 'Job', 'loader').securityContext.readOnlyRootFilesystem = false;
    expect(run(READ_ONLY_ROOT_FS, objects)).toEqual([at('CHEESE-FS1', 'Job', 'loader', { container: 'loader' })]);
  });
});

describe('CHEESE-IMG1 image pinned', () => {
  test.each([
    ['repo:1.4.2'], ['us-docker.pkg.dev/p/r/api:1.4.2'], ['localhost:5000/api:v1'], [`repo:1.4.2@${SHA}`], [`repo@${SHA}`], [`localhost:5000/api@${SHA}`],
  ])('Compliance: %s', (image) => {
    expect(imagePinProblem(image)).toBeUndefined();
  });
  test.each([
    ['repo', 'has no tag'], ['repo:latest', '"latest"'], ['localhost:5000/api', 'has no tag'], ['repo:', 'has no tag'],
    ['repo@sha256:abc', 'malformed digest'], ['', 'has no image'],
  ])('Noncompliance: %s', (image, problem) => {
    expect(imagePinProblem(image)).toContain(problem);
  });
  test('Compliance: fixture images use tag@digest', () => {
    expect(run(IMAGE_PINNED, cheeseApp())).toEqual([]);
  });
  test('Noncompliance: :latest on the frontend is reported with the image', () => {
    const objects = cheeseApp();
    firstContainer(objects, 'Deployment', 'frontend').image = 'gcr.io/cheese/frontend:latest';
    const findings = run(IMAGE_PINNED, objects);
    expect(findings).toEqual([at('CHEESE-IMG1', 'Deployment', 'frontend', { container: 'frontend', path: 'spec.template.spec.containers[0].image' })]);
    expect(findings[0].detail).toContain('"gcr.io/cheese/frontend:latest"');
  });
});

describe('CHEESE-RES1 requests and memory limit', () => {
  test('Compliance: all three set (CPU limit is not this rule)', () => {
    const objects = cheeseApp();
    delete firstContainer(objects, 'Deployment', 'api').resources.limits.cpu;
    expect(run(RESOURCES_REQUIRED, objects)).toEqual([]);
  });
  test('Noncompliance: no resources at all reports cpu request, memory request and memory limit', () => {
    const objects = cheeseApp();
    delete firstContainer(objects, 'Deployment', 'api').resources;
    expect(run(RESOURCES_REQUIRED, objects).map(f => f.path)).toEqual([
      'spec.template.spec.containers[0].resources.requests.cpu',
      'spec.template.spec.containers[0].resources.requests.memory',
      'spec.template.spec.containers[0].resources.limits.memory',
    ]);
  });
  test.each([['0'], ['0Mi'], [''], [0], ['0e3'], ['0.0Gi'], ['1x'], ['-1'], [true]])('Noncompliance: memory limit %p (zero or not a quantity) counts as missing', (value) => {
    const objects = cheeseApp();
    firstContainer(objects, 'StatefulSet', 'vector-db').resources.limits.memory = value;
    expect(run(RESOURCES_REQUIRED, objects)).toEqual([at('CHEESE-RES1', 'StatefulSet', 'vector-db', {
      container: 'chromadb', path: 'spec.template.spec.containers[0].resources.limits.memory',
    })]);
  });
  test('Noncompliance: init containers need requests too', () => {
    const objects = cheeseApp();
    pod(objects, 'Job', 'loader').initContainers = [{ name: 'download', image: 'busybox:1.36', resources: { limits: { memory: '64Mi' } } }];
    expect(run(RESOURCES_REQUIRED, objects).map(f => f.container)).toEqual(['download', 'download']);
  });
});

describe('CHEESE-RES2 CPU limit', () => {
  test('Compliance: CPU limit set', () => {
    expect(run(CPU_LIMIT, cheeseApp())).toEqual([]);
  });
  test('Noncompliance: CPU limit omitted', () => {
    const objects = cheeseApp();
    delete firstContainer(objects, 'Deployment', 'api').resources.limits.cpu;
    expect(run(CPU_LIMIT, objects)).toEqual([at('CHEESE-RES2', 'Deployment', 'api', {
      container: 'api', path: 'spec.template.spec.containers[0].resources.limits.cpu',
    })]);
  });
});

describe('CHEESE-PRB1 readiness probe', () => {
  test('Compliance: Jobs and init containers need none', () => {
    const objects = cheeseApp();
    pod(objects, 'Deployment', 'api').initContainers = [{ name: 'wait-for-db', image: 'busybox:1.36' }];
    expect(run(READINESS_PROBE, objects)).toEqual([]);
  });
  test('Compliance: a run-to-completion Pod (restartPolicy Never) needs none', () => {
    const once = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'once', namespace: 'cheese' }, spec: { restartPolicy: 'Never', containers: [{ name: 'x' }] } };
    expect(run(READINESS_PROBE, [once])).toEqual([]);
  });
  test('Noncompliance: StatefulSet container without readinessProbe', () => {
    const objects = cheeseApp();
    delete firstContainer(objects, 'StatefulSet', 'vector-db').readinessProbe;
    expect(run(READINESS_PROBE, objects)).toEqual([at('CHEESE-PRB1', 'StatefulSet', 'vector-db', { container: 'chromadb' })]);
  });
  test('Noncompliance: a second container (sidecar) without readinessProbe', () => {
    const objects = cheeseApp();
    get(objects, 'Deployment', 'api').spec.template.spec.containers.push({ name: 'proxy', image: 'envoy:1.30' });
    expect(run(READINESS_PROBE, objects)).toEqual([at('CHEESE-PRB1', 'Deployment', 'api', {
      container: 'proxy', path: 'spec.template.spec.containers[1].readinessProbe',
    })]);
  });
});
