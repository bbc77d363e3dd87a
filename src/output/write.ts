import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { OutputFiles } from './render';
import { compare } from '../core/order';

/**
 * Replaces `<outDir>/<name>/` with exactly `files` (names may hold `/`), atomically enough for CI:
 * the files go to a temporary sibling folder first and are renamed into place only when all are
 * written; the previous folder is moved aside, and moved back if the swap fails, so an
 * interrupted or failed run leaves it intact. A `<name>` that is a symbolic link is replaced by
 * the folder; what it pointed to is left alone.
 */
export function writeFolderAtomically(outDir: string, name: string, files: OutputFiles): string {
  const target = path.join(outDir, name);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  // a random suffix (not the pid, which repeats in containers), and leftovers under it cleared: a folder
  // left by a killed run never blocks the next one
  const tmp = path.join(path.dirname(target), `.tmp-${path.basename(name)}-${randomBytes(4).toString('hex')}`);
  const old = `${tmp}.old`;
  removeTree(tmp);
  removeTree(old);
  fs.mkdirSync(tmp);
  try {
    for (const [file, content] of Object.entries(files).sort(([a], [b]) => compare(a, b))) {
      const dest = path.join(tmp, file);
      if (file.includes('/')) fs.mkdirSync(path.dirname(dest), { recursive: true });
      fs.writeFileSync(dest, content);
    }
    let moved = true;
    try {
      fs.renameSync(target, old);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      moved = false; // first run: nothing to replace
    }
    try {
      fs.renameSync(tmp, target);
    } catch (e) {
      if (moved) fs.renameSync(old, target);
      throw e;
    }
    if (moved) removeTree(old);
  } finally {
    removeTree(tmp);
  }
  return target;
}

/**
 * Removes `dir` and what it holds; nothing when it does not exist. Symbolic links, `dir` itself
 * included, are removed, never followed. Written out because `fs.rmSync({ recursive })` (a
 * JavaScript walk with retries in Node 20) took more time than writing all of an environment's files.
 */
export function removeTree(dir: string): void {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  if (!st.isDirectory()) {
    fs.unlinkSync(dir);
    return;
  }
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) removeTree(p);
    else fs.unlinkSync(p);
  }
  fs.rmdirSync(dir);
}
