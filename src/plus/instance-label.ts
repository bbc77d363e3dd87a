import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { instanceOf } from '../core/context';
import { LABEL_INSTANCE } from '../core/labels';
import { checkLabelValue } from '../core/validate';

/**
 * `app.kubernetes.io/instance` on objects the library did not create. A `CheeseApp` puts it on
 * everything in it (it is a chart label, which cdk8s copies onto every ApiObject, cdk8s-plus's
 * included); in a plain chart, cdk8s-plus objects lack it and `kubectl apply --prune -l` skips them.
 */
export class InstanceLabel {
  /**
   * Labels every ApiObject under `scope` that has no `app.kubernetes.io/instance` yet. Call it once
   * the scope is complete: objects created later are not labelled.
   * @param scope a chart or any construct in it
   * @param instance the label value
   * @default - the value the library's own constructs in that chart use: the chart's instance label, else its id
   * @returns the objects labelled
   */
  public static apply(scope: IConstruct, instance?: string): ApiObject[] {
    const value = checkLabelValue(scope.node.path || 'InstanceLabel.apply', 'instance', instance ?? instanceOf(scope));
    const labelled: ApiObject[] = [];
    for (const obj of scope.node.findAll()) {
      if (!ApiObject.isApiObject(obj) || obj.metadata.getLabel(LABEL_INSTANCE) !== undefined) continue;
      obj.metadata.addLabel(LABEL_INSTANCE, value);
      labelled.push(obj);
    }
    return labelled;
  }

  private constructor() {}
}
