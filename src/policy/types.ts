import { KubeObject } from '../core/manifest';

/**
 * Upstream checks a {@link PolicyRule} mirrors, so coverage can be traced to the real tools.
 *
 * Each list holds the tool's own check IDs. A tool that has no equivalent check is left out.
 * @see /work/shared/reference/security-and-reliability.md sections 1 and 2
 */
export interface UpstreamChecks {
  /** Pod Security Admission check IDs (`kubernetes/pod-security-admission/policy/check_*.go`). */
  readonly psa?: string[];
  /** kube-score check IDs (`README_CHECKS.md`). */
  readonly kubeScore?: string[];
  /** Polaris check names (`pkg/config/checks/<name>.yaml`). */
  readonly polaris?: string[];
  /** kube-linter check names (`docs/generated/checks.md`). */
  readonly kubeLinter?: string[];
  /** Checkov IDs (`CKV_K8S_*`, `CKV2_K8S_*`). */
  readonly checkov?: string[];
}

/**
 * Settings the rules read. Built by {@link CheesePolicy.apply} from {@link CheesePolicyOptions}.
 */
export interface PolicyContext {
  /** Whether every Ingress must terminate TLS (CHEESE-ING1). */
  readonly requireIngressTls: boolean;
}

/**
 * One violation of one rule, attributed to exactly one object.
 *
 * Secret values are never copied into a finding: secret rules name the key and the kind of
 * content instead.
 */
export interface Finding {
  /** The rule that produced this finding, e.g. `CHEESE-PSS5`. */
  readonly ruleId: string;
  /** `kind` of the offending object. */
  readonly kind: string;
  /** `metadata.name` of the offending object. */
  readonly name: string;
  /** `metadata.namespace` of the offending object, if it has one. */
  readonly namespace?: string;
  /** Container name, when the finding is about one container. */
  readonly container?: string;
  /** Field path inside the object, e.g. `spec.template.spec.containers[0].image`. */
  readonly path: string;
  /** What is wrong: the field, the value received and what is allowed. */
  readonly detail: string;
}

/**
 * A policy rule in cdk-nag style: metadata plus one pure function over the whole chart.
 *
 * The check receives every synthesized object at once, so rules that relate objects
 * (PDB to Deployment, NetworkPolicy to pod) work.
 */
export interface PolicyRule {
  /** Stable ID, `CHEESE-<AREA><n>`. Used in messages, suppressions and docs. */
  readonly id: string;
  /** Short name of the control. */
  readonly title: string;
  /** What the rule requires, one sentence. Prefixes every finding's detail. */
  readonly message: string;
  /** Why it matters (the cdk-nag "explanation"). */
  readonly explanation: string;
  /** How to fix a finding, concretely. */
  readonly fix: string;
  /**
   * The fix in cdk8s-plus-27 (2.9.5) code, with `chart` (a Chart) and `image` (a string) in scope;
   * `test/policy/fix-hints.test.ts` compiles every one and checks the rule passes on what it builds.
   * @default - no cdk8s-plus-27 hint
   */
  readonly plusFix?: string;
  /** Upstream checks this rule mirrors. */
  readonly mirrors: UpstreamChecks;
  /**
   * Returns every violation in `objects`. Must be pure: no mutation, no I/O.
   * @param objects all objects of the chart, as plain JSON
   * @param context policy settings
   */
  check(objects: readonly KubeObject[], context: PolicyContext): Finding[];
}
