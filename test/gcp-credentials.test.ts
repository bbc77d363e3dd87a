import { Testing } from 'cdk8s';
import { one, synth } from './util';
import { AppSecret } from '../src/app-secret';
import { GcpCredentials } from '../src/gcp-credentials';

const GSA = 'gcp-service@ac215-project.iam.gserviceaccount.com';

describe('GcpCredentials', () => {
  test('workloadIdentity: one annotated ServiceAccount per chart, no token; @default serviceAccountName api-ksa', () => {
    const chart = Testing.chart();
    const creds = GcpCredentials.workloadIdentity({ gcpServiceAccount: GSA });
    expect([creds.serviceAccountName, creds.gcpServiceAccount]).toEqual(['api-ksa', GSA]);
    const first = creds._bind(chart);
    const second = creds._bind(chart);
    expect(second).toBe(first);
    expect(first.serviceAccount?.serviceAccountName).toBe('api-ksa');
    expect([first.mounts, first.env]).toEqual([[], {}]);
    const sa = one(synth(chart), 'ServiceAccount');
    expect(sa.metadata).toMatchObject({ name: 'api-ksa', annotations: { 'iam.gke.io/gcp-service-account': GSA } });
    expect(sa.metadata.labels['app.kubernetes.io/component']).toBe('identity');
    expect(sa.automountServiceAccountToken).toBe(false);
  });

  test('workloadIdentity binds once in each chart', () => {
    const creds = GcpCredentials.workloadIdentity({ gcpServiceAccount: GSA, serviceAccountName: 'cheese-ksa' });
    const [a, b] = [Testing.chart(), Testing.chart()];
    expect(creds._bind(a)).not.toBe(creds._bind(b));
    expect(one(synth(a), 'ServiceAccount').metadata.name).toBe('cheese-ksa');
    expect(one(synth(b), 'ServiceAccount').metadata.name).toBe('cheese-ksa');
  });

  test('serviceAccountKey: mounts the Secret read-only; @default key gcp-service.json, @default mountPath /secrets', () => {
    const chart = Testing.chart();
    const secret = new AppSecret(chart, 'Key', { name: 'gcp-key' });
    const binding = GcpCredentials.serviceAccountKey({ secret })._bind(chart);
    expect(binding.serviceAccount).toBeUndefined();
    expect(binding.mounts.map(m => [m.path, m.volumeName])).toEqual([['/secrets', 'secret-gcp-key']]);
    expect(binding.env.GOOGLE_APPLICATION_CREDENTIALS._toKube('G')).toEqual({ name: 'G', value: '/secrets/gcp-service.json' });
    const custom = GcpCredentials.serviceAccountKey({ secret, key: 'key.json', mountPath: '/var/run/gcp/' })._bind(chart);
    expect(custom.env.GOOGLE_APPLICATION_CREDENTIALS._toKube('G').value).toBe('/var/run/gcp/key.json');
    expect(synth(chart)).toEqual([]);
  });

  test('nodeDefault emits nothing', () => {
    const chart = Testing.chart();
    expect(GcpCredentials.nodeDefault()._bind(chart)).toEqual({ mounts: [], env: {}, usesMetadataServer: true });
    expect(synth(chart)).toEqual([]);
  });

  test('two Workload Identities in one chart give two ServiceAccounts', () => {
    const chart = Testing.chart();
    GcpCredentials.workloadIdentity({ gcpServiceAccount: GSA })._bind(chart);
    GcpCredentials.workloadIdentity({ gcpServiceAccount: 'loader-sa@ac215-project.iam.gserviceaccount.com', serviceAccountName: 'loader-ksa' })._bind(chart);
    expect(synth(chart).filter(o => o.kind === 'ServiceAccount').map(o => o.metadata.name)).toEqual(['api-ksa', 'loader-ksa']);
  });

  describe('fails if', () => {
    test.each([
      'gcp-service',
      'gcp-service@ac215-project.iam.gserviceaccount.com.evil',
      'GCP@ac215-project.iam.gserviceaccount.com',
      'gcp-service@ac215-project.gserviceaccount.com',
    ])('the Google service account is %j', (email) => {
      expect(() => GcpCredentials.workloadIdentity({ gcpServiceAccount: email }))
        .toThrow(`GcpCredentials.workloadIdentity: invalid gcpServiceAccount ${JSON.stringify(email)}: use a service account email '<name>@<project>.iam.gserviceaccount.com'`);
    });

    test('the KSA name is not a DNS label', () => {
      expect(() => GcpCredentials.workloadIdentity({ gcpServiceAccount: GSA, serviceAccountName: 'API_KSA' }))
        .toThrow('GcpCredentials.workloadIdentity: invalid serviceAccountName "API_KSA": use a DNS-1123 label');
    });

    test.each([
      ['key', { key: 'my key.json' }, 'invalid key "my key.json": use letters, digits, \'-\', \'_\' or \'.\''],
      ['mountPath', { mountPath: 'secrets' }, 'invalid mountPath "secrets": use an absolute path'],
    ])('the key option %s is bad', (_, options, message) => {
      const secret = new AppSecret(Testing.chart(), 'Key', { name: 'gcp-key' });
      expect(() => GcpCredentials.serviceAccountKey({ secret, ...options })).toThrow(`GcpCredentials.serviceAccountKey: ${message}`);
    });
  });
});
