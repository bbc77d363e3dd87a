// The output writer on a real (temporary) file system: ownership, the run-level switch, leftovers,
// stale folders, recovery of a killed run, the lock, Helm's one file.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LOCK_FILE } from '../../src/output/lock';
import { OutputError } from '../../src/output/output-error';
import { OUTPUT_INDEX, OUTPUT_JOURNAL, OUTPUT_MARKER, recoverOutput, writeFileInto, writeOutput } from '../../src/output/write';

const list = (dir: string) => fs.readdirSync(dir).sort();
const read = (...p: string[]) => fs.readFileSync(path.join(...p), 'utf8');
const marker = (...p: string[]) => JSON.parse(read(...p, OUTPUT_MARKER));
/** Every file under `dir` with its content: a snapshot to compare before and after a refused run. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, rel: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path.join(d, e.name), r);
      else out[r] = e.isSymbolicLink() ? `-> ${fs.readlinkSync(path.join(d, e.name))}` : fs.readFileSync(path.join(d, e.name), 'utf8');
    }
  };
  walk(dir, '');
  return out;
}
/** Runs `fn` expecting an OutputError; returns it. */
function refusal(fn: () => unknown): OutputError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(OutputError);
    return e as OutputError;
  }
  throw new Error('expected an OutputError');
}

describe('writeOutput', () => {
  let root: string;
  let out: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'cheese-k8s-write-'));
    out = path.join(root, 'dist');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  test('writes each folder with a marker listing its files, and an index of the folders; nothing else is left', () => {
    const result = writeOutput({ outDir: out, folders: { 'dev': { 'a.yaml': 'a: 1\n', 'reports/b.md': '# b\n' }, 'examples/web': { 'w.yaml': 'w' } } });
    expect(result).toEqual({ written: [path.join(out, 'dev'), path.join(out, 'examples/web')], removed: [], stale: [], recovered: false });
    expect(list(out)).toEqual([OUTPUT_INDEX, 'dev', 'examples']);
    expect(list(path.join(out, 'dev'))).toEqual([OUTPUT_MARKER, 'a.yaml', 'reports']);
    expect(read(out, 'dev', 'reports', 'b.md')).toBe('# b\n');
    expect(marker(out, 'dev')).toEqual({ format: 1, writer: 'cheese-k8s', files: ['a.yaml', 'reports/b.md'] });
    expect(JSON.parse(read(out, OUTPUT_INDEX)).folders).toEqual(['dev', 'examples/web']);
  });

  test('replaces its own folder as a whole: files the new run does not write disappear', () => {
    writeOutput({ outDir: out, folders: { dev: { 'old.yaml': 'old', 'a.yaml': 'v1' } } });
    writeOutput({ outDir: out, folders: { dev: { 'a.yaml': 'v2' } } });
    expect(list(path.join(out, 'dev'))).toEqual([OUTPUT_MARKER, 'a.yaml']);
    expect(read(out, 'dev', 'a.yaml')).toBe('v2');
    expect(list(out)).toEqual([OUTPUT_INDEX, 'dev']);
  });

  test('an empty folder in the way is replaced', () => {
    fs.mkdirSync(path.join(out, 'dev'), { recursive: true });
    writeOutput({ outDir: out, folders: { dev: { 'a.yaml': 'a' } } });
    expect(read(out, 'dev', 'a.yaml')).toBe('a');
  });

  test('fails if the target is a folder it did not create (IMPORTANT.txt in dev/): exit-2 refusal, nothing changed', () => {
    fs.mkdirSync(path.join(out, 'dev'), { recursive: true });
    fs.writeFileSync(path.join(out, 'dev', 'IMPORTANT.txt'), 'notes');
    const before = tree(root);
    const e = refusal(() => writeOutput({ outDir: out, folders: { dev: { 'a.yaml': 'a' }, prod: { 'a.yaml': 'a' } } }));
    expect(e.message).toBe(`${path.join(out, 'dev')}: holds files this tool did not write (no ${OUTPUT_MARKER} marker); `
      + 'move it elsewhere or choose another output folder: the writer only replaces folders it created');
    expect(e.refused).toBe(true);
    expect(tree(root)).toEqual(before);
    expect(list(out)).toEqual(['dev']);
  });

  test('fails if a folder it created now also holds a file it did not write, naming the file', () => {
    writeOutput({ outDir: out, folders: { dev: { 'a.yaml': 'a' } } });
    fs.writeFileSync(path.join(out, 'dev', 'notes.md'), 'mine');
    const e = refusal(() => writeOutput({ outDir: out, folders: { dev: { 'a.yaml': 'b' } } }));
    expect(e.message).toBe(`${path.join(out, 'dev')}: holds notes.md, which this tool did not write; move those files out of the folder: the writer only replaces its own files`);
    expect(read(out, 'dev', 'notes.md')).toBe('mine');
    expect(read(out, 'dev', 'a.yaml')).toBe('a');
  });

  test('fails if the target is a symbolic link, leaving the link and what it points to alone', () => {
    const elsewhere = path.join(root, 'elsewhere');
    fs.mkdirSync(elsewhere);
    fs.writeFileSync(path.join(elsewhere, 'precious.txt'), 'kept');
    fs.mkdirSync(out);
    fs.symlinkSync(elsewhere, path.join(out, 'prod'));
    const e = refusal(() => writeOutput({ outDir: out, folders: { prod: { 'a.yaml': 'a' } } }));
    expect(e.message).toMatch(/prod: is a symbolic link, not a folder this tool wrote; /);
    expect(fs.lstatSync(path.join(out, 'prod')).isSymbolicLink()).toBe(true);
    expect(list(elsewhere)).toEqual(['precious.txt']);
  });

  test('fails if the target is a file', () => {
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'prod'), 'x');
    expect(refusal(() => writeOutput({ outDir: out, folders: { prod: { 'a.yaml': 'a' } } })).message).toMatch(/prod: is a file, not a folder this tool wrote; /);
    expect(read(out, 'prod')).toBe('x');
  });

  test('fails if the output folder is a file, with the path and the fix', () => {
    fs.writeFileSync(out, 'x');
    const e = refusal(() => writeOutput({ outDir: out, folders: { dev: { 'a.yaml': 'a' } } }));
    expect(e.message).toBe(`${out}: is a file, not a folder; remove it or choose another output folder`);
  });

  test.each([
    ['an absolute name', '/etc'], ['a name with ..', '../x'], ['a hidden name', '.staging'], ['an empty part', 'a//b'],
  ])('fails if a folder has %s, before creating anything', (_, name) => {
    const e = refusal(() => writeOutput({ outDir: out, folders: { [name]: { 'a.yaml': 'a' } } }));
    expect(e.message).toMatch(/is not a valid output folder name; use relative names of letters, digits/);
    expect(fs.existsSync(out)).toBe(false);
  });

  test('fails if one folder is inside another', () => {
    expect(refusal(() => writeOutput({ outDir: out, folders: { 'a': {}, 'a/b': {} } })).message).toMatch(/a\/b: is inside another output folder \(a\)/);
  });

  test('fails if a file name needs a folder where a file is: the previous output is intact, nothing is left behind', () => {
    writeOutput({ outDir: out, folders: { dev: { 'a.yaml': 'previous' }, prod: { 'a.yaml': 'previous' } } });
    const before = tree(out);
    const e = refusal(() => writeOutput({ outDir: out, folders: { dev: { 'a.yaml': 'new' }, prod: { 'a.yaml': 'new', 'a.yaml/b.yaml': 'x' } } }));
    expect(e.message).toBe(`${path.join(out, 'prod', 'a.yaml/b.yaml')}: is inside another output file (a.yaml); give each file its own path`);
    expect(e.refused).toBe(true);
    expect(tree(out)).toEqual(before);
  });

  test('fails if a file name tries to leave its folder or replace the marker', () => {
    expect(refusal(() => writeOutput({ outDir: out, folders: { dev: { '../x.yaml': 'x' } } })).message).toMatch(/is not a valid output file name/);
    expect(refusal(() => writeOutput({ outDir: out, folders: { dev: { [OUTPUT_MARKER]: 'x' } } })).message).toMatch(/is not a valid output file name/);
    expect(fs.existsSync(out)).toBe(false); // created by the run, removed again
  });

  test('folders of earlier runs that this run does not write are kept and reported by default (prune: none)', () => {
    writeOutput({ outDir: out, folders: { dev: { 'a.yaml': 'a' }, prod: { 'a.yaml': 'a' } } });
    const result = writeOutput({ outDir: out, folders: { dev: { 'a.yaml': 'b' } } });
    expect(result.stale).toEqual(['prod']);
    expect(result.removed).toEqual([]);
    expect(read(out, 'prod', 'a.yaml')).toBe('a');
    // still owned and still listed: a later run can prune it
    expect(JSON.parse(read(out, OUTPUT_INDEX)).folders).toEqual(['dev', 'prod']);
  });

  test('prune removes the earlier folders it matches, in the same switch; a folder no longer marked is not touched', () => {
    writeOutput({ outDir: out, folders: { 'dev': { 'a.yaml': 'a' }, 'examples/old': { 'a.yaml': 'a' }, 'examples/mine': { 'a.yaml': 'a' } } });
    fs.rmSync(path.join(out, 'examples', 'mine', OUTPUT_MARKER)); // the user took this one over
    const result = writeOutput({ outDir: out, folders: { dev: { 'a.yaml': 'b' } }, prune: f => f.startsWith('examples/') });
    expect(result.removed).toEqual(['examples/old']);
    expect(list(path.join(out, 'examples'))).toEqual(['mine']);
    expect(list(out)).toEqual([OUTPUT_INDEX, 'dev', 'examples']);
  });

  test('clears what killed runs left: staging folders, the journal\'s temporary file, the old writer\'s .tmp-* folders', () => {
    fs.mkdirSync(path.join(out, '.cheese-k8s-staging-0123456789ab', 'new-0'), { recursive: true });
    fs.writeFileSync(path.join(out, `${OUTPUT_JOURNAL}.tmp`), '{');
    fs.mkdirSync(path.join(out, '.tmp-prod-c0ffee00', 'sub'), { recursive: true });
    fs.mkdirSync(path.join(out, 'examples', '.tmp-web-c0ffee01.old'), { recursive: true });
    fs.mkdirSync(path.join(out, 'examples', 'web'));
    writeOutput({ outDir: out, folders: { 'prod': { 'a.yaml': 'a' }, 'examples/web': { 'a.yaml': 'a' } } });
    expect(list(out)).toEqual([OUTPUT_INDEX, 'examples', 'prod']);
    expect(list(path.join(out, 'examples'))).toEqual(['web']);
  });

  test('an old writer\'s .old copy whose folder is missing (killed between its two renames) is put back, not deleted', () => {
    fs.mkdirSync(path.join(out, '.tmp-dev-c0ffee00.old'), { recursive: true });
    fs.writeFileSync(path.join(out, '.tmp-dev-c0ffee00.old', 'a.yaml'), 'old output');
    // the restored folder has no marker: the writer refuses it like any folder it did not create
    expect(refusal(() => writeOutput({ outDir: out, folders: { dev: { 'a.yaml': 'a' } } })).refused).toBe(true);
    expect(read(out, 'dev', 'a.yaml')).toBe('old output');
  });

  test('a run killed while switching in (journal present) is rolled forward by the next run, before anything else', () => {
    writeOutput({ outDir: out, folders: { dev: { 'a.yaml': 'old' }, prod: { 'a.yaml': 'old' } } });
    // the state after a kill between the two renames of dev: prod is new, dev moved aside, new dev still staged
    const staging = path.join(out, '.cheese-k8s-staging-00000000aaaa');
    fs.mkdirSync(staging);
    fs.renameSync(path.join(out, 'prod'), path.join(staging, 'old-1'));
    fs.mkdirSync(path.join(out, 'prod'));
    fs.writeFileSync(path.join(out, 'prod', 'a.yaml'), 'new');
    fs.writeFileSync(path.join(out, 'prod', OUTPUT_MARKER), JSON.stringify({ format: 1, writer: 'cheese-k8s', files: ['a.yaml'] }));
    fs.renameSync(path.join(out, 'dev'), path.join(staging, 'old-0'));
    fs.mkdirSync(path.join(staging, 'new-0'));
    fs.writeFileSync(path.join(staging, 'new-0', 'a.yaml'), 'new');
    fs.writeFileSync(path.join(staging, 'index'), JSON.stringify({ format: 1, writer: 'cheese-k8s', folders: ['dev', 'prod'] }));
    fs.writeFileSync(path.join(out, OUTPUT_JOURNAL), JSON.stringify({ format: 1, staging: path.basename(staging), install: ['dev', 'prod'], remove: [] }));
    expect(recoverOutput(out)).toBe(true);
    expect([read(out, 'dev', 'a.yaml'), read(out, 'prod', 'a.yaml')]).toEqual(['new', 'new']);
    expect(list(out)).toEqual([OUTPUT_INDEX, 'dev', 'prod']);
    expect(recoverOutput(out)).toBe(false);
  });

  test('fails if the journal is from another format, without touching anything', () => {
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, OUTPUT_JOURNAL), JSON.stringify({ format: 99, staging: 'x', install: [], remove: [] }));
    expect(refusal(() => recoverOutput(out)).message).toMatch(/is from another version of the writer; finish that run/);
    expect(list(out)).toEqual([OUTPUT_JOURNAL]);
  });

  test('fails if another live run holds the lock past the timeout (default 30 s), with the holder and the fix', () => {
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, LOCK_FILE), JSON.stringify({ pid: process.pid, host: os.hostname(), started: '2026-01-01T00:00:00.000Z', id: 'x' }));
    const e = refusal(() => writeOutput({ outDir: out, folders: { dev: {} }, lockTimeoutMs: 0 }));
    expect(e.message).toBe(`${path.join(out, LOCK_FILE)}: another run is writing to this folder (pid ${process.pid} on ${os.hostname()}, since 2026-01-01T00:00:00.000Z); `
      + 'wait for it to finish and run again; if no run is active, delete the lock file');
    expect(list(out)).toEqual([LOCK_FILE]);
  });

  test('takes over the lock of a run that no longer exists, and releases its own', () => {
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, LOCK_FILE), JSON.stringify({ pid: 2 ** 22 + 12345, host: os.hostname(), started: 'then', id: 'dead' }));
    writeOutput({ outDir: out, folders: { dev: { 'a.yaml': 'a' } }, lockTimeoutMs: 0 });
    expect(list(out)).toEqual([OUTPUT_INDEX, 'dev']);
  });

  test('durable: false writes the same output', () => {
    writeOutput({ outDir: out, folders: { dev: { 'a.yaml': 'a' } }, durable: false });
    expect(read(out, 'dev', 'a.yaml')).toBe('a');
  });
});

describe('writeFileInto (Helm templates/)', () => {
  let chart: string;
  beforeEach(() => {
    chart = fs.mkdtempSync(path.join(os.tmpdir(), 'cheese-k8s-chart-'));
    fs.mkdirSync(path.join(chart, 'templates'));
    fs.writeFileSync(path.join(chart, 'templates', '_helpers.tpl'), '{{- define "x" -}}{{- end -}}');
  });
  afterEach(() => fs.rmSync(chart, { recursive: true, force: true }));

  test('writes only its own file: the chart\'s other templates stay, no temporary file is left', () => {
    fs.writeFileSync(path.join(chart, '.cheese-app.k8s.yaml.tmp-0123456789ab'), 'left by a killed run');
    expect(writeFileInto(path.join(chart, 'templates'), 'cheese-app.k8s.yaml', 'v1')).toBe(path.join(chart, 'templates', 'cheese-app.k8s.yaml'));
    writeFileInto(path.join(chart, 'templates'), 'cheese-app.k8s.yaml', 'v2');
    expect(list(path.join(chart, 'templates'))).toEqual(['_helpers.tpl', 'cheese-app.k8s.yaml']);
    expect(read(chart, 'templates', 'cheese-app.k8s.yaml')).toBe('v2');
    expect(list(chart)).toEqual(['templates']);
  });

  test('fails if its file name is taken by a folder', () => {
    fs.mkdirSync(path.join(chart, 'templates', 'cheese-app.k8s.yaml'));
    expect(refusal(() => writeFileInto(path.join(chart, 'templates'), 'cheese-app.k8s.yaml', 'x')).message).toMatch(/cheese-app\.k8s\.yaml: is not a regular file; /);
  });
});
