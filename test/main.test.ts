// The entry point, run in-process: argv and environment in, exit code, messages and files out.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { EXAMPLES } from '../examples';
import { writeOutput } from '../src/output/write';

interface Run { readonly code: number | undefined; readonly stdout: string; readonly stderr: string }

/** Loads src/main.ts afresh with `argv` and `env`, capturing what it prints and its exit code. */
function runMain(argv: string[], env: Record<string, string> = {}): Run {
  const saved = { argv: process.argv, env: process.env, exitCode: process.exitCode };
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: any) => { stdout += String(chunk); return true; });
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: any) => { stderr += String(chunk); return true; });
  try {
    process.argv = ['node', 'main.ts', ...argv];
    process.env = { ...env };
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- main.ts runs on import; each test needs a fresh run
      require('../src/main');
    });
    return { code: process.exitCode as number | undefined, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.argv = saved.argv;
    process.env = saved.env;
    process.exitCode = saved.exitCode;
  }
}

describe('main', () => {
  let out: string;
  beforeEach(() => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'cheese-k8s-main-'));
  });
  afterEach(() => {
    fs.rmSync(out, { recursive: true, force: true });
  });

  test('--help prints the help and exits 0 without writing', () => {
    const run = runMain(['--help', '--out', out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: npm run synth -- [options]');
    expect(fs.readdirSync(out)).toEqual([]);
  });

  test('writes one folder per environment, with the overrides applied', () => {
    const run = runMain(['--env', 'dev', '--no-examples', '--out', out, '--project', 'my-ac215-project'], { CHEESE_IMAGE_TAG: 'v9' });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`wrote ${path.join(out, 'dev')}/ (Kustomization, cheese-app.k8s.yaml, reports/architecture.md, reports/capacity.json, reports/capacity.md)\n`);
    expect(fs.readdirSync(out).sort()).toEqual(['.cheese-k8s-index', 'dev']);
    const yaml = fs.readFileSync(path.join(out, 'dev', 'cheese-app.k8s.yaml'), 'utf8');
    expect(yaml).toContain('image: us-docker.pkg.dev/my-ac215-project/cheese-app-repository/cheese-app-api-service:v9');
  });

  test('--registry (or CHEESE_IMAGE_REGISTRY) moves the three app images, e.g. to the first course version\'s gcr.io', () => {
    const run = runMain(['--env', 'prod', '--no-examples', '--out', out, '--registry', 'gcr.io/my-ac215-project', '--tag', 'v9']);
    expect(run.code).toBe(0);
    const images = [...fs.readFileSync(path.join(out, 'prod', 'cheese-app.k8s.yaml'), 'utf8').matchAll(/image: (\S+)/g)].map(m => m[1]);
    expect(images.filter(i => i.includes('cheese-app-')).sort()).toEqual(['api-service', 'frontend-react', 'vector-db-cli'].map(n => `gcr.io/my-ac215-project/cheese-app-${n}:v9`));
    const fromEnv = runMain(['--env', 'dev', '--no-examples', '--out', out], { CHEESE_IMAGE_REGISTRY: 'europe-docker.pkg.dev/p/cheese' });
    expect(fs.readFileSync(path.join(out, 'dev', 'cheese-app.k8s.yaml'), 'utf8')).toContain('image: europe-docker.pkg.dev/p/cheese/cheese-app-api-service:');
    expect(fromEnv.code).toBe(0);
  });

  test('warns on stderr about values left from the examples (course image tag, example.com host), not when they are overridden', () => {
    const defaults = runMain(['--env', 'prod', '--no-examples', '--out', out]);
    expect(defaults.code).toBe(0);
    expect(defaults.stderr).toContain("warning: prod: the app images are tagged 20250422213016, the first course version's .docker-tag");
    expect(defaults.stderr).toContain('warning: prod: host cheese.example.com is under a reserved example domain');
    const pipeline = runMain(['--env', 'prod', '--no-examples', '--out', out, '--tag', 'v9', '--host', 'cheese.34.1.2.3.sslip.io']);
    // only the capacity plan may still warn (prod's second API pod, issue 13)
    expect(pipeline.stderr.split('\n').filter((l) => l.startsWith('warning:') && !l.includes('cannot all be placed'))).toEqual([]);
  });

  test('reads the tag from --tag-file', () => {
    const tagFile = path.join(out, '.docker-tag');
    fs.writeFileSync(tagFile, '20251231235959\n');
    const run = runMain(['--env', 'dev', '--no-examples', '--out', path.join(out, 'dist'), '--tag-file', tagFile]);
    expect(run.code).toBe(0);
    expect(fs.readFileSync(path.join(out, 'dist', 'dev', 'cheese-app.k8s.yaml'), 'utf8')).toContain('cheese-app-api-service:20251231235959');
  });

  test('fails with exit 2 on bad usage, writing nothing', () => {
    const run = runMain(['--env', 'staging', '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("error: unknown environment 'staging': use one of dev, prod\n");
    expect(fs.readdirSync(out)).toEqual([]);
  });

  test('fails with exit 2 when the tag file does not exist', () => {
    const run = runMain(['--env', 'dev', '--out', out, '--tag-file', path.join(out, 'missing')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`error: --tag-file ${path.join(out, 'missing')} does not exist\n`);
  });

  test('fails with exit 2, writing nothing, when the tag file is empty or is a folder', () => {
    const empty = path.join(out, 'empty-tag');
    fs.writeFileSync(empty, ' \n');
    const run = runMain(['--env', 'dev', '--out', path.join(out, 'dist'), '--tag-file', empty]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`error: --tag-file ${empty} is empty: it must hold the image tag\n`);
    const folder = runMain(['--env', 'dev', '--out', path.join(out, 'dist'), '--tag-file', out]);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(new RegExp(`^error: --tag-file ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} cannot be read: EISDIR`));
    expect(fs.existsSync(path.join(out, 'dist'))).toBe(false);
  });

  test('fails with exit 2, changing nothing, when --out holds a folder it did not create (IMPORTANT.txt repro)', () => {
    fs.mkdirSync(path.join(out, 'dev'));
    fs.writeFileSync(path.join(out, 'dev', 'IMPORTANT.txt'), 'notes');
    const run = runMain(['--out', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`error: ${path.join(out, 'dev')}: holds files this tool did not write (no .cheese-k8s-output marker); `
      + 'move it elsewhere or choose another output folder: the writer only replaces folders it created\n');
    expect(run.stdout).toBe('');
    expect(fs.readdirSync(out)).toEqual(['dev']);
    expect(fs.readdirSync(path.join(out, 'dev'))).toEqual(['IMPORTANT.txt']);
  });

  test('fails with exit 2 and one line when --out is a file', () => {
    const file = path.join(out, 'file');
    fs.writeFileSync(file, 'x');
    const run = runMain(['--env', 'dev', '--no-examples', '--out', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`error: ${file}: is a file, not a folder; remove it or choose another output folder\n`);
  });

  test('fails with exit 1 and one line naming the path when --out cannot be created (EACCES-like: under a file)', () => {
    const file = path.join(out, 'file');
    fs.writeFileSync(file, 'x');
    const run = runMain(['--env', 'dev', '--no-examples', '--out', path.join(file, 'dist')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: \S+: a file is in the way where a folder is needed; remove or rename that file, or choose another output folder\n$/);
  });

  test('--env dev keeps an earlier prod and says so; a full run removes folders no longer produced', () => {
    expect(runMain(['--env', 'prod', '--no-examples', '--out', out]).code).toBe(0);
    const dev = runMain(['--env', 'dev', '--no-examples', '--out', out]);
    expect(dev.stderr).toContain(`warning: kept from earlier runs, not written by this one (stale): ${path.join(out, 'prod')}/\n`);
    expect(fs.existsSync(path.join(out, 'prod', 'cheese-app.k8s.yaml'))).toBe(true);
    // an example that no longer exists: a full run covers examples/, so it goes
    fs.mkdirSync(path.join(out, 'examples', 'gone'), { recursive: true });
    fs.writeFileSync(path.join(out, 'examples', 'gone', '.cheese-k8s-output'), JSON.stringify({ format: 1, writer: 'cheese-k8s', files: [] }));
    const index = JSON.parse(fs.readFileSync(path.join(out, '.cheese-k8s-index'), 'utf8'));
    fs.writeFileSync(path.join(out, '.cheese-k8s-index'), JSON.stringify({ ...index, folders: [...index.folders, 'examples/gone'] }));
    const full = runMain(['--out', out]);
    expect(full.code).toBe(0);
    expect(full.stdout).toContain(`removed ${path.join(out, 'examples', 'gone')}/ (from an earlier run, no longer produced)\n`);
    expect(fs.readdirSync(path.join(out, 'examples')).sort()).toEqual(Object.keys(EXAMPLES).sort());
  });

  test('a full run keeps the Helm chart an earlier `cdk8s synth --format helm` wrote to dist/helm/ (it is not stale)', () => {
    writeOutput({ outDir: out, folders: { helm: { 'Chart.yaml': 'name: cheese\n', 'templates/cheese-app.k8s.yaml': '' } } });
    const full = runMain(['--out', out]); // every environment and the examples: the run that prunes
    expect(full.code).toBe(0);
    expect(full.stdout).not.toContain(path.join(out, 'helm'));
    expect(fs.readFileSync(path.join(out, 'helm', 'Chart.yaml'), 'utf8')).toBe('name: cheese\n');
  });

  test('Helm mode writes only templates/cheese-app.k8s.yaml: the chart\'s own templates stay', () => {
    fs.writeFileSync(path.join(out, 'Chart.yaml'), 'apiVersion: v2\nname: mine\nversion: 0.1.0\n');
    fs.mkdirSync(path.join(out, 'templates'));
    fs.writeFileSync(path.join(out, 'templates', '_helpers.tpl'), 'helpers');
    fs.writeFileSync(path.join(out, 'templates', 'extra.yaml'), 'mine');
    const run = runMain(['--out', path.join(out, 'templates')]);
    expect(run.code).toBe(0);
    expect(fs.readdirSync(path.join(out, 'templates')).sort()).toEqual(['_helpers.tpl', 'cheese-app.k8s.yaml', 'extra.yaml']);
    expect(fs.readFileSync(path.join(out, 'templates', '_helpers.tpl'), 'utf8')).toBe('helpers');
    expect(fs.readdirSync(out).sort()).toEqual(['Chart.yaml', 'templates']);
  });

  test('fails with exit 2 when CDK8S_OUTDIR is set but empty, writing nothing', () => {
    const run = runMain(['--env', 'dev'], { CDK8S_OUTDIR: '' });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('error: CDK8S_OUTDIR is set but empty: unset it or give a value\n');
  });

  test('fails with exit 2 when the tag file is not a tag, never echoing its content (a private key)', () => {
    const key = path.join(out, 'id_ed25519');
    const secret = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----\n';
    fs.writeFileSync(key, secret);
    const run = runMain(['--env', 'dev', '--out', path.join(out, 'dist'), '--tag-file', key]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`error: --tag-file ${key} (${Buffer.byteLength(secret)} bytes) does not hold an image tag: it must hold only the image tag: `
      + "1-128 letters, digits, '_', '.' or '-', not starting with '.' or '-' (content not shown)\n");
    expect(run.stderr).not.toMatch(/PRIVATE|b3Blbn/);
    expect(fs.existsSync(path.join(out, 'dist'))).toBe(false);
  });

  test('fails with exit 2 when the tag file is bigger than a tag file can be, reading at most 257 bytes (/dev/zero)', () => {
    const big = path.join(out, 'big');
    fs.writeFileSync(big, 'x'.repeat(10_000));
    const run = runMain(['--env', 'dev', '--out', path.join(out, 'dist'), '--tag-file', big]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp('^error: --tag-file \\S+ is too big for a tag file \\(10000 bytes\\): it must hold only the image tag'));
    expect(run.stderr).not.toContain('xxx');
    const zero = runMain(['--env', 'dev', '--out', path.join(out, 'dist'), '--tag-file', '/dev/zero']);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toMatch(/^error: --tag-file \/dev\/zero is too big for a tag file \(more than 256 bytes, not a regular file\)/);
  });

  test('fails with exit 1 when synthesis fails, leaving the previous output untouched', () => {
    // GIVEN an earlier output folder
    fs.mkdirSync(path.join(out, 'dev'));
    fs.writeFileSync(path.join(out, 'dev', 'cheese-app.k8s.yaml'), 'previous');
    // WHEN the host override is not a DNS name
    const run = runMain(['--env', 'dev', '--no-examples', '--out', out, '--host', 'https://cheese.example.com']);
    // THEN nothing is written and the error says why
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: synthesis failed, nothing was written:\n.*invalid host "https:\/\/cheese\.example\.com"/);
    expect(fs.readFileSync(path.join(out, 'dev', 'cheese-app.k8s.yaml'), 'utf8')).toBe('previous');
  });
});
