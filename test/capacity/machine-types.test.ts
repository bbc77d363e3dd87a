import {
  GKE_MACHINE_TYPES,
  gkeAllocatable,
  gkeReservedCpuMillis,
  gkeReservedMemoryMiB,
  knownMachineTypes,
  machineTypeSpec,
} from '../../src/capacity';

describe('GKE machine types', () => {
  test('the table holds the types the course may use', () => {
    for (const name of ['e2-medium', 'e2-standard-2', 'e2-standard-4', 'e2-highmem-2', 'n2d-standard-2', 'n2d-standard-4', 'n2d-standard-8', 'n2-standard-2', 'n2-standard-4']) {
      expect(machineTypeSpec(name)).toBeDefined();
    }
    expect(GKE_MACHINE_TYPES['n2d-standard-2']).toEqual({ vcpus: 2, memoryMiB: 8192 });
    expect(knownMachineTypes()).toEqual([...knownMachineTypes()].sort());
  });

  test('unknown or prototype names are not machine types', () => {
    expect(machineTypeSpec('c3-standard-4')).toBeUndefined();
    expect(machineTypeSpec('toString')).toBeUndefined();
  });
});

describe('GKE allocatable formula (hand-checked)', () => {
  test('n2d-standard-2: 1930m CPU, 6248 MiB', () => {
    // CPU: 2000m − (6% × 1000m = 60m) − (1% × 1000m = 10m) = 1930m
    // memory: 8192 MiB − 25% × 4096 (1024) − 20% × 4096 (819.2) − 100 (eviction)
    //       = 8192 − 1943.2 = 6248.8 → rounded down: 6248 MiB
    expect(gkeReservedCpuMillis(2000)).toBe(70);
    expect(gkeReservedMemoryMiB(8192)).toBeCloseTo(1943.2, 10);
    expect(gkeAllocatable(machineTypeSpec('n2d-standard-2')!)).toEqual({ cpuMillis: 1930, memoryMiB: 6248 });
  });

  test('e2-medium is shared-core: its reservation is on 1 core → 940m; 4 GiB → 2972 MiB', () => {
    // CPU: 1000m (guaranteed share of the 2 vCPUs) − 6% × 1000m = 940m
    // memory: 4096 − 25% × 4096 (1024) − 100 = 2972 MiB
    expect(gkeAllocatable(machineTypeSpec('e2-medium')!)).toEqual({ cpuMillis: 940, memoryMiB: 2972 });
  });

  test('n2d-standard-4 and e2-highmem-2 (16 GiB): 10% tier', () => {
    // CPU 4 cores: 4000 − (60 + 10 + 0.5% × 2000 = 10) = 3920m
    // memory 16384: 1024 + 819.2 + 10% × 8192 (819.2) + 100 = 2762.4 → 16384 − 2762.4 = 13621.6 → 13621
    expect(gkeAllocatable(machineTypeSpec('n2d-standard-4')!)).toEqual({ cpuMillis: 3920, memoryMiB: 13621 });
    // e2-highmem-2: 2 cores → 1930m, same 16 GiB → 13621
    expect(gkeAllocatable(machineTypeSpec('e2-highmem-2')!)).toEqual({ cpuMillis: 1930, memoryMiB: 13621 });
  });

  test('n2d-standard-8 (32 GiB): 0.25% CPU tier and 6% memory tier', () => {
    // CPU 8 cores: 8000 − (60 + 10 + 10 + 0.25% × 4000 = 10) = 7910m
    // memory 32768: 1024 + 819.2 + 819.2 + 6% × 16384 (983.04) + 100 = 3745.44
    //   → 32768 − 3745.44 = 29022.56 → 29022
    expect(gkeAllocatable(machineTypeSpec('n2d-standard-8')!)).toEqual({ cpuMillis: 7910, memoryMiB: 29022 });
  });

  test('machines under 1 GiB reserve a flat 255 MiB; above 128 GiB the 2% tier applies', () => {
    // 614 MiB (f1-micro-like): 614 − 255 − 100 = 259; 1 core: 1000 − 60 = 940
    expect(gkeAllocatable({ vcpus: 1, memoryMiB: 614 })).toEqual({ cpuMillis: 940, memoryMiB: 259 });
    // 256 GiB = 262144 MiB: 1024 + 819.2 + 819.2 + 6% × 114688 (6881.28) + 2% × 131072 (2621.44) + 100
    //   = 12265.12 → 262144 − 12265.12 = 249878.88 → 249878
    // 5 cores: 5000 − (60 + 10 + 10 + 0.25% × 1000 = 2.5) = 4917.5 → 4917
    expect(gkeAllocatable({ vcpus: 5, memoryMiB: 262144 })).toEqual({ cpuMillis: 4917, memoryMiB: 249878 });
  });
});
