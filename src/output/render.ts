import { App, Chart, YamlOutputType } from 'cdk8s';
import { NodePool, planCapacity, renderCapacityJson, renderCapacityMarkdown } from '../capacity';
import { CheeseApp } from '../cheese-app';
import { KubeObject } from '../core/manifest';
import { EnvironmentSettings, toCheeseAppProps } from '../environments';
import { CheesePolicy } from '../policy';
import { renderDiagram } from './diagram';
import { stringifyManifests } from './yaml';

/** File name of an environment's manifests. */
export const MANIFEST_FILE = 'cheese-app.k8s.yaml';

/** An output folder's files, by relative name. */
export type OutputFiles = Record<string, string>;

/** `kustomization.yaml` listing the manifests, so `kubectl apply -k <dir>` works. */
export function kustomization(resources: string[]): string {
  return ['apiVersion: kustomize.config.k8s.io/v1beta1', 'kind: Kustomization', 'resources:', ...resources.map(r => `  - ${r}`), ''].join('\n');
}

/**
 * `chart.toJson()`: validates (the policy included) and renders, each object once when the chart has a
 * policy (see {@link CheesePolicy.synth}). Capacity, diagram and YAML all read these objects.
 */
export function synthChart(chart: Chart): KubeObject[] {
  return CheesePolicy.of(chart)?.synth() ?? (chart.toJson() as KubeObject[]);
}

/** Builds the app of one environment in a fresh App (no files written). */
export function buildEnvironment(env: EnvironmentSettings): { app: App; chart: CheeseApp } {
  const app = new App({ outdir: '.unused', yamlOutputType: YamlOutputType.FILE_PER_CHART });
  const chart = new CheeseApp(app, 'cheese-app', toCheeseAppProps(env));
  return { app, chart };
}

/**
 * Renders an environment's folder in memory: manifests (validated by the chart's policy),
 * kustomization, capacity plan. Throws on any validation error, so nothing invalid is written.
 */
export function renderEnvironment(env: EnvironmentSettings): { files: OutputFiles; warnings: string[] } {
  const { chart } = buildEnvironment(env);
  const objects = synthChart(chart);
  const yaml = stringifyManifests(objects);
  const pool = env.nodePool.machineType
    ? NodePool.machineType(env.nodePool.machineType, { minNodes: env.nodePool.minNodes, maxNodes: env.nodePool.maxNodes })
    : NodePool.custom({
      allocatableCpuMillis: env.nodePool.allocatableCpuMillis as number,
      allocatableMemoryMiB: env.nodePool.allocatableMemoryMiB as number,
      minNodes: env.nodePool.minNodes,
      maxNodes: env.nodePool.maxNodes,
    });
  const plan = planCapacity(objects, pool, { environment: env.name, failOnOverflow: env.nodePool.failOnOverflow });
  return {
    files: {
      [MANIFEST_FILE]: yaml,
      'kustomization.yaml': kustomization([MANIFEST_FILE]),
      'capacity.md': renderCapacityMarkdown(plan),
      'capacity.json': renderCapacityJson(plan),
      'architecture.md': renderDiagram(objects, env.name),
    },
    warnings: plan.warnings.map(w => `${env.name}: ${w.message}`),
  };
}

/** Renders any chart-building function (the examples) into manifests + kustomization. */
export function renderChart(build: (app: App) => Chart): OutputFiles {
  const app = new App({ outdir: '.unused', yamlOutputType: YamlOutputType.FILE_PER_CHART });
  const chart = build(app);
  const file = `${chart.node.id}.k8s.yaml`;
  return { [file]: stringifyManifests(synthChart(chart)), 'kustomization.yaml': kustomization([file]) };
}
