import { at, cheeseApp, get, run } from './fixtures';
import { HPA_TARGET_NO_REPLICAS, PDB_ALLOWS_EVICTION, PDB_PRESENT, PDB_UNHEALTHY_EVICTION_POLICY, RWO_PVC_ROLLING_UPDATE } from '../../src/policy';

/** The fixture with the vector DB turned into a Deployment on the same RWO claim. */
function dbAsDeployment(strategy?: string, replicas = 1): any[] {
  const objects = cheeseApp();
  const db = get(objects, 'StatefulSet', 'vector-db');
  db.kind = 'Deployment';
  delete db.spec.serviceName;
  db.spec.replicas = replicas;
  if (strategy) db.spec.strategy = { type: strategy };
  return objects;
}

describe('CHEESE-STO1 RWO claim on a surging Deployment', () => {
  test('Compliance: StatefulSet with the RWO claim', () => {
    expect(run(RWO_PVC_ROLLING_UPDATE, cheeseApp())).toEqual([]);
  });
  test('Compliance: Deployment with Recreate and 1 replica', () => {
    expect(run(RWO_PVC_ROLLING_UPDATE, dbAsDeployment('Recreate'))).toEqual([]);
  });
  test('Compliance: ReadWriteMany claims may surge', () => {
    const objects = dbAsDeployment();
    get(objects, 'PersistentVolumeClaim', 'chromadb-data').spec.accessModes = ['ReadWriteMany'];
    expect(run(RWO_PVC_ROLLING_UPDATE, objects)).toEqual([]);
  });
  test.each([[undefined], ['RollingUpdate']])('Noncompliance: strategy %p (unset means RollingUpdate) without pod affinity', (strategy) => {
    const findings = run(RWO_PVC_ROLLING_UPDATE, dbAsDeployment(strategy));
    expect(findings).toEqual([at('CHEESE-STO1', 'Deployment', 'vector-db', { path: 'spec.template.spec.volumes[0].persistentVolumeClaim.claimName' })]);
    expect(findings[0].detail).toContain('"chromadb-data" (ReadWriteOnce) while spec.strategy.type is');
    expect(findings[0].detail).toContain('a surge pod may land on another node');
  });
  test.each([[1], [2]])('Compliance: RollingUpdate with %p replica(s) whose surge pod is kept on the disk\'s node by a required hostname pod affinity', (replicas) => {
    const objects = dbAsDeployment('RollingUpdate', replicas);
    const template = get(objects, 'Deployment', 'vector-db').spec.template;
    template.spec.affinity = { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { ...template.metadata.labels } } }] } };
    expect(run(RWO_PVC_ROLLING_UPDATE, objects)).toEqual([]);
  });
  test('Noncompliance: a ReadWriteOncePod claim admits one pod: RollingUpdate fails even with the affinity; Recreate with 2 replicas fails', () => {
    const rolling = dbAsDeployment('RollingUpdate');
    get(rolling, 'PersistentVolumeClaim', 'chromadb-data').spec.accessModes = ['ReadWriteOncePod'];
    const template = get(rolling, 'Deployment', 'vector-db').spec.template;
    template.spec.affinity = { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { ...template.metadata.labels } } }] } };
    expect(run(RWO_PVC_ROLLING_UPDATE, rolling)[0].detail).toContain('(ReadWriteOncePod), which admits one pod, while spec.strategy.type is "RollingUpdate"');
    const two = dbAsDeployment('Recreate', 2);
    get(two, 'PersistentVolumeClaim', 'chromadb-data').spec.accessModes = ['ReadWriteOncePod'];
    expect(run(RWO_PVC_ROLLING_UPDATE, two)[0].detail).toContain('can run 2 pods');
    const one = dbAsDeployment('Recreate', 1);
    get(one, 'PersistentVolumeClaim', 'chromadb-data').spec.accessModes = ['ReadWriteOncePod'];
    expect(run(RWO_PVC_ROLLING_UPDATE, one)).toEqual([]);
  });
  test('Noncompliance: Recreate but 2 replicas share the claim', () => {
    expect(run(RWO_PVC_ROLLING_UPDATE, dbAsDeployment('Recreate', 2))[0].detail).toContain('can run 2 pods');
  });
  test('Compliance: Recreate with 2 replicas kept on one node by a required hostname pod affinity to themselves', () => {
    const objects = dbAsDeployment('Recreate', 2);
    const template = get(objects, 'Deployment', 'vector-db').spec.template;
    template.spec.affinity = { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { ...template.metadata.labels } } }] } };
    expect(run(RWO_PVC_ROLLING_UPDATE, objects)).toEqual([]);
  });
  test('Noncompliance: a zone-level affinity does not keep pods on one node', () => {
    const objects = dbAsDeployment('Recreate', 2);
    const template = get(objects, 'Deployment', 'vector-db').spec.template;
    template.spec.affinity = { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'topology.kubernetes.io/zone', labelSelector: { matchLabels: { ...template.metadata.labels } } }] } };
    expect(run(RWO_PVC_ROLLING_UPDATE, objects)[0].detail).toContain('can run 2 pods');
  });
});

describe('CHEESE-PDB1 PDB for replicated workloads', () => {
  test('Compliance: api (2 replicas) and frontend (HPA max 4) have PDBs; the 1-replica DB needs none', () => {
    expect(run(PDB_PRESENT, cheeseApp())).toEqual([]);
  });
  test('Noncompliance: replicas 2 without a PDB', () => {
    const objects = cheeseApp().filter(o => !(o.kind === 'PodDisruptionBudget' && o.metadata.name === 'api'));
    expect(run(PDB_PRESENT, objects)).toEqual([at('CHEESE-PDB1', 'Deployment', 'api')]);
  });
  test('Noncompliance: no replicas but an HPA with maxReplicas 4, PDB selects other labels', () => {
    const objects = cheeseApp();
    get(objects, 'PodDisruptionBudget', 'frontend').spec.selector = { matchLabels: { 'app.kubernetes.io/name': 'front' } };
    expect(run(PDB_PRESENT, objects)).toEqual([at('CHEESE-PDB1', 'Deployment', 'frontend')]);
  });
  test('Noncompliance: a PDB in another namespace does not count', () => {
    const objects = cheeseApp();
    get(objects, 'PodDisruptionBudget', 'api').metadata.namespace = 'other';
    expect(run(PDB_PRESENT, objects)).toEqual([at('CHEESE-PDB1', 'Deployment', 'api')]);
  });
});

describe('CHEESE-PDB2 PDB allows evictions', () => {
  test('Compliance: maxUnavailable 1, and minAvailable below the pod count', () => {
    const objects = cheeseApp();
    const pdb = get(objects, 'PodDisruptionBudget', 'api');
    delete pdb.spec.maxUnavailable;
    pdb.spec.minAvailable = 1;
    expect(run(PDB_ALLOWS_EVICTION, objects)).toEqual([]);
  });
  test.each([
    [{ maxUnavailable: 0 }, 'spec.maxUnavailable'],
    [{ maxUnavailable: '0%' }, 'spec.maxUnavailable'],
    [{ minAvailable: '100%' }, 'spec.minAvailable'],
    [{ minAvailable: 2 }, 'spec.minAvailable'],
    [{}, 'spec'],
  ])('Noncompliance: %p', (policy, path) => {
    const objects = cheeseApp();
    const pdb = get(objects, 'PodDisruptionBudget', 'api');
    pdb.spec = { ...policy, selector: pdb.spec.selector, unhealthyPodEvictionPolicy: 'AlwaysAllow' };
    expect(run(PDB_ALLOWS_EVICTION, objects)).toEqual([at('CHEESE-PDB2', 'PodDisruptionBudget', 'api', { path })]);
  });
  test('Noncompliance: minAvailable 2 equals the HPA minReplicas of the frontend', () => {
    const objects = cheeseApp();
    const pdb = get(objects, 'PodDisruptionBudget', 'frontend');
    delete pdb.spec.maxUnavailable;
    pdb.spec.minAvailable = 2;
    expect(run(PDB_ALLOWS_EVICTION, objects)[0].detail).toContain('Deployment/frontend normally runs 2 pod(s)');
  });
});

describe('CHEESE-PDB3 unhealthyPodEvictionPolicy explicit', () => {
  test('Compliance: AlwaysAllow or IfHealthyBudget', () => {
    const objects = cheeseApp();
    get(objects, 'PodDisruptionBudget', 'api').spec.unhealthyPodEvictionPolicy = 'IfHealthyBudget';
    expect(run(PDB_UNHEALTHY_EVICTION_POLICY, objects)).toEqual([]);
  });
  test.each([[undefined], ['Always']])('Noncompliance: %p', (value) => {
    const objects = cheeseApp();
    get(objects, 'PodDisruptionBudget', 'frontend').spec.unhealthyPodEvictionPolicy = value;
    expect(run(PDB_UNHEALTHY_EVICTION_POLICY, objects)).toEqual([at('CHEESE-PDB3', 'PodDisruptionBudget', 'frontend')]);
  });
});

describe('CHEESE-HPA1 no replicas under an HPA', () => {
  test('Compliance: the HPA-scaled frontend has no replicas; the api has replicas and no HPA', () => {
    expect(run(HPA_TARGET_NO_REPLICAS, cheeseApp())).toEqual([]);
  });
  test('Noncompliance: frontend sets replicas 2', () => {
    const objects = cheeseApp();
    get(objects, 'Deployment', 'frontend').spec.replicas = 2;
    expect(run(HPA_TARGET_NO_REPLICAS, objects)).toEqual([at('CHEESE-HPA1', 'Deployment', 'frontend', { path: 'spec.replicas' })]);
  });
  test('Compliance: an HPA targeting a workload in another namespace does not match', () => {
    const objects = cheeseApp();
    get(objects, 'HorizontalPodAutoscaler', 'frontend').spec.scaleTargetRef.name = 'api';
    get(objects, 'HorizontalPodAutoscaler', 'frontend').metadata.namespace = 'other';
    expect(run(HPA_TARGET_NO_REPLICAS, objects)).toEqual([]);
  });
});
