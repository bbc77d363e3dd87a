import { DEFAULT_SYSTEM_RESERVED_CPU_MILLIS, DEFAULT_SYSTEM_RESERVED_MEMORY_MIB, knownMachineTypes, NodePool } from '../../src/capacity';

describe('NodePool', () => {
  test('a known machine type takes GKE allocatable and the default system reservation', () => {
    const pool = NodePool.machineType('n2d-standard-2', { minNodes: 1, maxNodes: 2 });
    expect(() => pool.validate('prod')).not.toThrow();
    expect(pool.problems()).toEqual([]);
    // schedulable = 1930 − 600 = 1330m; 6248 − 640 = 5608 MiB
    expect(pool.toJson()).toEqual({
      label: 'n2d-standard-2',
      machineType: 'n2d-standard-2',
      allocatableSource: 'gke-formula',
      minNodes: 1,
      maxNodes: 2,
      allocatableCpuMillis: 1930,
      allocatableMemoryMiB: 6248,
      systemReservedCpuMillis: DEFAULT_SYSTEM_RESERVED_CPU_MILLIS,
      systemReservedMemoryMiB: DEFAULT_SYSTEM_RESERVED_MEMORY_MIB,
      schedulableCpuMillis: 1330,
      schedulableMemoryMiB: 5608,
    });
  });

  test('explicit figures override the formula, and describe unknown machine types', () => {
    const measured = NodePool.machineType('n2d-standard-2', { minNodes: 2, maxNodes: 2, allocatableMemoryMiB: 5959 });
    expect(measured.allocatableCpuMillis).toBe(1930);
    expect(measured.allocatableMemoryMiB).toBe(5959);
    expect(measured.toJson().allocatableSource).toBe('explicit');
    const c3 = NodePool.machineType('c3-standard-4', { minNodes: 1, maxNodes: 3, allocatableCpuMillis: 3920, allocatableMemoryMiB: 13000 });
    expect(() => c3.validate('prod')).not.toThrow();
  });

  test('custom pools and reservations', () => {
    const pool = NodePool.custom({
      allocatableCpuMillis: 3000,
      allocatableMemoryMiB: 12000,
      minNodes: 1,
      maxNodes: 1,
      systemReservedCpuMillis: 0,
      systemReservedMemoryMiB: 0,
      label: 'lab',
    });
    expect(pool.label).toBe('lab');
    expect(pool.machineType).toBeUndefined();
    expect(pool.schedulableCpuMillis).toBe(3000);
    expect(NodePool.custom({ allocatableCpuMillis: 1, allocatableMemoryMiB: 1000, minNodes: 1, maxNodes: 1, systemReservedCpuMillis: 0 }).label).toBe('custom');
  });

  test('the factories do not throw: the problems wait for validate(environment)', () => {
    const pool = NodePool.machineType('n2d-standard-2', { minNodes: 3, maxNodes: 2 });
    expect(pool.problems()).toEqual(['invalid minNodes 3: use at most maxNodes (2)']);
  });

  describe('fails if', () => {
    test('minNodes > maxNodes', () => {
      expect(() => NodePool.machineType('n2d-standard-2', { minNodes: 3, maxNodes: 2 }).validate('prod'))
        .toThrow('[prod] NodePool "n2d-standard-2": invalid minNodes 3: use at most maxNodes (2)');
    });

    test('a node count is not a positive integer', () => {
      expect(() => NodePool.machineType('e2-standard-2', { minNodes: 0, maxNodes: 2 }).validate('dev'))
        .toThrow('[dev] NodePool "e2-standard-2": invalid minNodes 0: use an integer ≥ 1');
      expect(() => NodePool.machineType('e2-standard-2', { minNodes: 1, maxNodes: 1.5 }).validate('dev'))
        .toThrow('[dev] NodePool "e2-standard-2": invalid maxNodes 1.5: use an integer ≥ 1');
      expect(() => NodePool.machineType('e2-standard-2', { minNodes: Number.NaN, maxNodes: -1 }).validate('dev'))
        .toThrow('invalid minNodes NaN: use an integer ≥ 1; invalid maxNodes -1: use an integer ≥ 1');
    });

    test('a capacity is not positive', () => {
      expect(() => NodePool.custom({ allocatableCpuMillis: 0, allocatableMemoryMiB: 4096, minNodes: 1, maxNodes: 1 }).validate('staging'))
        .toThrow('[staging] NodePool "custom": invalid allocatableCpuMillis 0: use a number of millicores > 0');
      expect(() => NodePool.custom({ allocatableCpuMillis: 2000, allocatableMemoryMiB: -5, minNodes: 1, maxNodes: 1 }).validate('staging'))
        .toThrow('[staging] NodePool "custom": invalid allocatableMemoryMiB -5: use a number of MiB > 0');
      expect(() => NodePool.machineType('n2d-standard-2', { minNodes: 1, maxNodes: 1, allocatableCpuMillis: Number.POSITIVE_INFINITY }).validate('prod'))
        .toThrow('invalid allocatableCpuMillis Infinity: use a number of millicores > 0');
    });

    test('the system reservation is negative or leaves nothing', () => {
      expect(() => NodePool.machineType('n2d-standard-2', { minNodes: 1, maxNodes: 2, systemReservedCpuMillis: -1 }).validate('prod'))
        .toThrow('[prod] NodePool "n2d-standard-2": invalid systemReservedCpuMillis -1: use a number of millicores ≥ 0');
      expect(() => NodePool.machineType('e2-medium', { minNodes: 1, maxNodes: 2, systemReservedCpuMillis: 940 }).validate('dev'))
        .toThrow('[dev] NodePool "e2-medium": invalid systemReservedCpuMillis 940: use less than allocatableCpuMillis (940), or no CPU is left for workloads');
      expect(() => NodePool.custom({ allocatableCpuMillis: 2000, allocatableMemoryMiB: 512, minNodes: 1, maxNodes: 1 }).validate('dev'))
        .toThrow('[dev] NodePool "custom": invalid systemReservedMemoryMiB 640: use less than allocatableMemoryMiB (512), or no memory is left for workloads');
    });

    test('an unknown machine type comes without explicit figures (the message lists the known types)', () => {
      const known = knownMachineTypes().join(', ');
      expect(() => NodePool.machineType('c3-standard-4', { minNodes: 1, maxNodes: 2 }).validate('prod'))
        .toThrow('[prod] NodePool "c3-standard-4": invalid machineType "c3-standard-4": not a known machine type, so allocatableCpuMillis '
          + `and allocatableMemoryMiB are required (kubectl describe node → Allocatable); or use one of: ${known}`);
      expect(() => NodePool.machineType('c3-standard-4', { minNodes: 1, maxNodes: 2, allocatableCpuMillis: 3920 }).validate('prod'))
        .toThrow('invalid machineType "c3-standard-4": not a known machine type, so allocatableMemoryMiB is required');
    });

    test('a custom label is empty', () => {
      expect(() => NodePool.custom({ label: ' ', allocatableCpuMillis: 2000, allocatableMemoryMiB: 4096, minNodes: 1, maxNodes: 1 }).validate('dev'))
        .toThrow('[dev] NodePool " ": invalid label " ": use a non-empty name');
    });
  });
});
