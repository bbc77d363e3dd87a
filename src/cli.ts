import * as path from 'path';
import { parseArgs } from 'util';
import { ENVIRONMENTS } from './environments';

/** The environment a Helm chart holds when none is chosen. */
export const HELM_DEFAULT_ENV = 'prod';

/** What one `npm run synth` invocation does; produced from argv and the environment only. */
export interface SynthOptions {
  readonly environments: string[];
  readonly outDir: string;
  readonly imageTag?: string;
  /** Read the tag from this file (the course's `.docker-tag`) when no tag is given. */
  readonly tagFile?: string;
  readonly gcpProject?: string;
  /** Registry path of the app images. */
  readonly imageRegistry?: string;
  readonly host?: string;
  readonly examples: boolean;
  /**
   * `helm` when `outDir` is the `templates/` folder of a Helm chart (see {@link isHelmTemplatesDir}):
   * then exactly one environment is synthesized and only its manifests are written, straight into `outDir`.
   * Unset: one folder per environment (plus the examples) under `outDir`.
   */
  readonly format?: 'helm';
  /**
   * Set when the cdk8s CLI runs this app with its throw-away folder (`--cdk8s-scratch`, see cdk8s.yaml):
   * the folder the CLI deleted and passed as CDK8S_OUTDIR. The output then goes to `outDir` (dist/) and
   * the scratch folder gets only copies of the manifests for the CLI to list.
   */
  readonly cliScratch?: string;
  /** Helm mode through the CLI's scratch folder: the chart folder (Chart.yaml) to copy into `<outDir>/helm/`. */
  readonly helmChartFrom?: string;
}

/** Folder of the Helm chart under the output folder when `npx cdk8s synth --format helm` runs without `-o`. */
export const HELM_FOLDER = 'helm';


export const HELP = `Usage: npm run synth -- [options]

Synthesizes the cheese app for each environment into <out>/<env>/ (cheese-app.k8s.yaml and
Kustomization, so both 'kubectl apply -f <out>/<env>' and 'kubectl apply -k <out>/<env>' work;
reports/ with capacity.md, capacity.json and architecture.md) and the examples into
<out>/examples/. All folders of a run are written to a staging folder and switched in together
only when synthesis and validation succeed, so a failed (or killed) run leaves the previous output
intact. Only folders this tool created (marked by a .cheese-k8s-output file) are ever replaced:
any other non-empty folder in the way stops the run (exit 2) with nothing changed. Folders of
earlier runs that this run does not write are removed by a full run (no --env, with examples),
otherwise kept and listed in a warning. Exit codes: 0 written, 1 synthesis or file-system error,
2 bad usage or refused output folder.

Options:
  --env <name>        environment to synthesize; repeat or comma-separate (default: all: ${Object.keys(ENVIRONMENTS).join(', ')}) (env CHEESE_ENVS)
  --tag <tag>         image tag of the three app images        (env CHEESE_IMAGE_TAG)
  --tag-file <path>   read the tag from a file, e.g. src/deployment/.docker-tag (env CHEESE_TAG_FILE)
  --project <id>      GCP project id (registry path, GCP_PROJECT, Workload Identity email) (env CHEESE_GCP_PROJECT)
  --registry <path>   registry path of the app images           (env CHEESE_IMAGE_REGISTRY)
                      (default: us-docker.pkg.dev/<project>/cheese-app-repository)
  --host <host>       Ingress host, e.g. 34.1.2.3.sslip.io      (env CHEESE_HOST)
  --out <dir>         output folder (default: $CDK8S_OUTDIR, else dist)
  --no-examples       skip dist/examples/
  -h, --help          show this help
  (--cdk8s-scratch <dir> is set by cdk8s.yaml: CDK8S_OUTDIR=<dir> means the cdk8s CLI's scratch folder)

Flags win over environment variables; both win over the environment's settings.

Through the cdk8s CLI (cdk8s.yaml runs this app; add --no-check-upgrade or set
CDK8S_CHECK_UPGRADE=false to skip the CLI's npm version check):
  npx cdk8s synth                          all environments and examples into dist/, as above (the
                                           CLI deletes only its scratch folder .cache/cdk8s-cli/)
  npx cdk8s synth --format helm --chart-version 0.1.0
                                           a Helm chart in dist/${HELM_FOLDER}/ (Chart.yaml, templates/) holding
                                           ONE environment: CHEESE_ENVS=<name>, default ${HELM_DEFAULT_ENV}
  (with -o <dir> the CLI deletes <dir> first and the output goes there, as for any cdk8s app)
Helm mode applies whenever <out> is a templates/ folder next to a Chart.yaml: only
templates/cheese-app.k8s.yaml is written (the chart's other files are left alone), with any '{{'
escaped so Helm renders them verbatim (no Kustomization, reports or examples; capacity warnings
still go to stderr).`;

/**
 * Whether `outDir` is the `templates/` folder of a Helm chart: `cdk8s synth --format helm` writes
 * `<output>/Chart.yaml` and then runs the app with `CDK8S_OUTDIR=<output>/templates`.
 * @param fileExists how to test for a file (the entry point passes `fs.existsSync`)
 */
export function isHelmTemplatesDir(outDir: string, fileExists: (file: string) => boolean): boolean {
  return path.basename(path.resolve(outDir)) === 'templates' && fileExists(path.join(path.dirname(path.resolve(outDir)), 'Chart.yaml'));
}

/**
 * Escapes Go-template delimiters: Helm renders every file under `templates/` as a template, so a
 * literal `{{` (e.g. in a ConfigMap value) must become `{{ "{{" }}` to come out unchanged.
 */
export function escapeHelmTemplate(text: string): string {
  return text.replace(/\{\{/g, '{{ "{{" }}');
}

/** Thrown for bad input; the entry point prints the message and exits 2 without writing anything. */
export class UsageError extends Error {}

/**
 * Parses argv and environment variables. Returns undefined when help was requested.
 * @param fileExists how to test for a file, used only to detect Helm mode (see {@link isHelmTemplatesDir})
 * @throws UsageError for an unknown flag, a missing value or an unknown environment
 */
export function parseSynthArgs(
  argv: string[],
  env: Record<string, string | undefined>,
  fileExists: (file: string) => boolean = () => false,
): SynthOptions | undefined {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        'env': { type: 'string', multiple: true },
        'tag': { type: 'string' },
        'tag-file': { type: 'string' },
        'project': { type: 'string' },
        'registry': { type: 'string' },
        'host': { type: 'string' },
        'out': { type: 'string' },
        'no-examples': { type: 'boolean' },
        'cdk8s-scratch': { type: 'string' },
        'help': { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\nRun 'npm run synth -- --help' for the options.`);
  }
  const v = parsed.values;
  if (v.help) return undefined;
  for (const name of ['CHEESE_ENVS', 'CHEESE_IMAGE_TAG', 'CHEESE_TAG_FILE', 'CHEESE_GCP_PROJECT', 'CHEESE_IMAGE_REGISTRY', 'CHEESE_HOST', 'CDK8S_OUTDIR']) {
    if (env[name] !== undefined && env[name]!.trim() === '') throw new UsageError(`${name} is set but empty: unset it or give a value`);
  }
  const names = (v.env ?? (env.CHEESE_ENVS ? [env.CHEESE_ENVS] : Object.keys(ENVIRONMENTS)))
    .flatMap(s => s.split(',')).map(s => s.trim()).filter(Boolean);
  for (const name of names) {
    if (!Object.prototype.hasOwnProperty.call(ENVIRONMENTS, name)) throw new UsageError(`unknown environment '${name}': use one of ${Object.keys(ENVIRONMENTS).join(', ')}`);
  }
  if (names.length === 0) throw new UsageError('no environment selected: use --env <name>');
  for (const [flag, value] of [['tag', v.tag], ['tag-file', v['tag-file']], ['project', v.project], ['registry', v.registry], ['host', v.host], ['out', v.out], ['cdk8s-scratch', v['cdk8s-scratch']]] as const) {
    if (value !== undefined && value.trim() === '') throw new UsageError(`--${flag} needs a non-empty value`);
  }
  if (v.tag !== undefined && v['tag-file'] !== undefined) throw new UsageError('give either --tag or --tag-file, not both');
  let outDir = v.out ?? env.CDK8S_OUTDIR ?? 'dist';
  const helm = isHelmTemplatesDir(outDir, fileExists);
  // the cdk8s CLI deleted its scratch folder and runs us with CDK8S_OUTDIR=<scratch>[/templates]:
  // the real output goes to dist/ (dist/helm/ for a chart), which the CLI never touches
  const scratch = v['cdk8s-scratch'] !== undefined && v.out === undefined && env.CDK8S_OUTDIR !== undefined
    && [v['cdk8s-scratch'], path.join(v['cdk8s-scratch'], 'templates')].some(d => path.resolve(d) === path.resolve(env.CDK8S_OUTDIR!))
    ? env.CDK8S_OUTDIR : undefined;
  let helmChartFrom: string | undefined;
  if (scratch !== undefined) {
    if (helm) helmChartFrom = path.dirname(scratch);
    outDir = 'dist';
  }
  const chosen = v.env !== undefined || Boolean(env.CHEESE_ENVS);
  let environments = [...new Set(names)];
  if (helm && !chosen) environments = [HELM_DEFAULT_ENV];
  if (helm && environments.length > 1) {
    throw new UsageError(`a Helm chart holds one environment, got ${environments.join(', ')}: choose one with CHEESE_ENVS=<name> (or --env)`);
  }
  return {
    environments,
    outDir,
    imageTag: v.tag ?? (v['tag-file'] ? undefined : env.CHEESE_IMAGE_TAG),
    tagFile: v['tag-file'] ?? (v.tag ? undefined : env.CHEESE_TAG_FILE),
    gcpProject: v.project ?? env.CHEESE_GCP_PROJECT,
    imageRegistry: v.registry ?? env.CHEESE_IMAGE_REGISTRY,
    host: v.host ?? env.CHEESE_HOST,
    examples: !v['no-examples'] && !helm,
    ...(helm ? { format: 'helm' as const } : {}),
    ...(scratch !== undefined ? { cliScratch: scratch } : {}),
    ...(helmChartFrom !== undefined ? { helmChartFrom } : {}),
  };
}
