import { parseArgs } from 'util';
import { ENVIRONMENTS } from './environments';

/** What one `npm run synth` invocation does; produced from argv and the environment only. */
export interface SynthOptions {
  readonly environments: string[];
  readonly outDir: string;
  readonly imageTag?: string;
  /** Read the tag from this file (the course's `.docker-tag`) when no tag is given. */
  readonly tagFile?: string;
  readonly gcpProject?: string;
  readonly host?: string;
  readonly examples: boolean;
}

export const HELP = `Usage: npm run synth -- [options]

Synthesizes the cheese app for each environment into <out>/<env>/ (cheese-app.k8s.yaml,
kustomization.yaml, capacity.md, capacity.json, architecture.md) and the examples into
<out>/examples/. Output is written to a temporary folder and swapped in only when
synthesis and validation succeed, so a failed run leaves the previous output intact.

Options:
  --env <name>        environment to synthesize; repeat or comma-separate (default: all: ${Object.keys(ENVIRONMENTS).join(', ')})
  --tag <tag>         image tag of the three app images        (env CHEESE_IMAGE_TAG)
  --tag-file <path>   read the tag from a file, e.g. src/deployment/.docker-tag (env CHEESE_TAG_FILE)
  --project <id>      GCP project id (registry path, GCP_PROJECT, Workload Identity email) (env CHEESE_GCP_PROJECT)
  --host <host>       Ingress host, e.g. 34.1.2.3.sslip.io      (env CHEESE_HOST)
  --out <dir>         output folder (default: $CDK8S_OUTDIR, else dist)
  --no-examples       skip dist/examples/
  -h, --help          show this help

Flags win over environment variables; both win over the environment's settings.`;

/** Thrown for bad input; the entry point prints the message and exits 2 without writing anything. */
export class UsageError extends Error {}

/**
 * Parses argv and environment variables. Returns undefined when help was requested.
 * @throws UsageError for an unknown flag, a missing value or an unknown environment
 */
export function parseSynthArgs(argv: string[], env: Record<string, string | undefined>): SynthOptions | undefined {
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
        'host': { type: 'string' },
        'out': { type: 'string' },
        'no-examples': { type: 'boolean' },
        'help': { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\nRun 'npm run synth -- --help' for the options.`);
  }
  const v = parsed.values;
  if (v.help) return undefined;
  const names = (v.env ?? (env.CHEESE_ENVS ? [env.CHEESE_ENVS] : Object.keys(ENVIRONMENTS)))
    .flatMap(s => s.split(',')).map(s => s.trim()).filter(Boolean);
  for (const name of names) {
    if (!(name in ENVIRONMENTS)) throw new UsageError(`unknown environment '${name}': use one of ${Object.keys(ENVIRONMENTS).join(', ')}`);
  }
  if (names.length === 0) throw new UsageError('no environment selected: use --env <name>');
  for (const [flag, value] of [['tag', v.tag], ['tag-file', v['tag-file']], ['project', v.project], ['host', v.host], ['out', v.out]] as const) {
    if (value !== undefined && value.trim() === '') throw new UsageError(`--${flag} needs a non-empty value`);
  }
  if (v.tag !== undefined && v['tag-file'] !== undefined) throw new UsageError('give either --tag or --tag-file, not both');
  return {
    environments: [...new Set(names)],
    outDir: v.out ?? env.CDK8S_OUTDIR ?? 'dist',
    imageTag: v.tag ?? (v['tag-file'] ? undefined : env.CHEESE_IMAGE_TAG),
    tagFile: v['tag-file'] ?? (v.tag ? undefined : env.CHEESE_TAG_FILE),
    gcpProject: v.project ?? env.CHEESE_GCP_PROJECT,
    host: v.host ?? env.CHEESE_HOST,
    examples: !v['no-examples'],
  };
}
