import { ApiObject, Lazy } from 'cdk8s';
import { IConstruct } from 'constructs';
import { ALL_RULES } from './rules';
import { compare } from '../core/order';

/** Annotation that lists, on every synthesized object, the policy rules suppressed for it and why. */
export const SUPPRESSIONS_ANNOTATION = 'policy.cheese-k8s.io/suppressions';

/** Shortest accepted suppression reason, in visible characters (whitespace, control and format characters do not count). */
export const MIN_REASON_LENGTH = 10;

// whitespace of every kind, control and format characters (zero-width spaces and joiners, U+2060, BOM), Hangul fillers, braille blank
const INVISIBLE = /[\s\p{Cc}\p{Cf}\p{Z}\u115F\u1160\u3164\uFFA0\u2800]/gu;
// a separator (';' or a look-alike) followed by '<token>:' would read as another `RULE: reason` entry of the annotation
const FORGED_ENTRY = /[;\u037E\uFE54\uFF1B]\s*[^\s;:\u037E\uFE54\uFF1B]+\s*[:\uFE55\uFF1A]/u;

/** The number of visible characters of a reason (code points, invisible ones left out). */
export function visibleLength(reason: string): number {
  return [...reason.replace(INVISIBLE, '')].length;
}

/** One suppression in effect for a construct. */
export interface Suppression {
  /** The suppressed rule, e.g. `CHEESE-RES2`. */
  readonly ruleId: string;
  /** Why the rule does not apply. */
  readonly reason: string;
  /** Path of the construct the suppression was added on (the object itself or an ancestor). */
  readonly scopePath: string;
}

const store = new WeakMap<IConstruct, Map<string, string>>();
const annotated = new WeakSet<ApiObject>();
const customRuleIds = new Set<string>();

function knownRuleIds(): string[] {
  return [...ALL_RULES.map(r => r.id), ...[...customRuleIds].sort()];
}

/** One line per rule: `CHEESE-A: reason; CHEESE-B: reason`, sorted by rule ID, whitespace collapsed. */
function render(suppressions: readonly Suppression[]): string | undefined {
  if (suppressions.length === 0) return undefined;
  return suppressions.map(s => `${s.ruleId}: ${s.reason.replace(/\s+/g, ' ')}`).join('; ');
}

function ensureAnnotated(apiObject: ApiObject): void {
  if (annotated.has(apiObject)) return;
  annotated.add(apiObject);
  // Lazy: suppressions added after this call (on this object or any ancestor) still show up.
  apiObject.metadata.addAnnotation(SUPPRESSIONS_ANNOTATION, Lazy.any({ produce: () => render(Suppressions.of(apiObject)) }));
}

function annotateBeneath(scope: IConstruct): void {
  for (const child of scope.node.findAll()) {
    if (ApiObject.isApiObject(child)) ensureAnnotated(child);
  }
}

/**
 * Suppressions of policy rules, cdk-nag style: explicit, per construct, always with a reason.
 *
 * A suppression added on a construct applies to every ApiObject beneath it, including ones
 * created later. Each affected object carries the {@link SUPPRESSIONS_ANNOTATION} annotation
 * so reviewers see the suppression and its reason in the synthesized YAML.
 *
 * @example
 * Suppressions.add(api, 'CHEESE-RES2', 'API runs CPU-bound inference; a CPU limit throttles p99 latency');
 */
export class Suppressions {
  /**
   * Suppresses `ruleId` for every ApiObject at or beneath `scope`.
   *
   * @param scope the construct (an ApiObject, a cdk8s-plus resource, a component or a chart)
   * @param ruleId an ID from ALL_RULES, or of a custom rule passed to CheesePolicy.apply
   * @param reason why the rule does not apply here, at least {@link MIN_REASON_LENGTH} characters
   * @throws Error when the rule ID is unknown, the reason is too short, or the rule is already suppressed on `scope`
   */
  public static add(scope: IConstruct, ruleId: string, reason: string): void {
    const known = knownRuleIds();
    if (typeof ruleId !== 'string' || !known.includes(ruleId)) {
      throw new Error(`Suppressions.add: ruleId must be one of ${known.join(', ')} (or the ID of a custom rule passed to CheesePolicy.apply first); `
        + `received ${JSON.stringify(ruleId)}`);
    }
    const trimmed = typeof reason === 'string' ? reason.trim() : '';
    if (visibleLength(trimmed) < MIN_REASON_LENGTH) {
      throw new Error(`Suppressions.add: reason must explain why ${ruleId} does not apply to "${scope.node.path}" in at least ${MIN_REASON_LENGTH} `
        + `non-blank characters; received ${JSON.stringify(reason)}`);
    }
    if (FORGED_ENTRY.test(trimmed)) {
      throw new Error(`Suppressions.add: reason for ${ruleId} on "${scope.node.path}" must not contain '; <word>:', which would read as another entry `
        + `of the ${SUPPRESSIONS_ANNOTATION} annotation; reword it (e.g. ',' or ' - ' instead of ';'); received ${JSON.stringify(reason)}`);
    }
    let entries = store.get(scope);
    if (!entries) {
      entries = new Map();
      store.set(scope, entries);
      // Validation runs before every synth (App.synth, Testing.synth): annotate ApiObjects created after this call.
      scope.node.addValidation({ validate: () => { annotateBeneath(scope); return []; } });
    }
    if (entries.has(ruleId)) {
      throw new Error(`Suppressions.add: ruleId "${ruleId}" is already suppressed on "${scope.node.path}" (reason: ${JSON.stringify(entries.get(ruleId))}); `
        + 'suppress each rule once per construct');
    }
    entries.set(ruleId, trimmed);
    annotateBeneath(scope);
  }

  /**
   * The suppressions in effect for `construct`: its own and its ancestors', sorted by rule ID.
   * When a rule is suppressed at several levels the nearest one wins.
   */
  public static of(construct: IConstruct): Suppression[] {
    const byRule = new Map<string, Suppression>();
    for (const scope of [...construct.node.scopes].reverse()) {
      for (const [ruleId, reason] of store.get(scope) ?? []) {
        if (!byRule.has(ruleId)) byRule.set(ruleId, { ruleId, reason, scopePath: scope.node.path });
      }
    }
    return [...byRule.values()].sort((a, b) => compare(a.ruleId, b.ruleId));
  }

  /** The suppression of `ruleId` in effect for `construct`, if any. */
  public static find(construct: IConstruct, ruleId: string): Suppression | undefined {
    return Suppressions.of(construct).find(s => s.ruleId === ruleId);
  }

  /**
   * Annotates each of `apiObjects` that has a suppression in effect. The policy calls it before it
   * renders: validations run parent first, so a suppressed scope's own validation (which annotates
   * objects created after `add`) may run only after the policy has rendered them.
   * @internal
   */
  public static _annotate(apiObjects: readonly ApiObject[]): void {
    for (const o of apiObjects) {
      if (Suppressions.of(o).length > 0) ensureAnnotated(o);
    }
  }

  /**
   * Makes custom rule IDs suppressible. Called by CheesePolicy.apply.
   * @internal
   */
  public static _registerRuleIds(ids: readonly string[]): void {
    ids.forEach(id => customRuleIds.add(id));
  }

  private constructor() {}
}
