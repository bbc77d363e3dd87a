import { App, Chart } from 'cdk8s';
import { renderDiagram } from './diagram';
import { KUSTOMIZATION_FILE, OutputFiles, REPORTS_DIR, kustomization, synthChart } from './render';
import { WriteOutputResult, writeOutput } from './write';
import { stringifyManifests } from './yaml';
import { NodePool, planCapacity, renderCapacityJson, renderCapacityMarkdown } from '../capacity';
import { KubeObject } from '../core/manifest';
import { invalid } from '../core/validate';

/** Options of {@link writeEnvironmentFolders}. */
export interface EnvironmentFoldersProps {
  /** The output folder, created if missing (e.g. `dist`). */
  readonly outDir: string;
  /**
   * What goes into `<outDir>/<name>/`, by folder name (e.g. `dev`, `prod`): a chart, or an App whose
   * charts all go into that folder (one `<chart id>.k8s.yaml` each).
   */
  readonly folders: Readonly<Record<string, Chart | App>>;
  /**
   * The node pool of each folder's cluster: adds `reports/capacity.md` and `reports/capacity.json`
   * (see {@link planCapacity}). A folder without one gets no capacity report.
   * @default - no capacity reports
   */
  readonly nodePools?: Readonly<Record<string, NodePool>>;
  /**
   * Remove the folders an earlier run wrote into `outDir` that this run does not write (e.g. an
   * environment you deleted). Otherwise they are kept and listed in `stale`.
   * @default false
   */
  readonly prune?: boolean;
}

/** One folder's files, rendered in memory, and its capacity warnings. */
export interface RenderedFolder {
  /** The folder's files by relative name. */
  readonly files: OutputFiles;
  /** Capacity warnings, prefixed with the folder name. */
  readonly warnings: string[];
}

/** What {@link writeEnvironmentFolders} wrote, plus the capacity warnings. */
export interface EnvironmentFoldersResult extends WriteOutputResult {
  /** Capacity warnings, each prefixed with its folder name. */
  readonly warnings: string[];
}

/**
 * Renders each chart (or App) into its folder's files, in memory: the manifests (validated, so a
 * {@link CheesePolicy} violation throws before anything is written), a `Kustomization` listing them (so
 * both `kubectl apply -f` and `-k` work), `reports/architecture.md` and, with a node pool, the
 * capacity plan.
 */
export function renderEnvironmentFolder(name: string, source: Chart | App, nodePool?: NodePool): RenderedFolder {
  const charts = Chart.isChart(source) ? [source] : (source as App).charts;
  const files: OutputFiles = {};
  const objects: KubeObject[] = [];
  const fileOwners = new Map<string, string>();
  for (const chart of charts) {
    const file = `${chart.node.id}.k8s.yaml`;
    const other = fileOwners.get(file);
    if (other !== undefined) {
      invalid(`renderEnvironmentFolder(${name})`, 'chart id', chart.node.id,
        `charts ${other} and ${chart.node.path} would both write ${file}; give the charts of one folder distinct ids`);
    }
    fileOwners.set(file, chart.node.path);
    const chartObjects = synthChart(chart);
    objects.push(...chartObjects);
    files[file] = stringifyManifests(chartObjects);
  }
  files[KUSTOMIZATION_FILE] = kustomization(Object.keys(files));
  files[`${REPORTS_DIR}/architecture.md`] = renderDiagram(objects, name);
  const warnings: string[] = [];
  if (nodePool) {
    const plan = planCapacity(objects, nodePool, { environment: name });
    files[`${REPORTS_DIR}/capacity.md`] = renderCapacityMarkdown(plan);
    files[`${REPORTS_DIR}/capacity.json`] = renderCapacityJson(plan);
    warnings.push(...plan.warnings.map(w => `${name}: ${w.message}`));
  }
  return { files, warnings };
}

/**
 * Your own app's output in the layout of this project: `<outDir>/<name>/` per environment with the
 * manifests, a Kustomization and reports/, written by {@link writeOutput} (all folders switch in
 * together, a failed or killed run leaves the previous output, folders it did not create are refused).
 *
 * Give each folder its own App: the charts of one App are validated as one deployment (names unique
 * across them, one network registry), which environments that reuse a namespace are not.
 *
 * @example
 * writeEnvironmentFolders({
 *   outDir: 'dist',
 *   folders: { dev: new MyChart(new App(), 'dev', { replicas: 1 }), prod: new MyChart(new App(), 'prod', { replicas: 3 }) },
 *   nodePools: { prod: NodePool.machineType('e2-standard-4', { minNodes: 2, maxNodes: 4 }) },
 * });
 * @throws Error when a chart fails validation (nothing written); OutputError for a file-system problem
 */
export function writeEnvironmentFolders(props: EnvironmentFoldersProps): EnvironmentFoldersResult {
  const folders: Record<string, OutputFiles> = {};
  const warnings: string[] = [];
  for (const [name, source] of Object.entries(props.folders)) {
    const rendered = renderEnvironmentFolder(name, source, props.nodePools?.[name]);
    folders[name] = rendered.files;
    warnings.push(...rendered.warnings);
  }
  const result = writeOutput({ outDir: props.outDir, folders, prune: props.prune ? () => true : undefined });
  return { ...result, warnings };
}
