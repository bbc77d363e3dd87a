import { Testing } from 'cdk8s';
import { cheeseApp, colocated, deployment, hpa, job, withRequiredPodAffinity } from './fixtures';
import { CheeseApp } from '../../src';
import {
  colocatesOnOneNode,
  firstFitDecreasing,
  NodePool,
  pendingPods,
  planCapacity,
  renderCapacityJson,
  renderCapacityMarkdown,
  scanWorkloads,
} from '../../src/capacity';
import { KubeObject } from '../../src/core/manifest';

const HOST = 'kubernetes.io/hostname';
/** n2d-standard-2, default reservation: per node 1930 − 600 = 1330m, 6248 − 640 = 5608 MiB. */
const coursePool = (): NodePool => NodePool.machineType('n2d-standard-2', { minNodes: 1, maxNodes: 2 });
/** The cheese app with the API co-located, as the library renders it (api 500m / 2 GiB, HPA 2–4). */
const colocatedCheeseApp = (): KubeObject[] => cheeseApp().map((o) => (o.kind === 'Deployment' && o.metadata.name === 'api' ? colocated(o) : o));

describe('colocatesOnOneNode (detection)', () => {
  const api = deployment('api', '500m', '2Gi', 2); // template labels { app: api }

  test('the library\'s term: required affinity on the hostname to its own selector labels', () => {
    expect(colocatesOnOneNode(colocated(api))).toBe(true);
    expect(colocatesOnOneNode(api)).toBe(false);
  });

  test('only a term on kubernetes.io/hostname that selects the workload\'s own pods counts', () => {
    expect(colocatesOnOneNode(withRequiredPodAffinity(api, { topologyKey: 'topology.kubernetes.io/zone', labelSelector: { matchLabels: { app: 'api' } } }))).toBe(false);
    expect(colocatesOnOneNode(withRequiredPodAffinity(api, { topologyKey: HOST, labelSelector: { matchLabels: { app: 'vector-db' } } }))).toBe(false);
    expect(colocatesOnOneNode(withRequiredPodAffinity(api, { topologyKey: HOST, labelSelector: { matchLabels: { app: 'api', tier: 'x' } } }))).toBe(false);
    // an empty selector matches every pod: that is not "with its own pods"; a missing one matches none
    expect(colocatesOnOneNode(withRequiredPodAffinity(api, { topologyKey: HOST, labelSelector: {} }))).toBe(false);
    expect(colocatesOnOneNode(withRequiredPodAffinity(api, { topologyKey: HOST }))).toBe(false);
    // any one qualifying term is enough
    expect(colocatesOnOneNode(withRequiredPodAffinity(api,
      { topologyKey: 'topology.kubernetes.io/zone', labelSelector: { matchLabels: { app: 'db' } } },
      { topologyKey: HOST, labelSelector: { matchLabels: { app: 'api' } } }))).toBe(true);
  });

  test('a preferred (weighted) term does not pin the pods', () => {
    const preferred: KubeObject = JSON.parse(JSON.stringify(api));
    preferred.spec.template.spec.affinity = {
      podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { topologyKey: HOST, labelSelector: { matchLabels: { app: 'api' } } } }] },
    };
    expect(colocatesOnOneNode(preferred)).toBe(false);
  });

  test('matchExpressions and mismatchLabelKeys are evaluated against the template labels', () => {
    const term = (selector: any, extra: any = {}): KubeObject =>
      withRequiredPodAffinity(api, { topologyKey: HOST, labelSelector: selector, ...extra });
    expect(colocatesOnOneNode(term({ matchExpressions: [{ key: 'app', operator: 'In', values: ['api', 'web'] }] }))).toBe(true);
    expect(colocatesOnOneNode(term({ matchExpressions: [{ key: 'app', operator: 'Exists' }] }))).toBe(true);
    const notApi = { key: 'app', operator: 'NotIn', values: ['api'] };
    expect(colocatesOnOneNode(term({ matchLabels: { app: 'api' }, matchExpressions: [notApi] }))).toBe(false);
    expect(colocatesOnOneNode(term({ matchLabels: { app: 'api' }, matchExpressions: [{ key: 'canary', operator: 'DoesNotExist' }] }))).toBe(true);
    expect(colocatesOnOneNode(term({ matchExpressions: [{ key: 'app', operator: 'Gt', values: ['1'] }] }))).toBe(false);
    // mismatchLabelKeys: [app] adds "app notin (api)": the pod's own replicas are excluded
    expect(colocatesOnOneNode(term({ matchLabels: { app: 'api' } }, { mismatchLabelKeys: ['app'] }))).toBe(false);
  });

  test('the term must look in the workload\'s own namespace', () => {
    const inNs: KubeObject = { ...api, metadata: { ...api.metadata, namespace: 'shop' } };
    const term = (extra: any): KubeObject => withRequiredPodAffinity(inNs, { topologyKey: HOST, labelSelector: { matchLabels: { app: 'api' } }, ...extra });
    expect(colocatesOnOneNode(term({}))).toBe(true);
    expect(colocatesOnOneNode(term({ namespaces: ['shop'] }))).toBe(true);
    expect(colocatesOnOneNode(term({ namespaces: ['other'] }))).toBe(false);
    expect(colocatesOnOneNode(term({ namespaceSelector: {} }))).toBe(true); // {} = every namespace
    expect(colocatesOnOneNode(term({ namespaceSelector: { matchLabels: { team: 'a' } } }))).toBe(false); // cannot tell: not assumed
  });

  test('scanWorkloads marks co-located workloads only (never a DaemonSet)', () => {
    const ds: KubeObject = { ...colocated(deployment('agent', '10m', '10Mi')), kind: 'DaemonSet' };
    const scan = scanWorkloads([colocated(api), deployment('web', '100m', '128Mi'), ds]);
    expect(scan.workloads.map((w) => [w.id, w.colocated])).toEqual([
      ['DaemonSet/agent', undefined],
      ['Deployment/api', true],
      ['Deployment/web', undefined],
    ]);
  });

  test('the CheeseApp chart\'s API (ReadWriteOnce disk, HPA 2–4) is detected; nothing else is', () => {
    const objects = Testing.synth(new CheeseApp(Testing.app(), 'cheese')) as KubeObject[];
    const marked = scanWorkloads(objects).workloads.filter((w) => w.colocated).map((w) => `${w.kind}/${w.name}`);
    expect(marked).toEqual(['Deployment/api']);
  });
});

describe('first-fit decreasing with a group item', () => {
  const node = { cpuMillis: 1000, memoryMiB: 4096 };

  test('a group is one indivisible item; its pods count when Pending', () => {
    // g: 3 pods × 200m = 600m (share 0.6) → node0 (400m left); p: 500m > 400m → node1
    const packing = firstFitDecreasing([{ id: 'p', cpuMillis: 500, memoryMiB: 0 }, { id: 'g', cpuMillis: 600, memoryMiB: 0, pods: 3 }], node);
    expect(packing).toEqual({ nodesUsed: 2, placements: [{ id: 'g', node: 0, pods: 3 }, { id: 'p', node: 1 }] });
    expect(pendingPods(packing, 1)).toEqual([{ id: 'p', pods: 1 }]);
    expect(pendingPods(packing, 0)).toEqual([{ id: 'g', pods: 3 }, { id: 'p', pods: 1 }]);
  });

  test('a group larger than a node opens no node and leaves all its pods Pending', () => {
    // 4 pods × 300m = 1200m > 1000m
    const packing = firstFitDecreasing([{ id: 'g', cpuMillis: 1200, memoryMiB: 0, pods: 4 }], node);
    expect(packing).toEqual({ nodesUsed: 0, placements: [{ id: 'g', node: -1, pods: 4 }] });
    expect(pendingPods(packing, 5)).toEqual([{ id: 'g', pods: 4 }]);
  });
});

describe('planCapacity — a co-located group that fits one node', () => {
  // api: 2 × 500m / 2048 MiB together = 1000m / 4096 MiB ≤ 1330m / 5608 MiB → fits
  // packing: node0 ← api group (330m / 1512 MiB left), frontend 250m / 512 MiB (80m / 1000 MiB left) → 1 node
  const objects = [colocated(deployment('api', '500m', '2Gi', 2)), deployment('frontend', '250m', '512Mi', 1)];
  const plan = planCapacity(objects, coursePool(), { environment: 'dev' });

  test('the workload is marked and its group fits at both ends', () => {
    expect(plan.workloads[0]).toMatchObject({ id: 'Deployment/api', colocated: true, groupFitsOnNodeAtMin: true, groupFitsOnNodeAtMax: true, podFitsOnNode: true });
    expect(plan.workloads[1]).not.toHaveProperty('colocated');
    expect(plan.workloads[1]).not.toHaveProperty('groupFitsOnNodeAtMax');
  });

  test('the group shares its node with other pods: one node suffices', () => {
    // requested: 1000 + 250 = 1250m; 4096 + 512 = 4608 MiB
    expect(plan.scenarios[0]).toMatchObject({ replicas: 'min', nodes: 1, requestedCpuMillis: 1250, requestedMemoryMiB: 4608, fits: true, pending: [] });
    expect(plan.nodesNeeded).toEqual({ atMinReplicas: 1, atMaxReplicas: 1 });
    expect(plan.fitsAtMinimum).toBe(true);
    expect(plan.fitsAtFullScaleOut).toBe(true);
  });

  test('no room for the surge pod: it must join the group\'s node, which has 80m left', () => {
    // default RollingUpdate 25%: api surge ⌈0.5⌉ = 1, maxUnavailable ⌊0.5⌋ = 0 → the rollout needs a third api pod on node0:
    // 1250m + 500m > 1330m; node2 (added for the frontend's surge pod) has no api pod → affinity fails; a new node would not either
    expect(plan.fitsSurge).toBe(false);
    expect(plan.warnings.map((w) => [w.code, w.blocking])).toEqual([['surge-overflow', true]]);
    expect(plan.warnings[0].message).toContain('scale-out order from 1 node, scale-out order from 2 nodes, all-at-maximum order from 1 node, '
      + 'all-at-maximum order from 2 nodes: pod 3 Pending — "0/2 nodes are available: 1 Insufficient cpu, 1 Insufficient memory, '
      + '1 node(s) didn\'t match pod affinity rules." (a new node could not take it either, so the cluster autoscaler adds none)');
    const shared = plan.remedies.find((r) => r.kind === 'shared-storage');
    expect(shared).toMatchObject({ fits: true, change: 'shared storage (ReadWriteMany or Cloud Storage FUSE, no pod affinity) for Deployment/api' });
  });
});

/**
 * The cheese app on the course pool (1–2 × n2d-standard-2, 1330m / 5608 MiB per node) with the
 * API co-located (api 500m / 2048 MiB, HPA 2–4):
 *
 *   api group at min: 2 × = 1000m / 4096 MiB ≤ 1330m / 5608 → fits
 *   api group at max: 4 × = 2000m / 8192 MiB > 1330m / 5608 → fits no node: 4 pods Pending
 *   at most min(⌊1330 / 500⌋, ⌊5608 / 2048⌋) = min(2, 2) = 2 api pods fit on one node
 *
 *   min packing (shares: api group 1000/1330 = 0.75; every 250m pod 250/1330 = 0.19, ties by
 *   memory then id: loader, vector-db, frontend ×2):
 *     node0 ← api group (330m / 1512 left), loader (80m / 488 left)
 *     node1 ← vector-db, frontend, frontend                                  → 2 nodes
 *   max packing: api group → nowhere;
 *     node0 ← loader (1080m), vector-db (830m), frontend ×3 (580, 330, 80m left)
 *     node1 ← frontend ×2                                                     → 2 nodes opened,
 *     but nodesNeeded is null: no number of nodes places the api group
 *   totals unchanged: min 2000m / 7168 MiB, max 3750m / 12800 MiB
 */
describe('planCapacity — a co-located group that cannot fit one node', () => {
  const plan = planCapacity(colocatedCheeseApp(), coursePool(), { environment: 'prod' });

  test('the api group fits at minimum replicas, not at maximum', () => {
    expect(plan.workloads.find((w) => w.id === 'Deployment/api')).toMatchObject({
      colocated: true,
      podFitsOnNode: true,
      groupFitsOnNodeAtMin: true,
      groupFitsOnNodeAtMax: false,
      totalCpuMillisAtMax: 2000,
      totalMemoryMiBAtMax: 8192,
    });
    expect(plan.totals.atMin).toEqual({ pods: 6, cpuMillis: 2000, memoryMiB: 7168 });
    expect(plan.totals.atMax).toEqual({ pods: 11, cpuMillis: 3750, memoryMiB: 12800 });
  });

  test('its pods count as Pending in every maximum-replicas scenario; nodesNeeded is null there', () => {
    const [minOn1, minOn2, maxOn1, maxOn2] = plan.scenarios;
    expect(minOn1.pending).toEqual([{ id: 'Deployment/frontend', pods: 2 }, { id: 'StatefulSet/vector-db', pods: 1 }]);
    expect(minOn2).toMatchObject({ fits: true, pending: [] });
    // 1 node: api ×4 (no node holds the group), frontend ×2 (the 5 frontends: 3 on node0, 2 on node1)
    expect(maxOn1.pending).toEqual([{ id: 'Deployment/api', pods: 4 }, { id: 'Deployment/frontend', pods: 2 }]);
    expect(maxOn2).toMatchObject({ requestedCpuMillis: 3750, requestedMemoryMiB: 12800, fits: false, pending: [{ id: 'Deployment/api', pods: 4 }] });
    expect(plan.nodesNeeded).toEqual({ atMinReplicas: 2, atMaxReplicas: null });
    expect(plan.fitsAtFullScaleOut).toBe(false);
  });

  test('a blocking warning names the group, its total request, the node room and the way out', () => {
    expect(plan.warnings.map((w) => [w.code, w.blocking, w.message.split(':')[0]])).toEqual([
      ['colocated-group-too-large', true, 'Deployment/api'],
      ['minimum-overflow', true, 'Deployment/api'],
      ['scale-out-overflow', true, 'Deployment/api'],
      ['scale-out-overflow', true, 'Deployment/frontend'],
      ['scale-out-overflow', true, 'Job/loader'],
      ['surge-overflow', false, 'Deployment/api'],
      ['surge-overflow', false, 'Deployment/frontend'],
    ]);
    expect(plan.warnings[0].message).toBe('Deployment/api: its 4 pods at maximum replicas must share one node '
      + '(required pod affinity to its own pods on kubernetes.io/hostname) but together request 2000m CPU / 8192 MiB; '
      + 'a node offers 1330m CPU / 5608 MiB (n2d-standard-2 allocatable 1930m / 6248 MiB − system pods 600m / 640 MiB); '
      + 'at most 2 pods fit on one node, so keep the HPA maxReplicas at 2 or fewer, or use a larger machine type');
    // from 1 node in apply order: frontend ×2, api (1000m used), api 2 (500m > 330m left) Pending, vector-db (1250m), loader Pending;
    // the autoscaler adds node-2 for the loader, never for api 2 (a new node has no api pod for the affinity)
    expect(plan.warnings[1].message).toBe('Deployment/api: cannot all be placed at minimum replicas — scale-out order from 1 node: pod 2 Pending — '
      + '"0/2 nodes are available: 1 Insufficient cpu, 1 Insufficient memory, 1 node(s) didn\'t match pod affinity rules." '
      + '(a new node could not take it either, so the cluster autoscaler adds none)');
  });

  test('failOnOverflow throws with the co-location problem first', () => {
    expect(() => planCapacity(colocatedCheeseApp(), coursePool(), { environment: 'prod', failOnOverflow: true }))
      .toThrow(/^\[prod\] the app does not fit node pool n2d-standard-2 × 1–2 nodes:\n- Deployment\/api: its 4 pods at maximum replicas must share one node/);
  });

  test('a group too large at minimum replicas (fixed replicas: no "at … replicas")', () => {
    // 3 × 500m = 1500m > 1330m (memory 3 × 512 = 1536 MiB fits); at most ⌊1330 / 500⌋ = 2
    const p = planCapacity([colocated(deployment('db', '500m', '512Mi', 3))], coursePool(), { environment: 'prod' });
    expect(p.workloads[0]).toMatchObject({ groupFitsOnNodeAtMin: false, groupFitsOnNodeAtMax: false });
    expect(p.nodesNeeded).toEqual({ atMinReplicas: null, atMaxReplicas: null });
    expect(p.warnings.map((w) => w.code)).toEqual(['colocated-group-too-large', 'minimum-overflow', 'scale-out-overflow', 'surge-overflow']);
    expect(p.warnings[0].message).toMatch(/^Deployment\/db: its 3 pods must share one node .* but together request 1500m CPU \/ 1536 MiB; .*at most 2 pods fit on one node, so keep the replicas at 2 or fewer/);
    expect(p.warnings[1].message).toContain('scale-out order from 2 nodes: pod 3 Pending — "0/2 nodes are available: 1 Insufficient cpu, '
      + '1 node(s) didn\'t match pod affinity rules." (a new node could not take it either, so the cluster autoscaler adds none)');
  });

  test('a pod that fits no node alone is reported once, as pod-too-large', () => {
    const p = planCapacity([colocated(deployment('big', '2', '1Gi', 2))], coursePool(), { environment: 'prod' });
    expect(p.warnings.map((w) => w.code)).toEqual(['pod-too-large', 'minimum-overflow', 'scale-out-overflow', 'surge-overflow']);
    expect(p.scenarios[3].pending).toEqual([{ id: 'Deployment/big', pods: 2 }]);
  });
});

/**
 * Per node 2000m / 8000 MiB (custom allocatable 2600m / 8640 MiB − default system 600m / 640 MiB).
 * web: 2 × 1400m / 1000 MiB; api: 2 × 600m / 1000 MiB (co-located: one item of 1200m / 2000 MiB).
 * CPU dominates every share.
 */
describe('planCapacity — a co-located group among other workloads', () => {
  const pool = NodePool.custom({ allocatableCpuMillis: 2600, allocatableMemoryMiB: 8640, minNodes: 2, maxNodes: 3 });
  const web = deployment('web', '1400m', '1000Mi', 2);
  const api = deployment('api', '600m', '1000Mi', 2);

  test('pods packed independently would fill two nodes exactly', () => {
    // web 0.7 ×2 first: node0, node1 (600m left each); api 0.3: one per node (0 left) → 2 nodes
    const p = planCapacity([web, api], pool, { environment: 'dev' });
    expect(p.nodesNeeded).toEqual({ atMinReplicas: 2, atMaxReplicas: 2 });
    expect(p.fitsAtMinimum).toBe(true);
  });

  test('the same pods co-located need a third node: the group cannot be split over the two gaps', () => {
    // packing: web ×2 → node0, node1 (600m left each); api group 1200m > 600m → node2 → 3 nodes
    const p = planCapacity([web, colocated(api)], pool, { environment: 'dev' });
    expect(p.nodesNeeded).toEqual({ atMinReplicas: 3, atMaxReplicas: 3 });
    expect(p.scenarios[0]).toMatchObject({ nodes: 2, fits: false, pending: [{ id: 'Deployment/api', pods: 2 }] });
    expect(p.scenarios[1]).toMatchObject({ nodes: 3, fits: true });
    // the scheduler from 2 nodes: web ×2 spread (600m left each), api 1 joins node0, api 2 has no room there and the
    // affinity forbids node1; a new node has no api pod either, so the autoscaler never adds the third node
    expect(p.fitsAtMinimum).toBe(false);
    expect(p.warnings[0]).toEqual({
      code: 'minimum-overflow',
      blocking: true,
      message: 'Deployment/api: cannot all be placed at minimum replicas — scale-out order from 2 nodes: pod 2 Pending — '
        + '"0/2 nodes are available: 1 Insufficient cpu, 1 node(s) didn\'t match pod affinity rules." (a new node could not take it either, so the cluster autoscaler adds none)',
    });
    // started on 3 nodes, api 1 lands on the empty node and api 2 joins it
    expect(p.simulations.find((s) => s.order === 'scale-out' && s.startNodes === 3)!.phases[0]).toMatchObject({ fits: true, nodesAdded: 0 });
  });

  test('other pods still share the group\'s node', () => {
    // + batch Job 800m / 500 MiB (share 0.4): after the group, node0/node1 have 600m, node2 has 800m
    // → batch on node2 (0m / 5500 MiB left): still 3 nodes, not 4
    const p = planCapacity([web, colocated(api), job('batch', '800m', '500Mi')], pool, { environment: 'dev' });
    expect(p.nodesNeeded).toEqual({ atMinReplicas: 3, atMaxReplicas: 3 });
    // requested: 2 × 1400 + 2 × 600 + 800 = 4800m; 2 × 1000 + 2 × 1000 + 500 = 4500 MiB
    expect(p.scenarios[1]).toMatchObject({ nodes: 3, requestedCpuMillis: 4800, requestedMemoryMiB: 4500, fits: true, pending: [] });
  });

  test('the aggregate packing does not depend on object order; the simulation follows it (apply order)', () => {
    const objects = [web, colocated(api), job('batch', '800m', '500Mi'), hpa('web', { kind: 'Deployment', name: 'web' }, 1, 2)];
    const a = planCapacity(objects, pool, { environment: 'dev' });
    const b = planCapacity([...objects].reverse(), pool, { environment: 'dev' });
    expect(b.scenarios).toEqual(a.scenarios);
    expect(b.nodesNeeded).toEqual(a.nodesNeeded);
    expect(renderCapacityJson(planCapacity(objects, pool, { environment: 'dev' }))).toBe(renderCapacityJson(a));
    expect(b.simulations.map((x) => x.phases[0].podsArrived)).toEqual(a.simulations.map((x) => x.phases[0].podsArrived));
  });
});

describe('rendering a co-located workload', () => {
  const plan = planCapacity(colocatedCheeseApp(), coursePool(), { environment: 'prod' });
  const markdown = renderCapacityMarkdown(plan);
  const lines = markdown.split('\n');

  test('the Markdown row says it is co-located and whether all its pods fit one node', () => {
    expect(lines).toContain('| Deployment/api | 500m | 2048 MiB | 2–4 (HPA), co-located on one node | 1000m / 2000m | 4096 MiB / 8192 MiB | yes, but **NO** for all 4 together |');
    expect(lines).toContain('| Deployment/frontend | 250m | 512 MiB | 2–5 (HPA) | 500m / 1250m | 1024 MiB / 2560 MiB | yes |');
    expect(lines).toContain('Co-located on one node: a required pod affinity to its own pods on kubernetes.io/hostname keeps all the workload\'s pods '
      + 'on one node (e.g. to share a ReadWriteOnce disk), the simulation places them one by one as the scheduler does; the aggregate packing counts them as one item.');
  });

  test('the verdict explains why no node count suffices', () => {
    expect(lines[2]).toBe('Node pool: n2d-standard-2 × 1–2 nodes. Simulated scheduler, from 1 node and from 2 nodes: '
      + 'minimum replicas **DOES NOT FIT**; full scale-out **DOES NOT FIT**; rolling-update surge **fits**.');
    expect(lines[4]).toMatch(/^Cannot be placed: Deployment\/api pod 2 \(scale-out order from 1 node, all-at-maximum order from 2 nodes\); Deployment\/api pod 3 /);
    expect(lines).toContain('- Nodes needed (first-fit decreasing): 2 at minimum replicas, none suffices (a co-located group fits no node) at maximum replicas.');
    // 3750 / 2660 = 141%, 12800 / 11216 = 114%
    expect(lines).toContain('- Maximum replicas on 2 nodes: **does not fit** — requests 3750m CPU / 12800 MiB of 2660m / 11216 MiB (141% CPU, 114% memory); Pending: Deployment/api ×4.');
    expect(markdown).toMatch(/^- \*\*\[blocking\]\*\* Deployment\/api: its 4 pods at maximum replicas must share one node/m);
  });

  test('a group that fits says so', () => {
    const fits = planCapacity([colocated(deployment('api', '500m', '2Gi', 2))], coursePool(), { environment: 'dev' });
    expect(renderCapacityMarkdown(fits)).toContain('| Deployment/api | 500m | 2048 MiB | 2, co-located on one node | 1000m / 1000m | 4096 MiB / 4096 MiB | yes (all 2 together too) |');
  });

  test('a plan without co-located workloads renders as before (no note)', () => {
    expect(renderCapacityMarkdown(planCapacity(cheeseApp(), coursePool(), { environment: 'prod' }))).not.toContain('co-located');
  });

  test('the JSON carries colocated and the group fits only on the co-located workload', () => {
    const parsed = JSON.parse(renderCapacityJson(plan));
    const api = parsed.workloads.find((w: any) => w.id === 'Deployment/api');
    expect(api).toMatchObject({ colocated: true, groupFitsOnNodeAtMin: true, groupFitsOnNodeAtMax: false });
    for (const w of parsed.workloads.filter((x: any) => x.id !== 'Deployment/api')) {
      expect(w).not.toHaveProperty('colocated');
      expect(w).not.toHaveProperty('groupFitsOnNodeAtMin');
    }
    expect(parsed.warnings[0]).toMatchObject({ code: 'colocated-group-too-large', blocking: true });
    expect(parsed.nodesNeeded).toEqual({ atMinReplicas: 2, atMaxReplicas: null });
    // keys stay sorted: colocated < id, groupFitsOnNodeAtMax < groupFitsOnNodeAtMin < hpa
    const keys = Object.keys(api);
    expect(keys).toEqual([...keys].sort());
  });
});
