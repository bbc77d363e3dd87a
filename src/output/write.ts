import * as fs from 'fs';
import * as path from 'path';
import { OutputFiles } from './render';
import { compare } from '../core/order';

/**
 * Replaces `<outDir>/<name>/` with exactly `files` (names may hold `/`), atomically enough for CI: the files go
 * to a temporary sibling folder first and are renamed into place only when all are written,
 * so an interrupted run leaves the previous folder intact.
 */
export function writeFolderAtomically(outDir: string, name: string, files: OutputFiles): string {
  const target = path.join(outDir, name);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = path.join(path.dirname(target), `.tmp-${path.basename(name)}-${process.pid}`);
  removeTree(tmp);
  fs.mkdirSync(tmp);
  try {
    for (const [file, content] of Object.entries(files).sort(([a], [b]) => compare(a, b))) {
      const dest = path.join(tmp, file);
      if (file.includes('/')) fs.mkdirSync(path.dirname(dest), { recursive: true });
      fs.writeFileSync(dest, content);
    }
    const old = `${tmp}.old`;
    let moved = true;
    try {
      fs.renameSync(target, old);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      moved = false; // first run: nothing to replace
    }
    fs.renameSync(tmp, target);
    if (moved) removeTree(old);
  } finally {
    removeTree(tmp);
  }
  return target;
}

/**
 * Removes `dir` and what it holds (symbolic links are removed, not followed); nothing when it does
 * not exist. Written out because `fs.rmSync({ recursive })` (a JavaScript walk with retries in
 * Node 20) took more time than writing all of an environment's files.
 */
export function removeTree(dir: string): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  for (const entry of entries) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) removeTree(p);
    else fs.unlinkSync(p);
  }
  fs.rmdirSync(dir);
}
