import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';

describe('cdk8s-plus-27 is optional', () => {
  test('the main entry loads, and its cdk8s-plus interop works structurally, without cdk8s-plus-27 installed', () => {
    jest.isolateModules(() => {
      jest.doMock('cdk8s-plus-27', () => {
        throw new Error('Cannot find module cdk8s-plus-27');
      });
      // a fresh load of the module graph under the mock needs require, not a hoisted import
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const lib = require('../../src');
      expect(typeof lib.PodSecurity.harden).toBe('function');
      expect(typeof lib.NetworkPeer.fromPlus).toBe('function');
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      expect(() => require('cdk8s-plus-27')).toThrow('Cannot find module cdk8s-plus-27');
    });
  });

  test('src/ imports only types from cdk8s-plus-27', () => {
    const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true })
      .flatMap(e => e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []);
    const offenders = files(join(__dirname, '..', '..', 'src'))
      .filter(f => /^import (?!type )[^;]*'cdk8s-plus-27'|require\('cdk8s-plus-27'\)/m.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
