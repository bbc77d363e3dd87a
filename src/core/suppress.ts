import { IConstruct } from 'constructs';
import { ContainerImage } from './image';
import { Resources } from './resources';
import { Suppressions } from '../policy/suppressions';

/**
 * Records the policy exceptions a workload's own props imply, with their reasons, so the
 * output shows them (annotation) instead of failing synth: an omitted CPU limit, a floating image.
 */
export function suppressChosenExceptions(scope: IConstruct, resources: Resources[], images: ContainerImage[]): void {
  if (resources.some(r => r.cpuLimit === undefined)) {
    Suppressions.add(scope, 'CHEESE-RES2', 'CPU limit omitted on purpose (omitCpuLimit): no CFS throttling; the CPU request still reserves capacity');
  }
  // one suppression per rule and scope: every floating image is named in it
  const floating = images.filter(i => !i.pinned);
  if (floating.length > 0) Suppressions.add(scope, 'CHEESE-IMG1', floating.map(i => `floating image ${i}: ${i.floatingReason}`).join('; '));
}
