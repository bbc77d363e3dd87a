import { firstFitDecreasing, pendingPods } from '../../src/capacity';

describe('first-fit decreasing', () => {
  const node = { cpuMillis: 1000, memoryMiB: 4096 };

  test('pods are indivisible: three 600m pods need three 1000m nodes although 1800m < 2000m', () => {
    const items = [1, 2, 3].map(() => ({ id: 'Deployment/big', cpuMillis: 600, memoryMiB: 100 }));
    const packing = firstFitDecreasing(items, node);
    expect(packing.nodesUsed).toBe(3);
    expect(pendingPods(packing, 2)).toEqual([{ id: 'Deployment/big', pods: 1 }]);
    expect(pendingPods(packing, 3)).toEqual([]);
  });

  test('packs the largest first and fills earlier nodes first', () => {
    // order: a (700m) , b (300m), c (300m) → a+b on node 0 (1000m), c on node 1
    const packing = firstFitDecreasing([
      { id: 'c', cpuMillis: 300, memoryMiB: 0 },
      { id: 'a', cpuMillis: 700, memoryMiB: 0 },
      { id: 'b', cpuMillis: 300, memoryMiB: 0 },
    ], node);
    expect(packing.placements).toEqual([{ id: 'a', node: 0 }, { id: 'b', node: 0 }, { id: 'c', node: 1 }]);
  });

  test('both resources must fit, and the dominant share orders the pods', () => {
    // m (100m, 3000 MiB: share 0.73) goes first; c (800m, 100 MiB: share 0.8) is bigger still.
    // c → node 0 (200m / 3996 left); m → node 0 (100m / 996 left); m2 → node 1
    const packing = firstFitDecreasing([
      { id: 'm', cpuMillis: 100, memoryMiB: 3000 },
      { id: 'm2', cpuMillis: 100, memoryMiB: 3000 },
      { id: 'c', cpuMillis: 800, memoryMiB: 100 },
    ], node);
    expect(packing.placements).toEqual([{ id: 'c', node: 0 }, { id: 'm', node: 0 }, { id: 'm2', node: 1 }]);
  });

  test('a pod larger than a node is never placed and opens no node', () => {
    const packing = firstFitDecreasing([{ id: 'huge', cpuMillis: 1500, memoryMiB: 10 }], node);
    expect(packing).toEqual({ nodesUsed: 0, placements: [{ id: 'huge', node: -1 }] });
    expect(pendingPods(packing, 5)).toEqual([{ id: 'huge', pods: 1 }]);
  });
});
