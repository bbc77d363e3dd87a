// Scaling probe for `npm run bench` (bench/run.js): one chart with N WebServices (Deployment, Service,
// HPA, PodDisruptionBudget each; with --policy also AppNetwork's NetworkPolicies and CheesePolicy's checks),
// synthesized to YAML and written to a temp file with the functions src/main.ts uses.
// Runs through the same fast path as the app: `node scripts/synth.js --entry bench/scale.ts <N> [--policy]`.
// Prints one JSON line: object count, YAML size, in-process times (ms) and peak RSS (MB).
// With --capacity also the capacity plan (scheduler simulation) on 1…⌈N/5⌉ × n2d-standard-4 (ms.capacity).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Size, YamlOutputType } from 'cdk8s';
import { AppNetwork, CheesePolicy, ContainerImage, Cpu, NodePool, planCapacity, Resources, Scaling, WebService } from '../src';
import { synthChart } from '../src/output/render';
import { stringifyManifests } from '../src/output/yaml';

const n = Number(process.argv[2] ?? '10');
const withPolicy = process.argv.includes('--policy');
const withCapacity = process.argv.includes('--capacity');
if (!Number.isInteger(n) || n < 0) throw new Error(`usage: scale.ts <N> [--policy], got ${process.argv[2]}`);

const t0 = performance.now();
const app = new App({ outdir: '.unused', yamlOutputType: YamlOutputType.FILE_PER_CHART });
const chart = new Chart(app, 'scale', { namespace: 'bench', disableResourceNameHashes: true });
const resources = Resources.of({ cpuRequest: Cpu.millis(100), memoryRequest: Size.mebibytes(256) });
for (let i = 0; i < n; i++) {
  new WebService(chart, `Svc${i}`, {
    image: ContainerImage.of(`us-docker.pkg.dev/bench/apps/svc-${i}:1.0.${i}`),
    port: 8080,
    resources,
    scaling: Scaling.autoscale({ minReplicas: 2, maxReplicas: 4 }),
  });
}
if (withPolicy) {
  // what an app chart carries (see examples/two-apis.ts): NetworkPolicies and the policy checks
  new AppNetwork(chart, 'Network');
  CheesePolicy.apply(chart, { requireIngressTls: false });
}
const t1 = performance.now();
const objects = synthChart(chart);
const yaml = stringifyManifests(objects);
const t2 = performance.now();
const file = path.join(os.tmpdir(), `cheese-bench-scale-${process.pid}.k8s.yaml`);
fs.writeFileSync(file, yaml);
fs.rmSync(file);
const t3 = performance.now();
const capacityPool = NodePool.machineType('n2d-standard-4', { minNodes: 1, maxNodes: Math.max(1, Math.ceil(n / 5)) });
const capacityMs = withCapacity ? timed(() => planCapacity(objects, capacityPool, { environment: 'bench' })) : undefined;

process.stdout.write(`${JSON.stringify({
  services: n,
  objects: chart.node.findAll().filter(c => (c as { apiVersion?: string }).apiVersion !== undefined).length,
  yamlBytes: Buffer.byteLength(yaml),
  ms: { construct: t1 - t0, synth: t2 - t1, total: t3 - t0, ...(capacityMs !== undefined ? { capacity: capacityMs } : {}) },
  maxRssMB: process.resourceUsage().maxRSS / 1024,
})}\n`);

function timed(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}
