import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import { IConstruct } from 'constructs';
import { hardenPodSpec, podSpecPointer } from './harden-pod-spec';
import { KubeObject } from '../core/manifest';
import { CheesePolicy, formatFinding } from '../policy/policy';
import { PSS_RULES } from '../policy/rules';
import { Suppressions } from '../policy/suppressions';

/**
 * Pod Security `restricted` for code the library did not render: cdk8s-plus-27 workloads,
 * raw `ApiObject`s, anything with a pod template.
 *
 * @example
 * new kplus.Deployment(chart, 'Worker', { containers: [{ image: 'worker:1.0.0' }] });
 * PodSecurity.harden(chart);
 */
export class PodSecurity {
  /**
   * Sets, at synth, what restricted requires and the user has not chosen otherwise on every pod
   * template under `scope`: pod-level `seccompProfile: RuntimeDefault`, and on every container
   * `allowPrivilegeEscalation: false`, `runAsNonRoot: true` and `capabilities.drop: ['ALL']`
   * (cdk8s-plus's `CAP_`-prefixed names written bare). Explicit choices it cannot make for the
   * user (uid 0, `runAsNonRoot: false`, added capabilities, `privileged`, host namespaces,
   * hostPath) stay, and fail synth with the policy's message: through {@link CheesePolicy} when
   * the chart has one, else through the PSS rules this call attaches to `scope`.
   *
   * Objects created after the call are not hardened; call it once the scope is complete, after
   * your own `addJsonPatch` calls. The library's own workloads are already compliant: no change.
   *
   * @returns the objects hardened (every pod-bearing ApiObject under `scope`)
   */
  public static harden(scope: IConstruct): ApiObject[] {
    const hardened: ApiObject[] = [];
    for (const obj of scope.node.findAll()) {
      if (!ApiObject.isApiObject(obj) || HARDENED.has(obj)) continue;
      const pointer = podSpecPointer(obj.kind);
      if (!pointer) continue;
      obj.addJsonPatch(lazyHardening(obj, pointer));
      HARDENED.add(obj);
      hardened.push(obj);
    }
    scope.node.addValidation({ validate: () => pssErrors(hardened) });
    return hardened;
  }

  /** Whether {@link harden} covered `obj`. */
  public static isHardened(obj: ApiObject): boolean {
    return HARDENED.has(obj);
  }

  private constructor() {}
}

const HARDENED = new WeakSet<ApiObject>();

/**
 * A JSON patch computed from the object's own document at synth (so settings made after the
 * call, and cdk8s-plus's lazily rendered containers, are seen): one `replace` of the pod spec
 * with its hardened copy (only security contexts differ), or a no-op `test` when nothing is
 * missing. While it renders the document for itself, it is the no-op.
 */
function lazyHardening(obj: ApiObject, pointer: string): JsonPatch {
  const noop = { op: 'test', path: '/kind', value: obj.kind };
  let rendering = false;
  const patch = {
    _toJson(): any {
      if (rendering) return noop;
      rendering = true;
      let json: any;
      try {
        // the document this patch applies to: before an L1 class converts its typed values
        // (a Quantity is `{ value }` here, and a rendered "100m" would be dropped by the conversion)
        json = ApiObject.prototype.toJson.call(obj);
      } finally {
        rendering = false;
      }
      const spec = pointer.split('/').slice(1).reduce((node: any, key) => node?.[key], json);
      if (spec === undefined || spec === null) return noop;
      const hardened = hardenPodSpec(spec);
      return JSON.stringify(hardened) === JSON.stringify(spec) ? noop : { op: 'replace', path: pointer, value: hardened };
    },
  };
  // JsonPatch's constructor is private; ApiObject only calls `_toJson()` on its patches
  return patch as unknown as JsonPatch;
}

/** The PSS findings on `objects`, formatted like the policy's; none when the chart runs the policy (it reports them). */
function pssErrors(objects: readonly ApiObject[]): string[] {
  const errors: string[] = [];
  for (const obj of objects) {
    // per object: a scope above the charts (the App) may hold charts with and without the policy
    if (CheesePolicy.of(Chart.of(obj))) continue;
    const json = obj.toJson() as KubeObject;
    for (const rule of PSS_RULES) {
      if (Suppressions.find(obj, rule.id)) continue;
      for (const finding of rule.check([json], { requireIngressTls: true })) errors.push(formatFinding(finding, rule, obj.node.path));
    }
  }
  return errors;
}
