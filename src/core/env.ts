import { IConfigMapRef, ISecretRef } from './refs';
import { checkDataKey, checkQualifiedKey, checkToken, invalid } from './validate';

// validation.go validEnvDownwardAPIFieldPathExpressions, plus the subscripted label and annotation forms
const FIELD_PATHS = ['metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName',
  'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs'];
const SUBSCRIPTED = /^metadata\.(labels|annotations)\['(.+)'\]$/;

function checkFieldPath(fieldPath: string): void {
  const sub = SUBSCRIPTED.exec(fieldPath);
  if (sub) {
    checkQualifiedKey('EnvValue.fromField', `fieldPath ${sub[1]} key`, sub[2]);
    return;
  }
  if (!FIELD_PATHS.includes(fieldPath)) {
    invalid('EnvValue.fromField', 'fieldPath', fieldPath, `use one of ${FIELD_PATHS.join(', ')}, metadata.labels['<key>'] or metadata.annotations['<key>']`);
  }
}

/**
 * The value of one environment variable: a literal, one key of a ConfigMap or Secret,
 * or a pod field. Secrets are always references (`secretKeyRef`), never literals.
 */
export class EnvValue {
  /** A literal, non-secret value. */
  public static literal(value: string): EnvValue {
    if (typeof value !== 'string') {
      invalid('EnvValue.literal', 'value', value, "use a string (quote numbers, e.g. '8000')");
    }
    return new EnvValue({ value });
  }

  /** One key of a ConfigMap (`configMapKeyRef`); the key counts toward the rollout checksum. */
  public static fromConfigMap(configMap: IConfigMapRef, key: string): EnvValue {
    checkDataKey('EnvValue.fromConfigMap', 'key', key);
    return new EnvValue({ valueFrom: { configMapKeyRef: { name: configMap.configMapName, key } } }, { configMap, key });
  }

  /** One key of a Secret (`secretKeyRef`). */
  public static fromSecret(secret: ISecretRef, key: string): EnvValue {
    checkDataKey('EnvValue.fromSecret', 'key', key);
    return new EnvValue({ valueFrom: { secretKeyRef: { name: secret.secretName, key } } }, undefined, secret);
  }

  /** A pod field such as `metadata.name` or `status.podIP` (`fieldRef`). */
  public static fromField(fieldPath: string): EnvValue {
    checkToken('EnvValue.fromField', 'fieldPath', fieldPath);
    checkFieldPath(fieldPath);
    return new EnvValue({ valueFrom: { fieldRef: { fieldPath } } });
  }

  /** @internal the ConfigMap key this value reads, for the rollout checksum */
  public readonly _configKey?: { readonly configMap: IConfigMapRef; readonly key: string };
  /** @internal the Secret this value reads */
  public readonly _secret?: ISecretRef;
  private readonly spec: any;

  private constructor(spec: any, configKey?: { configMap: IConfigMapRef; key: string }, secret?: ISecretRef) {
    this.spec = spec;
    this._configKey = configKey;
    this._secret = secret;
  }

  /** @internal */
  public _toKube(name: string): any {
    return { name, ...this.spec };
  }
}
