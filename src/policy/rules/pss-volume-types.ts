import { finding } from '../_finding';
import { podTemplates } from '../_pods';
import { Finding, PolicyRule } from '../types';

/** Volume sources PSS restricted allows (`restrictedVolumes`). */
export const ALLOWED_VOLUME_TYPES: readonly string[] = [
  'configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret',
];

const ID = 'CHEESE-PSS6';

/** PSS restricted `restrictedVolumes` (which replaces baseline `hostPathVolumes`). */
export const PSS_VOLUME_TYPES: PolicyRule = {
  id: ID,
  title: 'Allowed volume types',
  message: `volumes must use only ${ALLOWED_VOLUME_TYPES.join(', ')}`,
  explanation: 'hostPath exposes the node filesystem (docker.sock, /etc, kubelet credentials); in-tree network volumes '
    + '(nfs, gcePersistentDisk, iscsi, ...) bypass the PVC/StorageClass layer. PSS restricted rejects them.',
  fix: 'replace the volume with a persistentVolumeClaim (storage), an emptyDir (scratch), or a configMap/secret/projected volume (configuration)',
  mirrors: {
    psa: ['restrictedVolumes', 'hostPathVolumes'],
    polaris: ['hostPathSet'],
    kubeLinter: ['sensitive-host-mounts', 'docker-sock'],
    checkov: ['CKV_K8S_27'],
  },
  check(objects) {
    const findings: Finding[] = [];
    for (const template of podTemplates(objects)) {
      const volumes: any[] = Array.isArray(template.spec.volumes) ? template.spec.volumes : [];
      volumes.forEach((volume, i) => {
        for (const type of Object.keys(volume ?? {}).filter(k => k !== 'name')) {
          if (!ALLOWED_VOLUME_TYPES.includes(type)) {
            const path = `${template.specPath}.volumes[${i}].${type}`;
            findings.push(finding(ID, template.object, path,
              `volume "${volume.name}": ${path} uses volume type "${type}"; allowed: ${ALLOWED_VOLUME_TYPES.join(', ')}`));
          }
        }
      });
    }
    return findings;
  },
};
