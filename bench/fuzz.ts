// Soak of the library's promise (bench/properties.ts) with more runs than `npm test` makes:
// for random props of every public construct, synth throws the library's error format or emits
// objects that pass the whole-app validation pass, each object once.
// Runs through the app's fast path: `node scripts/synth.js --entry bench/fuzz.ts [--runs N] [--seed S]`
// (CI: a fixed seed and a modest count; locally, omit --seed for a new one each time, printed).
import { checkConstructProperty, CONSTRUCT_PROPERTIES } from './properties';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 0) throw new Error(`usage: fuzz.ts [--runs N] [--seed S]; bad ${name} ${process.argv[i + 1]}`);
  return value;
}

const runs = option('--runs', 200);
const seed = option('--seed', Date.now() % 2147483647);
process.stdout.write(`fuzz: ${runs} runs per construct, seed ${seed}\n`);
let failed = false;
for (const p of CONSTRUCT_PROPERTIES) {
  const t0 = performance.now();
  try {
    const counts = checkConstructProperty(p, runs, seed);
    process.stdout.write(`  ok   ${p.name}: ${counts.built} synthesized, ${counts.error} rejected (${Math.round(performance.now() - t0)} ms)\n`);
  } catch (e) {
    failed = true;
    // fast-check's report: seed, path and the shrunk counterexample (values kept short by the generators)
    process.stdout.write(`  FAIL ${p.name}:\n${String((e as Error).message).slice(0, 4000)}\n`);
  }
}
process.exitCode = failed ? 1 : 0;
