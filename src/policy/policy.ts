import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { ALL_RULES } from './rules';
import { Suppression, Suppressions } from './suppressions';
import { Finding, PolicyContext, PolicyRule } from './types';
import { flattenLists, KubeObject } from '../core/manifest';

/** Options for {@link CheesePolicy.apply}. */
export interface CheesePolicyOptions {
  /**
   * Whether every Ingress must terminate TLS (CHEESE-ING1). Pass false only for local clusters.
   * @default true
   */
  readonly requireIngressTls?: boolean;

  /**
   * The rules to run. IDs must be unique.
   * @default ALL_RULES
   */
  readonly rules?: PolicyRule[];
}

/** The context used when none is given: the strictest settings. */
export const DEFAULT_POLICY_CONTEXT: PolicyContext = { requireIngressTls: true };

/**
 * Runs `rules` over `objects` and returns every finding, in rule order then object order.
 *
 * Pure: works on any synthesized YAML (tests, `dist/` checks), no constructs needed.
 * Suppressions are not applied here; they live on constructs.
 */
export function evaluatePolicy(objects: readonly KubeObject[], context: PolicyContext = DEFAULT_POLICY_CONTEXT,
  rules: readonly PolicyRule[] = ALL_RULES): Finding[] {
  const flat = flattenLists(objects);
  return rules.flatMap(rule => rule.check(flat, context));
}

/** `[RULE-ID] <construct path> (<Kind>/<name>): <message>: <detail>. Fix: <fix>[; cdk8s-plus-27: <plusFix>]` */
export function formatFinding(finding: Finding, rule: PolicyRule, constructPath: string): string {
  return `[${rule.id}] ${constructPath} (${finding.kind}/${finding.name}): ${rule.message}: ${finding.detail}. Fix: ${fixText(rule)}`;
}

/** The rule's fix, followed by its cdk8s-plus-27 code when it has one. */
export function fixText(rule: PolicyRule): string {
  return rule.plusFix ? `${rule.fix}; cdk8s-plus-27: ${rule.plusFix}` : rule.fix;
}

/** One finding of a chart, with the construct it belongs to and its suppression, if any. */
export interface PolicyReportEntry {
  /** What was found, on which object. */
  readonly finding: Finding;
  /** The rule that found it. */
  readonly rule: PolicyRule;
  /** `node.path` of the ApiObject that synthesized the offending object. */
  readonly constructPath: string;
  /** The suppression that silences this finding, if one is in effect. */
  readonly suppression?: Suppression;
}

const policies = new WeakMap<Chart, CheesePolicy>();

function objectKey(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}|${namespace ?? ''}|${name}`;
}

/**
 * The cheese-k8s policy pack, attached to a chart as a cdk8s validation.
 *
 * Because `App.synth()` and `Testing.synth(chart)` run validations, any unsuppressed finding
 * fails synthesis and jest.
 *
 * @example
 * const chart = new CheeseApp(app, 'cheese-prod', props);
 * CheesePolicy.apply(chart);
 * Suppressions.add(chart.api, 'CHEESE-RES2', 'inference is CPU-bound; a CPU limit throttles latency');
 */
export class CheesePolicy {
  /**
   * Attaches the policy to `chart` (one policy per chart).
   * @throws Error when a policy is already applied to the chart or two rules share an ID
   */
  public static apply(chart: Chart, options: CheesePolicyOptions = {}): CheesePolicy {
    if (policies.has(chart)) {
      throw new Error(`CheesePolicy.apply: a policy is already applied to chart "${chart.node.path}"; pass all options in a single apply call`);
    }
    const rules = options.rules ?? [...ALL_RULES];
    const seen = new Set<string>();
    for (const rule of rules) {
      if (seen.has(rule.id)) {
        throw new Error(`CheesePolicy.apply: rules must have unique IDs; received ${JSON.stringify(rule.id)} twice`);
      }
      seen.add(rule.id);
    }
    Suppressions._registerRuleIds(rules.map(r => r.id));
    const policy = new CheesePolicy(chart, { requireIngressTls: options.requireIngressTls ?? DEFAULT_POLICY_CONTEXT.requireIngressTls }, rules);
    policies.set(chart, policy);
    chart.node.addValidation({ validate: () => policy.errors() });
    return policy;
  }

  /** The policy applied to `chart`, if any. */
  public static of(chart: Chart): CheesePolicy | undefined {
    return policies.get(chart);
  }

  /** Same as {@link Suppressions.add}. */
  public static suppress(scope: IConstruct, ruleId: string, reason: string): void {
    Suppressions.add(scope, ruleId, reason);
  }

  /** Renders of the synthesis {@link synth} is running, by object; undefined outside it. */
  private renders?: Map<ApiObject, KubeObject>;

  private constructor(
    /** The chart the policy validates. */
    public readonly chart: Chart,
    /** The settings the rules see. */
    public readonly context: PolicyContext,
    /** The rules run, in order. */
    public readonly rules: readonly PolicyRule[],
  ) {}

  /**
   * `chart.toJson()` (every validation included) with each ApiObject rendered once.
   *
   * cdk8s runs the validations, this policy's included, before it renders the objects, so a plain
   * `toJson()` renders every object twice. Here the objects the policy renders are reused for the
   * output until this call returns; they are the same JSON a second rendering would give, as
   * validations do not change constructs.
   */
  public synth(): KubeObject[] {
    const renders = new Map<ApiObject, KubeObject>();
    this.renders = renders;
    try {
      return this.chart.toJson() as KubeObject[];
    } finally {
      this.renders = undefined;
      for (const o of renders.keys()) delete (o as { toJson?: unknown }).toJson; // back to ApiObject.prototype.toJson
    }
  }

  /** Every finding in the chart, suppressed ones included. Renders every ApiObject with `toJson()`. */
  public report(): PolicyReportEntry[] {
    const apiObjects = this.chart.node.findAll().filter(c => ApiObject.isApiObject(c)) as ApiObject[];
    Suppressions._annotate(apiObjects);
    const rendered = apiObjects.map(o => this.render(o));
    const owners = new Map<string, IConstruct[]>();
    const objects: KubeObject[] = [];
    rendered.forEach((json, i) => {
      // the items of a List are what kubectl creates: the rules see them, owned by the List's construct
      for (const obj of flattenLists([json])) {
        objects.push(obj);
        const key = objectKey(obj.kind, obj.metadata?.namespace, obj.metadata?.name);
        owners.set(key, [...(owners.get(key) ?? []), apiObjects[i]]);
      }
    });
    const entries: PolicyReportEntry[] = [];
    for (const rule of this.rules) {
      for (const finding of rule.check(objects, this.context)) {
        // a finding that names no rendered object (a rule bug) is attributed to the chart, never dropped
        for (const owner of owners.get(objectKey(finding.kind, finding.namespace, finding.name)) ?? [this.chart]) {
          const suppression = Suppressions.find(owner, rule.id);
          entries.push({ finding, rule, constructPath: owner.node.path, ...(suppression ? { suppression } : {}) });
        }
      }
    }
    return entries;
  }

  /** `o.toJson()`; inside {@link synth}, also what `o.toJson()` returns until the synthesis ends. */
  private render(o: ApiObject): KubeObject {
    const json = o.toJson() as KubeObject;
    if (this.renders && !this.renders.has(o) && !Object.prototype.hasOwnProperty.call(o, 'toJson')) {
      this.renders.set(o, json);
      Object.defineProperty(o, 'toJson', { value: () => json, configurable: true, writable: true });
    }
    return json;
  }

  /** One formatted error per unsuppressed finding; what the chart validation returns. */
  public errors(): string[] {
    return this.report().filter(e => !e.suppression).map(e => formatFinding(e.finding, e.rule, e.constructPath));
  }
}
