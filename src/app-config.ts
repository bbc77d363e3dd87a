import { Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { KubeConfigMap } from '../imports/k8s';
import { instanceOf, partOfOf } from './core/context';
import { workloadLabels } from './core/labels';
import { forCdk8s, hasPrototypeKey, plainRecord, restoreKeysOnRender } from './core/record';
import { IConfigMapRef } from './core/refs';
import { checkDataKey, checkDnsSubdomain, checkLabeledName, checkToken, invalid, invalidMessage, utf8Bytes } from './core/validate';

/** The API server's cap on a ConfigMap's data (keys and values). */
export const MAX_CONFIGMAP_BYTES = 1024 * 1024;

const SECRET_KEY = /password|passwd|token|secret|bearer|api[-_]?key|credential/i;
const SECRET_VALUE = /-----BEGIN [A-Z ]*PRIVATE KEY-----|"type"\s*:\s*"service_account"|"private_key"/;

/** Props of {@link AppConfig}. */
export interface AppConfigProps {
  /**
   * ConfigMap name.
   * @default 'cheese-app-config'
   */
  readonly name?: string;
  /** GCP project id, exposed as `GCP_PROJECT` (read by the API and the loader at import time). */
  readonly gcpProject: string;
  /**
   * More non-secret settings. Keys that look like credentials are rejected: use {@link AppSecret}.
   * @default - none
   */
  readonly data?: Record<string, string>;
}

/**
 * The app's non-secret settings as one ConfigMap, consumed with `envFrom` by the API
 * and the loader. Pods that read it carry a hash of exactly the keys they consume, so
 * changing a value rolls those pods and no others.
 */
export class AppConfig extends Construct implements IConfigMapRef {
  /** References a ConfigMap that exists outside this chart (its content is unknown, so it adds nothing to the rollout hash). */
  public static fromConfigMapName(scope: Construct, id: string, name: string): IConfigMapRef {
    return new ImportedConfigMap(scope, id, checkDnsSubdomain(`${scope.node.path}/${id}`, 'name', name));
  }

  public readonly configMapName: string;
  /** GCP project id, exposed as `GCP_PROJECT`. */
  public readonly gcpProject: string;
  /** The ConfigMap object. */
  public readonly configMap: KubeConfigMap;
  private readonly _data = new Map<string, string>();

  constructor(scope: Construct, id: string, props: AppConfigProps) {
    super(scope, id);
    this.configMapName = checkLabeledName(this.node.path, 'name', props.name ?? 'cheese-app-config');
    this.gcpProject = checkGcpProject(this.node.path, props.gcpProject);
    this.addData('GCP_PROJECT', this.gcpProject);
    for (const [key, value] of Object.entries(props.data ?? {})) this.addData(key, value);
    const instance = instanceOf(this);
    this.configMap = new KubeConfigMap(this, 'Resource', {
      metadata: { name: this.configMapName, labels: workloadLabels({ name: this.configMapName, instance, component: 'config', partOf: partOfOf(this) }) },
      data: Lazy.any({ produce: () => forCdk8s(this.data()) }),
    });
    if (hasPrototypeKey(this.data())) restoreKeysOnRender(this.configMap);
    // checked at synth: data can be added until then
    this.node.addValidation({ validate: () => this.checkSize() });
  }

  /**
   * Adds a setting; data added after construction still reaches the manifest and the rollout hash.
   * @throws if the key is taken, malformed or looks like a credential, or the value holds a key file
   */
  public addData(key: string, value: string): void {
    const owner = this.node.path;
    checkDataKey(owner, 'data key', key);
    if (this._data.has(key)) invalid(owner, 'data key', key, 'each key once; it is already set');
    if (typeof value !== 'string') invalid(owner, `data[${JSON.stringify(key)}]`, value, 'use a string');
    if (SECRET_KEY.test(key) || SECRET_VALUE.test(value)) {
      invalid(owner, 'data key', key, 'a ConfigMap is not secret; reference a Secret with AppSecret and EnvValue.fromSecret or Mount.secret');
    }
    this._data.set(key, value);
    if (hasPrototypeKey({ [key]: value }) && this.configMap) restoreKeysOnRender(this.configMap);
  }

  public data(): Record<string, string> {
    return plainRecord(this._data);
  }

  private checkSize(): string[] {
    let bytes = 0;
    for (const [key, value] of this._data) bytes += utf8Bytes(key) + utf8Bytes(value);
    return bytes > MAX_CONFIGMAP_BYTES
      ? [invalidMessage(this.node.path, 'data', `${bytes} bytes`, `keep a ConfigMap's data under ${MAX_CONFIGMAP_BYTES} bytes (1 MiB), keys included; mount large files from a volume or an image instead`)]
      : [];
  }
}

class ImportedConfigMap extends Construct implements IConfigMapRef {
  constructor(scope: Construct, id: string, public readonly configMapName: string) {
    super(scope, id);
  }

  public data(): undefined {
    return undefined;
  }
}

/** GCP project ids: 6-30 chars, lower-case letters, digits and hyphens, starting with a letter. */
export function checkGcpProject(owner: string, project: string): string {
  checkToken(owner, 'gcpProject', project);
  if (!/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/.test(project)) {
    invalid(owner, 'gcpProject', project, 'use a GCP project id: 6-30 lower-case letters, digits or hyphens, starting with a letter');
  }
  return project;
}
