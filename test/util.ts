// Shared helpers of the unit tests: synthesize a chart, find objects by kind and name,
// and validate objects against the upstream Kubernetes schemas (kubernetes-models).
import { Chart, Duration, Size, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { KubeDeployment } from '../imports/k8s';
import { AppConfig } from '../src/app-config';
import { Cpu } from '../src/core/cpu';
import { ContainerImage } from '../src/core/image';
import { KubeObject, podSpecOf } from '../src/core/manifest';
import { ContainerProps, PodTemplateOptions, renderPodTemplate } from '../src/core/pod';
import { Resources } from '../src/core/resources';
import { VectorDb } from '../src/vector-db';

/**
 * A synthesized object. Typed loosely on purpose: tests read optional fields (labels,
 * annotations) whose presence is itself under test.
 */
export type Manifest = KubeObject & { readonly metadata: any };

/** Every object of `chart`, as plain JSON (what `kubectl apply` receives). */
export function synth(chart: Chart): Manifest[] {
  return Testing.synth(chart) as Manifest[];
}

/** The objects of one kind, optionally with one name. */
export function byKind(objects: readonly Manifest[], kind: string, name?: string): Manifest[] {
  return objects.filter(o => o.kind === kind && (name === undefined || o.metadata.name === name));
}

/** Exactly one object of a kind (and name); fails the test otherwise. */
export function one(objects: readonly Manifest[], kind: string, name?: string): Manifest {
  const found = byKind(objects, kind, name);
  if (found.length !== 1) {
    throw new Error(`expected exactly one ${kind}${name ? `/${name}` : ''}, found ${found.length}: ${objects.map(o => `${o.kind}/${o.metadata.name}`).join(', ')}`);
  }
  return found[0];
}

/** The pod spec of a workload object. */
export function podOf(obj: KubeObject): any {
  const spec = podSpecOf(obj);
  if (!spec) throw new Error(`${obj.kind}/${obj.metadata.name} has no pod template`);
  return spec;
}

/** The first (main) container of a workload object. */
export function mainContainer(obj: KubeObject): any {
  return podOf(obj).containers[0];
}

/** A pinned image for tests. */
export function image(reference = 'nginx:1.27.0'): ContainerImage {
  return ContainerImage.of(reference);
}

/** Small resources for test containers. */
export function smallResources(): Resources {
  return Resources.of({ cpuRequest: Cpu.millis(100), memoryRequest: Size.mebibytes(64) });
}

/**
 * Renders a pod template with `renderPodTemplate` (owner 'test/Web', container 'web' on
 * port 8080 unless overridden) and returns it as synthesized JSON, tokens resolved.
 */
export function renderPod(container: Partial<ContainerProps> = {}, options: Partial<PodTemplateOptions> = {}): any {
  const rendered = renderPodTemplate({
    owner: 'test/Web',
    name: 'web',
    labels: { app: 'web' },
    selector: { app: 'web' },
    identity: { runAsUser: 10001, runAsGroup: 10001 },
    restartPolicy: 'Always',
    terminationGracePeriod: Duration.seconds(30),
    spread: false,
    ...options,
    container: { image: image(), port: 8080, resources: smallResources(), ...container },
  });
  const chart = Testing.chart();
  new KubeDeployment(chart, 'Pod', { metadata: { name: 'pod' }, spec: { selector: { matchLabels: { app: 'web' } }, template: rendered.template } });
  return synth(chart)[0].spec.template;
}

/** A chart with the two dependencies of the API and the loader: a ConfigMap and a vector DB. */
export function chartWithDb(): { chart: Chart; config: AppConfig; db: VectorDb } {
  const chart = Testing.chart();
  const config = new AppConfig(chart, 'Config', { gcpProject: 'ac215-project' });
  const db = new VectorDb(chart, 'VectorDb');
  return { chart, config, db };
}

/** A plain construct scope (not a chart), to build constructs whose errors are tested. */
export function scope(): Construct {
  return Testing.chart();
}

/**
 * The kubernetes-models module of an object, from its apiVersion and kind
 * (`apps/v1` + `Deployment` → `kubernetes-models/apps/v1/Deployment`), or undefined for
 * kinds the package does not describe (CRDs such as ManagedCertificate).
 */
export function schemaClassOf(obj: KubeObject): (new (data: any) => { validate(): void }) | undefined {
  const [group, version] = obj.apiVersion.includes('/') ? obj.apiVersion.split('/') : ['', obj.apiVersion];
  const modulePath = `kubernetes-models/${group ? `${group}/` : ''}${version}/${obj.kind}`;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(modulePath)[obj.kind];
  } catch {
    return undefined;
  }
}

/**
 * Validates each object against the upstream JSON schema; throws on the first invalid one.
 * Returns the number of objects validated (CRDs are skipped).
 */
export function validateWithSchemas(objects: KubeObject[]): number {
  let validated = 0;
  for (const obj of objects) {
    const Model = schemaClassOf(obj);
    if (!Model) continue;
    try {
      new Model(obj).validate();
    } catch (e) {
      throw new Error(`${obj.kind}/${obj.metadata.name} does not match the ${obj.apiVersion} schema: ${(e as Error).message}`);
    }
    validated++;
  }
  return validated;
}

/** The library's error format: `<owner>: invalid <prop> <value>: <allowed>`. */
export const LIBRARY_ERROR = /^\S+: invalid \S.* \S.*: \S/s;

/** A DNS-1123 label, the format of container, port, volume and Service names. */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
