// A validator for the OpenAPI v3 subset that Kubernetes structural schemas (CRDs) may use: type,
// nullable, enum, pattern, length/item/property bounds, minimum/maximum, required, properties,
// additionalProperties, items, allOf/anyOf/oneOf/not and x-kubernetes-int-or-string /
// preserve-unknown-fields. It interprets the schema directly: no compilation step, so checking a
// few objects costs microseconds (ajv needed ~0.2 s to load and up to 0.5 s to compile one CRD).
import { at, key, Report } from './types';

const patterns = new Map<string, RegExp | null>();

/** The schema's pattern as a JS RegExp; null when RE2 syntax JS cannot read (not checked then). */
function regex(pattern: string): RegExp | null {
  if (!patterns.has(pattern)) {
    let re: RegExp | null;
    try {
      re = new RegExp(pattern, 'u');
    } catch {
      re = null;
    }
    patterns.set(pattern, re);
  }
  return patterns.get(pattern)!;
}

function typeOk(type: string, value: unknown): boolean {
  switch (type) {
    case 'object': return value !== null && typeof value === 'object' && !Array.isArray(value);
    case 'array': return Array.isArray(value);
    case 'string': return typeof value === 'string';
    case 'integer': return typeof value === 'number' && Number.isInteger(value);
    case 'number': return typeof value === 'number' && Number.isFinite(value);
    case 'boolean': return typeof value === 'boolean';
    default: return true;
  }
}

/** Whether `value` passes `schema` (no findings recorded). */
function passes(schema: any, value: unknown): boolean {
  let ok = true;
  checkSchema(schema, value, '', () => {
    ok = false;
  });
  return ok;
}

/** Records a finding at `path` for every rule of `schema` that `value` breaks. */
export function checkSchema(schema: any, value: unknown, path: string, report: Report): void {
  if (!schema || typeof schema !== 'object' || value === undefined) return;
  if (value === null) {
    if (!schema.nullable && schema.type) report(path, value, `a ${schema.type} (the field is not nullable)`);
    return;
  }
  if (schema['x-kubernetes-int-or-string']) {
    if (!(typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value)))) report(path, value, 'an integer or a string');
    return;
  }
  if (schema.type && !typeOk(schema.type, value)) {
    report(path, value, `a value of type ${schema.type}`);
    return;
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) report(path, value, `one of ${schema.enum.map((v: unknown) => JSON.stringify(v)).join(', ')}`);
  if (typeof value === 'string') checkString(schema, value, path, report);
  if (typeof value === 'number') checkNumber(schema, value, path, report);
  if (Array.isArray(value)) checkArray(schema, value, path, report);
  else if (typeof value === 'object') checkObject(schema, value as Record<string, unknown>, path, report);
  for (const sub of schema.allOf ?? []) checkSchema(sub, value, path, report);
  if (Array.isArray(schema.anyOf) && !schema.anyOf.some((s: any) => passes(s, value))) report(path, value, 'a value that matches one of the alternatives of its schema (anyOf)');
  if (Array.isArray(schema.oneOf) && schema.oneOf.filter((s: any) => passes(s, value)).length !== 1) report(path, value, 'a value that matches exactly one alternative of its schema (oneOf)');
  if (schema.not && passes(schema.not, value)) report(path, value, 'a value that does not match the schema\'s "not" clause');
}

function checkString(schema: any, value: string, path: string, report: Report): void {
  const length = [...value].length;
  if (typeof schema.minLength === 'number' && length < schema.minLength) report(path, value, `at least ${schema.minLength} characters`);
  if (typeof schema.maxLength === 'number' && length > schema.maxLength) report(path, value, `at most ${schema.maxLength} characters`);
  const re = typeof schema.pattern === 'string' ? regex(schema.pattern) : null;
  if (re && !re.test(value)) report(path, value, `a value matching ${schema.pattern}`);
}

function checkNumber(schema: any, value: number, path: string, report: Report): void {
  if (typeof schema.minimum === 'number' && (schema.exclusiveMinimum === true ? value <= schema.minimum : value < schema.minimum)) {
    report(path, value, `a number ${schema.exclusiveMinimum === true ? '>' : '≥'} ${schema.minimum}`);
  }
  if (typeof schema.maximum === 'number' && (schema.exclusiveMaximum === true ? value >= schema.maximum : value > schema.maximum)) {
    report(path, value, `a number ${schema.exclusiveMaximum === true ? '<' : '≤'} ${schema.maximum}`);
  }
  if (typeof schema.multipleOf === 'number' && value % schema.multipleOf !== 0) report(path, value, `a multiple of ${schema.multipleOf}`);
}

function checkArray(schema: any, value: unknown[], path: string, report: Report): void {
  if (typeof schema.minItems === 'number' && value.length < schema.minItems) report(path, `${value.length} items`, `at least ${schema.minItems} items`);
  if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) report(path, `${value.length} items`, `at most ${schema.maxItems} items`);
  const set = schema.uniqueItems === true || schema['x-kubernetes-list-type'] === 'set';
  if (set && new Set(value.map(v => JSON.stringify(v))).size !== value.length) report(path, value, 'items without duplicates');
  if (schema.items) value.forEach((item, i) => checkSchema(schema.items, item, at(path, i), report));
}

function checkObject(schema: any, value: Record<string, unknown>, path: string, report: Report): void {
  const keys = Object.keys(value);
  if (typeof schema.minProperties === 'number' && keys.length < schema.minProperties) report(path, value, `at least ${schema.minProperties} fields`);
  if (typeof schema.maxProperties === 'number' && keys.length > schema.maxProperties) report(path, value, `at most ${schema.maxProperties} fields`);
  for (const field of schema.required ?? []) {
    if (value[field] === undefined) report(key(path, field), undefined, 'a value (the field is required)');
  }
  const properties = schema.properties ?? {};
  for (const k of keys) {
    if (Object.prototype.hasOwnProperty.call(properties, k)) {
      checkSchema(properties[k], value[k], key(path, k), report);
    } else if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
      checkSchema(schema.additionalProperties, value[k], key(path, k), report);
    } else if (schema.properties && schema.additionalProperties !== true && !schema['x-kubernetes-preserve-unknown-fields']) {
      // kubectl's field validation is Strict by default: an unknown field fails the apply
      report(key(path, k), value[k] === undefined ? undefined : '…', `a field the schema declares (${Object.keys(properties).join(', ')})`);
    }
  }
}
