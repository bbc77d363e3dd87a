// writeFolderAtomically under failures the real filesystem will not produce on demand: the final rename
// failing (the previous folder must come back) and a temporary name colliding with a killed run's leftovers.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writeFolderAtomically } from '../../src/output/write';

// jest hoists the mocks above the imports, so write.ts gets these modules
const failures = { renameInto: undefined as string | undefined };

jest.mock('fs', () => {
  const real = jest.requireActual('fs');
  return {
    ...real,
    renameSync: (from: string, to: string) => {
      if (to === failures.renameInto && path.basename(from).startsWith('.tmp-') && !from.endsWith('.old')) {
        throw Object.assign(new Error(`EXDEV: cross-device link not permitted, rename '${from}' -> '${to}'`), { code: 'EXDEV' });
      }
      return real.renameSync(from, to);
    },
  };
});
jest.mock('crypto', () => ({ ...jest.requireActual('crypto'), randomBytes: () => Buffer.from('c0ffee00', 'hex') }));

describe('writeFolderAtomically when things go wrong', () => {
  let out: string;
  beforeEach(() => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'cheese-k8s-fail-'));
    failures.renameInto = undefined;
  });
  afterEach(() => fs.rmSync(out, { recursive: true, force: true }));

  test('fails if the new folder cannot be renamed into place, and puts the previous folder back', () => {
    writeFolderAtomically(out, 'prod', { 'a.yaml': 'previous', 'keep.md': 'kept' });
    failures.renameInto = path.join(out, 'prod');
    expect(() => writeFolderAtomically(out, 'prod', { 'a.yaml': 'new' })).toThrow(/^EXDEV: cross-device link not permitted/);
    expect(fs.readdirSync(path.join(out, 'prod')).sort()).toEqual(['a.yaml', 'keep.md']);
    expect(fs.readFileSync(path.join(out, 'prod', 'a.yaml'), 'utf8')).toBe('previous');
    expect(fs.readdirSync(out)).toEqual(['prod']);
  });

  test('leftovers of a killed run under the very temporary names this run picks are cleared first', () => {
    for (const left of ['.tmp-prod-c0ffee00', '.tmp-prod-c0ffee00.old']) {
      fs.mkdirSync(path.join(out, left, 'sub'), { recursive: true });
      fs.writeFileSync(path.join(out, left, 'sub', 'x.yaml'), 'x');
    }
    writeFolderAtomically(out, 'prod', { 'a.yaml': 'a' });
    writeFolderAtomically(out, 'prod', { 'b.yaml': 'b' });
    expect(fs.readdirSync(path.join(out, 'prod'))).toEqual(['b.yaml']);
    expect(fs.readdirSync(out)).toEqual(['prod']);
  });
});
