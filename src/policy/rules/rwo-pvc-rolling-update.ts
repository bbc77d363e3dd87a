import { colocatesOnOneNode } from '../../core/colocation';
import { finding } from '../_finding';
import { podTemplateOf } from '../_pods';
import { podCounts, sameNamespace } from '../_workloads';
import { Finding, PolicyRule } from '../types';

const ID = 'CHEESE-STO1';
const SINGLE_NODE_MODES = ['ReadWriteOnce', 'ReadWriteOncePod'];

/**
 * A Deployment on a ReadWriteOnce PVC keeps every pod it can run (replicas, and a RollingUpdate
 * surge pod) on one node; a ReadWriteOncePod claim allows one pod in all.
 */
export const RWO_PVC_ROLLING_UPDATE: PolicyRule = {
  id: ID,
  title: 'No RWO claim on a surging Deployment',
  message: 'a Deployment that mounts a ReadWriteOnce PersistentVolumeClaim must keep all its pods, surge pods included, on one node '
    + '(a required pod affinity on kubernetes.io/hostname to its own pods), or run a single pod with strategy Recreate',
  explanation: 'A ReadWriteOnce disk attaches to one node, though several pods on that node may mount it. RollingUpdate (the default when strategy '
    + 'is unset) starts the new pod before the old one stops: scheduled on another node it hangs in ContainerCreating ("Multi-Attach error") and the '
    + 'rollout deadlocks; the same holds for a second replica. A required pod affinity on kubernetes.io/hostname to the workload\'s own pods sends '
    + 'replicas and surge pods to the disk\'s node, which then needs room for maxReplicas + maxSurge pods; without it the surge pod stays Pending and the rollout waits. '
    + 'A ReadWriteOncePod claim admits one pod in the whole cluster: only Recreate with one replica works.',
  fix: 'keep the pods on the disk\'s node with podAffinity.requiredDuringSchedulingIgnoredDuringExecution [{ topologyKey: "kubernetes.io/hostname", '
    + 'labelSelector: <pod labels> }] (cheese-k8s does this for a ReadWriteOnce claim), or set strategy: { type: "Recreate" } and replicas: 1, '
    + 'or use ReadWriteMany storage',
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
      const shown = deployment.spec?.strategy?.type ? '"RollingUpdate"' : 'unset (RollingUpdate)';
      const volumes: any[] = Array.isArray(template.spec.volumes) ? template.spec.volumes : [];
      volumes.forEach((volume, i) => {
        const claimName = volume?.persistentVolumeClaim?.claimName;
        if (!claimName) return;
        const pvc = objects.find(o => o.kind === 'PersistentVolumeClaim' && o.metadata?.name === claimName && sameNamespace(o, deployment));
        const modes: string[] = Array.isArray(pvc?.spec?.accessModes) ? pvc!.spec.accessModes : [];
        const mode = modes.find(m => SINGLE_NODE_MODES.includes(m));
        if (!mode) return; // RWX claims, and claims defined outside this chart, cannot be judged here
        const path = `${template.specPath}.volumes[${i}].persistentVolumeClaim.claimName`;
        const what = `volume "${volume.name}" mounts PVC "${claimName}" (${mode})`;
        const pods = counts.max(deployment);
        if (mode === 'ReadWriteOncePod') {
          if (strategy === 'RollingUpdate' || pods > 1) {
            findings.push(finding(ID, deployment, path, `${what}, which admits one pod, while ${strategy === 'RollingUpdate' ? `spec.strategy.type is ${shown}` : `the Deployment can run ${pods} pods`}; `
              + 'allowed: "Recreate" with replicas 1'));
          }
        } else if (!colocatesOnOneNode(deployment) && (strategy === 'RollingUpdate' || pods > 1)) {
          const why = strategy === 'RollingUpdate' ? `spec.strategy.type is ${shown} (a surge pod may land on another node)` : `the Deployment can run ${pods} pods`;
          findings.push(finding(ID, deployment, path, `${what} while ${why} and no required pod affinity on kubernetes.io/hostname keeps its pods on one node; `
            + 'allowed: that affinity to its own pods, or "Recreate" with replicas 1 (and HPA maxReplicas 1)'));
        }
      });
    }
    return findings;
  },
};
