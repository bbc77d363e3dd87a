import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { ticTacToe } from '../examples/tic-tac-toe';
import { HELP } from '../src/cli';
import { DEV, PROD } from '../src/environments';
import { KUSTOMIZATION_FILE, kustomization, MANIFEST_FILE, renderChart, renderEnvironment, REPORTS_DIR } from '../src/output/render';
import { removeTree } from '../src/output/write';

const docs = (yaml: string) => parseAllDocuments(yaml).map(d => d.toJS());

describe('kustomization', () => {
  test('lists the resources so `kubectl apply -k` applies them', () => {
    expect(kustomization(['a.k8s.yaml', 'b.k8s.yaml'])).toBe([
      'apiVersion: kustomize.config.k8s.io/v1beta1', 'kind: Kustomization', 'resources:', '  - a.k8s.yaml', '  - b.k8s.yaml', '',
    ].join('\n'));
  });
});

describe('renderEnvironment', () => {
  const rendered = { dev: renderEnvironment(DEV), prod: renderEnvironment(PROD) };

  test.each([DEV, PROD])('$name: the manifests and the kustomization; under reports/ the capacity plan (markdown and JSON) and the diagram', (env) => {
    const { files } = rendered[env.name as 'dev' | 'prod'];
    expect(Object.keys(files)).toEqual([MANIFEST_FILE, 'Kustomization', 'reports/capacity.md', 'reports/capacity.json', 'reports/architecture.md']);
    expect(files['reports/architecture.md']).toContain('```mermaid');
    expect(MANIFEST_FILE).toBe('cheese-app.k8s.yaml');
    expect(KUSTOMIZATION_FILE).toBe('Kustomization');
    expect(files.Kustomization).toBe(kustomization([MANIFEST_FILE]));
    const objects = docs(files[MANIFEST_FILE]);
    expect(objects[0]).toMatchObject({ kind: 'Namespace', metadata: { name: env.namespace } });
    expect(objects.filter(o => o.kind !== 'Namespace').every(o => o.metadata.namespace === env.namespace)).toBe(true);
    expect(objects.filter(o => o.kind === 'Deployment').map(o => o.metadata.name)).toEqual(['api', 'frontend']);
    expect(() => JSON.parse(files['reports/capacity.json'])).not.toThrow();
    expect(files['reports/capacity.json']).toContain(`"${env.name}"`);
    expect(files['reports/capacity.md']).toContain(env.name);
  });

  test.each([DEV, PROD])('$name: every file `kubectl apply -f dist/<env>` reads (top level, .yaml/.yml/.json) is a manifest', (env) => {
    const read = Object.keys(rendered[env.name as 'dev' | 'prod'].files).filter(f => !f.includes('/') && /\.(ya?ml|json)$/.test(f));
    expect(read).toEqual([MANIFEST_FILE]);
  });

  test('prod uses the GKE Ingress, dev the nginx one', () => {
    const kinds = (name: 'dev' | 'prod') => docs(rendered[name].files[MANIFEST_FILE]).map(o => o.kind);
    expect(kinds('prod')).toEqual(expect.arrayContaining(['ManagedCertificate', 'FrontendConfig', 'BackendConfig']));
    expect(kinds('dev')).not.toContain('ManagedCertificate');
  });

  test('capacity warnings are prefixed with the environment name', () => {
    // one node cannot hold prod at full scale-out, so the plan warns
    const { warnings } = renderEnvironment({ ...PROD, nodePool: { ...PROD.nodePool, minNodes: 1, maxNodes: 1 } });
    expect(warnings.length).toBeGreaterThan(0);
    for (const w of warnings) expect(w).toMatch(/^prod: /);
  });

  test('fails if the environment is invalid, before anything is written', () => {
    expect(() => renderEnvironment({ ...DEV, namespace: 'Bad_NS' })).toThrow('cheese-app: invalid namespace "Bad_NS": use a DNS-1123 label');
  });

  test('HELP names exactly the files of an environment folder', () => {
    const promised = HELP.split('\n').slice(2, 6).join(' ').match(/[\w-]+\.(?:k8s\.yaml|md|json)|\bKustomization\b/g);
    expect(promised).toEqual(Object.keys(rendered.dev.files).map(f => f.replace(`${REPORTS_DIR}/`, '')));
  });
});

describe('renderChart', () => {
  test('one manifest named after the chart, plus its kustomization', () => {
    const files = renderChart(ticTacToe);
    expect(Object.keys(files)).toEqual(['tic-tac-toe.k8s.yaml', 'Kustomization']);
    expect(files.Kustomization).toBe(kustomization(['tic-tac-toe.k8s.yaml']));
    expect(docs(files['tic-tac-toe.k8s.yaml']).map(o => o.kind)).toEqual(['Deployment', 'Service']);
  });
});

describe('removeTree', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cheese-k8s-rm-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('removes a folder with nested folders and files; a symbolic link goes, its target stays', () => {
    const outside = path.join(dir, 'outside');
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(outside, 'keep.txt'), 'kept');
    const tree = path.join(dir, 'tree');
    fs.mkdirSync(path.join(tree, 'a', 'b'), { recursive: true });
    fs.writeFileSync(path.join(tree, 'top.yaml'), 'x');
    fs.writeFileSync(path.join(tree, 'a', 'b', 'deep.yaml'), 'y');
    fs.symlinkSync(outside, path.join(tree, 'a', 'link'));
    removeTree(tree);
    expect(fs.existsSync(tree)).toBe(false);
    expect(fs.readFileSync(path.join(outside, 'keep.txt'), 'utf8')).toBe('kept');
  });

  test('a symbolic link given as the folder is removed, not followed', () => {
    const outside = path.join(dir, 'outside');
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(outside, 'precious.txt'), 'kept');
    fs.symlinkSync(outside, path.join(dir, 'link'));
    removeTree(path.join(dir, 'link'));
    expect(fs.existsSync(path.join(dir, 'link'))).toBe(false);
    expect(fs.readFileSync(path.join(outside, 'precious.txt'), 'utf8')).toBe('kept');
  });

  test('does nothing when the folder does not exist', () => {
    expect(() => removeTree(path.join(dir, 'missing'))).not.toThrow();
  });
});
