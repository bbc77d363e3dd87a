import { DEV, PROD } from '../src/environments';
import { buildEnvironment, renderEnvironment, synthChart } from '../src/output/render';

// Hand-checked arithmetic for the default environments on the course's pool (1–2 × n2d-standard-2).
// n2d-standard-2 = 2 vCPU, 8192 MiB. GKE reserves 6% of core 1 + 1% of core 2 = 60m + 10m → 1930m allocatable;
// memory 25% of the first 4 GiB + 20% of the next 4 GiB = 1024 + 819.2 MiB, plus 100 MiB eviction → 6248 MiB.
// System pods take 600m / 640 MiB per node → 1330m / 5608 MiB per node for the app; 2660m / 11216 MiB on 2 nodes.
describe('capacity plans of the default environments', () => {
  const plan = (env: typeof PROD) => JSON.parse(renderEnvironment(env).files['reports/capacity.json']);
  const sim = (p: any, order: string, start: number) => p.simulations.find((s: any) => s.order === order && s.startNodes === start);

  test('prod: the aggregate packing fits 2 nodes, but the scheduler leaves the second API pod Pending (issue 13)', () => {
    const p = plan(PROD);
    expect(p.nodePool).toMatchObject({
      allocatableCpuMillis: 1930, allocatableMemoryMiB: 6248, schedulableCpuMillis: 1330, schedulableMemoryMiB: 5608, minNodes: 1, maxNodes: 2,
    });
    // min: api 1×(500m, 2048) + frontend 2×(100m, 256) + vector-db (250m, 1024) + loader (250m, 1024)
    expect(p.totals.atMin).toEqual({ cpuMillis: 500 + 2 * 100 + 250 + 250, memoryMiB: 2048 + 2 * 256 + 1024 + 1024, pods: 5 });
    // max: api 2×(500m, 2048) + frontend 4×(100m, 256) + vector-db + loader
    expect(p.totals.atMax).toEqual({ cpuMillis: 2 * 500 + 4 * 100 + 250 + 250, memoryMiB: 2 * 2048 + 4 * 256 + 1024 + 1024, pods: 8 });
    const verdict = Object.fromEntries(p.scenarios.map((s: any) => [`${s.replicas}@${s.nodes}`, s.fits]));
    // the sums: 1900m > 1330m on one node; 1900m ≤ 2660m and 7168 ≤ 11216 MiB on two
    expect(verdict).toEqual({ 'min@1': true, 'min@2': true, 'max@1': false, 'max@2': true });
    // the scheduler: from 2 nodes, apply order vector-db → node-1, loader → node-2, api → node-1 (tie), frontend 1 → node-2
    // (least allocated), frontend 2 → node-1 (preferred anti-affinity, ×2 weight, outweighs least-allocated): node-1 holds
    // 600 + 250 + 500 + 100 = 1450m, so api pod 2 (500m) finds 480m; node-2 has no api pod for the required affinity.
    const from2 = sim(p, 'scale-out', 2);
    expect(from2.phases[0].fits).toBe(true);
    expect(from2.phases[1].pending).toEqual([{
      id: 'Deployment/cheese-app-namespace/api',
      pod: 2,
      arrivedIn: 'scale-out',
      newNodeWouldHelp: false,
      message: "0/2 nodes are available: 1 Insufficient cpu, 1 Insufficient memory, 1 node(s) didn't match pod affinity rules.",
    }]);
    // from 1 node (where a 1–2 node pool sits at minimum): the minimum fits one node (1200m of 1330m); api pod 2 never
    // fits there, and a new node has no api pod: the autoscaler adds node-2 only for the frontend's 4th pod
    const from1 = sim(p, 'scale-out', 1);
    expect(from1.phases[0]).toMatchObject({ fits: true, nodes: 1, nodesAdded: 0 });
    expect(from1.phases[1]).toMatchObject({ fits: false, nodes: 2, nodesAdded: 1 });
    expect(from1.phases[1].pending.map((x: any) => [x.id, x.pod, x.newNodeWouldHelp])).toEqual([['Deployment/cheese-app-namespace/api', 2, false]]);
    // applying everything at maximum at once happens to fit 2 nodes (the issue saw the same)
    expect(sim(p, 'all-at-maximum', 2).phases.every((x: any) => x.fits)).toBe(true);
    expect(p.fitsAtMinimum).toBe(true);
    expect(p.fitsAtFullScaleOut).toBe(false);
    expect(p.warnings.map((w: any) => [w.code, w.blocking])).toEqual([['scale-out-overflow', true]]);
    // what would make it fit, each re-simulated
    // (keeping 2 nodes running does not help: from 2 nodes the spread already leaves api pod 2 without room)
    expect(p.remedies.map((r: any) => [r.kind, r.fits])).toEqual([
      ['bigger-machine-type', true], ['start-at-max-nodes', false], ['more-nodes', true], ['shared-storage', true],
    ]);
    expect(p.remedies[1].stillPending).toEqual(['scale-out order from 2 nodes: Deployment/cheese-app-namespace/api pod 2']);
  });

  test('dev: fits from 2 nodes, but from 1 node the second API pod can never be placed', () => {
    const p = plan(DEV);
    // min: api (250m, 2048) + frontend (100m, 256) + vector-db (250m, 1024) + loader (250m, 1024)
    expect(p.totals.atMin).toEqual({ cpuMillis: 850, memoryMiB: 4352, pods: 4 });
    // max: api 2× + frontend 2× → 500 + 200 + 250 + 250 = 1200m; 4096 + 512 + 1024 + 1024 = 6656 MiB
    expect(p.totals.atMax).toEqual({ cpuMillis: 1200, memoryMiB: 6656, pods: 6 });
    // from 1 node: 640 + 4352 + 256 (frontend 2) = 5248 MiB requested; api pod 2 needs 2048 MiB of the 1000 left
    expect(sim(p, 'scale-out', 1).phases[1].pending.map((x: any) => [x.pod, x.message, x.newNodeWouldHelp]))
      .toEqual([[2, '0/1 nodes are available: 1 Insufficient memory.', false]]);
    expect(sim(p, 'scale-out', 2).phases.every((x: any) => x.fits)).toBe(true);
    // so keeping both nodes running (minNodes 2) is enough for dev
    expect(p.remedies.find((r: any) => r.kind === 'start-at-max-nodes')).toMatchObject({ fits: true, change: '2 nodes from the start (minNodes = maxNodes = 2)' });
    expect(p.fitsAtMinimum).toBe(true);
    expect(p.fitsAtFullScaleOut).toBe(false);
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

  test('capacity.md names the verdict a person reads first, the order assumed and what would make it fit', () => {
    const md = renderEnvironment(PROD).files['reports/capacity.md'];
    expect(md).toContain('# Capacity plan: prod');
    expect(md).toContain('full scale-out **DOES NOT FIT**');
    expect(md).toContain('Cannot be placed: Deployment/cheese-app-namespace/api pod 2 (scale-out order from 1 node, scale-out order from 2 nodes, '
      + 'all-at-maximum order from 1 node).');
    expect(md).toContain('- **scale-out**: the objects at minimum replicas in apply (document) order;');
    expect(md).toContain('- n2d-standard-4 nodes: **fits**.');
    expect(md).toContain('- 3 nodes from the start (minNodes = maxNodes = 3): **fits**.');
    expect(md).toContain('- shared storage (ReadWriteMany or Cloud Storage FUSE, no pod affinity) for Deployment/cheese-app-namespace/api: **fits**.');
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
