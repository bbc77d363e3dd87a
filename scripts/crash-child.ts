// Child process of scripts/crash-test.js, run through `node scripts/synth.js --entry`:
//   crash-child step <outDir> <label> [killAt=-1] [slowMs=0] [lockTimeoutMs=30000]
// 1. completes whatever an earlier (killed) run left, and prints what the output folder holds as
//    `state=<label>` (every folder from that one run) or `state=BROKEN <why>`;
// 2. writes run <label> with the writer, SIGKILLing itself at its <killAt>-th file-system call.
import * as path from 'path';
import { recoverOutput, writeOutput } from '../src/output/write';

// the real module object: the writer reads its functions through it at each call, so these wrappers see them
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fs: Record<string, (...args: any[]) => any> = require('fs');

const FOLDERS = ['dev', 'prod', 'examples/a', 'examples/b'];
const FILES = ['m.k8s.yaml', 'reports/r.md'];

const [mode, outDir, label, killAtArg, slowArg, timeoutArg] = process.argv.slice(2);
const killAt = Number(killAtArg ?? -1);
const slowMs = Number(slowArg ?? 0);
let counting = false;
let calls = 0;
const phases: string[] = [];
for (const name of ['mkdirSync', 'openSync', 'writeSync', 'renameSync', 'unlinkSync', 'rmdirSync', 'linkSync', 'rmSync', 'writeFileSync', 'readdirSync', 'lstatSync']) {
  const real = fs[name];
  fs[name] = (...args: unknown[]) => {
    if (counting && calls === killAt) process.kill(process.pid, 'SIGKILL');
    // where the switch begins (journal renamed in) and ends (journal deleted), for the sweep to focus on
    if (counting && String(args[name === 'renameSync' ? 1 : 0]).endsWith('.cheese-k8s-journal') && ['renameSync', 'rmSync'].includes(name)) phases.push(`${name === 'renameSync' ? 'switch' : 'switched'}=${calls}`);
    if (counting) calls++;
    if (counting && slowMs > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, slowMs);
    return real(...args);
  };
}

/** The label of the run the output folder holds as a whole, or `BROKEN <why>`. */
function inspect(): string {
  if (!fs.existsSync(outDir)) return 'EMPTY';
  const top = (fs.readdirSync(outDir) as string[]).sort().join(' ');
  if (top !== '.cheese-k8s-index dev examples prod') return `BROKEN top level: ${top}`;
  const examples = (fs.readdirSync(path.join(outDir, 'examples')) as string[]).sort().join(' ');
  if (examples !== 'a b') return `BROKEN examples/: ${examples}`;
  const labels = new Set<string>();
  for (const folder of FOLDERS) {
    const dir = path.join(outDir, folder);
    const entries = (fs.readdirSync(dir) as string[]).sort().join(' ');
    if (entries !== '.cheese-k8s-output m.k8s.yaml reports') return `BROKEN ${folder}: ${entries}`;
    for (const file of FILES) labels.add(String(fs.readFileSync(path.join(dir, file), 'utf8')).split(' ')[0]);
  }
  return labels.size === 1 ? [...labels][0] : `BROKEN mixed runs: ${[...labels].join(' ')}`;
}

const files = (what: string) => ({ [FILES[0]]: `${label} ${what}\n`, [FILES[1]]: `${label} ${what} report\n` });
try {
  recoverOutput(outDir, Number(timeoutArg ?? 30_000));
  process.stdout.write(`state=${inspect()}\n`);
  if (mode === 'step') {
    counting = true;
    writeOutput({
      outDir,
      folders: Object.fromEntries(FOLDERS.map(f => [f, files(f)])),
      lockTimeoutMs: Number(timeoutArg ?? 30_000),
      durable: false, // a killed process loses nothing fsync would save; keeps the sweep fast
    });
    counting = false;
    process.stdout.write(`calls=${calls} ${phases.join(' ')}\n`);
  }
} catch (e) {
  process.stderr.write(`error: ${(e as Error).message}\n`);
  process.exitCode = (e as { refused?: boolean }).refused ? 2 : 1;
}
