import { Yaml } from 'cdk8s';

/*
 * Manifests to YAML, byte for byte what cdk8s' `Yaml.stringify` writes (the `yaml` library, YAML 1.1,
 * no line folding), in a fraction of the time: the library builds a document tree per object, which
 * was a fifth of a synth. Here the block structure is written directly and every decision about a
 * scalar that is not trivially plain is still made by the library (one call per distinct value);
 * anything unusual (multi-line or document-marker strings, odd keys, non-JSON values) sends the whole
 * object to the library. test/output/yaml.test.ts checks equality on every synthesized output and on
 * random documents.
 */

/** Strings the library always writes plain: no indicator first, no ': ', ' #' or trailing space, nothing numeric. */
const PLAIN = /^[A-Za-z_/][\w./@=+-]*(?:[ :][\w./@=+-]+)*$/;
/**
 * Plain-looking strings YAML 1.1 reads as something else: booleans and null (`yes`, `On`, `NULL`...)
 * and exponent-only floats (`e5`, `E+10`); the library decides how to quote them.
 */
const RESERVED = /^(?:y|n|yes|no|true|false|on|off|null|e[-+]?\d+)$/i;
/** Longest implicit key YAML allows. */
const MAX_KEY = 1024;

/** Thrown inside the fast path when an object needs the library's whole-document writer. */
class NeedsLibrary extends Error {}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** State of one call: the output, the library's verdicts on scalars, the collections of the current document. */
interface Writer {
  readonly out: string[];
  readonly scalars: Map<unknown, string>;
  readonly seen: Set<object>;
}

/**
 * Multi-document YAML of `docs` (separated by `---`), identical to cdk8s `Yaml.stringify(...docs)`.
 */
export function stringifyManifests(docs: readonly unknown[]): string {
  const scalars = new Map<unknown, string>();
  return docs.map(doc => {
    if (doc === undefined) return '\n';
    if (kind(doc) !== 'map' || Object.keys(doc as object).length === 0) return Yaml.stringify(doc);
    const w: Writer = { out: [], scalars, seen: new Set() };
    try {
      writeMap(w, doc as Record<string, Json>, '');
      return w.out.join('');
    } catch (e) {
      if (e instanceof NeedsLibrary) return Yaml.stringify(doc);
      throw e;
    }
  }).join('---\n');
}

/**
 * What the library makes of a value: a plain object is a map, an array a sequence. Objects it would
 * serialize its own way (`toJSON`, an iterator, another prototype) are `other`.
 */
function kind(v: unknown): 'map' | 'seq' | 'scalar' | 'other' {
  if (v === null || typeof v !== 'object') return 'scalar';
  if (Array.isArray(v)) return 'seq';
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return 'other';
  if (typeof (v as { toJSON?: unknown }).toJSON === 'function' || Symbol.iterator in v) return 'other';
  return 'map';
}

/** Registers a collection of the document: one met twice (shared or cyclic) becomes an anchor and an alias in the library's output. */
function enter(w: Writer, collection: object): void {
  if (w.seen.has(collection)) throw new NeedsLibrary();
  w.seen.add(collection);
}

/** Writes the entries of a non-empty map, each at `indent` (the first one without it when `first` is set). */
function writeMap(w: Writer, map: Record<string, Json>, indent: string, first = false): void {
  enter(w, map);
  let lead = !first;
  for (const key of Object.keys(map)) {
    if (key.length > MAX_KEY || !PLAIN.test(key) || RESERVED.test(key)) throw new NeedsLibrary();
    w.out.push(lead ? `${indent}${key}:` : `${key}:`);
    lead = true;
    writeValue(w, map[key], indent);
  }
}

/** Writes what follows `key:` for a value of a map whose keys sit at `indent`. */
function writeValue(w: Writer, value: Json, indent: string): void {
  switch (kind(value)) {
    case 'seq':
      if ((value as Json[]).length === 0) {
        enter(w, value as Json[]);
        w.out.push(' []\n');
      } else {
        w.out.push('\n');
        writeSeq(w, value as Json[], `${indent}  `);
      }
      return;
    case 'map':
      if (Object.keys(value as object).length === 0) {
        enter(w, value as object);
        w.out.push(' {}\n');
      } else {
        w.out.push('\n');
        writeMap(w, value as Record<string, Json>, `${indent}  `);
      }
      return;
    case 'scalar':
      w.out.push(` ${scalar(w, value)}\n`);
      return;
    default:
      throw new NeedsLibrary();
  }
}

/** Writes a non-empty sequence whose dashes sit at `indent`. */
function writeSeq(w: Writer, seq: Json[], indent: string): void {
  enter(w, seq);
  for (const item of seq) {
    switch (kind(item)) {
      case 'seq':
        if ((item as Json[]).length > 0) throw new NeedsLibrary(); // `- - x`: rare, left to the library
        enter(w, item as Json[]);
        w.out.push(`${indent}- []\n`);
        break;
      case 'map':
        if (Object.keys(item as object).length === 0) {
          enter(w, item as object);
          w.out.push(`${indent}- {}\n`);
        } else {
          w.out.push(`${indent}- `);
          writeMap(w, item as Record<string, Json>, `${indent}  `, true);
        }
        break;
      case 'scalar':
        w.out.push(`${indent}- ${scalar(w, item)}\n`);
        break;
      default:
        throw new NeedsLibrary();
    }
  }
}

/** A scalar as the library writes it in block context; the library decides everything but trivial cases. */
function scalar(w: Writer, value: unknown): string {
  switch (typeof value) {
    case 'string':
      if (PLAIN.test(value) && !RESERVED.test(value)) return value;
      break;
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (Number.isSafeInteger(value) && !Object.is(value, -0)) return String(value);
      break;
    default:
      if (value !== null) throw new NeedsLibrary();
  }
  let text = w.scalars.get(value);
  if (text === undefined) {
    // Multi-line strings become block scalars and strings starting with a document marker are written
    // differently at the top level: both depend on where they sit, so the whole object goes to the library.
    if (typeof value === 'string' && (value.includes('\n') || value.includes('\r') || /^(?:%|---|\.\.\.)/.test(value))) {
      throw new NeedsLibrary();
    }
    text = Yaml.stringify(value).slice(0, -1);
    if (text.includes('\n')) throw new NeedsLibrary(); // a block scalar (`|-` header + lines) or folded output
    w.scalars.set(value, text);
  }
  return text;
}
