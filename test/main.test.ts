// The entry point, run in-process: argv and environment in, exit code, messages and files out.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

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
    expect(fs.readdirSync(out)).toEqual(['dev']);
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
