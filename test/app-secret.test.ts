import { Duration, Testing } from 'cdk8s';
import { one, synth } from './util';
import { AppSecret, AppSecretProps, SecretSource, SecretStoreKind } from '../src/app-secret';
import { CheesePolicy } from '../src/policy';

function build(props: Partial<AppSecretProps> = {}) {
  const chart = Testing.chart();
  const secret = new AppSecret(chart, 'Secret', { name: 'gcp-key', ...props });
  return { chart, secret, objects: synth(chart) };
}

describe('AppSecret', () => {
  test('@default source SecretSource.existing(): a reference only, nothing emitted', () => {
    const { secret, objects } = build();
    expect(objects).toEqual([]);
    expect(secret.secretName).toBe('gcp-key');
    expect(secret.managedInChart).toBe(false);
    expect(secret.apiObject).toBeUndefined();
  });

  test('externalSecret: an ExternalSecret with sorted data; @default storeKind ClusterSecretStore, @default refreshInterval 1h', () => {
    const { secret, objects } = build({ source: SecretSource.externalSecret({ storeName: 'gcp-sm', data: { 'z.json': 'remote-z', 'gcp-service.json': 'cheese-gcp-key' } }) });
    const es = one(objects, 'ExternalSecret', 'gcp-key');
    expect(es.apiVersion).toMatch(/^external-secrets\.io\//);
    expect(es.spec).toEqual({
      refreshInterval: '3600s',
      secretStoreRef: { name: 'gcp-sm', kind: 'ClusterSecretStore' },
      target: { name: 'gcp-key' },
      data: [{ secretKey: 'gcp-service.json', remoteRef: { key: 'cheese-gcp-key' } }, { secretKey: 'z.json', remoteRef: { key: 'remote-z' } }],
    });
    expect(es.metadata.labels['app.kubernetes.io/component']).toBe('secret');
    expect(secret.managedInChart).toBe(true);
    expect(es).toMatchSnapshot();
  });

  test('externalSecret: explicit store kind and refresh interval', () => {
    const { objects } = build({ source: SecretSource.externalSecret({ storeName: 'local', storeKind: SecretStoreKind.SECRET_STORE, refreshInterval: Duration.minutes(5), data: { k: 'r' } }) });
    expect(one(objects, 'ExternalSecret').spec).toMatchObject({ refreshInterval: '300s', secretStoreRef: { name: 'local', kind: 'SecretStore' } });
  });

  test('sealed: a SealedSecret whose template names the Secret', () => {
    const { objects, secret } = build({ source: SecretSource.sealed({ 'gcp-service.json': 'AgBy3i...' }) });
    const sealed = one(objects, 'SealedSecret', 'gcp-key');
    expect(sealed.spec.encryptedData).toEqual({ 'gcp-service.json': 'AgBy3i...' });
    expect(sealed.spec.template.metadata.name).toBe('gcp-key');
    expect(secret.managedInChart).toBe(true);
  });

  test('inlinePlaintext: an Opaque Secret whose acknowledgement is a visible CHEESE-SEC3 suppression, so the policy lets it through', () => {
    const { chart, objects } = build({ source: SecretSource.inlinePlaintext({ stringData: { token: 'abc' }, acknowledgement: 'local kind cluster, throwaway token' }) });
    const s = one(objects, 'Secret', 'gcp-key');
    expect(s.type).toBe('Opaque');
    expect(s.stringData).toEqual({ token: 'abc' });
    expect(s.metadata.annotations).toEqual({ 'policy.cheese-k8s.io/suppressions': 'CHEESE-SEC3: plain-text Secret by explicit opt-in: local kind cluster, throwaway token' });
    CheesePolicy.apply(chart, { requireIngressTls: false });
    expect(CheesePolicy.of(chart)!.errors().filter(e => e.includes('CHEESE-SEC3'))).toEqual([]);
  });

  describe('fails if', () => {
    test.each([
      ['an inline secret has no acknowledgement', () => SecretSource.inlinePlaintext({ stringData: { a: 'b' }, acknowledgement: '' }),
        'SecretSource.inlinePlaintext: invalid acknowledgement "": say in at least 10 characters why a clear-text Secret in the manifests is acceptable'],
      ['an inline acknowledgement is too short', () => SecretSource.inlinePlaintext({ stringData: { a: 'b' }, acknowledgement: '  ok  ' }),
        'SecretSource.inlinePlaintext: invalid acknowledgement "  ok  ": say in at least 10 characters'],
      ['an ExternalSecret maps no keys', () => SecretSource.externalSecret({ storeName: 'gcp-sm', data: {} }),
        'SecretSource.externalSecret: invalid data {}: map at least one secret key to a remote secret name'],
      ['an ExternalSecret store name is blank', () => SecretSource.externalSecret({ storeName: ' ', data: { a: 'b' } }),
        'SecretSource.externalSecret: invalid storeName " ": use a non-empty string with no whitespace'],
      ['a SealedSecret has no values', () => SecretSource.sealed({}),
        'SecretSource.sealed: invalid encryptedData {}: give at least one kubeseal-encrypted value'],
      ['the Secret name is not a DNS subdomain', () => build({ name: 'GCP Key' }),
        'test/Secret: invalid name "GCP Key": use a DNS-1123 subdomain'],
    ])('%s', (_, make, message) => {
      expect(make).toThrow(message);
    });
  });
});
