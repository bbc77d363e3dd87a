// Property-based tests: random props either fail with the library's error format (at construction,
// or at synth from the policy or the whole-app validation pass, naming a construct path), or
// synthesize objects that match the upstream Kubernetes schemas, pass the policy module and the
// validation pass, with no two objects of one kind/namespace/name. bench/fuzz.ts runs the same
// properties with more runs (CI: `node bench/fuzz.js`).
import { Duration, Size, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import {
  ALL_RULES, ContainerImage, Cpu, DisruptionBudget, evaluatePolicy, HealthProbe, Resources, Rollout, Scaling, ServiceType,
  SUPPRESSIONS_ANNOTATION, WebService, WebServiceProps,
} from '../src';
import { LIBRARY_ERROR, validateWithSchemas } from './util';
import { checkConstructProperty, CONSTRUCT_PROPERTIES, SYNTH_ERROR } from '../bench/properties';
import { KubeObject } from '../src/core/manifest';
import { AppValidation, validateObjects } from '../src/validation';
import { identity } from '../src/validation/unique';

const RUNS = { numRuns: 100, seed: 215 };
/** Runs per construct in `npm test` (keeps this file within a few seconds; bench/fuzz.ts runs more). */
const CONSTRUCT_RUNS = 15;

/**
 * Every rule that judges a workload by itself. NS1 (the chart's namespace) and NET1 (an
 * AppNetwork in the chart) are properties of the surrounding chart, which these tests leave bare.
 */
const WORKLOAD_RULES = ALL_RULES.filter(r => !['CHEESE-NS1', 'CHEESE-NET1'].includes(r.id));

/** Checks synthesized objects: upstream schemas, selector/port wiring, and the policy module. */
function checkSynthesizedObjects(objects: KubeObject[]): void {
  validateWithSchemas(objects);
  expect(validateObjects(objects)).toEqual([]);
  expect(new Set(objects.map(identity)).size).toBe(objects.length);
  // a suppression the construct chose (e.g. omitCpuLimit → CHEESE-RES2) is in the output, with its reason
  const suppressed = (f: { ruleId: string; kind: string; name: string }) => objects.some(o => o.kind === f.kind && o.metadata.name === f.name
    && (o.metadata.annotations?.[SUPPRESSIONS_ANNOTATION] ?? '').split('; ').some((s: string) => s.startsWith(`${f.ruleId}: `)));
  expect(evaluatePolicy(objects, { requireIngressTls: false }, WORKLOAD_RULES).filter(f => !suppressed(f))).toEqual([]);
  for (const deployment of objects.filter(o => o.kind === 'Deployment')) {
    // the Deployment selects its own pods, and its Service targets the port the container declares
    expect(deployment.spec.template.metadata.labels).toMatchObject(deployment.spec.selector.matchLabels);
    const service = objects.find(o => o.kind === 'Service' && o.metadata.name === deployment.metadata.name);
    expect(service?.spec.ports[0].targetPort).toBe(deployment.spec.template.spec.containers[0].ports[0].containerPort);
  }
}

/** Runs `build`; a thrown error must be an Error in the library's format, and a result must pass `check`. */
function libraryErrorOr<T>(build: () => T, check: (result: T) => void): 'error' | 'built' {
  let result: T;
  try {
    result = build();
  } catch (e) {
    expect(e).toBeInstanceOf(Error);
    const message = (e as Error).message;
    if (!LIBRARY_ERROR.test(message) && !SYNTH_ERROR.test(message)) {
      throw new Error(`not the library's error format (no construct path, or no 'invalid'):\n${message}`);
    }
    return 'error';
  }
  check(result);
  return 'built';
}

// ---- arbitraries -------------------------------------------------------------------------

/** Valid 9 times in 10, so that a combination of many props still synthesizes often. */
const mostly = <T>(valid: fc.Arbitrary<T>, wild: fc.Arbitrary<T>): fc.Arbitrary<T> =>
  fc.oneof({ arbitrary: valid, weight: 9 }, { arbitrary: wild, weight: 1 });
/** Present once in `oneIn` cases (default: half the time), else undefined. */
const maybe = <T>(arb: fc.Arbitrary<T>, oneIn = 2): fc.Arbitrary<T | undefined> =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: oneIn - 1 }, { arbitrary: arb, weight: 1 });

const dnsLabel = fc.stringMatching(/^[a-z]([-a-z0-9]{0,20}[a-z0-9])?$/);
const anyName = fc.oneof(fc.string({ maxLength: 70 }), fc.constantFrom('', 'Web', 'web_1', '-web', 'a'.repeat(64)));
const port = mostly(fc.integer({ min: 1, max: 65535 }), fc.integer({ min: -100, max: 100000 }));
const validImages = fc.constantFrom('nginx:1.27.0', 'chromadb/chroma:1.4.0', `repo/app@sha256:${'b'.repeat(64)}`, 'gcr.io/p/app:20250422');
const imageRef = mostly(validImages, fc.oneof(fc.constantFrom('', 'nginx', 'nginx:latest', 'Nginx:1', 'nginx :1', 'nginx@sha256:123'), fc.string({ maxLength: 40 })));
const seconds = (valid: { min: number; max: number }, wildMax: number) => mostly(fc.integer(valid), fc.integer({ min: 0, max: wildMax }));

const scalingSpec = fc.oneof(
  fc.record({ kind: fc.constant('fixed' as const), replicas: mostly(fc.integer({ min: 0, max: 10 }), fc.integer({ min: -2, max: 1002 })) }),
  fc.record({
    kind: fc.constant('autoscale' as const),
    minReplicas: maybe(mostly(fc.integer({ min: 1, max: 4 }), fc.integer({ min: -1, max: 12 }))),
    maxReplicas: mostly(fc.integer({ min: 4, max: 10 }), fc.integer({ min: -1, max: 12 })),
    cpuUtilization: maybe(mostly(fc.integer({ min: 1, max: 100 }), fc.integer({ min: -5, max: 120 }))),
    memoryUtilization: maybe(mostly(fc.integer({ min: 1, max: 100 }), fc.integer({ min: -5, max: 120 }))),
  }),
);

const resourcesSpec = mostly(
  fc.record({
    cpuRequest: fc.integer({ min: 10, max: 2000 }),
    cpuLimit: maybe(fc.integer({ min: 2000, max: 4000 })),
    omitCpuLimit: fc.constant(false),
    memoryRequest: fc.integer({ min: 16, max: 4096 }),
    memoryLimit: maybe(fc.integer({ min: 4096, max: 8192 })),
  }),
  fc.record({
    cpuRequest: fc.integer({ min: -10, max: 4000 }),
    cpuLimit: maybe(fc.integer({ min: -10, max: 4000 })),
    omitCpuLimit: fc.boolean(),
    memoryRequest: fc.integer({ min: 0, max: 8192 }),
    memoryLimit: maybe(fc.integer({ min: 0, max: 8192 })),
  }),
);

type ScalingSpec = typeof scalingSpec extends fc.Arbitrary<infer T> ? T : never;
type ResourcesSpec = typeof resourcesSpec extends fc.Arbitrary<infer T> ? T : never;

const makeScaling = (s: ScalingSpec): Scaling => (s.kind === 'fixed' ? Scaling.fixed(s.replicas) : Scaling.autoscale(s));
const makeResources = (r: ResourcesSpec): Resources => Resources.of({
  cpuRequest: Cpu.millis(r.cpuRequest),
  cpuLimit: r.cpuLimit === undefined ? undefined : Cpu.millis(r.cpuLimit),
  omitCpuLimit: r.omitCpuLimit,
  memoryRequest: Size.mebibytes(r.memoryRequest),
  memoryLimit: r.memoryLimit === undefined ? undefined : Size.mebibytes(r.memoryLimit),
});

const webServiceSpec = fc.record({
  name: maybe(mostly(dnsLabel, anyName)),
  image: imageRef,
  port,
  servicePort: maybe(port),
  serviceType: fc.constantFrom(ServiceType.CLUSTER_IP, ServiceType.NODE_PORT, ServiceType.LOAD_BALANCER),
  nodePort: maybe(mostly(fc.integer({ min: 30000, max: 32767 }), fc.integer({ min: 29990, max: 32800 })), 4),
  replicas: maybe(fc.integer({ min: -1, max: 5 }), 4),
  scaling: maybe(scalingSpec),
  resources: maybe(resourcesSpec),
  // 'own': probe the container's own port; a number: probe that port
  probePort: maybe(mostly(fc.constant<'own' | number>('own'), port), 4),
  rollout: maybe(mostly(
    fc.record({ maxSurge: fc.integer({ min: 1, max: 3 }), maxUnavailable: fc.integer({ min: 0, max: 3 }) }),
    fc.record({ maxSurge: fc.integer({ min: -1, max: 3 }), maxUnavailable: fc.integer({ min: -1, max: 3 }) }),
  ), 3),
  minAvailable: maybe(mostly(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 0, max: 6 })), 4),
  preStopDelay: maybe(seconds({ min: 0, max: 20 }, 400)),
  terminationGracePeriod: maybe(seconds({ min: 30, max: 120 }, 600)),
  revisionHistoryLimit: maybe(mostly(fc.integer({ min: 0, max: 100 }), fc.integer({ min: -1, max: 120 }))),
});

// ---- properties --------------------------------------------------------------------------

describe('property: WebService', () => {
  test('random props throw "<owner>: invalid <prop> <value>: <allowed>" or synthesize schema-valid objects that pass the policy', () => {
    const outcomes = { error: 0, built: 0 };
    fc.assert(fc.property(webServiceSpec, (spec) => {
      outcomes[libraryErrorOr(() => {
        const chart = Testing.chart();
        const props: WebServiceProps = {
          name: spec.name,
          image: ContainerImage.of(spec.image),
          port: spec.port,
          servicePort: spec.servicePort,
          serviceType: spec.serviceType,
          nodePort: spec.nodePort,
          replicas: spec.replicas,
          scaling: spec.scaling && makeScaling(spec.scaling),
          resources: spec.resources && makeResources(spec.resources),
          readiness: spec.probePort === undefined ? undefined : HealthProbe.tcp({ port: spec.probePort === 'own' ? spec.port : spec.probePort }),
          rollout: spec.rollout && Rollout.rolling(spec.rollout),
          disruptionBudget: spec.minAvailable === undefined ? undefined : DisruptionBudget.minAvailable(spec.minAvailable),
          preStopDelay: spec.preStopDelay === undefined ? undefined : Duration.seconds(spec.preStopDelay),
          terminationGracePeriod: spec.terminationGracePeriod === undefined ? undefined : Duration.seconds(spec.terminationGracePeriod),
          revisionHistoryLimit: spec.revisionHistoryLimit,
        };
        new WebService(chart, 'Web', props);
        AppValidation.apply(chart);
        return Testing.synth(chart) as KubeObject[];
      }, (objects) => {
        expect(objects.map(o => o.kind)).toEqual(expect.arrayContaining(['Deployment', 'Service']));
        checkSynthesizedObjects(objects);
      })]++;
    }), RUNS);
    // both branches are exercised (with seed 215: about half and half)
    expect(outcomes.error).toBeGreaterThan(0);
    expect(outcomes.built).toBeGreaterThan(0);
  });

  test('valid props always synthesize (the generator is not just producing errors)', () => {
    const valid = fc.record({ name: dnsLabel, port: fc.integer({ min: 1, max: 65535 }), replicas: fc.integer({ min: 0, max: 10 }) });
    fc.assert(fc.property(valid, ({ name, port: p, replicas }) => {
      const chart = Testing.chart();
      new WebService(chart, 'Web', { name, image: ContainerImage.of('nginx:1.27.0'), port: p, replicas });
      const objects = Testing.synth(chart) as KubeObject[];
      checkSynthesizedObjects(objects);
      expect(objects.find(o => o.kind === 'Deployment')?.spec.replicas).toBe(replicas);
    }), RUNS);
  });
});

describe('property: building blocks', () => {
  test('Scaling: an error in the library format, or min ≤ max within 0-1000', () => {
    const outcomes = { error: 0, built: 0 };
    fc.assert(fc.property(scalingSpec, (spec) => {
      outcomes[libraryErrorOr(() => makeScaling(spec), (s) => {
        expect(s.minReplicas).toBeLessThanOrEqual(s.maxReplicas);
        expect(s.minReplicas).toBeGreaterThanOrEqual(0);
        expect(s.maxReplicas).toBeLessThanOrEqual(1000);
      })]++;
    }), RUNS);
    // the generator reaches both branches: the property says something about valid input too
    expect(outcomes.built).toBeGreaterThan(0);
    expect(outcomes.error).toBeGreaterThan(0);
  });

  test('Resources: an error in the library format, or limits at least the requests', () => {
    const outcomes = { error: 0, built: 0 };
    fc.assert(fc.property(resourcesSpec, (spec) => {
      outcomes[libraryErrorOr(() => makeResources(spec), (r) => {
        if (r.cpuLimit) expect(r.cpuLimit.millis).toBeGreaterThanOrEqual(r.cpuRequest.millis);
        expect(r.cpuLimit === undefined).toBe(spec.omitCpuLimit);
        expect(r.memoryLimit.toMebibytes()).toBeGreaterThanOrEqual(r.memoryRequest.toMebibytes());
      })]++;
    }), RUNS);
    // the generator reaches both branches: the property says something about valid input too
    expect(outcomes.built).toBeGreaterThan(0);
    expect(outcomes.error).toBeGreaterThan(0);
  });

  test('ContainerImage: an error in the library format, or a pinned reference that round-trips', () => {
    const outcomes = { error: 0, built: 0 };
    fc.assert(fc.property(imageRef, (reference) => {
      outcomes[libraryErrorOr(() => ContainerImage.of(reference), (img) => {
        expect(img.toString()).toBe(reference);
        expect(img.pinned).toBe(true);
        expect(img.digest !== undefined || (img.tag !== undefined && img.tag !== 'latest')).toBe(true);
      })]++;
    }), RUNS);
    // the generator reaches both branches: the property says something about valid input too
    expect(outcomes.built).toBeGreaterThan(0);
    expect(outcomes.error).toBeGreaterThan(0);
  });

  test('Cpu: an error in the library format, or a positive whole number of millicores', () => {
    const outcomes = { error: 0, built: 0 };
    // arbitrary doubles (mostly not whole millicores) and quarter cores (always whole millicores, or ≤ 0)
    fc.assert(fc.property(fc.oneof(fc.double({ min: -2, max: 8, noNaN: true }), fc.integer({ min: -8, max: 32 }).map(k => k / 4)), (cores) => {
      outcomes[libraryErrorOr(() => Cpu.cores(cores), (cpu) => {
        expect(Number.isInteger(cpu.millis)).toBe(true);
        expect(cpu.millis).toBeGreaterThan(0);
      })]++;
    }), RUNS);
    // the generator reaches both branches: the property says something about valid input too
    expect(outcomes.built).toBeGreaterThan(0);
    expect(outcomes.error).toBeGreaterThan(0);
  });
});

describe('property: every public construct (bench/properties.ts; bench/fuzz.ts runs it longer)', () => {
  test.each(CONSTRUCT_PROPERTIES.map(p => [p.name, p] as const))(
    '%s: random props throw the library\'s error format or synthesize objects that pass the validation pass, each object once',
    (_name, p) => {
      const counts = checkConstructProperty(p, CONSTRUCT_RUNS, RUNS.seed);
      // the generator reaches both branches: the property says something about valid input too
      expect(counts.built).toBeGreaterThan(0);
      expect(counts.error).toBeGreaterThan(0);
    });
});
