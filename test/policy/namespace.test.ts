import { at, cheeseApp, get, run } from './fixtures';
import { NAMESPACE_SET } from '../../src/policy';

describe('CHEESE-NS1 namespace set', () => {
  test('Compliance: every namespaced object has a namespace; Namespace itself is cluster-scoped', () => {
    const objects = cheeseApp();
    objects.push({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'retain' }, provisioner: 'pd.csi.storage.gke.io' });
    expect(run(NAMESPACE_SET, objects)).toEqual([]);
  });
  test.each([[undefined], ['default'], ['']])('Noncompliance: namespace %p on a PVC', (value) => {
    const objects = cheeseApp();
    get(objects, 'PersistentVolumeClaim', 'chromadb-data').metadata.namespace = value;
    expect(run(NAMESPACE_SET, objects)).toEqual([at('CHEESE-NS1', 'PersistentVolumeClaim', 'chromadb-data', { path: 'metadata.namespace' })]);
  });
  test('Noncompliance: unknown kinds (CRDs such as ExternalSecret) are treated as namespaced', () => {
    const external = { apiVersion: 'external-secrets.io/v1beta1', kind: 'ExternalSecret', metadata: { name: 'gcp' } };
    expect(run(NAMESPACE_SET, [external])).toEqual([at('CHEESE-NS1', 'ExternalSecret', 'gcp')]);
  });
});
