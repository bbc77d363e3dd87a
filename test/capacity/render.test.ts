import { cheeseApp, deployment } from './fixtures';
import { CapacityPlan, NodePool, planCapacity, renderCapacityJson, renderCapacityMarkdown } from '../../src/capacity';

const coursePool = (): NodePool => NodePool.machineType('n2d-standard-2', { minNodes: 1, maxNodes: 2 });
const prodPlan = (): CapacityPlan => planCapacity(cheeseApp(), coursePool(), { environment: 'prod' });

describe('renderCapacityMarkdown', () => {
  const markdown = renderCapacityMarkdown(prodPlan());
  const lines = markdown.split('\n');

  test('snapshot', () => {
    expect(markdown).toMatchSnapshot();
  });

  test('one row per workload with the hand-checked cells', () => {
    // api: 500m × 2–4 = 1000m / 2000m; 2048 MiB × 2–4 = 4096 / 8192 MiB
    expect(lines).toContain('| Deployment/api | 500m | 2048 MiB | 2–4 (HPA) | 1000m / 2000m | 4096 MiB / 8192 MiB | yes |');
    // frontend: 250m × 2–5 = 500m / 1250m; 512 MiB × 2–5 = 1024 / 2560 MiB
    expect(lines).toContain('| Deployment/frontend | 250m | 512 MiB | 2–5 (HPA) | 500m / 1250m | 1024 MiB / 2560 MiB | yes |');
    expect(lines).toContain('| Job/loader | 250m | 1024 MiB | 1 (Job) | 250m / 250m | 1024 MiB / 1024 MiB | yes |');
    expect(lines).toContain('| StatefulSet/vector-db | 250m | 1024 MiB | 1 | 250m / 250m | 1024 MiB / 1024 MiB | yes |');
    expect(lines).toContain('| **Total** |  |  | 6–11 pods | 2000m / 3750m | 7168 MiB / 12800 MiB |  |');
  });

  test('pool capacity and verdict lines', () => {
    expect(lines[2]).toBe('Node pool: n2d-standard-2 × 1–2 nodes. Simulated scheduler, from 1 node and from 2 nodes: '
      + 'minimum replicas **fits**; full scale-out **DOES NOT FIT**; rolling-update surge **fits**.');
    expect(lines[4]).toMatch(/^Cannot be placed: Deployment\/frontend pod 5 \(scale-out order from 1 node, scale-out order from 2 nodes\); /);
    expect(lines).toContain('- Per node: allocatable 1930m CPU / 6248 MiB (GKE reservation formula); system pods 600m / 640 MiB; left for the app 1330m / 5608 MiB.');
    expect(lines).toContain('- At 2 nodes (maxNodes): 2660m CPU / 11216 MiB for the app.');
    // 2000 / 2660 = 75%, 7168 / 11216 = 64%
    expect(lines).toContain('- Minimum replicas on 2 nodes: fits — requests 2000m CPU / 7168 MiB of 2660m / 11216 MiB (75% CPU, 64% memory).');
    // 3750 / 2660 = 141%, 12800 / 11216 = 114%
    expect(lines).toContain('- Maximum replicas on 2 nodes: **does not fit** — requests 3750m CPU / 12800 MiB of 2660m / 11216 MiB '
      + '(141% CPU, 114% memory); Pending: Deployment/frontend ×5.');
    expect(markdown).toMatch(/^- \*\*\[blocking\]\*\* Deployment\/api: cannot all be placed at maximum replicas/m);
    expect(lines).toContain('| scale-out | 1 node | fits (+1 node) | **Pending**: Deployment/frontend pod 5, Deployment/api pod 3, Deployment/api pod 4 | '
      + 'Pending (rollout goes on): Deployment/frontend pod 6, Deployment/frontend pod 7, Deployment/api pod 5 | 2 |');
  });

  test('the simulation section names the order assumed and what would make it fit', () => {
    expect(markdown).toContain('- **scale-out**: the objects at minimum replicas in apply (document) order;');
    expect(markdown).toContain('## What would make it fit');
    // n2d-standard-4: 3320m / 12981 MiB per node for the app
    expect(lines).toContain('- n2d-standard-4 nodes: **fits**.');
  });

  test('a pool that fits says so, and duplicate scenarios (min = max nodes) are listed once', () => {
    const plan = planCapacity([deployment('web', '100m', '128Mi', 2)], NodePool.machineType('e2-standard-4', { minNodes: 1, maxNodes: 1 }), { environment: 'dev' });
    const md = renderCapacityMarkdown(plan);
    expect(md).toContain('Node pool: e2-standard-4 × 1 node. Simulated scheduler, from 1 node: minimum replicas **fits**; full scale-out **fits**; '
      + 'rolling-update surge **fits**.');
    expect(md).not.toContain('## What would make it fit');
    expect(md).toContain('| scale-out | 1 node | fits | fits | fits | 1 |');
    expect(md.match(/^- Minimum replicas on 1 node:/gm)).toHaveLength(1);
    expect(md).toContain('## Warnings\n\nNone.\n');
  });

  test('fractional memory is shown with one decimal', () => {
    const plan = planCapacity([deployment('web', '100m', '1G', 1)], coursePool(), { environment: 'dev' });
    expect(renderCapacityMarkdown(plan)).toContain('| Deployment/web | 100m | 953.7 MiB | 1 |');
  });
});

describe('renderCapacityJson', () => {
  const json = renderCapacityJson(prodPlan());

  test('2-space indent, trailing newline, round-trips to the plan', () => {
    expect(json.endsWith('}\n')).toBe(true);
    expect(json.split('\n')[1]).toMatch(/^ {2}"/);
    expect(JSON.parse(json)).toEqual(prodPlan());
  });

  test('keys are sorted at every level', () => {
    const check = (value: unknown): void => {
      if (Array.isArray(value)) return value.forEach(check);
      if (value && typeof value === 'object') {
        const keys = Object.keys(value);
        expect(keys).toEqual([...keys].sort());
        Object.values(value).forEach(check);
      }
    };
    check(JSON.parse(json));
  });

  test('machine-readable verdict fields', () => {
    const parsed = JSON.parse(json);
    expect(parsed).toMatchObject({
      schemaVersion: 2,
      environment: 'prod',
      fitsAtMinimum: true,
      fitsAtFullScaleOut: false,
      fitsSurge: true,
      nodesNeeded: { atMinReplicas: 2, atMaxReplicas: 3 },
    });
  });
});

describe('determinism', () => {
  test('rendering twice, or from a fresh plan of the same objects, gives identical bytes', () => {
    const plan = prodPlan();
    expect(renderCapacityMarkdown(plan)).toBe(renderCapacityMarkdown(plan));
    expect(renderCapacityJson(plan)).toBe(renderCapacityJson(plan));
    const fresh = planCapacity(cheeseApp(), coursePool(), { environment: 'prod' });
    expect(renderCapacityMarkdown(fresh)).toBe(renderCapacityMarkdown(plan));
    expect(renderCapacityJson(fresh)).toBe(renderCapacityJson(plan));
  });
});
