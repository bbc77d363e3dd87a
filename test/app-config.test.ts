import { Testing } from 'cdk8s';
import { one, synth } from './util';
import { AppConfig, checkGcpProject } from '../src/app-config';

function build(props: Partial<ConstructorParameters<typeof AppConfig>[2]> = {}) {
  const chart = Testing.chart();
  const config = new AppConfig(chart, 'Config', { gcpProject: 'ac215-project', ...props });
  return { chart, config };
}

describe('AppConfig', () => {
  test('synthesizes one ConfigMap with GCP_PROJECT and the extra data', () => {
    const { chart, config } = build({ data: { 'MODEL': 'gemini-1.5', 'log.level': 'info' } });
    const cm = one(synth(chart), 'ConfigMap');
    expect(cm.metadata.name).toBe('cheese-app-config');
    expect(cm.metadata.labels).toMatchObject({ 'app.kubernetes.io/name': 'cheese-app-config', 'app.kubernetes.io/component': 'config' });
    expect(cm.data).toEqual({ 'GCP_PROJECT': 'ac215-project', 'MODEL': 'gemini-1.5', 'log.level': 'info' });
    expect(config.data()).toEqual(cm.data);
    expect([config.configMapName, config.gcpProject]).toEqual(['cheese-app-config', 'ac215-project']);
    expect(cm).toMatchSnapshot();
  });

  test('@default name cheese-app-config; @default data: none beyond GCP_PROJECT', () => {
    const { chart } = build();
    expect(one(synth(chart), 'ConfigMap', 'cheese-app-config').data).toEqual({ GCP_PROJECT: 'ac215-project' });
  });

  test('data added after construction reaches the manifest; data() returns a copy', () => {
    const { chart, config } = build({ name: 'settings' });
    config.addData('LATE', 'yes');
    (config.data() as any).INJECTED = 'no';
    expect(one(synth(chart), 'ConfigMap', 'settings').data).toEqual({ GCP_PROJECT: 'ac215-project', LATE: 'yes' });
  });

  test('fromConfigMapName references an external map whose content is unknown', () => {
    const chart = Testing.chart();
    const ref = AppConfig.fromConfigMapName(chart, 'Shared', 'shared.settings');
    expect(ref.configMapName).toBe('shared.settings');
    expect(ref.data()).toBeUndefined();
    expect(synth(chart)).toEqual([]);
  });

  test('accepts a key that is also an Object.prototype member', () => {
    const { config } = build();
    config.addData('constructor', 'x');
    expect(config.data().constructor).toBe('x');
  });

  describe('fails if', () => {
    test.each([
      ['a key has a space', 'MY KEY', 'x', 'invalid data key "MY KEY": use letters, digits, \'-\', \'_\' or \'.\''],
      ['a key is set twice', 'GCP_PROJECT', 'x', 'invalid data key "GCP_PROJECT": each key once; it is already set'],
      ['a value is not a string', 'PORT', 8000 as any, 'invalid data["PORT"] 8000: use a string'],
      ['a key looks like a password', 'DB_PASSWORD', 'x', 'invalid data key "DB_PASSWORD": a ConfigMap is not secret; reference a Secret with AppSecret and EnvValue.fromSecret or Mount.secret'],
      ['a key looks like an API key', 'OPENAI_API_KEY', 'x', 'invalid data key "OPENAI_API_KEY": a ConfigMap is not secret'],
      ['a key looks like a token', 'githubToken', 'x', 'invalid data key "githubToken": a ConfigMap is not secret'],
      ['a value holds a private key', 'CERT', '-----BEGIN RSA PRIVATE KEY-----\nMII...', 'invalid data key "CERT": a ConfigMap is not secret'],
      ['a value holds a service-account key file', 'GCP_JSON', '{"type": "service_account", "project_id": "p"}', 'invalid data key "GCP_JSON": a ConfigMap is not secret'],
    ])('%s', (_, key, value, message) => {
      const { config } = build();
      expect(() => config.addData(key, value)).toThrow(`test/Config: ${message}`);
    });

    test('a secret-looking key is passed as data at construction', () => {
      expect(() => build({ data: { client_secret: 'x' } })).toThrow('test/Config: invalid data key "client_secret": a ConfigMap is not secret');
    });

    test('the name is not a DNS subdomain', () => {
      expect(() => build({ name: 'Cheese Config' })).toThrow('test/Config: invalid name "Cheese Config": use a DNS-1123 subdomain');
      expect(() => AppConfig.fromConfigMapName(Testing.chart(), 'Ext', '')).toThrow('test/Ext: invalid name "": use a DNS-1123 subdomain');
    });

    test.each([
      ['too short', 'ac215', 'invalid gcpProject "ac215": use a GCP project id: 6-30 lower-case letters, digits or hyphens, starting with a letter'],
      ['upper case', 'AC215-Project', 'invalid gcpProject "AC215-Project": use a GCP project id'],
      ['starting with a digit', '1ac215-project', 'invalid gcpProject "1ac215-project": use a GCP project id'],
      ['ending with a hyphen', 'ac215-project-', 'invalid gcpProject "ac215-project-": use a GCP project id'],
      ['blank', '', 'invalid gcpProject "": use a non-empty string with no whitespace'],
    ])('the GCP project is %s', (_, project, message) => {
      expect(() => build({ gcpProject: project })).toThrow(`test/Config: ${message}`);
      expect(() => checkGcpProject('Owner', project)).toThrow(`Owner: ${message}`);
    });
  });
});
