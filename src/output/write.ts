import * as fs from 'fs';
import * as path from 'path';
import { OutputFiles } from './render';
import { compare } from '../core/order';

/**
 * Replaces `<outDir>/<name>/` with exactly `files`, atomically enough for CI: the files go
 * to a temporary sibling folder first and are renamed into place only when all are written,
 * so an interrupted run leaves the previous folder intact.
 */
export function writeFolderAtomically(outDir: string, name: string, files: OutputFiles): string {
  const target = path.join(outDir, name);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = path.join(path.dirname(target), `.tmp-${path.basename(name)}-${process.pid}`);
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  try {
    for (const [file, content] of Object.entries(files).sort(([a], [b]) => compare(a, b))) {
      fs.writeFileSync(path.join(tmp, file), content);
    }
    const old = `${tmp}.old`;
    if (fs.existsSync(target)) fs.renameSync(target, old);
    fs.renameSync(tmp, target);
    fs.rmSync(old, { recursive: true, force: true });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return target;
}
