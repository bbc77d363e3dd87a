import { Size, Testing } from 'cdk8s';
import { one, synth } from './util';
import { ClaimAccessMode, CLAIM_PROTECTION_ANNOTATIONS, PersistentClaim, PersistentClaimProps } from '../src/persistent-claim';

function build(props: Partial<PersistentClaimProps> = {}) {
  const chart = Testing.chart();
  const claim = new PersistentClaim(chart, 'Claim', { name: 'persistent-pvc', storage: Size.gibibytes(5), ...props });
  return { claim, pvc: one(synth(chart), 'PersistentVolumeClaim') };
}

describe('PersistentClaim', () => {
  test('a ReadWriteOnce claim of the requested size, protected against pruning', () => {
    const { claim, pvc } = build();
    expect(claim.claimName).toBe('persistent-pvc');
    expect(claim.readWriteOnce).toBe(true);
    expect(pvc.spec).toEqual({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } } });
    expect(pvc.metadata.annotations).toEqual({ 'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false', 'helm.sh/resource-policy': 'keep' });
    expect(pvc.metadata.annotations).toEqual(CLAIM_PROTECTION_ANNOTATIONS);
    expect(pvc.metadata.labels).toMatchObject({ 'app.kubernetes.io/name': 'persistent-pvc', 'app.kubernetes.io/component': 'storage' });
    expect(pvc).toMatchSnapshot();
  });

  test('@default storageClassName: the cluster default (field omitted); an explicit class is set', () => {
    expect(build().pvc.spec.storageClassName).toBeUndefined();
    const { pvc, claim } = build({ storageClassName: 'standard-rwo', storage: Size.mebibytes(512) });
    expect(pvc.spec).toMatchObject({ storageClassName: 'standard-rwo', resources: { requests: { storage: '512Mi' } } });
    expect(claim.storageClassName).toBe('standard-rwo');
  });

  test('@default accessMode ReadWriteOnce; ReadWriteMany (Filestore) is not readWriteOnce, so its pods may spread', () => {
    expect(build().claim.accessMode).toBe(ClaimAccessMode.READ_WRITE_ONCE);
    const { pvc, claim } = build({ accessMode: ClaimAccessMode.READ_WRITE_MANY, storageClassName: 'standard-rwx' });
    expect(pvc.spec.accessModes).toEqual(['ReadWriteMany']);
    expect(claim.readWriteOnce).toBe(false);
  });

  describe('fails if', () => {
    test.each([
      ['the storage is zero', { storage: Size.gibibytes(0) }, 'test/Claim: invalid storage "0Gi": use a positive size such as Size.gibibytes(5)'],
      ['the name is not a DNS subdomain', { name: 'My PVC' }, 'test/Claim: invalid name "My PVC": use a DNS-1123 subdomain'],
      ['the StorageClass name is not a DNS subdomain', { storageClassName: 'Standard_RWO' }, 'test/Claim: invalid storageClassName "Standard_RWO": use a DNS-1123 subdomain'],
    ])('%s', (_, props, message) => {
      expect(() => build(props)).toThrow(message);
    });

    test('the storage is negative (cdk8s rejects it before the claim sees it)', () => {
      expect(() => build({ storage: Size.gibibytes(-5) })).toThrow('Storage amounts cannot be negative. Received: -5');
    });
  });
});
