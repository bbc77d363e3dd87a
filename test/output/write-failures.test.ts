// The output writer under failures the real file system will not produce on demand (a rename failing
// halfway through the switch, a full disk, no permission): one-line errors naming the path and the
// fix, and the previous output intact.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { OutputError } from '../../src/output/output-error';
import { OUTPUT_INDEX, writeOutput } from '../../src/output/write';

// jest hoists the mocks above the imports, so write.ts gets these modules
const failures: { renameInto?: string; writeEnospc?: boolean; mkdirEacces?: string; readOnlyDir?: string } = {};
const calls = { fsync: 0, lock: [] as unknown[][] };

jest.mock('../../src/output/lock', () => {
  const real = jest.requireActual('../../src/output/lock');
  return { ...real, acquireLock: (...args: unknown[]) => { calls.lock.push(args); return real.acquireLock(...args); } };
});

jest.mock('fs', () => {
  const real = jest.requireActual('fs');
  const errno = (code: string, message: string, p: string) => Object.assign(new Error(`${code}: ${message}, '${p}'`), { code, path: p });
  return {
    ...real,
    renameSync: (from: string, to: string) => {
      if (to === failures.renameInto && path.basename(from).startsWith('new-')) throw errno('EXDEV', 'cross-device link not permitted', from);
      return real.renameSync(from, to);
    },
    writeSync: (fd: number, ...rest: unknown[]) => {
      if (failures.writeEnospc) throw errno('ENOSPC', 'no space left on device', 'write');
      return real.writeSync(fd, ...rest);
    },
    writeFileSync: (p: string, ...rest: unknown[]) => {
      if (failures.readOnlyDir && path.dirname(p) === failures.readOnlyDir) throw errno('EACCES', 'permission denied', p);
      return real.writeFileSync(p, ...rest);
    },
    fsyncSync: (fd: number) => {
      calls.fsync++;
      return real.fsyncSync(fd);
    },
    mkdirSync: (p: string, ...rest: unknown[]) => {
      if (p === failures.mkdirEacces) throw errno('EACCES', 'permission denied', p);
      return real.mkdirSync(p, ...rest);
    },
  };
});

describe('writeOutput defaults', () => {
  let out: string;
  beforeEach(() => {
    out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cheese-k8s-defaults-')), 'dist');
    calls.fsync = 0;
    calls.lock = [];
  });

  test('@default lockTimeoutMs 30 s: a run waits that long for another run\'s lock', () => {
    writeOutput({ outDir: out, folders: { dev: { 'a.yaml': 'a' } } });
    expect(calls.lock).toEqual([[out, 30_000]]);
  });

  test('@default durable true: files and folders are synced before the switch; durable: false syncs nothing', () => {
    writeOutput({ outDir: out, folders: { dev: { 'a.yaml': 'a' } } });
    expect(calls.fsync).toBeGreaterThan(0);
    calls.fsync = 0;
    writeOutput({ outDir: out, folders: { dev: { 'a.yaml': 'b' } }, durable: false });
    expect(calls.fsync).toBe(0);
    expect(fs.readFileSync(path.join(out, 'dev', 'a.yaml'), 'utf8')).toBe('b');
  });
});

describe('writeOutput when things go wrong', () => {
  let out: string;
  beforeEach(() => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'cheese-k8s-fail-'));
    for (const k of Object.keys(failures)) delete failures[k as keyof typeof failures];
  });
  afterEach(() => fs.rmSync(out, { recursive: true, force: true }));
  const state = () => ['dev', 'prod'].map(f => fs.readFileSync(path.join(out, f, 'a.yaml'), 'utf8'));

  test('fails if the second folder cannot be renamed into place: the first is switched back, the run lands not at all', () => {
    writeOutput({ outDir: out, folders: { dev: { 'a.yaml': 'previous' }, prod: { 'a.yaml': 'previous' } } });
    failures.renameInto = path.join(out, 'prod');
    let error: unknown;
    try {
      writeOutput({ outDir: out, folders: { dev: { 'a.yaml': 'new' }, prod: { 'a.yaml': 'new' } } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OutputError);
    expect((error as Error).message).toMatch(/^\S+new-1: cannot rename across file systems; keep the output folder on one file system/);
    expect(state()).toEqual(['previous', 'previous']);
    expect(fs.readdirSync(out).sort()).toEqual([OUTPUT_INDEX, 'dev', 'prod']);
  });

  test('fails if the disk is full while staging: one line naming the fix, the previous output intact, no staging left', () => {
    writeOutput({ outDir: out, folders: { dev: { 'a.yaml': 'previous' }, prod: { 'a.yaml': 'previous' } } });
    failures.writeEnospc = true;
    expect(() => writeOutput({ outDir: out, folders: { dev: { 'a.yaml': 'new' }, prod: { 'a.yaml': 'new' } } }))
      .toThrow(/^\S+: no space left on the device \(or quota exceeded\); free some space and run again; the previous output is intact$/);
    failures.writeEnospc = false;
    expect(state()).toEqual(['previous', 'previous']);
    expect(fs.readdirSync(out).sort()).toEqual([OUTPUT_INDEX, 'dev', 'prod']);
  });

  test('fails if the output folder is not writable: one line naming the folder (not a temporary file) and the fix', () => {
    writeOutput({ outDir: out, folders: { dev: { 'a.yaml': 'previous' } } });
    failures.readOnlyDir = out;
    expect(() => writeOutput({ outDir: out, folders: { dev: { 'a.yaml': 'new' } } }))
      .toThrow(new OutputError(out, 'permission denied', 'make it writable by this user or choose another output folder'));
    expect(fs.readFileSync(path.join(out, 'dev', 'a.yaml'), 'utf8')).toBe('previous');
  });

  test('fails if the output folder cannot be created: one line with the path and the fix', () => {
    failures.mkdirEacces = path.join(out, 'dist');
    expect(() => writeOutput({ outDir: path.join(out, 'dist'), folders: { dev: {} } }))
      .toThrow(new OutputError(path.join(out, 'dist'), 'permission denied', 'make it writable by this user or choose another output folder'));
  });
});
