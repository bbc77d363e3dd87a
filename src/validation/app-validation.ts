import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { validateObjects } from './pass';
import { ValidationFinding } from './types';
import { KubeObject } from '../core/manifest';
import { show } from '../core/validate';

/** Id of the construct that carries the validation (a child of the App, after the charts that exist then). */
export const APP_VALIDATION_ID = 'CheeseK8sValidation';

const applied = new WeakMap<IConstruct, AppValidation>();

/** A value as messages show it: JSON, cut to 120 characters. */
function shortShow(value: unknown): string {
  const text = show(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** `<construct path> (<Kind>/<name>): invalid <field> <value>: <allowed>` (the library's error format). */
export function formatValidationFinding(finding: ValidationFinding, owner: string, related?: { path: string; obj: KubeObject }): string {
  const see = related ? `; see ${related.path} (${related.obj.kind}/${related.obj.metadata?.name})` : '';
  return `${owner} (${finding.kind}/${finding.name}): invalid ${finding.field} ${shortShow(finding.value)}: ${finding.allowed}${see}`;
}

/**
 * The whole-app validation pass (src/validation/index.ts) attached to an App: every `app.synth()`,
 * `app.synthYaml()`, `Testing.synth(chart)` and `chart.toJson()` then fails with one error per finding,
 * naming the construct path of the ApiObject that owns the object (an `Include`d object's own path; a
 * `List`'s path with `items[i]` in the field), the field, the value and what is allowed.
 *
 * `CheeseApp` applies it to its App; apps that use the constructs in their own charts call it once.
 *
 * @example
 * const app = new App();
 * new MyChart(app, 'shop');
 * AppValidation.apply(app);
 * app.synth();
 */
export class AppValidation {
  /**
   * Attaches the pass to the App that is `scope`'s root (once per App: later calls return the same).
   */
  public static apply(scope: IConstruct): AppValidation {
    const root = scope.node.root;
    const existing = applied.get(root);
    if (existing) return existing;
    const validation = new AppValidation(root);
    applied.set(root, validation);
    // a child of the App, so cdk8s validates it after the charts that exist now: their policies
    // have then rendered (and, inside CheesePolicy.synth, kept) each object, and the pass reuses those
    const carrier = new Construct(root as Construct, APP_VALIDATION_ID);
    carrier.node.addValidation({ validate: () => validation.errors() });
    return validation;
  }

  /** The pass attached to the App that is `scope`'s root, if any. */
  public static of(scope: IConstruct): AppValidation | undefined {
    return applied.get(scope.node.root);
  }

  private constructor(
    /** The App (construct tree root) the pass validates. */
    public readonly root: IConstruct,
  ) {}

  /** One formatted error per finding, over every ApiObject of the App. Renders each with `toJson()`. */
  public errors(): string[] {
    const owners = this.root.node.findAll().filter(c => ApiObject.isApiObject(c)) as ApiObject[];
    const objects: KubeObject[] = [];
    const paths: string[] = [];
    const errors: string[] = [];
    for (const o of owners) {
      let json: KubeObject;
      try {
        json = o.toJson() as KubeObject;
      } catch (e) {
        errors.push(`${o.node.path} (${o.kind}/${o.name}): invalid object: it cannot be rendered: ${(e as Error).message}`);
        continue;
      }
      objects.push(json);
      paths.push(o.node.path);
    }
    for (const finding of validateObjects(objects)) {
      const related = finding.related === undefined ? undefined : { path: paths[finding.related], obj: objects[finding.related] };
      errors.push(formatValidationFinding(finding, paths[finding.index], related));
    }
    return errors;
  }
}
