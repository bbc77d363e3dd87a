import { App, Yaml } from 'cdk8s';
import * as fc from 'fast-check';
import { EXAMPLES } from '../../examples';
import { ENVIRONMENTS } from '../../src/environments';
import { buildEnvironment, synthChart } from '../../src/output/render';
import { stringifyManifests } from '../../src/output/yaml';

// stringifyManifests must write exactly what cdk8s' Yaml.stringify writes: the YAML is an API
// (snapshots, `kubectl diff`, Helm templates), only the time it takes may change.

const cdk8s = (docs: unknown[]) => Yaml.stringify(...docs);

/** Calls of Yaml.stringify made by `fn`, split into whole documents and single scalars. */
function libraryCalls(fn: () => void): { documents: number; scalars: unknown[] } {
  const spy = jest.spyOn(Yaml, 'stringify');
  try {
    fn();
    const args = spy.mock.calls.map(c => c[0]);
    return { documents: args.filter(a => a !== null && typeof a === 'object').length, scalars: args.filter(a => a === null || typeof a !== 'object') };
  } finally {
    spy.mockRestore();
  }
}

describe('stringifyManifests', () => {
  const charts = [
    ...Object.values(ENVIRONMENTS).map(env => [`environment ${env.name}`, () => synthChart(buildEnvironment(env).chart)] as const),
    ...Object.entries(EXAMPLES).map(([name, build]) => [`example ${name}`, () => synthChart(build(new App()))] as const),
  ];

  test.each(charts)('%s: identical to cdk8s Yaml.stringify, without the library writing a whole document', (_, synth) => {
    const objects = synth();
    let out = '';
    const calls = libraryCalls(() => { out = stringifyManifests(objects); });
    expect(out).toBe(cdk8s(objects));
    expect(calls.documents).toBe(0);
    // the library is asked only about scalars it has to judge ("5", "200m", "FALSE", ...), once each
    expect(calls.scalars.length).toBeGreaterThan(0);
    expect(new Set(calls.scalars).size).toBe(calls.scalars.length);
  });

  const tricky: Array<[string, unknown]> = [
    ...['yes', 'No', 'ON', 'off', 'y', 'N', 'true', 'False', 'null', 'NULL', '~', '', ' lead', 'trail ', 'a: b', 'a:', 'a #b', '#x',
      '-', '- x', '--x', '---', '--- x', '...', '%x', '@x', '`x', '!x', '&x', '*x', '|x', '>x', '?x', '? x', '[x', '{x', 'x]',
      'e5', 'E1', 'e+5', 'e-10', 'e05', 'e2', 'E', 'ex5', '1.0', '1.4.0', '0x1F', '0o17', '017', '1_000', '12:30', '1:20:30.5', '2001-12-14', '2001-12-14t21:59:43.10-05:00', '.inf', '-.Inf', '.NaN',
      '=', '<<', 'a\nb', 'a\n', '\nb', 'a\n\nb', 'a\r\nb', 'tab\tx', 'quote"s', "it's", '"both\' ', 'é', '🧀', '\u0000', '\u007f', '\\x',
      'x'.repeat(2000), 'http://x.y/z?a=b&c', 'a,b', 'a b c', 'A_B', '/api/v2/heartbeat', 'chromadb/chroma:1.4.0', 'sha256:abc'].map(s => [JSON.stringify(s), s] as [string, unknown]),
    ['numbers', { a: 0, b: -0, c: 1.5, d: 1e21, e: -1, f: 2 ** 60, g: Number.MAX_SAFE_INTEGER, h: 0.1 + 0.2, i: NaN, j: Infinity }],
    ['booleans and null', { t: true, f: false, n: null }],
    // one odd key per document: the first one a document cannot take sends all of it to the library
    ...['on', 'a b', '8000', '', 'k'.repeat(1024), 'k'.repeat(1025), 'a: b', '-x', 'x:'].map(key =>
      [`key ${JSON.stringify(key.length > 20 ? `${key.slice(0, 3)}...(${key.length})` : key)}`, { a: 1, [key]: { b: [key] } }] as [string, unknown]),
    ['nesting', { seqOfSeq: [[1, 2], [], [[3]]], empty: { m: {}, s: [] }, items: [{}, [], { a: [{ b: { c: [1] } }] }], deep: { a: { b: { c: { d: 'e' } } } } }],
    ['a multi-line value deep inside', { spec: { containers: [{ args: ['-c', 'set -e\nwait\n'] }] } }],
    ['undefined inside', { a: undefined, b: 1 }],
    ['a Date', { at: new Date(0) }],
  ];

  test.each(tricky)('%s: identical to cdk8s Yaml.stringify', (_, value) => {
    const docs = [value !== null && typeof value === 'object' ? value : { metadata: { name: value }, data: [value, { k: value }] }];
    expect(stringifyManifests(docs)).toBe(cdk8s(docs));
  });

  test('shared and cyclic references, and objects the library serializes its own way, are written as cdk8s writes them', () => {
    const shared = { a: 1 };
    const empty: unknown[] = [];
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    const withToJson = Object.create(null, { toJSON: { value: () => 'x' }, a: { value: 1, enumerable: true } });
    const iterable = { a: 1, *[Symbol.iterator]() { yield 'z'; } };
    class Custom { public readonly a = 1; }
    const docs = [
      { p: shared, q: shared }, { p: empty, q: empty }, { list: [shared, shared] }, cyclic, { m: withToJson }, { m: iterable }, { m: new Custom() },
    ];
    for (const doc of docs) {
      expect(stringifyManifests([doc])).toBe(cdk8s([doc]));
    }
    // the same object in two documents is no alias: each document stands alone
    expect(stringifyManifests([{ p: shared }, { q: shared }])).toBe(cdk8s([{ p: shared }, { q: shared }]));
  });

  test('documents that are not objects, empty or missing are written as cdk8s writes them', () => {
    const docs = [undefined, {}, [], [1, 'a'], 'text', 5, null, { kind: 'ConfigMap' }];
    expect(stringifyManifests(docs)).toBe(cdk8s(docs));
    expect(stringifyManifests([])).toBe('');
  });

  test('random JSON documents are identical to cdk8s Yaml.stringify', () => {
    // strings from an alphabet full of YAML indicators, so quoting decisions are exercised
    const text = fc.oneof(
      fc.string({ unit: fc.constantFrom(...'aeEZ09_-+./:@ #\'"!&*|>?%[]{},=+~\n\t\\é'.split('')), maxLength: 12 }),
      fc.constantFrom('yes', 'no', 'on', 'null', '1.0', '0x10', '12:30', '2001-12-14', '---', '...', '.inf', '-', '- a'),
      fc.string(),
    );
    const json = fc.letrec(tie => ({
      value: fc.oneof({ depthSize: 'small' }, text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), tie('list'), tie('map')),
      list: fc.array(tie('value'), { maxLength: 4 }),
      map: fc.dictionary(text, tie('value'), { maxKeys: 4 }),
    }));
    fc.assert(fc.property(fc.array(json.map, { maxLength: 3 }), docs => {
      expect(stringifyManifests(docs)).toBe(cdk8s(docs));
    }), { numRuns: 400, seed: 215 });
  });
});
