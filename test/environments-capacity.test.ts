import { DEV, PROD } from '../src/environments';
import { renderEnvironment } from '../src/output/render';

// Hand-checked arithmetic for the default environments on the course's pool (1–2 × n2d-standard-2).
// n2d-standard-2 = 2 vCPU, 8192 MiB. GKE reserves 6% of core 1 + 1% of core 2 = 60m + 10m → 1930m allocatable;
// memory 25% of the first 4 GiB + 20% of the next 4 GiB = 1024 + 819.2 MiB, plus 100 MiB eviction → 6248 MiB.
// System pods take 600m / 640 MiB per node → 1330m / 5608 MiB per node for the app; 2660m / 11216 MiB on 2 nodes.
describe('capacity plans of the default environments', () => {
  const plan = (env: typeof PROD) => JSON.parse(renderEnvironment(env).files['reports/capacity.json']);

  test('prod: the 2-node pool holds the app at full scale-out', () => {
    const p = plan(PROD);
    expect(p.nodePool).toMatchObject({
      allocatableCpuMillis: 1930, allocatableMemoryMiB: 6248, schedulableCpuMillis: 1330, schedulableMemoryMiB: 5608, minNodes: 2, maxNodes: 2,
    });
    // min: api 2×(400m, 2048) + frontend 2×(100m, 256) + vector-db (250m, 1024) + loader (250m, 1024)
    expect(p.totals.atMin).toEqual({ cpuMillis: 2 * 400 + 2 * 100 + 250 + 250, memoryMiB: 2 * 2048 + 2 * 256 + 1024 + 1024, pods: 6 });
    // max: api 3×(400m, 2048) + frontend 4×(100m, 256) + vector-db + loader
    expect(p.totals.atMax).toEqual({ cpuMillis: 3 * 400 + 4 * 100 + 250 + 250, memoryMiB: 3 * 2048 + 4 * 256 + 1024 + 1024, pods: 9 });
    // not counted above: GKE injects the Cloud Storage FUSE sidecar at admission, 100m / 256 MiB per API pod (pod annotations):
    // max with it = 2400m / 9984 MiB ≤ 2660m / 11216 MiB on two nodes
    const api = p.workloads.find((w: any) => w.id.endsWith('/api'));
    expect(api).toMatchObject({ minReplicas: 2, maxReplicas: 3 });
    expect(api.colocated).toBeFalsy(); // the bucket is shared: the API pods may spread
    expect(p.fitsAtFullScaleOut).toBe(true);
    expect(p.warnings).toEqual([]);
  });

  test('dev: everything fits at full scale-out, on one node at minimum', () => {
    const p = plan(DEV);
    // min: api (250m, 2048) + frontend (100m, 256) + vector-db (250m, 1024) + loader (250m, 1024)
    expect(p.totals.atMin).toEqual({ cpuMillis: 850, memoryMiB: 4352, pods: 4 });
    // max: api 1 (on the ReadWriteOnce disk) + frontend 2× → 250 + 200 + 250 + 250 = 950m; 2048 + 512 + 1024 + 1024 = 4608 MiB
    expect(p.totals.atMax).toEqual({ cpuMillis: 950, memoryMiB: 4608, pods: 5 });
    expect(p.fitsAtMinimum).toBe(true);
    expect(p.fitsAtFullScaleOut).toBe(true);
  });

  test('capacity.md names the verdict a person reads first', () => {
    const md = renderEnvironment(PROD).files['reports/capacity.md'];
    expect(md).toContain('# Capacity plan: prod');
    expect(md).toContain('Full scale-out (maximum replicas on 2 nodes): **fits**');
  });

  test('fails with the environment and field named when the pool is impossible', () => {
    const bad = { ...PROD, nodePool: { ...PROD.nodePool, minNodes: 3, maxNodes: 2 } };
    expect(() => renderEnvironment(bad)).toThrow(/prod.*minNodes 3/);
    const unknown = { ...PROD, nodePool: { ...PROD.nodePool, machineType: 'n9-imaginary-2' } };
    expect(() => renderEnvironment(unknown)).toThrow(/prod.*n9-imaginary-2/);
  });

  test('an environment that asks to fail on overflow fails synth when scale-out cannot fit', () => {
    const tight = { ...PROD, frontend: { ...PROD.frontend, maxReplicas: 20 }, nodePool: { ...PROD.nodePool, failOnOverflow: true } };
    expect(() => renderEnvironment(tight)).toThrow(/prod/);
  });
});
