import { at, cheeseApp, firstContainer, get, NS, run } from './fixtures';
import { CONFIGMAP_NO_SECRETS, ENV_NO_LITERAL_SECRETS, NO_INLINE_SECRET_DATA } from '../../src/policy';

const PEM = '-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----';
const SA_JSON = '{\n  "type": "service_account",\n  "project_id": "ac215"\n}';

describe('CHEESE-SEC1 no secrets in ConfigMaps', () => {
  test('Compliance: plain settings, and GOOGLE_APPLICATION_CREDENTIALS as a file path', () => {
    const objects = cheeseApp();
    get(objects, 'ConfigMap', 'app-config').data.GOOGLE_APPLICATION_CREDENTIALS = '/var/secrets/gcp/key.json';
    expect(run(CONFIGMAP_NO_SECRETS, objects)).toEqual([]);
  });
  test.each([['DB_PASSWORD'], ['hf_token'], ['Bearer'], ['client-secret'], ['AWS_SECRET_ACCESS_KEY'], ['AZURE_STORAGE_KEY']])(
    'Noncompliance: key %s', (key) => {
      const objects = cheeseApp();
      get(objects, 'ConfigMap', 'app-config').data[key] = 'x';
      expect(run(CONFIGMAP_NO_SECRETS, objects)).toEqual([at('CHEESE-SEC1', 'ConfigMap', 'app-config', { path: `data["${key}"]` })]);
    });
  test('Noncompliance: a private key value, without echoing it', () => {
    const objects = cheeseApp();
    get(objects, 'ConfigMap', 'app-config').data['tls.key'] = PEM;
    const findings = run(CONFIGMAP_NO_SECRETS, objects);
    expect(findings).toEqual([at('CHEESE-SEC1', 'ConfigMap', 'app-config', { path: 'data["tls.key"]' })]);
    expect(findings[0].detail).not.toContain('MIIEow');
  });
  test('Noncompliance: a service-account JSON in binaryData and GOOGLE_APPLICATION_CREDENTIALS holding JSON', () => {
    const objects = cheeseApp();
    const cm = get(objects, 'ConfigMap', 'app-config');
    cm.binaryData = { 'gcp.json': Buffer.from(SA_JSON).toString('base64') };
    cm.data.GOOGLE_APPLICATION_CREDENTIALS = SA_JSON;
    expect(run(CONFIGMAP_NO_SECRETS, objects).map(f => f.path)).toEqual([
      'data["GOOGLE_APPLICATION_CREDENTIALS"]', 'data["GOOGLE_APPLICATION_CREDENTIALS"]', 'binaryData["gcp.json"]',
    ]);
  });
});

describe('CHEESE-SEC2 no literal secrets in env', () => {
  test('Compliance: secretKeyRef env, and GOOGLE_APPLICATION_CREDENTIALS as an absolute path', () => {
    expect(run(ENV_NO_LITERAL_SECRETS, cheeseApp())).toEqual([]);
  });
  test.each([['OPENAI_API_TOKEN'], ['db_password'], ['JWT_SECRET']])('Noncompliance: literal value for %s', (name) => {
    const objects = cheeseApp();
    firstContainer(objects, 'Deployment', 'api').env.push({ name, value: 'hunter2' });
    const findings = run(ENV_NO_LITERAL_SECRETS, objects);
    expect(findings).toEqual([at('CHEESE-SEC2', 'Deployment', 'api', { container: 'api', path: 'spec.template.spec.containers[0].env[3].value' })]);
    expect(findings[0].detail).not.toContain('hunter2');
  });
  test.each([['key.json'], [SA_JSON]])('Noncompliance: GOOGLE_APPLICATION_CREDENTIALS = %p is not an absolute path', (value) => {
    const objects = cheeseApp();
    firstContainer(objects, 'Deployment', 'api').env[1].value = value;
    expect(run(ENV_NO_LITERAL_SECRETS, objects)).toEqual([at('CHEESE-SEC2', 'Deployment', 'api', { path: 'spec.template.spec.containers[0].env[1].value' })]);
  });
  test('Noncompliance: a private key in an innocently named variable', () => {
    const objects = cheeseApp();
    firstContainer(objects, 'Job', 'loader').env = [{ name: 'CONFIG', value: PEM }];
    expect(run(ENV_NO_LITERAL_SECRETS, objects)).toEqual([at('CHEESE-SEC2', 'Job', 'loader', { container: 'loader' })]);
  });
});

describe('CHEESE-SEC3 no inline Secret data', () => {
  const secret = (body: any) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'gcp-service-key', namespace: NS }, ...body });
  test('Compliance: a Secret without data (e.g. a service-account token shell)', () => {
    expect(run(NO_INLINE_SECRET_DATA, [...cheeseApp(), secret({ type: 'kubernetes.io/service-account-token' }), secret({ data: {} })])).toEqual([]);
  });
  test('Noncompliance: stringData and data, keys named but values never shown', () => {
    const findings = run(NO_INLINE_SECRET_DATA, [secret({ data: { 'gcp-service.json': 'e30=' }, stringData: { token: 'abc123' } })]);
    expect(findings).toEqual([
      at('CHEESE-SEC3', 'Secret', 'gcp-service-key', { path: 'data' }),
      at('CHEESE-SEC3', 'Secret', 'gcp-service-key', { path: 'stringData' }),
    ]);
    expect(findings.map(f => f.detail).join()).not.toMatch(/e30=|abc123/);
  });
});
