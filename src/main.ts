// Entry point of `npm run synth` and `npx cdk8s synth`. The only module that reads argv,
// environment variables and files; everything it calls is pure except writeFolderAtomically.
import * as fs from 'fs';
import * as path from 'path';
import { EXAMPLES } from '../examples';
import { escapeHelmTemplate, HELP, parseSynthArgs, UsageError } from './cli';
import { ENVIRONMENTS, placeholderWarnings, withOverrides } from './environments';
import { MANIFEST_FILE, OutputFiles, renderChart, renderEnvironment } from './output/render';
import { writeFolderAtomically } from './output/write';

function main(): number {
  let options;
  try {
    options = parseSynthArgs(process.argv.slice(2), process.env, fs.existsSync);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`error: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (!options) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  let imageTag = options.imageTag;
  if (imageTag === undefined && options.tagFile !== undefined) {
    if (!fs.existsSync(options.tagFile)) {
      process.stderr.write(`error: --tag-file ${options.tagFile} does not exist\n`);
      return 2;
    }
    try {
      imageTag = fs.readFileSync(options.tagFile, 'utf8').trim();
    } catch (e) {
      process.stderr.write(`error: --tag-file ${options.tagFile} cannot be read: ${(e as Error).message}\n`);
      return 2;
    }
    if (imageTag === '') {
      process.stderr.write(`error: --tag-file ${options.tagFile} is empty: it must hold the image tag\n`);
      return 2;
    }
  }

  // Render everything in memory first: any error leaves every existing output folder untouched.
  // Helm mode (`cdk8s synth --format helm`): outDir is the chart's templates/ folder, which gets
  // the one environment's manifests and nothing else.
  const helm = options.format === 'helm';
  const outRoot = helm ? path.dirname(options.outDir) : options.outDir;
  const folders: Array<[string, OutputFiles]> = [];
  const warnings: string[] = [];
  try {
    const { gcpProject, imageRegistry, host } = options;
    for (const name of options.environments) {
      const env = withOverrides(ENVIRONMENTS[name], { imageTag, gcpProject, imageRegistry, host });
      const rendered = renderEnvironment(env);
      warnings.push(...placeholderWarnings(env));
      folders.push(helm
        ? [path.basename(options.outDir), { [MANIFEST_FILE]: escapeHelmTemplate(rendered.files[MANIFEST_FILE]) }]
        : [name, rendered.files]);
      warnings.push(...rendered.warnings);
    }
    if (options.examples) {
      for (const [name, build] of Object.entries(EXAMPLES)) folders.push([`examples/${name}`, renderChart(build)]);
    }
  } catch (e) {
    process.stderr.write(`error: synthesis failed, nothing was written:\n${(e as Error).message}\n`);
    return 1;
  }
  for (const [name, files] of folders) {
    const dir = writeFolderAtomically(outRoot, name, files);
    process.stdout.write(`wrote ${dir}/ (${Object.keys(files).sort().join(', ')})\n`);
  }
  if (helm) process.stderr.write(`note: Helm chart templates hold environment '${options.environments[0]}' (set CHEESE_ENVS to choose)\n`);
  for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
  return 0;
}

process.exitCode = main();
