// The whole-app validation attached to Apps: checks across charts (unique objects, Service selectors),
// Include'd YAML and List items, the synth paths it runs on, and the default outputs passing it.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, ApiObjectProps, App, Chart, Include, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { EXAMPLES } from '../../examples';
import { CheeseApp, ContainerImage, VectorDbLoader, WebService } from '../../src';
import { ENVIRONMENTS } from '../../src/environments';
import { buildEnvironment, renderChart, synthChart } from '../../src/output/render';
import { APP_VALIDATION_ID, AppValidation } from '../../src/validation';
import { chartWithDb, image } from '../util';

const configMap = (name: string, extra: Record<string, any> = {}): ApiObjectProps => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...extra } });

describe('unique kind/namespace/name across the App', () => {
  test('fails if two charts with the same namespace define the same ConfigMap; both construct paths are named', () => {
    const app = Testing.app();
    new ApiObject(new Chart(app, 'one', { namespace: 'shop' }), 'Config', configMap('settings'));
    new ApiObject(new Chart(app, 'two', { namespace: 'shop' }), 'Config', configMap('settings'));
    expect(AppValidation.apply(app).errors()).toEqual([
      'two/Config (ConfigMap/settings): invalid metadata.name "settings": a name no other ConfigMap in namespace shop of the App has '
      + '(the API server would keep only one of the two); see one/Config (ConfigMap/settings)',
    ]);
  });

  test('the same name in two namespaces, or for two kinds, is fine', () => {
    const app = Testing.app();
    new ApiObject(new Chart(app, 'one', { namespace: 'a' }), 'Config', configMap('settings'));
    new ApiObject(new Chart(app, 'two', { namespace: 'b' }), 'Config', configMap('settings'));
    new ApiObject(new Chart(app, 'three', { namespace: 'b' }), 'Secret', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'settings' } });
    expect(AppValidation.apply(app).errors()).toEqual([]);
  });

  test('fails if a cluster-scoped object is defined twice, whatever the charts\' namespaces', () => {
    const app = Testing.app();
    new ApiObject(new Chart(app, 'one', { namespace: 'a' }), 'Ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shared' } });
    new ApiObject(new Chart(app, 'two', { namespace: 'b' }), 'Ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shared' } });
    expect(AppValidation.apply(app).errors()).toEqual([expect.stringMatching(/^two\/Ns \(Namespace\/shared\): invalid metadata.name "shared": .*see one\/Ns/)]);
  });

  test('fails if a WebService named like the frontend is added to a CheeseApp', () => {
    const app = Testing.app();
    const cheese = new CheeseApp(app, 'cheese');
    new WebService(cheese, 'Extra', { name: 'frontend', image: image(), port: 3000 });
    expect(() => Testing.synth(cheese)).toThrow(/\[CheeseK8sValidation\] cheese\/Extra\/Deployment \(Deployment\/frontend\): invalid metadata.name "frontend": a name no other Deployment in namespace \S+ of the App has .*; see cheese\/Frontend/);
  });
});

describe('Service selectors', () => {
  test('fails if a Service selects the pods of two workloads (a loader Job named vector-db), naming both', () => {
    const { chart, config, db } = chartWithDb();
    new VectorDbLoader(chart, 'Loader', { name: 'vector-db', image: ContainerImage.of('gcr.io/p/loader:1.0.0'), vectorDb: db, config });
    const errors = AppValidation.apply(chart).errors();
    expect(errors).toEqual(expect.arrayContaining([expect.stringMatching(
      /\(Service\/vector-db\): invalid spec.selector \{.*\}: a selector that matches the pods of one workload; it matches StatefulSet\/vector-db and Job\/vector-db-[0-9a-f]{8}; see \S+Loader\S* \(Job\/vector-db-/)]));
  });

  test('a selector matching one workload is fine', () => {
    const { chart } = chartWithDb();
    expect(AppValidation.apply(chart).errors()).toEqual([]);
  });
});

describe('cdk8s-plus-27 objects', () => {
  test('a cdk8s-plus Deployment, Service, ConfigMap and Ingress pass the pass; an invalid cdk8s-plus Service name fails', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'plus');
    const deployment = new kplus.Deployment(chart, 'Web', { containers: [{ image: 'nginx:1.27.0', portNumber: 8080, envVariables: { A: kplus.EnvValue.fromValue('1') } }] });
    const service = deployment.exposeViaService({ name: 'web' });
    new kplus.ConfigMap(chart, 'Config', { data: { 'app.properties': 'a=1' } });
    new kplus.Ingress(chart, 'Ingress', { rules: [{ path: '/api', backend: kplus.IngressBackend.fromService(service) }] });
    expect(AppValidation.apply(app).errors()).toEqual([]);
    deployment.exposeViaService({ name: '9lives' });
    expect(AppValidation.of(app)!.errors()).toEqual([expect.stringMatching(/^plus\/Web\/9livesService\/Resource \(Service\/9lives\): invalid metadata.name "9lives"/)]);
  });
});

describe('Include and List', () => {
  test('fails if an Included YAML holds an invalid object: the error names the included object\'s construct path', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cheese-validation-')), 'extra.yaml');
    fs.writeFileSync(file, [
      'apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: fine}', '---',
      'apiVersion: v1', 'kind: Service', 'metadata: {name: 3d}', 'spec: {ports: [{port: 80}]}', '',
    ].join('\n'));
    const app = Testing.app();
    new Include(new Chart(app, 'c'), 'Extra', { url: file });
    expect(AppValidation.apply(app).errors()).toEqual([expect.stringMatching(/^c\/Extra\/3d-service \(Service\/3d\): invalid metadata.name "3d": a DNS-1035 label/)]);
  });

  test('fails if an item of a kind: List is invalid: the List\'s path and items[i] in the field', () => {
    const app = Testing.app();
    new ApiObject(new Chart(app, 'c'), 'Bundle', {
      apiVersion: 'v1',
      kind: 'List',
      metadata: { name: 'bundle' },
      items: [configMap('ok'), { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'a', image: 'x:1' }, { name: 'a', image: 'x:1' }] } }],
    } as ApiObjectProps);
    expect(AppValidation.apply(app).errors()).toEqual([
      'c/Bundle (Pod/p): invalid items[1].spec.containers[1].name "a": a container name unique in the pod (containers[0] has it)',
    ]);
  });

  test('fails if an item of a <Kind>List, or of a List inside a List, is invalid (kubectl applies those items too)', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const bad = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'Bad_Name' }, data: { a: '1' } };
    new ApiObject(chart, 'Maps', { apiVersion: 'v1', kind: 'ConfigMapList', metadata: { name: 'maps' }, items: [bad] } as ApiObjectProps);
    new ApiObject(chart, 'Nested', { apiVersion: 'v1', kind: 'List', metadata: { name: 'nested' }, items: [{ apiVersion: 'v1', kind: 'List', items: [bad] }] } as ApiObjectProps);
    const errors = AppValidation.apply(app).errors();
    expect(errors).toEqual(expect.arrayContaining([
      expect.stringMatching(/^c\/Maps \(ConfigMap\/Bad_Name\): invalid items\[0\]\.metadata\.name "Bad_Name"/),
      expect.stringMatching(/^c\/Nested \(ConfigMap\/Bad_Name\): invalid items\[0\]\.items\[0\]\.metadata\.name "Bad_Name"/),
    ]));
  });

  test('fails if a List item duplicates another object of the App', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    new ApiObject(chart, 'Config', configMap('settings'));
    new ApiObject(chart, 'Bundle', { apiVersion: 'v1', kind: 'List', metadata: { name: 'bundle' }, items: [configMap('settings')] } as ApiObjectProps);
    expect(AppValidation.apply(app).errors()).toEqual([expect.stringMatching(/^c\/Bundle \(ConfigMap\/settings\): invalid items\[0\]\.metadata\.name "settings": .*see c\/Config/)]);
  });
});

describe('where the pass runs', () => {
  const bad = (scope: Chart) => new ApiObject(scope, 'Bad', { apiVersion: 'v1', kind: 'Service', metadata: { name: '9lives' } });

  test('fails if app.synthYaml() meets an invalid object, once applied (apply is idempotent: one carrier construct)', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'cheese-validation-')) });
    bad(new Chart(app, 'c'));
    expect(AppValidation.apply(app)).toBe(AppValidation.apply(app));
    expect(app.node.children.filter(c => c.node.id === APP_VALIDATION_ID)).toHaveLength(1);
    expect(() => app.synthYaml()).toThrow('[CheeseK8sValidation] c/Bad (Service/9lives): invalid metadata.name "9lives": a DNS-1035 label');
    expect(() => app.synth()).toThrow('c/Bad (Service/9lives): invalid metadata.name "9lives"');
  });

  test('fails if a raw object in a CheeseApp is invalid: CheeseApp applies the pass to its App', () => {
    const app = Testing.app();
    const cheese = new CheeseApp(app, 'cheese');
    bad(cheese);
    expect(AppValidation.of(app)).toBeDefined();
    expect(() => Testing.synth(cheese)).toThrow('cheese/Bad (Service/9lives): invalid metadata.name "9lives"');
  });

  test('fails if synthChart (the repo\'s render path) meets an invalid object in a plain chart', () => {
    const chart = new Chart(Testing.app(), 'c');
    bad(chart);
    expect(() => synthChart(chart)).toThrow('c/Bad (Service/9lives): invalid metadata.name "9lives"');
  });

  test('fails with the construct path if an object cannot be rendered at all', () => {
    const app = Testing.app();
    new ApiObject(new Chart(app, 'c'), 'Odd', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'odd' }, data: { when: new Date(0) } } as any);
    expect(AppValidation.apply(app).errors()).toEqual([expect.stringMatching(/^c\/Odd \(ConfigMap\/odd\): invalid object: it cannot be rendered: /)]);
  });

  test('the default environments and examples pass untouched', () => {
    for (const env of Object.values(ENVIRONMENTS)) {
      const { app } = buildEnvironment(env);
      expect(AppValidation.of(app)?.errors()).toEqual([]);
    }
    for (const build of Object.values(EXAMPLES)) {
      const app = Testing.app();
      build(app);
      expect(AppValidation.apply(app).errors()).toEqual([]);
      expect(() => renderChart(build)).not.toThrow();
    }
  });
});
