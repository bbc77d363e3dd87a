import { ApiStorageMode, DEV, PROD } from '../src/environments';
import { buildEnvironment, renderEnvironment, synthChart } from '../src/output/render';

// Hand-checked arithmetic for the default environments on the course's pool (1–2 × n2d-standard-2).
// n2d-standard-2 = 2 vCPU, 8192 MiB. GKE reserves 6% of core 1 + 1% of core 2 = 60m + 10m → 1930m allocatable;
// memory 25% of the first 4 GiB + 20% of the next 4 GiB = 1024 + 819.2 MiB, plus 100 MiB eviction → 6248 MiB.
// System pods take 600m / 640 MiB per node → 1330m / 5608 MiB per node for the app; 2660m / 11216 MiB on 2 nodes.
describe('capacity plans of the default environments', () => {
  const plan = (env: typeof PROD) => JSON.parse(renderEnvironment(env).files['reports/capacity.json']);
  const sim = (p: any, order: string, start: number) => p.simulations.find((s: any) => s.order === order && s.startNodes === start);

  test('prod: the API on a bucket spreads; the scheduler simulation fits every phase on 2 nodes plus a third at peak', () => {
    const p = plan(PROD);
    expect(p.nodePool).toMatchObject({
      allocatableCpuMillis: 1930, allocatableMemoryMiB: 6248, schedulableCpuMillis: 1330, schedulableMemoryMiB: 5608, minNodes: 2, maxNodes: 3,
    });
    // each API pod carries GKE's Cloud Storage FUSE sidecar (pod annotations, 100m / 256 MiB): 400 + 100 = 500m, 2048 + 256 = 2304 MiB
    const api = p.workloads.find((w: any) => w.id.endsWith('/api'));
    expect(api).toMatchObject({ minReplicas: 2, maxReplicas: 3, podCpuMillis: 500, podMemoryMiB: 2304 });
    expect(api.colocated).toBeFalsy(); // the bucket is shared: the API pods may spread
    // min: api 2 + frontend 2×(100m, 256) + vector-db (250m, 1024) + loader (250m, 1024)
    expect(p.totals.atMin).toEqual({ cpuMillis: 2 * 500 + 2 * 100 + 250 + 250, memoryMiB: 2 * 2304 + 2 * 256 + 1024 + 1024, pods: 6 });
    expect(p.totals.atMax).toEqual({ cpuMillis: 3 * 500 + 4 * 100 + 250 + 250, memoryMiB: 3 * 2304 + 4 * 256 + 1024 + 1024, pods: 9 });
    // from 2 nodes: the apply fits; at scale-out the spread pods leave no node 500m / 2304 MiB for the third API pod, and a
    // new node would take it, so the autoscaler adds the third node (the reason maxNodes is 3); the surge then fits
    expect(sim(p, 'scale-out', 2).phases.map((x: any) => [x.phase, x.fits, x.nodes, x.nodesAdded]))
      .toEqual([['apply', true, 2, 0], ['scale-out', true, 3, 1], ['surge', true, 3, 0]]);
    expect(sim(p, 'all-at-maximum', 2).phases.map((x: any) => [x.phase, x.fits, x.nodes])).toEqual([['apply', true, 3], ['surge', true, 3]]);
    expect([p.fitsAtMinimum, p.fitsAtFullScaleOut, p.fitsSurge]).toEqual([true, true, true]);
    expect(p.warnings).toEqual([]);
  });

  test('prod kept at 2 nodes: the third API pod is Pending (the autoscaler cannot add a node at maxNodes)', () => {
    const p = plan({ ...PROD, nodePool: { ...PROD.nodePool, maxNodes: 2 } });
    const pending = sim(p, 'scale-out', 2).phases[1].pending;
    expect(pending.map((x: any) => [x.id, x.pod, x.message])).toEqual([
      ['Deployment/cheese-app-namespace/api', 3, '0/2 nodes are available: 2 Insufficient cpu, 2 Insufficient memory.'],
    ]);
    expect(p.fitsAtFullScaleOut).toBe(false);
    expect(p.remedies.map((r: any) => [r.kind, r.fits])).toEqual([['bigger-machine-type', true], ['more-nodes', true]]);
  });

  // The issue-13 scenario: the course's ReadWriteOnce disk, API 1–2 at 500m, on 1–2 × n2d-standard-2 (prod before the bucket).
  test('the course disk (API 1-2, 1-2 nodes): the scheduler leaves the second API pod Pending in both arrival orders (issue 13)', () => {
    const course = {
      ...PROD,
      apiStorage: ApiStorageMode.READ_WRITE_ONCE_DISK,
      api: { ...PROD.api, minReplicas: 1, maxReplicas: 2, cpuRequestMillis: 500 },
      nodePool: { ...PROD.nodePool, minNodes: 1, maxNodes: 2 },
    };
    const p = plan(course);
    // the aggregate sums fit 2 nodes (1900m ≤ 2660m, 7168 ≤ 11216 MiB), so first-fit packing said "fits"
    expect(p.totals.atMax).toEqual({ cpuMillis: 2 * 500 + 4 * 100 + 250 + 250, memoryMiB: 2 * 2048 + 4 * 256 + 1024 + 1024, pods: 8 });
    expect(Object.fromEntries(p.scenarios.map((x: any) => [`${x.replicas}@${x.nodes}`, x.fits]))['max@2']).toBe(true);
    // the scheduler: from 2 nodes the other pods spread over both, api pod 1 joins one; api pod 2 must join it (required
    // affinity on the disk's node) and finds no room there
    const message = "0/2 nodes are available: 1 Insufficient cpu, 1 Insufficient memory, 1 node(s) didn't match pod affinity rules.";
    const from2 = sim(p, 'scale-out', 2);
    expect(from2.phases[0].fits).toBe(true);
    expect(from2.phases[1].pending).toEqual([{
      id: 'Deployment/cheese-app-namespace/api', pod: 2, arrivedIn: 'scale-out', newNodeWouldHelp: false, message,
    }]);
    // from 1 node (where a 1–2 node pool sits at minimum): the autoscaler adds node-2 for the frontend, never for api pod 2
    const from1 = sim(p, 'scale-out', 1);
    expect(from1.phases[0]).toMatchObject({ fits: true, nodes: 1, nodesAdded: 0 });
    expect(from1.phases[1]).toMatchObject({ fits: false, nodes: 2, nodesAdded: 1 });
    expect(from1.phases[1].pending.map((x: any) => [x.id, x.pod, x.newNodeWouldHelp])).toEqual([['Deployment/cheese-app-namespace/api', 2, false]]);
    // all at maximum at once fits 2 nodes (as the issue saw), but then the rolling update's surge pod has no room
    expect(sim(p, 'all-at-maximum', 2).phases.map((x: any) => x.fits)).toEqual([true, false]);
    expect([p.fitsAtMinimum, p.fitsAtFullScaleOut, p.fitsSurge]).toEqual([true, false, false]);
    expect(p.warnings.map((w: any) => w.code)).toEqual(['scale-out-overflow', 'surge-overflow']);
    // what would make it fit, each re-simulated: only a bigger machine type (a third node cannot hold the disk's pods)
    expect(p.remedies.map((r: any) => [r.kind, r.fits])).toEqual([
      ['bigger-machine-type', true], ['start-at-max-nodes', false], ['more-nodes', false], ['shared-storage', false],
    ]);
    const md = renderEnvironment(course).files['reports/capacity.md'];
    expect(md).toContain('full scale-out **DOES NOT FIT**');
    expect(md).toContain('- **scale-out**: the objects at minimum replicas in apply (document) order;');
    expect(md).toContain('- n2d-standard-4 nodes: **fits**.');
  });

  test('dev: the API on its disk, 2 nodes: every phase fits, the surge pod included', () => {
    const p = plan(DEV);
    expect(p.nodePool).toMatchObject({ minNodes: 2, maxNodes: 2 });
    // min: api (250m, 2048) + frontend (100m, 256) + vector-db (250m, 1024) + loader (250m, 1024)
    expect(p.totals.atMin).toEqual({ cpuMillis: 850, memoryMiB: 4352, pods: 4 });
    // max: api 1 (on the ReadWriteOnce disk) + frontend 2× → 250 + 200 + 250 + 250 = 950m; 2048 + 512 + 1024 + 1024 = 4608 MiB
    expect(p.totals.atMax).toEqual({ cpuMillis: 950, memoryMiB: 4608, pods: 5 });
    expect(sim(p, 'scale-out', 2).phases.map((x: any) => [x.phase, x.fits])).toEqual([['apply', true], ['scale-out', true], ['surge', true]]);
    expect([p.fitsAtMinimum, p.fitsAtFullScaleOut, p.fitsSurge]).toEqual([true, true, true]);
    expect(p.warnings).toEqual([]);
  });

  test('dev on one node: the API\'s surge pod never fits beside the others, and no new node can take it (why dev keeps 2)', () => {
    const p = plan({ ...DEV, nodePool: { ...DEV.nodePool, minNodes: 1 } });
    // from 1 node: 640 + 4608 MiB requested at full scale-out; the surge pod needs 2048 MiB of the 1000 left, on the disk's node
    expect(sim(p, 'scale-out', 1).phases[2].pending.map((x: any) => [x.pod, x.message, x.newNodeWouldHelp]))
      .toEqual([[2, '0/1 nodes are available: 1 Insufficient memory.', false]]);
    expect(p.fitsSurge).toBe(false);
    expect(p.remedies.find((r: any) => r.kind === 'start-at-max-nodes')).toMatchObject({ fits: true, change: '2 nodes from the start (minNodes = maxNodes = 2)' });
    expect(p.warnings.map((w: any) => [w.code, w.blocking])).toEqual([['surge-overflow', true]]);
  });

  test.each([PROD, DEV])('$name: the surge phase adds what the rendered strategies say (not an assumed default)', (env) => {
    const objects = synthChart(buildEnvironment(env).chart);
    const p = plan(env);
    // each RollingUpdate Deployment's integer maxSurge at its maximum replicas; Recreate and StatefulSets add none
    const expected = objects.filter((o) => o.kind === 'Deployment' && o.spec.strategy?.type !== 'Recreate')
      .map((o) => o.spec.strategy?.rollingUpdate?.maxSurge)
      .reduce((a: number, b: unknown) => a + (typeof b === 'number' ? b : Number.NaN), 0);
    expect(Number.isInteger(expected)).toBe(true);
    for (const s of p.simulations) expect(s.phases[s.phases.length - 1]).toMatchObject({ phase: 'surge', podsArrived: expected });
  });

  test('capacity.md names the verdict a person reads first and the order assumed', () => {
    const md = renderEnvironment(PROD).files['reports/capacity.md'];
    expect(md).toContain('# Capacity plan: prod');
    expect(md).toContain('Simulated scheduler, from 2 nodes and from 3 nodes: minimum replicas **fits**; full scale-out **fits**; rolling-update surge **fits**.');
    expect(md).toContain('| scale-out | 2 nodes | fits | fits (+1 node) | fits | 3 |');
    expect(md).toContain('- **all-at-maximum**: every object applied at its maximum replicas at once, then the same surge.');
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
