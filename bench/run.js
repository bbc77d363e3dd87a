#!/usr/bin/env node
/*
 * `npm run bench` (= node bench/run.js): how fast is the synth path? Informational, never part of `test`.
 *
 *   node bench/run.js [--runs N] [--baseline-runs N] [--warm-runs N] [--strict]
 *
 *   --runs N           runs per measurement, the median is reported (default 5)
 *   --baseline-runs N  runs of the slow `npx ts-node src/main.ts` baseline (default: --runs)
 *   --warm-runs N      runs of the sub-second startup comparison (warm / node -e 0 / --help), whose
 *                      ratio machine noise moves most (default: max(15, --runs))
 *   --strict           exit 1 when a target is missed (default: always exit 0)
 *
 * Every measurement runs in a child process, interleaved with its reference so that both see the same
 * machine load; the startup ratio is the median of per-round ratios, which cancels the slow phases of a
 * shared host. Wall time is measured here (process.hrtime around spawnSync). Peak RSS comes from the
 * child itself (bench/rss.js, preloaded with -r, reports process.resourceUsage().maxRSS at exit).
 * Writes the table to stdout and every sample to bench/results.json (gitignored: machine-specific).
 *
 * Targets:
 *   edit       app command right after a source edit (launcher rebuilds the bundle) vs the cdk8s default
 *              app command `npx ts-node src/main.ts` (type-checking): >= 8x faster
 *   warm       app command with an up-to-date bundle vs `node -e 0`: <= 2.5x
 *   scale      N WebServices (bench/scale.ts through the same launcher): synth time(1000) <= 12 x time(100)
 *   rss        peak RSS of the app command, all environments + examples: <= 150 MB
 */
'use strict';

const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const LAUNCHER = path.join(ROOT, 'scripts', 'synth.js');
const RSS = path.join(__dirname, 'rss.js');
const EDITED = path.join(ROOT, 'src', 'cli.ts');
const SIZES = [10, 100, 1000];

function parseOptions(argv) {
  const opts = { runs: 5, baselineRuns: undefined, warmRuns: undefined, strict: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v < 1) throw new Error(`${a} needs a positive integer`);
      return v;
    };
    if (a === '--runs') opts.runs = value();
    else if (a === '--baseline-runs') opts.baselineRuns = value();
    else if (a === '--warm-runs') opts.warmRuns = value();
    else if (a === '--strict') opts.strict = true;
    else if (a === '-h' || a === '--help') {
      process.stdout.write(fs.readFileSync(__filename, 'utf8').split('*/')[0].replace(/^#!.*\n\/\*\n/, '').replace(/^ \* ?/gm, ''));
      process.exit(0);
    } else throw new Error(`unknown option ${a} (see --help)`);
  }
  opts.baselineRuns = opts.baselineRuns ?? opts.runs;
  opts.warmRuns = opts.warmRuns ?? Math.max(15, opts.runs);
  return opts;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Runs `cmd args` once; returns wall seconds, the parsed stdout JSON line (if any) and the peak RSS (MB). */
function runOnce(cmd, args, { env = {}, rss = false, before } = {}) {
  if (before) before();
  const rssFile = rss ? path.join(os.tmpdir(), `cheese-bench-rss-${process.pid}.json`) : undefined;
  const childEnv = { ...process.env, CDK8S_CHECK_UPGRADE: 'false', ...env };
  if (rssFile) childEnv.CHEESE_BENCH_RSS_FILE = rssFile;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: ROOT, env: childEnv, encoding: 'utf8', maxBuffer: 64 << 20 });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.error || r.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.error ? r.error.message : `exit ${r.status}`}):\n${(r.stderr || '').slice(-2000)}`);
  }
  let report;
  const last = (r.stdout || '').trim().split('\n').pop();
  if (last && last.startsWith('{')) report = JSON.parse(last);
  let maxRssMB;
  if (rssFile) {
    maxRssMB = JSON.parse(fs.readFileSync(rssFile, 'utf8')).maxRssMB;
    fs.rmSync(rssFile, { force: true });
  }
  return { wall, report, maxRssMB };
}

/** Runs each of `cases` `runs` times (or its own `c.runs`), interleaved; returns the samples per case. */
function interleave(runs, cases) {
  const samples = cases.map(() => []);
  const most = Math.max(...cases.map(c => c.runs ?? runs));
  for (let i = 0; i < most; i++) {
    cases.forEach((c, j) => {
      const n = c.runs ?? runs;
      if (i >= n) return;
      if (process.stderr.isTTY) process.stderr.write(`  ${c.label} (${i + 1}/${n})   \r`);
      samples[j].push(runOnce(c.cmd, c.args, c));
    });
  }
  if (process.stderr.isTTY) process.stderr.write(`${' '.repeat(60)}\r`);
  return samples;
}

const touch = (file) => () => {
  const now = new Date();
  fs.utimesSync(file, now, now);
};

function main() {
  const opts = parseOptions(process.argv.slice(2));
  const node = process.execPath;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cheese-bench-'));
  const out = (name) => ['--out', path.join(tmp, name)];
  const app = (name, extra = []) => [LAUNCHER, ...out(name), ...extra];
  const results = { date: new Date().toISOString(), node: process.version, platform: `${os.platform()} ${os.arch()}`,
    cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, loadavg: os.loadavg(), runs: opts.runs, baselineRuns: opts.baselineRuns, warmRuns: opts.warmRuns,
    measurements: {}, targets: [] };
  const rows = [];
  const row = (label, samples, extra = '') => {
    const walls = samples.map(s => s.wall);
    rows.push([label, median(walls).toFixed(3), `${Math.min(...walls).toFixed(3)}–${Math.max(...walls).toFixed(3)}`, extra]);
    results.measurements[label] = { medianS: median(walls), samplesS: walls };
    return median(walls);
  };
  const target = (name, value, limit, better, detail) => {
    const pass = better === 'lower' ? value <= limit : value >= limit;
    results.targets.push({ name, value, limit, better, pass, detail });
    return pass;
  };

  try {
    process.stderr.write(`bench: ${opts.runs} runs each (baseline ${opts.baselineRuns}, startup ${opts.warmRuns}), output in ${tmp}\n`);
    // warm up: bundles current, code caches written, ts-node's and npx's files in the OS cache
    runOnce(node, app('warmup'));
    runOnce(node, [LAUNCHER, '--entry', 'bench/scale.ts', '10']);

    // 1. after an edit: the launcher rebuilds, vs the default cdk8s app command (ts-node, type-checking)
    process.stderr.write('bench: app command after an edit vs npx ts-node src/main.ts\n');
    const [edit, tsnode] = interleave(opts.runs, [
      { label: 'edit', cmd: node, args: app('edit'), before: touch(EDITED) },
      { label: 'ts-node', cmd: 'npx', args: ['ts-node', 'src/main.ts', ...out('ts-node')], runs: opts.baselineRuns },
    ]);
    runOnce(node, app('warmup')); // leave a code cache behind for the next measurements
    const tEdit = row('node scripts/synth.js, right after touching src/cli.ts (rebuild + run)', edit);
    const tTsNode = row('npx ts-node src/main.ts (cdk8s default app command, type-checks)', tsnode);
    const speedup = tTsNode / tEdit;
    rows[rows.length - 2][3] = `${speedup.toFixed(1)}x faster than ts-node (target >= 8x)`;
    target('edit: ts-node / app command after an edit', speedup, 8, 'higher', 'ratio of medians');

    // 2. up to date: bundle + code cache, vs a bare node start
    process.stderr.write('bench: app command, up to date, vs node -e 0\n');
    const [warm, bare, help] = interleave(opts.warmRuns, [
      { label: 'warm', cmd: node, args: app('warm') },
      { label: 'node -e 0', cmd: node, args: ['-e', '0'] },
      { label: 'help', cmd: node, args: [LAUNCHER, '--help'] },
    ]);
    const tWarm = row('node scripts/synth.js, up to date (all environments + examples)', warm);
    const tBare = row('node -e 0', bare);
    const tHelp = row('node scripts/synth.js --help, up to date (launcher + bundle load, no synthesis)', help);
    // This machine's speed drifts between runs (shared host), so the ratio is taken per round: warm and
    // node -e 0 of the same round ran back to back; the target is the median of those ratios.
    const paired = (xs) => median(xs.map((s, i) => s.wall / bare[i].wall));
    const ratio = paired(warm);
    rows[rows.length - 3][3] = `${ratio.toFixed(2)}x node -e 0 (target <= 2.5x; ratio of medians ${(tWarm / tBare).toFixed(2)}x)`;
    rows[rows.length - 1][3] = `${paired(help).toFixed(2)}x node -e 0`;
    results.measurements.warmRatios = warm.map((s, i) => s.wall / bare[i].wall);
    target('warm: app command / node -e 0', ratio, 2.5, 'lower', 'median of per-round ratios');

    // 3. scaling: N WebServices through the same launcher; in-process synth time (startup excluded)
    process.stderr.write(`bench: ${SIZES.join(' / ')} WebServices\n`);
    const scale = interleave(opts.runs, SIZES.map(n => ({ label: `scale ${n}`, cmd: node, args: [LAUNCHER, '--entry', 'bench/scale.ts', String(n)] })));
    const inProc = {};
    scale.forEach((samples, i) => {
      const n = SIZES[i];
      const ms = median(samples.map(s => s.report.ms.total));
      const r = samples[0].report;
      inProc[n] = ms;
      row(`scale: ${n} WebServices (${r.objects} objects, ${(r.yamlBytes / 1024).toFixed(0)} KB YAML), wall`, samples,
        `in-process ${ms.toFixed(0)} ms (${(ms / n).toFixed(2)} ms/service), RSS ${median(samples.map(s => s.report.maxRssMB)).toFixed(0)} MB`);
      results.measurements[`scale ${n}`] = { ...results.measurements[rows[rows.length - 1][0]], inProcessMs: samples.map(s => s.report.ms), report: r };
    });
    target('scale: in-process time(1000) / time(100)', inProc[1000] / inProc[100], 12, 'lower', `${inProc[1000].toFixed(0)} ms / ${inProc[100].toFixed(0)} ms`);

    // 4. peak RSS of the app command (bundle cached), every environment + examples
    process.stderr.write('bench: peak RSS\n');
    const [mem] = interleave(opts.runs, [{ label: 'rss', cmd: node, args: ['-r', RSS, ...app('rss')], rss: true }]);
    const rss = median(mem.map(s => s.maxRssMB));
    rows.push(['peak RSS, node scripts/synth.js (all environments + examples)', '', '', `${rss.toFixed(0)} MB (target <= 150 MB)`]);
    results.measurements.rssMB = mem.map(s => s.maxRssMB);
    target('rss: app command, all environments', rss, 150, 'lower', 'MB, median');
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }

  const header = ['measurement (child processes, median of runs)', 'median s', 'min–max s', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map(r => r[i].length)));
  const fmt = (r) => r.map((c, i) => (i === 1 || i === 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  process.stdout.write(`\n${fmt(header)}\n${widths.map(w => '-'.repeat(w)).join('  ')}\n${rows.map(fmt).join('\n')}\n\n`);
  for (const t of results.targets) {
    const v = t.value.toFixed(2);
    process.stdout.write(`${t.pass ? 'PASS' : 'FAIL'}  ${t.name}: ${v} (target ${t.better === 'lower' ? '<=' : '>='} ${t.limit}; ${t.detail})\n`);
  }
  fs.writeFileSync(path.join(__dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`\n${process.version}, ${results.cpus} CPUs (${results.cpuModel}), load average at start ${results.loadavg.map(l => l.toFixed(2)).join(' ')}; samples in bench/results.json\n`);
  const failed = results.targets.filter(t => !t.pass).length;
  if (opts.strict && failed) process.exitCode = 1;
}

main();
