import { deployment, hpa, job, statefulSet, withRequiredPodAffinity } from './fixtures';
import { NodePool, planCapacity } from '../../src/capacity';
import { KubeObject } from '../../src/core/manifest';

const HOST = 'kubernetes.io/hostname';
/** Per node 1000m / 4000 MiB for the app: allocatable 1600m / 4640 MiB − default system pods 600m / 640 MiB. */
const pool = (minNodes: number, maxNodes: number): NodePool =>
  NodePool.custom({ allocatableCpuMillis: 1600, allocatableMemoryMiB: 4640, minNodes, maxNodes });
const plan = (objects: KubeObject[], minNodes = 2, maxNodes = minNodes) => planCapacity(objects, pool(minNodes, maxNodes), { environment: 'test' });
const sim = (p: ReturnType<typeof plan>, order: 'scale-out' | 'all-at-maximum', start: number) =>
  p.simulations.find((s) => s.order === order && s.startNodes === start)!;
const podsOn = (s: ReturnType<typeof sim>) => s.placement.map((n) => Object.fromEntries(n.pods.map((x) => [x.id, x.pods])));

function withPodSpec(obj: KubeObject, extra: Record<string, unknown>, labels?: Record<string, string>): KubeObject {
  const copy: KubeObject = JSON.parse(JSON.stringify(obj));
  Object.assign(copy.spec.template.spec, extra);
  if (labels) copy.spec.template.metadata = { labels };
  return copy;
}
const recreate = (obj: KubeObject): KubeObject => ({ ...obj, spec: { ...obj.spec, strategy: { type: 'Recreate' } } });
const rolling = (obj: KubeObject, maxSurge: number | string, maxUnavailable: number | string): KubeObject =>
  ({ ...obj, spec: { ...obj.spec, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge, maxUnavailable } } } });
const selfAffinity = (obj: KubeObject): KubeObject => withPodSpec(obj, {
  affinity: {
    podAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: HOST, labelSelector: { matchLabels: { app: obj.metadata.name } } }],
    },
  },
});
const rwoClaim = (name: string): KubeObject =>
  ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } });
const mounting = (obj: KubeObject, claim: string): KubeObject => withPodSpec(obj, { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: claim } }] });

/**
 * The issue's scenario in small: per node 1000m. Apply order: db 300m, api 400m (HPA 1–2, co-located by
 * self-affinity, ReadWriteOnce claim), web 100m ×2 (HPA 2–3, preferred anti-affinity).
 */
function issueApp(colocatedApi: boolean): KubeObject[] {
  const api = recreate(deployment('api', '400m', '1Gi'));
  const web = withPodSpec(recreate(deployment('web', '100m', '256Mi')), {
    affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { topologyKey: HOST, labelSelector: { matchLabels: { app: 'web' } } } }] } },
  });
  return [
    rwoClaim('data'),
    statefulSet('db', '300m', '1Gi', 1),
    colocatedApi ? mounting(selfAffinity(api), 'data') : api,
    hpa('api', { kind: 'Deployment', name: 'api' }, 1, 2),
    web,
    hpa('web', { kind: 'Deployment', name: 'web' }, 2, 3),
  ];
}

describe('the scheduler simulation — hand-checked', () => {
  test('co-located API on 2 nodes: pod 2 joins pod 1 when that node has room', () => {
    // apply: db → node-1 (tie → first); api → node-2 (least allocated); web 1 → node-1 (700m free vs 600m);
    // web 2 → node-2 (preferred anti-affinity ×2 outweighs least-allocated): node-1 400m, node-2 500m used.
    // scale-out: api pod 2 must join node-2 (500m + 400m ≤ 1000m fits!) — so here it fits; web 3 → node-1.
    const p = plan(issueApp(true), 2, 3);
    const s = sim(p, 'scale-out', 2);
    expect(podsOn(s)[0]).toEqual({ 'StatefulSet/db': 1, 'Deployment/web': 2 });
    expect(podsOn(s)[1]).toEqual({ 'Deployment/api': 2, 'Deployment/web': 1 });
    expect(s.phases.every((x) => x.fits)).toBe(true);
  });

  test('…but with the web pods a little bigger, api pod 2 is Pending and no new node can take it', () => {
    // web 250m: node-1 db 300 + web 250 = 550m; node-2 api 400 + web 250 = 650m. api scales first (apply order):
    // pod 2 needs 400m, node-2 has 350m left, node-1 has no api pod. Then web 3 → node-1 (800m), so at the end of the
    // phase both nodes lack CPU (the filters stop at the first failing plugin). A new node has no api pod: no scale-up.
    const objects = issueApp(true).map((o) => (o.metadata.name === 'web' && o.kind === 'Deployment'
      ? { ...o, spec: { ...o.spec, template: { ...o.spec.template, spec: { ...o.spec.template.spec, containers: [{ name: 'web', image: 'web:test', resources: { requests: { cpu: '250m', memory: '256Mi' } } }] } } } }
      : o));
    const p = plan(objects, 2, 3);
    const s = sim(p, 'scale-out', 2);
    expect(s.phases[1]).toMatchObject({ fits: false, nodes: 2, nodesAdded: 0 });
    expect(s.phases[1].pending).toEqual([{
      id: 'Deployment/api',
      pod: 2,
      arrivedIn: 'scale-out',
      newNodeWouldHelp: false,
      message: '0/2 nodes are available: 2 Insufficient cpu.',
    }]);
    expect(p.warnings[0]).toMatchObject({ code: 'scale-out-overflow', blocking: true });
    // the same API with shared storage (no affinity, no ReadWriteOnce claim) spreads: pod 2 goes to node-1 (450m free)
    const shared = p.remedies.find((r) => r.kind === 'shared-storage')!;
    expect(shared.fits).toBe(true);
    const spreadable = plan(objects.map((o) => (o.metadata.name === 'api' && o.kind === 'Deployment'
      ? { ...o, spec: { ...o.spec, template: { ...o.spec.template, spec: { ...o.spec.template.spec, affinity: undefined, volumes: undefined } } } }
      : o)), 2, 3);
    expect(spreadable.fitsAtFullScaleOut).toBe(true);
    expect(podsOn(sim(spreadable, 'scale-out', 2)).map((n) => n['Deployment/api'])).toEqual([1, 1]);
  });

  test('a self-affinity written with matchExpressions pins the workload too, and only on the node topology', () => {
    // 3 × 600m must share one node (1330m free): pod 3 is Pending and shared storage is the remedy
    const pinned = (topologyKey: string) => recreate(withRequiredPodAffinity(deployment('api', '600m', '1Gi', 3),
      { topologyKey, labelSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['api'] }] } }));
    const p = plan([pinned(HOST)], 2, 3);
    expect(p.fitsAtMinimum).toBe(false);
    expect(p.remedies.find((r) => r.kind === 'shared-storage')).toMatchObject({ fits: true });
    // the same term on the zone topology does not hold the pods on one node: no shared-storage remedy is offered
    expect(plan([pinned('topology.kubernetes.io/zone')], 2, 3).remedies.map((r) => r.kind)).not.toContain('shared-storage');
  });

  test('first pod of a self-affinity may go to any node; a pod whose affinity needs another workload waits for it', () => {
    // filler 600m → node-1; the self-affine api (1 pod) goes where the score sends it: node-2 (empty)
    const filler = deployment('filler', '600m', '1Gi', 1);
    const p = plan([recreate(filler), recreate(selfAffinity(deployment('api', '300m', '1Gi', 1)))]);
    expect(podsOn(sim(p, 'scale-out', 2))[1]).toEqual({ 'Deployment/api': 1 });
    // a pod with required affinity to app=cache, which never runs: Pending on every node, and a new node cannot help
    const needsCache = withPodSpec(recreate(deployment('app', '100m', '128Mi', 1)), {
      affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: HOST, labelSelector: { matchLabels: { app: 'cache' } } }] } },
    });
    const q = plan([needsCache], 1, 2);
    expect(sim(q, 'scale-out', 1).phases[0].pending).toEqual([{
      id: 'Deployment/app',
      pod: 1,
      arrivedIn: 'apply',
      newNodeWouldHelp: false,
      message: "0/1 nodes are available: 1 node(s) didn't match pod affinity rules.",
    }]);
  });

  test('required anti-affinity: one pod per node; the autoscaler adds a node for the third, up to maxNodes', () => {
    const oneEach = withPodSpec(recreate(deployment('ha', '100m', '128Mi', 3)), {
      affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: HOST, labelSelector: { matchLabels: { app: 'ha' } } }] } },
    });
    const grows = sim(plan([oneEach], 2, 3), 'scale-out', 2);
    expect(grows.phases[0]).toMatchObject({ fits: true, nodes: 3, nodesAdded: 1 });
    const capped = sim(plan([oneEach], 2, 2), 'scale-out', 2);
    expect(capped.phases[0].pending).toEqual([{
      id: 'Deployment/ha',
      pod: 3,
      arrivedIn: 'apply',
      newNodeWouldHelp: true,
      message: "0/2 nodes are available: 2 node(s) didn't match pod anti-affinity rules.",
    }]);
  });

  test('an existing pod\'s anti-affinity keeps others off its node', () => {
    // lonely (anti-affinity to app=noisy) → node-1; noisy ×2: node-1 is forbidden by lonely's rule, node-2 takes both
    const lonely = withPodSpec(recreate(deployment('lonely', '100m', '128Mi', 1)), {
      affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: HOST, labelSelector: { matchLabels: { app: 'noisy' } } }] } },
    });
    const p = plan([lonely, recreate(deployment('noisy', '100m', '128Mi', 2))]);
    expect(podsOn(sim(p, 'scale-out', 2))).toEqual([{ 'Deployment/lonely': 1 }, { 'Deployment/noisy': 2 }]);
    // with one node, noisy cannot run at all
    const one = plan([lonely, recreate(deployment('noisy', '100m', '128Mi', 1))], 1);
    expect(sim(one, 'scale-out', 1).phases[0].pending[0].message).toBe("0/1 nodes are available: 1 node(s) didn't satisfy existing pods anti-affinity rules.");
  });

  test('DoNotSchedule topology spread: the skew forbids the free node\'s neighbour', () => {
    // big 700m → node-1; spread pods 400m, maxSkew 1 on the hostname: pod 1 → node-2 (node-1 has 300m left);
    // pod 2: node-1 lacks CPU, node-2 would make the skew 2 − 0 = 2 > 1
    const spread = withPodSpec(recreate(deployment('s', '400m', '128Mi', 2)), {
      topologySpreadConstraints: [{ maxSkew: 1, topologyKey: HOST, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 's' } } }],
    });
    const p = plan([recreate(deployment('big', '700m', '128Mi', 1)), spread]);
    expect(sim(p, 'scale-out', 2).phases[0].pending).toEqual([{
      id: 'Deployment/s',
      pod: 2,
      arrivedIn: 'apply',
      newNodeWouldHelp: true,
      message: "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) didn't match pod topology spread constraints.",
    }]);
  });

  test('a ReadWriteOnce claim holds every pod that mounts it on the node it is attached to', () => {
    // a 400m → node-1 (tie); b 400m mounts the same claim: node-2 is emptier, but the disk is on node-1
    const p = plan([rwoClaim('disk'), recreate(mounting(deployment('a', '400m', '128Mi', 1), 'disk')), recreate(mounting(deployment('b', '400m', '128Mi', 2), 'disk'))]);
    const s = sim(p, 'scale-out', 2);
    expect(podsOn(s)).toEqual([{ 'Deployment/a': 1, 'Deployment/b': 1 }, {}]);
    expect(s.phases[0].pending[0]).toMatchObject({
      id: 'Deployment/b', pod: 2, message: '0/2 nodes are available: 1 Insufficient cpu, 1 node(s) did not have the ReadWriteOnce volume attached (Multi-Attach).',
    });
  });

  test('rolling-update surge: maxSurge from the rendered strategy needs room next to a co-located group', () => {
    const api = (strategy: (o: KubeObject) => KubeObject, cpu: string) => [rwoClaim('data'), strategy(mounting(selfAffinity(deployment('api', cpu, '1Gi', 2)), 'data'))];
    // 2 × 400m on node-1: the surge pod needs 400m more, 200m left → Pending, and the rollout is stuck (maxUnavailable 0)
    const tight = plan(api((o) => rolling(o, 1, 0), '400m'), 1, 2);
    expect(tight.fitsAtFullScaleOut).toBe(true);
    expect(tight.fitsSurge).toBe(false);
    expect(tight.warnings.map((w) => [w.code, w.blocking])).toEqual([['surge-overflow', true]]);
    // 2 × 300m: 400m left, the surge pod (300m) fits beside them
    expect(plan(api((o) => rolling(o, 1, 0), '300m'), 1, 2).fitsSurge).toBe(true);
    // maxUnavailable 1: the rollout removes an old pod first, so the Pending surge pod does not block
    const loose = plan(api((o) => rolling(o, 1, 1), '400m'), 1, 2);
    expect(loose.fitsSurge).toBe(true);
    expect(loose.warnings).toEqual([expect.objectContaining({ code: 'surge-overflow', blocking: false })]);
    // Recreate adds no surge pod
    expect(sim(plan(api(recreate, '400m'), 1, 2), 'scale-out', 1).phases[2].podsArrived).toBe(0);
  });

  test('surge sizes: percentages round up (maxSurge) at maximum replicas; StatefulSets and Jobs add none', () => {
    const surgePods = (objects: KubeObject[]) => sim(plan(objects, 3), 'scale-out', 3).phases[2].podsArrived;
    expect(surgePods([rolling(deployment('a', '10m', '8Mi', 4), '25%', 0)])).toBe(1);
    expect(surgePods([rolling(deployment('a', '10m', '8Mi', 3), '50%', 0)])).toBe(2); // ⌈1.5⌉
    expect(surgePods([deployment('a', '10m', '8Mi', 4)])).toBe(1); // default 25%
    expect(surgePods([statefulSet('s', '10m', '8Mi', 3), job('j', '10m', '8Mi')])).toBe(0);
  });
});
