#!/usr/bin/env node
/*
 * Crash and concurrency test of the output writer (src/output/write.ts), run by .ci/run:
 *  1. kill sweep: runs of scripts/crash-child.ts SIGKILL themselves at their N-th file-system call, for
 *     every N of the switch phase and a sample of the staging phase; the next run first completes what
 *     the killed one left and reports what the output folder holds: it must be one run's output, whole
 *     (the last completed run or the killed one), with no leftovers;
 *  2. the real app (`scripts/synth.js`) killed from outside at random moments: afterwards every
 *     environment folder carries one run's image tag;
 *  3. three concurrent runs into one folder: all succeed (serialized by the lock), one run's output wins;
 *     a run that may not wait (lock timeout 0) is refused with a one-line message.
 * CRASH_TEST_FULL=1 kills at every call of both phases. Prints one line per check; exits 1 on a failure.
 */
'use strict';
const { spawnSync, spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const { ensureBundle, bundlePath } = require('./synth.js');
const full = process.env.CRASH_TEST_FULL === '1';
let failures = 0;
const check = (ok, what) => {
  if (!ok) failures++;
  process.stdout.write(`${ok ? 'ok  ' : 'FAIL'} ${what}\n`);
};
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cheese-k8s-crash-'));

async function main() {
  await ensureBundle('scripts/crash-child.ts');
  await ensureBundle('src/main.ts');
  const child = bundlePath('scripts/crash-child.ts');
  const step = (out, label, killAt = -1, slowMs = 0, timeoutMs = 30000) => {
    const r = spawnSync(process.execPath, [child, 'step', out, label, String(killAt), String(slowMs), String(timeoutMs)], { encoding: 'utf8' });
    const num = (key) => Number(new RegExp(`${key}=(\\d+)`).exec(r.stdout)?.[1]);
    return { killed: r.signal === 'SIGKILL', status: r.status, state: /state=(.*)/.exec(r.stdout)?.[1], calls: num('calls'), switchAt: num('switch'), switchedAt: num('switched'), stderr: r.stderr };
  };

  // 1. kill sweep
  const out = path.join(tmp, 'sweep');
  step(out, 'R0');
  const probe = step(out, 'R1'); // a replacing run: how many calls, and the last complete run is R1
  const total = probe.calls;
  let complete = 'R1';
  let killed;
  let points = 0;
  let broken = [];
  // kill at every call of the switch (journal written .. journal deleted), every 10th call elsewhere
  for (let k = 0; k < total; k++) {
    if (!full && (k < probe.switchAt - 1 || k > probe.switchedAt + 1) && k % 10 !== 0) continue;
    const label = `K${k}`;
    const r = step(out, label, k);
    points++;
    if (r.state !== complete && r.state !== killed) broken.push(`kill at ${k - 1}: ${r.state} (expected ${complete} or ${killed})`);
    if (r.state !== complete) complete = r.state; // the killed run was rolled forward
    if (r.killed) killed = label;
    else { complete = label; killed = undefined; }
  }
  const last = step(out, 'END');
  if (last.state !== complete && last.state !== killed) broken.push(`after the sweep: ${last.state}`);
  const end = spawnSync(process.execPath, [child, 'inspect', out], { encoding: 'utf8' });
  check(broken.length === 0 && /state=END/.test(end.stdout) && probe.switchAt > 0,
    `SIGKILL at ${points} of ${total} file-system calls of a run (all of the switch, calls ${probe.switchAt}-${probe.switchedAt}): the next run always finds one run's output, whole, no leftovers${broken.length ? `\n  ${broken.join('\n  ')}` : ''}`);

  // 2. the real app, killed from outside
  const app = path.join(tmp, 'app');
  const t0 = Date.now();
  spawnSync(process.execPath, [path.join(ROOT, 'scripts/synth.js'), '--out', app, '--tag', 't0'], { encoding: 'utf8' });
  const duration = Date.now() - t0; // kill late in a run (the writing is at its end) or just after
  const tagsOf = () => ['dev', 'prod'].map(e => /cheese-app-api-service:(\S+)/.exec(fs.readFileSync(path.join(app, e, 'cheese-app.k8s.yaml'), 'utf8'))?.[1]);
  const kills = full ? 20 : 4;
  const seen = [];
  broken = [];
  for (let i = 1; i <= kills; i++) {
    const run = spawn(process.execPath, [path.join(ROOT, 'scripts/synth.js'), '--out', app, '--tag', `t${i}`], { stdio: 'ignore' });
    const exited = new Promise(resolve => run.once('exit', resolve));
    const started = Date.now();
    await new Promise(resolve => setTimeout(resolve, duration * (0.5 + Math.random() * 0.8)));
    run.kill('SIGKILL');
    await exited;
    spawnSync(process.execPath, [child, 'recover', app], { encoding: 'utf8' });
    const tags = tagsOf();
    const entries = fs.readdirSync(app).sort().join(' ');
    seen.push(`${Date.now() - started}ms:${tags[0]}`);
    if (tags[0] !== tags[1] || entries !== '.cheese-k8s-index dev examples prod') broken.push(`run t${i}: tags ${tags.join(', ')}, entries ${entries}`);
  }
  check(broken.length === 0, `the app SIGKILLed ${kills} times at random moments: every environment from one run (${seen.join(' ')})${broken.length ? `\n  ${broken.join('\n  ')}` : ''}`);

  // 3. concurrent runs
  const conc = path.join(tmp, 'concurrent');
  const runs = ['C1', 'C2', 'C3'].map(label => new Promise(resolve => {
    const p = spawn(process.execPath, [child, 'step', conc, label, '-1', '2'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    p.stderr.on('data', d => { err += d; });
    p.once('exit', code => resolve({ code, err }));
  }));
  const results = await Promise.all(runs);
  const after = spawnSync(process.execPath, [child, 'inspect', conc], { encoding: 'utf8' }).stdout;
  check(results.every(r => r.code === 0) && /state=C[123]\n/.test(after),
    `3 concurrent runs into one folder: all exit 0, serialized by the lock, one run's output whole (${after.trim()}${results.map(r => r.err.trim()).filter(Boolean).join('; ')})`);

  const holder = spawn(process.execPath, [child, 'step', conc, 'H', '-1', '20'], { stdio: 'ignore' });
  const holderExited = new Promise(resolve => holder.once('exit', resolve));
  while (!fs.existsSync(path.join(conc, '.cheese-k8s.lock'))) await new Promise(resolve => setTimeout(resolve, 10));
  const refused = step(conc, 'X', -1, 0, 0);
  await holderExited;
  check(refused.status === 2 && /^error: \S+\.cheese-k8s\.lock: another run is writing to this folder \(pid \d+ on .*\); wait for it to finish/.test(refused.stderr)
    && refused.stderr.trim().split('\n').length === 1,
  `a run that may not wait is refused with one line, exit 2 (${refused.stderr.trim()})`);
}

main().catch(e => {
  failures++;
  process.stderr.write(`${e.stack}\n`);
}).finally(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
  process.stdout.write(`crash test: ${failures === 0 ? 'passed' : `${failures} failed`}\n`);
  process.exitCode = failures === 0 ? 0 : 1;
});
