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
/** Words YAML 1.1 reads as booleans or null (`yes`, `On`, `NULL`, ...): the library decides how to quote them. */
const RESERVED = /^(?:y|n|yes|no|true|false|on|off|null)$/i;
/** Longest implicit key YAML allows. */
const MAX_KEY = 1024;

/** Thrown inside the fast path when an object needs the library's whole-document writer. */
class NeedsLibrary extends Error {}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/**
 * Multi-document YAML of `docs` (separated by `---`), identical to cdk8s `Yaml.stringify(...docs)`.
 */
export function stringifyManifests(docs: readonly unknown[]): string {
  const scalars = new Map<unknown, string>();
  return docs.map(doc => {
    if (doc === undefined) return '\n';
    if (!isPlainObject(doc) || Object.keys(doc).length === 0) return Yaml.stringify(doc);
    try {
      const out: string[] = [];
      writeMap(doc as Record<string, Json>, '', out, scalars);
      return out.join('');
    } catch (e) {
      if (e instanceof NeedsLibrary) return Yaml.stringify(doc);
      throw e;
    }
  }).join('---\n');
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Writes the entries of a non-empty map, each at `indent` (the first one without it when `first` is set). */
function writeMap(map: Record<string, Json>, indent: string, out: string[], scalars: Map<unknown, string>, first = false): void {
  let lead = !first;
  for (const key of Object.keys(map)) {
    if (key.length > MAX_KEY || !PLAIN.test(key) || RESERVED.test(key)) throw new NeedsLibrary();
    out.push(lead ? `${indent}${key}:` : `${key}:`);
    lead = true;
    writeValue(map[key], indent, out, scalars);
  }
}

/** Writes what follows `key:` for a value of a map whose keys sit at `indent`. */
function writeValue(value: Json, indent: string, out: string[], scalars: Map<unknown, string>): void {
  if (Array.isArray(value)) {
    if (value.length === 0) {
      out.push(' []\n');
      return;
    }
    out.push('\n');
    writeSeq(value, `${indent}  `, out, scalars);
  } else if (isPlainObject(value)) {
    if (Object.keys(value).length === 0) {
      out.push(' {}\n');
      return;
    }
    out.push('\n');
    writeMap(value as Record<string, Json>, `${indent}  `, out, scalars);
  } else {
    out.push(` ${scalar(value, scalars)}\n`);
  }
}

/** Writes a non-empty sequence whose dashes sit at `indent`. */
function writeSeq(seq: Json[], indent: string, out: string[], scalars: Map<unknown, string>): void {
  for (const item of seq) {
    if (Array.isArray(item)) {
      if (item.length > 0) throw new NeedsLibrary(); // `- - x`: rare, left to the library
      out.push(`${indent}- []\n`);
    } else if (isPlainObject(item)) {
      if (Object.keys(item).length === 0) {
        out.push(`${indent}- {}\n`);
      } else {
        out.push(`${indent}- `);
        writeMap(item as Record<string, Json>, `${indent}  `, out, scalars, true);
      }
    } else {
      out.push(`${indent}- ${scalar(item, scalars)}\n`);
    }
  }
}

/** A scalar as the library writes it in block context; the library decides everything but trivial cases. */
function scalar(value: unknown, scalars: Map<unknown, string>): string {
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
  let text = scalars.get(value);
  if (text === undefined) {
    // Multi-line strings become block scalars and strings starting with a document marker are written
    // differently at the top level: both depend on where they sit, so the whole object goes to the library.
    if (typeof value === 'string' && (value.includes('\n') || value.includes('\r') || /^(?:%|---|\.\.\.)/.test(value))) {
      throw new NeedsLibrary();
    }
    text = Yaml.stringify(value).slice(0, -1);
    if (text.includes('\n') || /^[|>]/.test(text)) throw new NeedsLibrary();
    scalars.set(value, text);
  }
  return text;
}
