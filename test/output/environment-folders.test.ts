// The public writer API for a consumer's own charts: dist/<env>/ with manifests, Kustomization and reports.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, Lazy } from 'cdk8s';
import { NodePool, writeEnvironmentFolders } from '../../src';
import { renderEnvironmentFolder } from '../../src/output/environment-folders';

function configChart(scope: App, id: string, namespace: string): Chart {
  const chart = new Chart(scope, id, { namespace, disableResourceNameHashes: true });
  new ApiObject(chart, 'settings', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { A: '1' } } as any);
  return chart;
}

describe('renderEnvironmentFolder', () => {
  test('an App: one manifest per chart, a Kustomization listing them, the diagram; no capacity report by default', () => {
    const app = new App();
    configChart(app, 'one', 'ns-one');
    configChart(app, 'two', 'ns-two');
    const { files, warnings } = renderEnvironmentFolder('dev', app);
    expect(Object.keys(files).sort()).toEqual(['Kustomization', 'one.k8s.yaml', 'reports/architecture.md', 'two.k8s.yaml']);
    expect(files.Kustomization).toBe('apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - one.k8s.yaml\n  - two.k8s.yaml\n');
    expect(files['one.k8s.yaml']).toContain('namespace: ns-one');
    expect(warnings).toEqual([]);
  });

  test('a chart with a node pool also gets the capacity plan', () => {
    const { files } = renderEnvironmentFolder('prod', configChart(new App(), 'web', 'web'), NodePool.machineType('e2-standard-4', { minNodes: 1, maxNodes: 2 }));
    expect(Object.keys(files).sort()).toEqual(['Kustomization', 'reports/architecture.md', 'reports/capacity.json', 'reports/capacity.md', 'web.k8s.yaml']);
    expect(JSON.parse(files['reports/capacity.json']).environment).toBe('prod');
  });
});

describe('writeEnvironmentFolders', () => {
  let out: string;
  beforeEach(() => {
    out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cheese-k8s-env-')), 'dist');
  });
  afterEach(() => fs.rmSync(path.dirname(out), { recursive: true, force: true }));

  test('writes <outDir>/<name>/ per folder; earlier folders are kept and reported (@default prune false), removed with prune', () => {
    const app = new App();
    const first = writeEnvironmentFolders({ outDir: out, folders: { dev: configChart(app, 'dev', 'dev'), prod: configChart(app, 'prod', 'prod') } });
    expect(first.written).toEqual([path.join(out, 'dev'), path.join(out, 'prod')]);
    expect(fs.readdirSync(path.join(out, 'dev')).sort()).toEqual(['.cheese-k8s-output', 'Kustomization', 'dev.k8s.yaml', 'reports']);
    const again = writeEnvironmentFolders({ outDir: out, folders: { dev: configChart(new App(), 'dev', 'dev') } });
    expect(again.stale).toEqual(['prod']);
    expect(fs.existsSync(path.join(out, 'prod'))).toBe(true);
    const pruned = writeEnvironmentFolders({ outDir: out, folders: { dev: configChart(new App(), 'dev', 'dev') }, prune: true });
    expect(pruned.removed).toEqual(['prod']);
    expect(fs.existsSync(path.join(out, 'prod'))).toBe(false);
  });

  test('one App per folder: environments may reuse a namespace and object names', () => {
    const result = writeEnvironmentFolders({ outDir: out, folders: { dev: configChart(new App(), 'dev', 'shop'), prod: configChart(new App(), 'prod', 'shop') } });
    expect(result.warnings).toEqual([]);
    expect(fs.readFileSync(path.join(out, 'prod', 'prod.k8s.yaml'), 'utf8')).toContain('namespace: shop');
  });

  test('fails if two charts of one folder would write the same file (nested charts with one id), before anything is written', () => {
    const app = new App();
    new Chart(new Chart(app, 'web'), 'db');
    new Chart(new Chart(app, 'api'), 'db');
    expect(() => writeEnvironmentFolders({ outDir: out, folders: { dev: app } })).toThrow(
      'renderEnvironmentFolder(dev): invalid chart id "db": charts web/db and api/db would both write db.k8s.yaml; give the charts of one folder distinct ids');
    expect(fs.existsSync(out)).toBe(false);
  });

  test('fails if a chart fails to synthesize, before anything is written', () => {
    const chart = new Chart(new App(), 'broken');
    new ApiObject(chart, 'x', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: Lazy.any({ produce: () => { throw new Error('broken: invalid name'); } }) } });
    expect(() => writeEnvironmentFolders({ outDir: out, folders: { dev: configChart(new App(), 'dev', 'dev'), prod: chart } })).toThrow('broken: invalid name');
    expect(fs.existsSync(out)).toBe(false);
  });
});
