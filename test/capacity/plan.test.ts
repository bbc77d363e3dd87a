import { cheeseApp, container, deployment, hpa, job, service, statefulSet } from './fixtures';
import { NodePool, planCapacity } from '../../src/capacity';
import { KubeObject } from '../../src/core/manifest';

/**
 * Hand arithmetic for the cheese app on 1–2 × n2d-standard-2 (default system reservation):
 *
 * per node: allocatable 1930m / 6248 MiB − system 600m / 640 MiB = 1330m / 5608 MiB
 * 1 node: 1330m / 5608 MiB; 2 nodes: 2660m / 11216 MiB
 *
 * workload             pod            min–max   total min          total max
 * Deployment/api       500m / 2048    2–4       1000m / 4096       2000m / 8192
 * Deployment/frontend  250m / 512     2–5        500m / 1024       1250m / 2560
 * Job/loader           250m / 1024    1–1        250m / 1024        250m / 1024
 * StatefulSet/vector-db 250m / 1024   1–1        250m / 1024        250m / 1024
 * total                               6–11      2000m / 7168       3750m / 12800
 *
 * First-fit decreasing, by dominant share (api 500/1330 = 0.376; the 250m pods 0.188, ties
 * broken by memory then id: loader, vector-db, frontend):
 *   min replicas: node0 ← api, api (330m / 1512 left), loader (80m / 488 left)
 *                 node1 ← vector-db, frontend, frontend              → 2 nodes
 *   max replicas: node0 ← api, api, loader (80m left); node1 ← api, api, vector-db (80m left)
 *                 node2 ← frontend ×5 (each needs 250m > 80m)        → 3 nodes
 */
describe('planCapacity — the cheese app on the course pool (1–2 × n2d-standard-2)', () => {
  const pool = NodePool.machineType('n2d-standard-2', { minNodes: 1, maxNodes: 2 });
  const plan = planCapacity(cheeseApp(), pool, { environment: 'prod' });

  test('per-workload requests, replica bounds and totals', () => {
    expect(plan.workloads.map((w) => [w.id, w.podCpuMillis, w.podMemoryMiB, w.minReplicas, w.maxReplicas, w.replicaSource])).toEqual([
      ['Deployment/api', 500, 2048, 2, 4, 'hpa'],
      ['Deployment/frontend', 250, 512, 2, 5, 'hpa'],
      ['Job/loader', 250, 1024, 1, 1, 'parallelism'],
      ['StatefulSet/vector-db', 250, 1024, 1, 1, 'spec.replicas'],
    ]);
    const api = plan.workloads[0];
    expect(api).toMatchObject({
      hpa: 'HorizontalPodAutoscaler/api',
      totalCpuMillisAtMin: 1000, // 2 × 500m
      totalCpuMillisAtMax: 2000, // 4 × 500m
      totalMemoryMiBAtMin: 4096, // 2 × 2048
      totalMemoryMiBAtMax: 8192, // 4 × 2048
      podFitsOnNode: true,
    });
    // 1000 + 500 + 250 + 250 = 2000m; 4096 + 1024 + 1024 + 1024 = 7168 MiB
    expect(plan.totals.atMin).toEqual({ pods: 6, cpuMillis: 2000, memoryMiB: 7168 });
    // 2000 + 1250 + 250 + 250 = 3750m; 8192 + 2560 + 1024 + 1024 = 12800 MiB
    expect(plan.totals.atMax).toEqual({ pods: 11, cpuMillis: 3750, memoryMiB: 12800 });
  });

  test('pool capacity at min and max nodes', () => {
    expect(plan.nodePool).toMatchObject({ schedulableCpuMillis: 1330, schedulableMemoryMiB: 5608 });
    expect(plan.scenarios.map((s) => [s.replicas, s.nodes, s.schedulableCpuMillis, s.schedulableMemoryMiB])).toEqual([
      ['min', 1, 1330, 5608],
      ['min', 2, 2660, 11216],
      ['max', 1, 1330, 5608],
      ['max', 2, 2660, 11216],
    ]);
  });

  test('fit at min and max nodes (bin-packed)', () => {
    const [minOn1, minOn2, maxOn1, maxOn2] = plan.scenarios;
    expect(minOn1).toMatchObject({ requestedCpuMillis: 2000, requestedMemoryMiB: 7168, fits: false });
    expect(minOn1.pending).toEqual([{ id: 'Deployment/frontend', pods: 2 }, { id: 'StatefulSet/vector-db', pods: 1 }]);
    expect(minOn2).toMatchObject({ fits: true, pending: [] });
    expect(maxOn1.pending).toEqual([
      { id: 'Deployment/api', pods: 2 },
      { id: 'Deployment/frontend', pods: 5 },
      { id: 'StatefulSet/vector-db', pods: 1 },
    ]);
    expect(maxOn2).toMatchObject({ requestedCpuMillis: 3750, requestedMemoryMiB: 12800, fits: false });
    expect(maxOn2.pending).toEqual([{ id: 'Deployment/frontend', pods: 5 }]);
    expect(plan.nodesNeeded).toEqual({ atMinReplicas: 2, atMaxReplicas: 3 });
    // the simulation: from 1 node the autoscaler adds the second for the minimum replicas
    expect(plan.fitsAtMinimum).toBe(true);
    expect(plan.fitsAtFullScaleOut).toBe(false);
  });

  test('every single pod fits on one node', () => {
    expect(plan.workloads.every((w) => w.podFitsOnNode)).toBe(true);
  });

  test('warnings: full scale-out leaves pods Pending (blocking), surge with maxUnavailable > 0 and the autoscaler at minimum (advice)', () => {
    expect(plan.warnings.map((w) => [w.code, w.blocking, w.message.split(':')[0]])).toEqual([
      ['scale-out-overflow', true, 'Deployment/api'],
      ['scale-out-overflow', true, 'Deployment/frontend'],
      ['scale-out-overflow', true, 'Job/loader'],
      // default RollingUpdate 25%: maxUnavailable ⌊25% × 4⌋ = 1, ⌊25% × 5⌋ = 1 → an old pod goes first
      ['surge-overflow', false, 'Deployment/api'],
      ['surge-overflow', false, 'Deployment/frontend'],
      ['needs-node-scale-up', false, 'at minimum replicas the app needs 2 nodes but minNodes is 1'],
    ]);
    // scale-out order from 1 node: min 2000m needs 2 nodes; api ×2 + loader on one, vector-db + frontend ×2 on the other;
    // api pods 3 and 4 (500m) find 80m / 330m left: no room anywhere, and a 3rd node is beyond maxNodes
    expect(plan.warnings[0].message).toContain('scale-out order from 1 node, scale-out order from 2 nodes, all-at-maximum order from 2 nodes: '
      + 'pods 3, 4 Pending — "0/2 nodes are available: 2 Insufficient cpu, 2 Insufficient memory." (a new node could take them, but the pool is at maxNodes (2))');
  });

  test('failOnOverflow throws naming the environment and listing only the blocking problems', () => {
    expect(() => planCapacity(cheeseApp(), pool, { environment: 'prod', failOnOverflow: true }))
      .toThrow(/^\[prod\] the app does not fit node pool n2d-standard-2 × 1–2 nodes:\n- Deployment\/api: cannot all be placed at maximum replicas/);
    let message = '';
    try {
      planCapacity(cheeseApp(), pool, { environment: 'prod', failOnOverflow: true });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.split('\n')).toHaveLength(4);
    expect(message).not.toContain('minNodes is 1');
    expect(message).not.toContain('surge');
  });

  test('even with no system reservation, 2 nodes cannot hold full scale-out: packing, not sums', () => {
    // per node 1930m / 6248 MiB. Sum of CPU 3750m < 3860m, but memory 12800 > 12496 MiB, and packing:
    // order by share: api (2048/6248 = 0.33) ×4, loader & vector-db (1024/6248 = 0.16), frontend (250/1930 = 0.13) ×5
    // node0 ← api ×3 (430m / 104 MiB left); node1 ← api, loader, vector-db, frontend ×3 (180m / 616 left)
    // frontend ×2 → node2
    const bare = NodePool.machineType('n2d-standard-2', { minNodes: 1, maxNodes: 2, systemReservedCpuMillis: 0, systemReservedMemoryMiB: 0 });
    const p = planCapacity(cheeseApp(), bare, { environment: 'prod' });
    expect(p.scenarios[3].pending).toEqual([{ id: 'Deployment/frontend', pods: 2 }]);
    expect(p.nodesNeeded.atMaxReplicas).toBe(3);
  });

  test('fits on a pool that is big enough', () => {
    // 1–3 × n2d-standard-4: per node 3920 − 600 = 3320m, 13621 − 640 = 12981 MiB
    // min: 2000m / 7168 MiB fits one node; max: 3750m > 3320m → 2 nodes
    const big = NodePool.machineType('n2d-standard-4', { minNodes: 1, maxNodes: 3 });
    const p = planCapacity(cheeseApp(), big, { environment: 'prod' });
    expect(p.fitsAtMinimum).toBe(true);
    expect(p.fitsAtFullScaleOut).toBe(true);
    expect(p.nodesNeeded).toEqual({ atMinReplicas: 1, atMaxReplicas: 2 });
    expect(p.warnings).toEqual([]);
    expect(() => planCapacity(cheeseApp(), big, { environment: 'prod', failOnOverflow: true })).not.toThrow();
  });
});

describe('planCapacity — replica rules', () => {
  const pool = NodePool.custom({ allocatableCpuMillis: 10_000, allocatableMemoryMiB: 40_000, minNodes: 1, maxNodes: 3 });
  const plan = (objects: KubeObject[]) => planCapacity(objects, pool, { environment: 'dev' });

  test('spec.replicas, defaulting to 1', () => {
    const p = plan([deployment('a', '100m', '100Mi', 3), deployment('b', '100m', '100Mi'), statefulSet('c', '100m', '100Mi', 0)]);
    expect(p.workloads.map((w) => [w.id, w.minReplicas, w.maxReplicas, w.replicaSource])).toEqual([
      ['Deployment/a', 3, 3, 'spec.replicas'],
      ['Deployment/b', 1, 1, 'default'],
      ['StatefulSet/c', 0, 0, 'spec.replicas'],
    ]);
  });

  test('an HPA overrides spec.replicas; minReplicas defaults to 1; namespaces must match', () => {
    const inNs = (o: KubeObject, namespace: string): KubeObject => ({ ...o, metadata: { ...o.metadata, namespace } });
    const p = plan([
      deployment('a', '100m', '100Mi', 3),
      hpa('a', { kind: 'Deployment', name: 'a' }, undefined, 7),
      inNs(deployment('b', '100m', '100Mi', 2), 'app'),
      hpa('b', { kind: 'Deployment', name: 'b' }, 1, 9), // no namespace: does not match app/b
    ]);
    expect(p.workloads.map((w) => [w.id, w.minReplicas, w.maxReplicas])).toEqual([['Deployment/a', 1, 7], ['Deployment/app/b', 2, 2]]);
    expect(p.warnings).toEqual([{
      code: 'hpa-unmatched',
      blocking: false,
      message: 'HorizontalPodAutoscaler/b targets Deployment/b, which is not among the synthesized workloads; ignored',
    }]);
  });

  test('a Job counts parallelism pods (capped by completions) at both ends', () => {
    const p = plan([job('one', '1', '1Gi'), job('three', '1', '1Gi', { parallelism: 3 }), job('capped', '1', '1Gi', { parallelism: 4, completions: 2 })]);
    expect(p.workloads.map((w) => [w.id, w.minReplicas, w.maxReplicas])).toEqual([['Job/capped', 2, 2], ['Job/one', 1, 1], ['Job/three', 3, 3]]);
    // 2 + 1 + 3 = 6 pods × 1000m
    expect(p.totals.atMin.cpuMillis).toBe(6000);
  });

  test('a DaemonSet runs one pod per node and is taken from every node', () => {
    const ds: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent' },
      spec: { template: { spec: { containers: [container('agent', '500m', '1000Mi')] } } },
    };
    const p = plan([ds, deployment('a', '100m', '100Mi')]);
    // per node: 10000 − 600 − 500 = 8900m left for the rest
    expect(p.daemonSetsPerNode).toEqual({ cpuMillis: 500, memoryMiB: 1000 });
    expect(p.workloads[0]).toMatchObject({ id: 'DaemonSet/agent', minReplicas: 1, maxReplicas: 3, totalCpuMillisAtMax: 1500, replicaSource: 'per-node' });
    // max replicas on 3 nodes: 3 × 500 + 100 = 1600m requested
    expect(p.scenarios[3]).toMatchObject({ nodes: 3, requestedCpuMillis: 1600, fits: true });
  });

  test('objects without pods are ignored; missing requests are reported', () => {
    const bare = deployment('bare', '100m', '100Mi');
    bare.spec.template.spec.containers = [{ name: 'bare', image: 'x' }];
    const p = plan([service('api'), bare]);
    expect(p.workloads).toHaveLength(1);
    expect(p.warnings).toEqual([{
      code: 'missing-requests',
      blocking: false,
      message: 'Deployment/bare: no request for bare: cpu, bare: memory (counted as 0, so this plan understates it)',
    }]);
  });
});

describe('planCapacity — overflow', () => {
  const pool = NodePool.machineType('n2d-standard-2', { minNodes: 1, maxNodes: 2 });

  test('a pod bigger than any node is reported, and failOnOverflow throws', () => {
    // 4 CPU > 1330m schedulable on an n2d-standard-2 node
    const objects = [deployment('trainer', '4', '1Gi', 1), deployment('web', '100m', '128Mi', 1)];
    const p = planCapacity(objects, pool, { environment: 'staging' });
    expect(p.workloads.find((w) => w.id === 'Deployment/trainer')!.podFitsOnNode).toBe(false);
    expect(p.nodesNeeded).toEqual({ atMinReplicas: null, atMaxReplicas: null });
    // the trainer's surge pod (default 25% → 1) cannot be placed either; maxUnavailable ⌊25% × 1⌋ = 0 → blocking
    expect(p.warnings.map((w) => w.code)).toEqual(['pod-too-large', 'minimum-overflow', 'scale-out-overflow', 'surge-overflow']);
    expect(p.warnings[1].message).toBe('Deployment/trainer: cannot all be placed at minimum replicas — scale-out order from 1 node: '
      + 'pod 1 Pending — "0/1 nodes are available: 1 Insufficient cpu." (a new node could not take it either, so the cluster autoscaler adds none); '
      + 'scale-out order from 2 nodes: pod 1 Pending — "0/2 nodes are available: 2 Insufficient cpu." (a new node could not take it either, so the cluster autoscaler adds none)');
    expect(p.warnings[0].message).toBe('Deployment/trainer: one pod requests 4000m CPU / 1024 MiB but a node offers 1330m CPU / 5608 MiB '
      + '(n2d-standard-2 allocatable 1930m / 6248 MiB − system pods 600m / 640 MiB); it can never be scheduled');
    expect(() => planCapacity(objects, pool, { environment: 'staging', failOnOverflow: true }))
      .toThrow(/^\[staging\] the app does not fit node pool n2d-standard-2 × 1–2 nodes:\n- Deployment\/trainer: one pod requests 4000m CPU/);
  });

  test('minimum replicas that overflow even the maximum pool are blocking', () => {
    // 5 × 1000m pods, one per node (1330m): 5 nodes needed, 2 at most
    const p = planCapacity([deployment('w', '1', '256Mi', 5)], pool, { environment: 'prod' });
    expect(p.warnings[0]).toEqual({
      code: 'minimum-overflow',
      blocking: true,
      message: 'Deployment/w: cannot all be placed at minimum replicas — scale-out order from 1 node, scale-out order from 2 nodes: '
        + 'pods 3, 4, 5 Pending — "0/2 nodes are available: 2 Insufficient cpu." (a new node could take them, but the pool is at maxNodes (2))',
    });
    expect(p.fitsAtMinimum).toBe(false);
  });
});

describe('planCapacity — fails if', () => {
  const pool = NodePool.machineType('n2d-standard-2', { minNodes: 1, maxNodes: 2 });

  test('the environment is missing', () => {
    expect(() => planCapacity([], pool, { environment: '' })).toThrow('planCapacity: invalid options.environment "": use a non-empty environment name');
  });

  test('the node pool is invalid (prefixed with the environment)', () => {
    const bad = NodePool.machineType('n2d-standard-2', { minNodes: 2, maxNodes: 1 });
    expect(() => planCapacity(cheeseApp(), bad, { environment: 'prod' }))
      .toThrow('[prod] NodePool "n2d-standard-2": invalid minNodes 2: use at most maxNodes (1)');
  });

  test('a request is not a quantity', () => {
    expect(() => planCapacity([deployment('api', 'lots', '1Gi')], pool, { environment: 'prod' }))
      .toThrow('[prod] Deployment/api: container "api": invalid resources.requests.cpu "lots": use a Kubernetes quantity (e.g. 250m, 0.5, 2, 512Mi, 1Gi, 1G, 500M, 1e3)');
  });

  test('replica counts are invalid', () => {
    expect(() => planCapacity([deployment('api', '1', '1Gi', -1)], pool, { environment: 'prod' }))
      .toThrow('[prod] Deployment/api: invalid spec.replicas -1: use an integer ≥ 0');
    expect(() => planCapacity([job('loader', '1', '1Gi', { parallelism: 1.5 })], pool, { environment: 'dev' }))
      .toThrow('[dev] Job/loader: invalid spec.parallelism 1.5: use an integer ≥ 0');
  });

  test('an HPA has min > max or no max', () => {
    expect(() => planCapacity([deployment('api', '1', '1Gi'), hpa('api', { kind: 'Deployment', name: 'api' }, 5, 2)], pool, { environment: 'prod' }))
      .toThrow('[prod] HorizontalPodAutoscaler/api: invalid spec.minReplicas 5: use at most spec.maxReplicas (2)');
    const noMax = hpa('api', { kind: 'Deployment', name: 'api' }, 1, 1);
    delete noMax.spec.maxReplicas;
    expect(() => planCapacity([deployment('api', '1', '1Gi'), noMax], pool, { environment: 'prod' }))
      .toThrow('[prod] HorizontalPodAutoscaler/api: invalid spec.maxReplicas undefined: it is required; use an integer ≥ 1');
  });
});

describe('planCapacity is pure', () => {
  test('the same objects give the same plan; only the simulation depends on their (apply) order; the input is untouched', () => {
    const pool = NodePool.machineType('n2d-standard-2', { minNodes: 1, maxNodes: 2 });
    const objects = cheeseApp();
    const before = JSON.stringify(objects);
    const a = planCapacity(objects, pool, { environment: 'prod' });
    expect(planCapacity(JSON.parse(before), pool, { environment: 'prod' })).toEqual(a);
    const b = planCapacity([...objects].reverse(), pool, { environment: 'prod' });
    const withoutSimulation = (p: typeof a): object => {
      const { simulations, remedies, warnings, fitsAtMinimum, fitsAtFullScaleOut, fitsSurge, ...rest } = p;
      return rest;
    };
    expect(withoutSimulation(b)).toEqual(withoutSimulation(a));
    expect(b.simulations.map((s) => s.phases[0].podsArrived)).toEqual(a.simulations.map((s) => s.phases[0].podsArrived));
    expect(JSON.stringify(objects)).toBe(before);
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
  });
});
