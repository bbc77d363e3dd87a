import { App, Chart, Testing } from 'cdk8s';
import { EXAMPLES } from '../examples';
import { ContainerImage, Scaling, WebService } from '../src';
import { DEV, PROD } from '../src/environments';
import { buildEnvironment } from '../src/output/render';

/** Builds a fresh App with `build` and returns its YAML. */
function yamlOf(build: (app: App) => unknown): string {
  const app = Testing.app();
  build(app);
  return app.synthYaml();
}

const builders: Array<[string, (app: App) => unknown]> = [
  ['a WebService', (app) => {
    const chart = new Chart(app, 'web');
    new WebService(chart, 'Web', { image: ContainerImage.of('nginx:1.27.0'), port: 8080, scaling: Scaling.autoscale({ maxReplicas: 4 }) });
  }],
  ...Object.entries(EXAMPLES).map(([name, build]): [string, (app: App) => unknown] => [`example ${name}`, build]),
];

describe('determinism', () => {
  test.each(builders)('%s synthesizes to byte-identical YAML twice', (_, build) => {
    const first = yamlOf(build);
    const second = yamlOf(build);
    expect(first.length).toBeGreaterThan(100);
    expect(second).toBe(first);
  });

  test.each([DEV, PROD])('environment $name synthesizes to byte-identical YAML twice (Job name hash included)', (env) => {
    const first = buildEnvironment(env).app.synthYaml();
    const second = buildEnvironment(env).app.synthYaml();
    expect(first).toMatch(/name: vector-db-loader-[0-9a-f]{8}/);
    expect(second).toBe(first);
  });
});
