import { colocatesOnOneNode } from '../../core/colocation';
import { finding } from '../_finding';
import { podTemplateOf } from '../_pods';
import { podCounts, sameNamespace } from '../_workloads';
import { Finding, PolicyRule } from '../types';

const ID = 'CHEESE-STO1';
const SINGLE_NODE_MODES = ['ReadWriteOnce', 'ReadWriteOncePod'];

/** No ReadWriteOnce PVC on a Deployment that can run two pods at once. */
export const RWO_PVC_ROLLING_UPDATE: PolicyRule = {
  id: ID,
  title: 'No RWO claim on a surging Deployment',
  message: 'a Deployment that mounts a ReadWriteOnce PersistentVolumeClaim must use strategy Recreate, and run a single pod or keep its pods on one node',
  explanation: 'RollingUpdate (the default when strategy is unset) starts the new pod before the old one stops; a ReadWriteOnce disk attaches '
    + 'to one node only, so the new pod hangs in ContainerCreating ("Multi-Attach error") and the rollout deadlocks. Two replicas have the same problem '
    + 'unless a required pod affinity on kubernetes.io/hostname keeps them on the node the disk is attached to.',
  fix: 'run the vector DB as a StatefulSet with replicas: 1, or set strategy: { type: "Recreate" } and replicas: 1',
  plusFix: "new kplus.Deployment(chart, 'Db', { replicas: 1, strategy: kplus.DeploymentStrategy.recreate(), containers: [{ image, volumeMounts: [{ path: '/data', "
    + "volume: kplus.Volume.fromPersistentVolumeClaim(chart, 'Data', new kplus.PersistentVolumeClaim(chart, 'Claim', "
    + '{ accessModes: [kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE], storage: Size.gibibytes(10) })) }] }] })',
  mirrors: {},
  check(objects) {
    const counts = podCounts(objects);
    const findings: Finding[] = [];
    for (const deployment of objects.filter(o => o.kind === 'Deployment')) {
      const template = podTemplateOf(deployment);
      if (!template) continue;
      const strategy = deployment.spec?.strategy?.type ?? 'RollingUpdate';
      const volumes: any[] = Array.isArray(template.spec.volumes) ? template.spec.volumes : [];
      volumes.forEach((volume, i) => {
        const claimName = volume?.persistentVolumeClaim?.claimName;
        if (!claimName) return;
        const pvc = objects.find(o => o.kind === 'PersistentVolumeClaim' && o.metadata?.name === claimName && sameNamespace(o, deployment));
        const modes: string[] = Array.isArray(pvc?.spec?.accessModes) ? pvc!.spec.accessModes : [];
        const mode = modes.find(m => SINGLE_NODE_MODES.includes(m));
        if (!mode) return; // RWX claims, and claims defined outside this chart, cannot be judged here
        const path = `${template.specPath}.volumes[${i}].persistentVolumeClaim.claimName`;
        if (strategy === 'RollingUpdate') {
          findings.push(finding(ID, deployment, path, `volume "${volume.name}" mounts PVC "${claimName}" (${mode}) while spec.strategy.type is `
            + `${deployment.spec?.strategy?.type ? '"RollingUpdate"' : 'unset (RollingUpdate)'}; allowed: "Recreate" with replicas 1`));
        } else if (!colocatesOnOneNode(deployment) && counts.max(deployment) > 1) {
          const pods = counts.max(deployment);
          findings.push(finding(ID, deployment, path, `volume "${volume.name}" mounts PVC "${claimName}" (${mode}) but the Deployment can run ${pods} pods; `
            + 'allowed: 1 (replicas and HPA maxReplicas), or a required pod affinity on kubernetes.io/hostname to its own pods'));
        }
      });
    }
    return findings;
  },
};
