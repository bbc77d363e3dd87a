// Entry point of `npm run synth` and `npx cdk8s synth`. The only module that reads argv,
// environment variables and files; everything it calls is pure except the output writer.
import * as fs from 'fs';
import * as path from 'path';
import { EXAMPLES } from '../examples';
import { escapeHelmTemplate, HELM_FOLDER, HELP, parseSynthArgs, SynthOptions, UsageError } from './cli';
import { ENVIRONMENTS, placeholderWarnings, withOverrides } from './environments';
import { explainFsError, OutputError } from './output/output-error';
import { MANIFEST_FILE, OutputFiles, renderChart, renderEnvironment } from './output/render';
import { writeFileInto, writeOutput } from './output/write';

/** A tag file holds one tag (at most 128 characters); reading more than this means it is something else. */
const MAX_TAG_FILE_BYTES = 256;
/** An image tag as the registry accepts it. */
const IMAGE_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/**
 * Reads the image tag from `file`: at most MAX_TAG_FILE_BYTES + 1 bytes (so /dev/zero cannot exhaust
 * memory), and never echoes the content (the wrong file may be a private key).
 * @throws UsageError when the file is missing, unreadable, too big, empty or not a tag
 */
function readTagFile(file: string): string {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError(`--tag-file ${file} does not exist`);
    throw new UsageError(`--tag-file ${file} cannot be read: ${(e as Error).message}`);
  }
  const buffer = Buffer.alloc(MAX_TAG_FILE_BYTES + 1);
  let size = 0;
  let stat: fs.Stats;
  try {
    stat = fs.fstatSync(fd);
    for (let n = -1; n !== 0 && size < buffer.length;) {
      n = fs.readSync(fd, buffer, size, buffer.length - size, null);
      size += n;
    }
  } catch (e) {
    throw new UsageError(`--tag-file ${file} cannot be read: ${(e as Error).message}`);
  } finally {
    fs.closeSync(fd);
  }
  const what = "it must hold only the image tag: 1-128 letters, digits, '_', '.' or '-', not starting with '.' or '-' (content not shown)";
  if (size > MAX_TAG_FILE_BYTES) {
    const length = stat.isFile() ? `${stat.size} bytes` : `more than ${MAX_TAG_FILE_BYTES} bytes, not a regular file`;
    throw new UsageError(`--tag-file ${file} is too big for a tag file (${length}): ${what}`);
  }
  const tag = buffer.toString('utf8', 0, size).trim();
  if (tag === '') throw new UsageError(`--tag-file ${file} is empty: it must hold the image tag`);
  if (!IMAGE_TAG.test(tag)) throw new UsageError(`--tag-file ${file} (${size} bytes) does not hold an image tag: ${what}`);
  return tag;
}

/**
 * Which folders of earlier runs this run removes: a full run (every environment and the examples)
 * stands for the whole output except the Helm chart; a run with the examples, for examples/.
 * Any other earlier folder is kept and reported.
 */
function pruneRule(options: SynthOptions): ((folder: string) => boolean) | undefined {
  if (options.format === 'helm' || !options.examples) return undefined;
  if (Object.keys(ENVIRONMENTS).every(e => options.environments.includes(e))) return f => f !== HELM_FOLDER;
  return f => f.startsWith('examples/');
}

function main(): number {
  let options;
  let imageTag;
  try {
    options = parseSynthArgs(process.argv.slice(2), process.env, fs.existsSync);
    if (!options) {
      process.stdout.write(`${HELP}\n`);
      return 0;
    }
    imageTag = options.imageTag ?? (options.tagFile !== undefined ? readTagFile(options.tagFile) : undefined);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`error: ${e.message}\n`);
      return 2;
    }
    throw e;
  }

  // Render everything in memory first: any error leaves every existing output folder untouched.
  // Helm mode (`cdk8s synth --format helm`): one environment's manifests, as one template file.
  const helm = options.format === 'helm';
  const folders: Record<string, OutputFiles> = {};
  const warnings: string[] = [];
  try {
    const { gcpProject, imageRegistry, host } = options;
    for (const name of options.environments) {
      const env = withOverrides(ENVIRONMENTS[name], { imageTag, gcpProject, imageRegistry, host });
      const rendered = renderEnvironment(env);
      warnings.push(...placeholderWarnings(env));
      folders[name] = helm ? { [MANIFEST_FILE]: escapeHelmTemplate(rendered.files[MANIFEST_FILE]) } : rendered.files;
      warnings.push(...rendered.warnings);
    }
    if (options.examples) {
      for (const [name, build] of Object.entries(EXAMPLES)) folders[`examples/${name}`] = renderChart(build);
    }
  } catch (e) {
    process.stderr.write(`error: synthesis failed, nothing was written:\n${(e as Error).message}\n`);
    return 1;
  }

  try {
    if (helm) writeHelm(options, folders[options.environments[0]][MANIFEST_FILE]);
    else writeFolders(options, folders);
  } catch (caught) {
    const e = explainFsError(caught, options.outDir);
    if (!(e instanceof OutputError)) throw e;
    process.stderr.write(`error: ${e.message}\n`);
    return e.refused ? 2 : 1;
  }
  if (helm) process.stderr.write(`note: Helm chart templates hold environment '${options.environments[0]}' (set CHEESE_ENVS to choose)\n`);
  for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
  return 0;
}

function writeFolders(options: SynthOptions, folders: Record<string, OutputFiles>): void {
  const result = writeOutput({ outDir: options.outDir, folders, prune: pruneRule(options) });
  if (result.recovered) process.stderr.write(`note: completed an earlier run into ${options.outDir} that was interrupted while switching its output in\n`);
  for (const [name, files] of Object.entries(folders)) {
    process.stdout.write(`wrote ${path.join(options.outDir, name)}/ (${Object.keys(files).sort().join(', ')})\n`);
  }
  if (result.removed.length) process.stdout.write(`removed ${result.removed.map(f => `${path.join(options.outDir, f)}/`).join(', ')} (from an earlier run, no longer produced)\n`);
  if (result.stale.length) {
    process.stderr.write(`warning: kept from earlier runs, not written by this one (stale): ${result.stale.map(f => `${path.join(options.outDir, f)}/`).join(', ')}\n`);
  }
  if (options.cliScratch !== undefined) {
    // the cdk8s CLI expects its output folder and lists the manifests in it: give it copies
    fs.mkdirSync(options.cliScratch, { recursive: true });
    for (const [name, files] of Object.entries(folders)) {
      for (const file of Object.keys(files).filter(f => f.endsWith('.k8s.yaml'))) {
        fs.writeFileSync(path.join(options.cliScratch, `${name.replace(/\//g, '-')}-${file}`), files[file]);
      }
    }
  }
}

function writeHelm(options: SynthOptions, template: string): void {
  if (options.helmChartFrom === undefined) {
    process.stdout.write(`wrote ${writeFileInto(options.outDir, MANIFEST_FILE, template)}\n`);
    return;
  }
  // through the cdk8s CLI's scratch folder: the whole chart becomes dist/helm/
  const chart: OutputFiles = { [`templates/${MANIFEST_FILE}`]: template };
  for (const file of ['Chart.yaml', 'README.md']) {
    const source = path.join(options.helmChartFrom, file);
    if (fs.existsSync(source)) chart[file] = fs.readFileSync(source, 'utf8');
  }
  writeOutput({ outDir: options.outDir, folders: { [HELM_FOLDER]: chart } });
  // and the CLI's own copy, for it to list (and validate with its plugins, if configured)
  fs.mkdirSync(path.join(options.helmChartFrom, 'templates'), { recursive: true });
  fs.writeFileSync(path.join(options.helmChartFrom, 'templates', MANIFEST_FILE), template);
  process.stdout.write(`wrote ${path.join(options.outDir, HELM_FOLDER)}/ (${Object.keys(chart).sort().join(', ')})\n`);
}

process.exitCode = main();
