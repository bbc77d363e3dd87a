// The promise of the library as properties over random props of every public construct, shared by
// test/property.test.ts (few runs, fixed seed, part of `npm test`) and bench/fuzz.ts (many runs):
// synth either throws the library's error format (a construct path and `invalid`, or a policy
// `[CHEESE-…]` finding) or emits objects that pass the whole-app validation pass, with no two
// objects of one kind/namespace/name. Plain `throw`s, no jest: the soak runs outside jest.
import { Chart, Size, Testing } from 'cdk8s';
// a repository tool (jest and the CI soak), never part of the package: fast-check is a devDependency
// eslint-disable-next-line import/no-extraneous-dependencies
import * as fc from 'fast-check';
import {
  ApiRouting, ApiService, AppConfig, CheeseApp, CheeseIngress, ContainerImage, Cpu, EnvValue, IngressController, IngressTls,
  PersistentClaim, Resources, Scaling, VectorDb, WebService,
} from '../src';
import { KubeObject } from '../src/core/manifest';
import { AppValidation, validateObjects } from '../src/validation';
import { identity } from '../src/validation/unique';

/** Construct-time errors: `<owner>: invalid <prop> <value>: <allowed>`. */
export const CONSTRUCT_ERROR = /^\S+: invalid \S.* \S.*: \S/s;

/**
 * Synth-time errors: cdk8s' "Validation failed" list of validation-pass findings (`<path> (<Kind>/<name>): invalid …`),
 * construct validations (`<path>: invalid …`, e.g. AppConfig's size, AppNetwork's peer names) or policy findings,
 * each naming a construct path.
 */
export const SYNTH_ERROR = /^Validation failed with the following errors:\n( {2}\[[^\]]*\] (\S+( \([^)]+\))?: invalid \S.*: \S.*|\[CHEESE-[A-Z0-9]+\] \S+ \([^)]+\): \S.*)(\n|$))+$/;

/** Outcome of one generated case. */
export type Outcome = 'error' | 'built';

/** Runs `build`: a library-format error is 'error'; anything else thrown fails; built objects must be valid and unique. */
export function errorOrValid(build: () => KubeObject[]): Outcome {
  let objects: KubeObject[];
  try {
    objects = build();
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (e instanceof Error && (CONSTRUCT_ERROR.test(message) || SYNTH_ERROR.test(message))) return 'error';
    throw new Error(`not the library's error format (no construct path, or no 'invalid'):\n${message}`);
  }
  const findings = validateObjects(objects);
  if (findings.length > 0) throw new Error(`synthesized objects fail the validation pass: ${JSON.stringify(findings.slice(0, 3))}`);
  const ids = objects.map(identity);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate) throw new Error(`two objects share kind/namespace/name ${duplicate}`);
  return 'built';
}

/** Valid 9 times in 10, so that a combination of many props still synthesizes often. */
const mostly = <T>(valid: fc.Arbitrary<T>, wild: fc.Arbitrary<T>): fc.Arbitrary<T> =>
  fc.oneof({ arbitrary: valid, weight: 9 }, { arbitrary: wild, weight: 1 });
/** Present once in `oneIn` cases (default: half the time), else undefined. */
const maybe = <T>(arb: fc.Arbitrary<T>, oneIn = 2): fc.Arbitrary<T | undefined> =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: oneIn - 1 }, { arbitrary: arb, weight: 1 });

const dnsLabel = fc.stringMatching(/^[a-z]([-a-z0-9]{0,14}[a-z0-9])?$/);
/** Names from the cases and random strings: too long for labels, DNS-1035, dots, odd characters. */
const wildName = fc.oneof(
  fc.constantFrom('9lives', '3d', 'a'.repeat(60), 'b'.repeat(250), 'a.b', 'Web', 'web_1', '-web', '', 'x'.repeat(53), 'constructor'),
  fc.string({ maxLength: 70 }),
);
const name = mostly(dnsLabel, wildName);
const wildPath = fc.constantFrom('/api//v1', '/api/..', '/api%2Fv1', '/api/.', '#', '/caf\u00e9', '/a b', 'api', '/x;$(id)', '/a?b=1&c=2');
const path = mostly(fc.constantFrom('/api-service', '/api', '/v1/api', '/'), wildPath);
const host = mostly(fc.constantFrom('cheese.example.com', '34.1.2.3.sslip.io', 'app.shop.dev'),
  fc.oneof(fc.constantFrom('localhost', 'cheese', 'x.example.1com', '*.example.com', '1.2.3.4', 'Cheese.com', 'a..b'), fc.string({ maxLength: 30 })));
// cdk8s' Size itself refuses negative amounts (before any library code runs)
const gib = mostly(fc.integer({ min: 1, max: 500 }), fc.constantFrom(0, 0.5, 1e-9, Infinity, NaN, 1e21));
/** Markers of huge values, expanded in `build` so that counterexamples stay readable. */
const HUGE = '<huge>';
const expand = (v: string | undefined, size: number) => (v === HUGE ? 'x'.repeat(size) : v);
const dataKey = mostly(fc.stringMatching(/^[A-Z][A-Z0-9_]{0,10}$/),
  fc.oneof(fc.constantFrom('.', '..', '..x', 'a/b', 'has space', 'constructor', 'toString', 'x'.repeat(254)), fc.string({ maxLength: 12 })));
const data = maybe(fc.dictionary(dataKey, mostly(fc.string({ maxLength: 20 }), fc.constant(HUGE)), { maxKeys: 3 }));
/** ConfigMap data with HUGE values over 1 MiB. */
const expandData = (d: Record<string, string> | undefined) => d && Object.fromEntries(Object.entries(d).map(([k, v]) => [k, expand(v, 1100000)!]));
const image = ContainerImage.of('nginx:1.27.0');
const small = () => Resources.of({ cpuRequest: Cpu.millis(100), memoryRequest: Size.mebibytes(128) });

/** A chart in a fresh App with the whole-app pass applied. */
function chart(): Chart {
  const c = Testing.chart();
  AppValidation.apply(c);
  return c;
}

/** Ingress routing of the API. */
const routing = fc.oneof(path.map(p => ({ kind: 'rootPath' as const, p })), path.map(p => ({ kind: 'rewrite' as const, p: p.endsWith('/') ? p : `${p}/` })));
const makeRouting = (r: { kind: 'rootPath' | 'rewrite'; p: string }) => (r.kind === 'rootPath' ? ApiRouting.rootPath(r.p) : ApiRouting.rewrite(r.p));

/** One property: an arbitrary of props and how to synthesize them. */
export interface ConstructProperty<T = any> {
  /** The construct under test. */
  readonly name: string;
  /** Random props. */
  readonly arbitrary: fc.Arbitrary<T>;
  /** Builds and synthesizes one case. */
  readonly build: (spec: T) => KubeObject[];
}

const property = <T>(p: ConstructProperty<T>): ConstructProperty<T> => p;

/** Every public construct of the library, with random props. */
export const CONSTRUCT_PROPERTIES: readonly ConstructProperty[] = [
  property({
    name: 'CheeseApp',
    arbitrary: fc.record({
      namespace: maybe(name),
      instance: maybe(name),
      host: maybe(host),
      routing: maybe(routing),
      gce: fc.boolean(),
      tlsSecret: maybe(mostly(dnsLabel, wildName)),
      configData: data,
      configRevision: maybe(mostly(fc.constantFrom('r1', '2025-01-01'), fc.constantFrom(HUGE, '', ' '))),
      apiStorage: maybe(gib),
      vectorDbStorage: maybe(gib),
      loader: fc.boolean(),
    }),
    build: (s) => {
      const c = new CheeseApp(Testing.app(), 'cheese', {
        namespace: s.namespace,
        instance: s.instance,
        host: s.host,
        apiRouting: s.routing && makeRouting(s.routing),
        ingressController: s.gce ? IngressController.gce({ staticIpName: 'cheese-ip' }) : undefined,
        gcpProject: 'ac215-project',
        tls: s.tlsSecret === undefined ? undefined : IngressTls.fromSecret(s.tlsSecret),
        configData: expandData(s.configData),
        configRevision: expand(s.configRevision, 262200),
        apiStorage: s.apiStorage === undefined ? undefined : Size.gibibytes(s.apiStorage),
        vectorDbStorage: s.vectorDbStorage === undefined ? undefined : Size.gibibytes(s.vectorDbStorage),
        loader: s.loader,
      });
      return Testing.synth(c) as KubeObject[];
    },
  }),
  property({
    name: 'WebService (added to a CheeseApp)',
    arbitrary: fc.record({ name: maybe(name), port: mostly(fc.integer({ min: 1, max: 65535 }), fc.integer({ min: -1, max: 70000 })), id: fc.constantFrom('Extra', '3D', 'Web') }),
    build: (s) => {
      const c = new CheeseApp(Testing.app(), 'cheese');
      new WebService(c, s.id, { name: s.name, image, port: s.port, resources: small(), scaling: Scaling.fixed(1) });
      return Testing.synth(c) as KubeObject[];
    },
  }),
  property({
    name: 'VectorDb',
    arbitrary: fc.record({
      name: maybe(name),
      claimName: maybe(name),
      port: maybe(mostly(fc.integer({ min: 1, max: 65535 }), fc.integer({ min: -5, max: 70000 }))),
      storage: maybe(gib),
      dataPath: maybe(path),
      heartbeatPath: maybe(path),
    }),
    build: (s) => {
      const c = chart();
      new VectorDb(c, 'VectorDb', { ...s, storage: s.storage === undefined ? undefined : Size.gibibytes(s.storage) });
      return Testing.synth(c) as KubeObject[];
    },
  }),
  property({
    name: 'ApiService',
    arbitrary: fc.record({
      name: maybe(name),
      rootPath: maybe(path),
      healthPath: maybe(path),
      vectorDbName: maybe(name),
      env: maybe(fc.dictionary(dataKey, fc.string({ maxLength: 8 }), { maxKeys: 2 })),
    }),
    build: (s) => {
      const c = chart();
      const config = new AppConfig(c, 'Config', { gcpProject: 'ac215-project' });
      const vectorDb = new VectorDb(c, 'VectorDb', { name: s.vectorDbName });
      const env = s.env && Object.fromEntries(Object.entries(s.env).map(([k, v]) => [k, EnvValue.literal(v)]));
      new ApiService(c, 'Api', {
        image, vectorDb, config, name: s.name, rootPath: s.rootPath, healthPath: s.healthPath, resources: small(), scaling: Scaling.fixed(1), env,
      });
      return Testing.synth(c) as KubeObject[];
    },
  }),
  property({
    name: 'AppConfig',
    arbitrary: fc.record({ name: maybe(name), gcpProject: mostly(fc.constantFrom('ac215-project', 'p-1'), fc.string({ maxLength: 10 })), data }),
    build: (s) => {
      const c = chart();
      new AppConfig(c, 'Config', { ...s, data: expandData(s.data) });
      return Testing.synth(c) as KubeObject[];
    },
  }),
  property({
    name: 'PersistentClaim',
    arbitrary: fc.record({ name, storage: gib, storageClassName: maybe(mostly(fc.constantFrom('standard-rwo', 'premium-rwo'), wildName)) }),
    build: (s) => {
      const c = chart();
      new PersistentClaim(c, 'Claim', { name: s.name, storage: Size.gibibytes(s.storage), storageClassName: s.storageClassName });
      return Testing.synth(c) as KubeObject[];
    },
  }),
  property({
    name: 'CheeseIngress',
    arbitrary: fc.record({ name: maybe(name), host, routing: maybe(routing), gce: fc.boolean(), tlsSecret: maybe(mostly(dnsLabel, wildName)) }),
    build: (s) => {
      const c = chart();
      const frontend = new WebService(c, 'Frontend', { name: 'frontend', image, port: 3000, resources: small(), scaling: Scaling.fixed(1) });
      const api = new WebService(c, 'Api', { name: 'api', image, port: 9000, resources: small(), scaling: Scaling.fixed(1) });
      new CheeseIngress(c, 'Ingress', {
        name: s.name,
        host: s.host,
        frontend,
        api,
        apiRouting: s.routing && makeRouting(s.routing),
        controller: s.gce ? IngressController.gce({ staticIpName: 'cheese-ip' }) : undefined,
        tls: s.tlsSecret === undefined ? undefined : IngressTls.fromSecret(s.tlsSecret),
      });
      return Testing.synth(c) as KubeObject[];
    },
  }),
];

/** Runs one construct property `numRuns` times from `seed`; returns how often each branch was taken. Throws on a counterexample. */
export function checkConstructProperty(p: ConstructProperty, numRuns: number, seed: number): Record<Outcome, number> {
  const counts = { error: 0, built: 0 };
  fc.assert(fc.property(p.arbitrary, spec => {
    counts[errorOrValid(() => p.build(spec))]++;
  }), { numRuns, seed });
  return counts;
}
