import { Testing } from 'cdk8s';
import { AppConfig } from '../../src/app-config';
import { AppSecret } from '../../src/app-secret';
import { EnvValue } from '../../src/core/env';

describe('EnvValue', () => {
  const chart = Testing.chart();
  const config = new AppConfig(chart, 'Config', { gcpProject: 'ac215-project', data: { MODEL: 'gemini' } });
  const secret = new AppSecret(chart, 'Secret', { name: 'api-keys' });

  test('literal renders a value', () => {
    expect(EnvValue.literal('8000')._toKube('PORT')).toEqual({ name: 'PORT', value: '8000' });
    expect(EnvValue.literal('')._toKube('EMPTY')).toEqual({ name: 'EMPTY', value: '' });
  });

  test('fromConfigMap renders a configMapKeyRef and records the key for the rollout hash', () => {
    const v = EnvValue.fromConfigMap(config, 'MODEL');
    expect(v._toKube('MODEL')).toEqual({ name: 'MODEL', valueFrom: { configMapKeyRef: { name: 'cheese-app-config', key: 'MODEL' } } });
    expect(v._configKey).toEqual({ configMap: config, key: 'MODEL' });
    expect(v._secret).toBeUndefined();
  });

  test('fromSecret renders a secretKeyRef, never the value', () => {
    const v = EnvValue.fromSecret(secret, 'OPENAI_KEY');
    expect(v._toKube('OPENAI_KEY')).toEqual({ name: 'OPENAI_KEY', valueFrom: { secretKeyRef: { name: 'api-keys', key: 'OPENAI_KEY' } } });
    expect(v._secret).toBe(secret);
    expect(v._configKey).toBeUndefined();
  });

  test('fromField renders a fieldRef', () => {
    expect(EnvValue.fromField('status.podIP')._toKube('POD_IP')).toEqual({ name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } });
  });

  describe('fails if', () => {
    test('a literal is not a string', () => {
      expect(() => EnvValue.literal(8000 as any)).toThrow("EnvValue.literal: invalid value 8000: use a string (quote numbers, e.g. '8000')");
    });

    test.each([
      ['fromConfigMap', () => EnvValue.fromConfigMap(config, 'A KEY'), '"A KEY"'],
      ['fromSecret', () => EnvValue.fromSecret(secret, ''), '""'],
      ['fromSecret', () => EnvValue.fromSecret(secret, 'keys/gcp.json'), '"keys/gcp.json"'],
    ])('%s gets a key that is not a data key', (factory, make, shown) => {
      expect(make).toThrow(`EnvValue.${factory}: invalid key ${shown}: use letters, digits, '-', '_' or '.'`);
    });

    test('fromField gets a bad fieldPath', () => {
      expect(() => EnvValue.fromField('metadata. name')).toThrow('EnvValue.fromField: invalid fieldPath "metadata. name": use a non-empty string with no whitespace');
    });
  });
});
