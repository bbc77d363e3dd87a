// Small synchronous file-system helpers of the output writer.
import * as fs from 'fs';
import * as path from 'path';

/**
 * Removes `dir` and what it holds; nothing when it does not exist. Symbolic links, `dir` itself
 * included, are removed, never followed. Written out because `fs.rmSync({ recursive })` (a
 * JavaScript walk with retries in Node 20) took more time than writing all of an environment's files.
 */
export function removeTree(dir: string): void {
  const st = lstatOrUndefined(dir);
  if (!st) return;
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

/** `lstat`, or undefined when nothing is there. */
export function lstatOrUndefined(p: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(p);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** Best-effort removal (a tree, or only an empty folder): what fails is left for the next run's clean-up. */
export function removeQuietly(p: string, onlyIfEmpty = false): void {
  try {
    if (onlyIfEmpty) fs.rmdirSync(p);
    else removeTree(p);
  } catch { /* best effort: the next run clears leftovers */ }
}

/** Relative names of the files (and links) under `dir`. */
export function listFiles(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(path.join(dir, entry.name), rel));
    else out.push(rel);
  }
  return out;
}

/** Writes a file, failing if it exists unless `overwrite`, and fsyncs it when `durable`. */
export function writeFile(file: string, content: string, durable: boolean, overwrite = false): void {
  const fd = fs.openSync(file, overwrite ? 'w' : 'wx');
  try {
    fs.writeSync(fd, content);
    if (durable) fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Flushes a written file's content to disk (opened read-write: Windows flushes only writable handles). */
export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Flushes a folder's entries (renames, new files); a no-op where folders cannot be opened or synced (Windows, some network file systems). */
export function fsyncDir(dir: string): void {
  let fd: number;
  try {
    fd = fs.openSync(dir, 'r');
  } catch (e) {
    if (['EISDIR', 'EPERM', 'EACCES'].includes((e as NodeJS.ErrnoException).code ?? '')) return;
    throw e;
  }
  try {
    fs.fsyncSync(fd);
  } catch (e) {
    if (!['EINVAL', 'ENOTSUP', 'EBADF'].includes((e as NodeJS.ErrnoException).code ?? '')) throw e;
  } finally {
    fs.closeSync(fd);
  }
}
