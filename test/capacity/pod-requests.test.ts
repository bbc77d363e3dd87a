import { container } from './fixtures';
import { podRequestOf } from '../../src/capacity';

describe('effective pod request', () => {
  test('sums the app containers', () => {
    // 250m + 100m = 350m; 512 + 64 = 576 MiB
    expect(podRequestOf({ containers: [container('app', '250m', '512Mi'), container('proxy', '100m', '64Mi')] }))
      .toEqual({ cpuMillis: 350, memoryMiB: 576, missingRequests: [] });
  });

  test('is max(largest init container, sum of app containers) per resource', () => {
    // CPU: max(init 1000m, app 250m + 250m = 500m) = 1000m
    // memory: max(init 256 MiB, app 512 + 512 = 1024 MiB) = 1024 MiB
    const spec = {
      initContainers: [container('migrate', '1', '256Mi'), container('warm', '100m', '128Mi')],
      containers: [container('a', '250m', '512Mi'), container('b', '250m', '512Mi')],
    };
    expect(podRequestOf(spec)).toEqual({ cpuMillis: 1000, memoryMiB: 1024, missingRequests: [] });
  });

  test('counts sidecars (restartPolicy: Always init containers) alongside what starts after them', () => {
    // sidecar phase: 100m / 64 MiB; migrate phase: 500m + 100m = 600m / 128 + 64 = 192 MiB
    // app + sidecars: 200m + 100m = 300m / 256 + 64 = 320 MiB
    // effective: max(600, 300) = 600m; max(192, 320) = 320 MiB
    const spec = {
      initContainers: [{ ...container('sidecar', '100m', '64Mi'), restartPolicy: 'Always' }, container('migrate', '500m', '128Mi')],
      containers: [container('app', '200m', '256Mi')],
    };
    expect(podRequestOf(spec)).toEqual({ cpuMillis: 600, memoryMiB: 320, missingRequests: [] });
  });

  test('a missing request defaults to the limit, else counts 0 and is reported', () => {
    const spec = {
      containers: [
        { name: 'limited', resources: { limits: { cpu: '1', memory: '1Gi' } } },
        { name: 'bare' },
        container('half', '100m'),
      ],
    };
    // CPU: 1000 + 0 + 100 = 1100m; memory: 1024 + 0 + 0 = 1024 MiB
    expect(podRequestOf(spec)).toEqual({
      cpuMillis: 1100,
      memoryMiB: 1024,
      missingRequests: ['bare: cpu', 'bare: memory', 'half: memory'],
    });
  });

  test('adds the pod overhead', () => {
    // 250m + 50m = 300m; 512 + 32 = 544 MiB
    expect(podRequestOf({ containers: [container('app', '250m', '512Mi')], overhead: { cpu: '50m', memory: '32Mi' } }))
      .toEqual({ cpuMillis: 300, memoryMiB: 544, missingRequests: [] });
  });

  test('fails if a quantity is malformed, naming the container and field', () => {
    expect(() => podRequestOf({ containers: [container('api', 'lots', '1Gi')] }))
      .toThrow('container "api": invalid resources.requests.cpu "lots": use a Kubernetes quantity (e.g. 250m');
    expect(() => podRequestOf({ containers: [{ name: 'api', resources: { limits: { memory: '1GB' } } }] }))
      .toThrow('container "api": invalid resources.limits.memory "1GB": use a Kubernetes quantity');
  });
});

describe('sidecars GKE injects at admission', () => {
  const spec = { containers: [container('api', '400m', '2Gi')] };

  test('the Cloud Storage FUSE sidecar announced by the pod annotations is counted (the manifests do not show it)', () => {
    expect(podRequestOf(spec, { 'gke-gcsfuse/volumes': 'true', 'gke-gcsfuse/cpu-request': '100m', 'gke-gcsfuse/memory-request': '256Mi' }))
      .toMatchObject({ cpuMillis: 500, memoryMiB: 2048 + 256 });
    // GKE's defaults when the pod does not set the sidecar's requests
    expect(podRequestOf(spec, { 'gke-gcsfuse/volumes': 'true' })).toMatchObject({ cpuMillis: 650, memoryMiB: 2048 + 256 });
  });

  test('nothing is added without the annotation', () => {
    expect(podRequestOf(spec, { 'gke-gcsfuse/cpu-request': '100m' })).toMatchObject({ cpuMillis: 400, memoryMiB: 2048 });
    expect(podRequestOf(spec)).toMatchObject({ cpuMillis: 400, memoryMiB: 2048 });
  });

  test('fails if a sidecar request annotation is not a quantity, naming the annotation', () => {
    expect(() => podRequestOf(spec, { 'gke-gcsfuse/volumes': 'true', 'gke-gcsfuse/cpu-request': '100mm' }))
      .toThrow('pod: invalid metadata.annotations["gke-gcsfuse/cpu-request"] "100mm"');
  });
});
