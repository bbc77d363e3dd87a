import { App, Chart, YamlOutputType } from 'cdk8s';
import { planCapacity, renderCapacityJson, renderCapacityMarkdown } from '../capacity';
import { CheeseApp } from '../cheese-app';
import { KubeObject } from '../core/manifest';
import { EnvironmentSettings, toCheeseAppProps, toNodePool } from '../environments';
import { CheesePolicy } from '../policy';
import { renderDiagram } from './diagram';
import { stringifyManifests } from './yaml';
import { AppValidation } from '../validation/app-validation';

/** File name of an environment's manifests. */
export const MANIFEST_FILE = 'cheese-app.k8s.yaml';

/**
 * File name of an output folder's kustomization. `Kustomization` is one of the three names kustomize
 * looks for, and the one `kubectl apply -f <dir>` skips (it reads only .yaml, .yml and .json files), so
 * both `kubectl apply -k dist/<env>` and `kubectl apply -f dist/<env>` work.
 */
export const KUSTOMIZATION_FILE = 'Kustomization';

/**
 * Sub-folder of an environment's folder for what people and pipelines read (capacity plan, diagram):
 * kubectl does not descend into it without `-R`, so the folder's top level is exactly what gets applied.
 */
export const REPORTS_DIR = 'reports';

/** An output folder's files, by relative name (`/`-separated). */
export type OutputFiles = Record<string, string>;

/** A kustomization listing the manifests, so `kubectl apply -k <dir>` works. */
export function kustomization(resources: string[]): string {
  return ['apiVersion: kustomize.config.k8s.io/v1beta1', 'kind: Kustomization', 'resources:', ...resources.map(r => `  - ${r}`), ''].join('\n');
}

/**
 * `chart.toJson()`: validates (the policy included) and renders, each object once when the chart has a
 * policy (see {@link CheesePolicy.synth}). Capacity, diagram and YAML all read these objects.
 */
export function synthChart(chart: Chart): KubeObject[] {
  AppValidation.apply(chart); // whole-app validation (src/validation) also for charts that are not a CheeseApp
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
 * kustomization, and under reports/ the capacity plan and the diagram. Throws on any validation
 * error, so nothing invalid is written.
 */
export function renderEnvironment(env: EnvironmentSettings): { files: OutputFiles; warnings: string[] } {
  const { chart } = buildEnvironment(env);
  const objects = synthChart(chart);
  const yaml = stringifyManifests(objects);
  const plan = planCapacity(objects, toNodePool(env), { environment: env.name, failOnOverflow: env.nodePool.failOnOverflow });
  return {
    files: {
      [MANIFEST_FILE]: yaml,
      [KUSTOMIZATION_FILE]: kustomization([MANIFEST_FILE]),
      [`${REPORTS_DIR}/capacity.md`]: renderCapacityMarkdown(plan),
      [`${REPORTS_DIR}/capacity.json`]: renderCapacityJson(plan),
      [`${REPORTS_DIR}/architecture.md`]: renderDiagram(objects, env.name),
    },
    warnings: plan.warnings.map(w => `${env.name}: ${w.message}`),
  };
}

/** Renders any chart-building function (the examples) into manifests + kustomization. */
export function renderChart(build: (app: App) => Chart): OutputFiles {
  const app = new App({ outdir: '.unused', yamlOutputType: YamlOutputType.FILE_PER_CHART });
  const chart = build(app);
  const file = `${chart.node.id}.k8s.yaml`;
  return { [file]: stringifyManifests(synthChart(chart)), [KUSTOMIZATION_FILE]: kustomization([file]) };
}
