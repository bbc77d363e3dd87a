import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { fsyncDir, fsyncFile, listFiles, lstatOrUndefined, removeQuietly, removeTree, writeFile } from './fs-util';
import { Journal, OUTPUT_FORMAT, OUTPUT_INDEX, OUTPUT_JOURNAL, STAGING_PREFIX, recoverLocked, rollBack, rollForward } from './journal';
import { LOCK_FILE, acquireLock, isDeadRunsLockFile } from './lock';
import { OutputError, explainFsError } from './output-error';
import type { OutputFiles } from './render';
import { compare } from '../core/order';

/**
 * Marker file the writer puts in every folder it creates: `{ format, files }`. A folder with it is the
 * writer's to replace (as long as it holds only the files listed); any other non-empty folder is refused.
 * No .yaml/.yml/.json ending, so `kubectl apply -f <folder>` never reads it.
 */
export const OUTPUT_MARKER = '.cheese-k8s-output';
export { OUTPUT_FORMAT, OUTPUT_INDEX, OUTPUT_JOURNAL } from './journal';
export { removeTree } from './fs-util';

const WRITER = 'cheese-k8s';
const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
/** Leftovers of the writer before markers (one folder swapped at a time): `.tmp-<name>-<hex>[.old]`. */
const LEGACY_TMP = /^\.tmp-(.+)-[0-9a-f]{8}(\.old)?$/;

/** Options of {@link writeOutput}. */
export interface WriteOutputProps {
  /** The output folder, created if missing (e.g. `dist`). */
  readonly outDir: string;
  /**
   * The folders to write, by name relative to `outDir` (`/` for nesting, e.g. `examples/web`), each
   * with its files by relative name. Each replaces the folder of that name as a whole.
   */
  readonly folders: Readonly<Record<string, OutputFiles>>;
  /**
   * Which folders this writer wrote in an earlier run, but that this run does not write, are removed
   * (in the same atomic switch). The others are kept and listed in {@link WriteOutputResult.stale}.
   * @default - none: every earlier folder is kept and reported
   */
  readonly prune?: (folder: string) => boolean;
  /**
   * How long to wait for another run writing into the same `outDir` before giving up.
   * @default 30000
   */
  readonly lockTimeoutMs?: number;
  /**
   * Whether to fsync files, folders and the journal, so the output also survives a power loss (a
   * killed process is covered either way).
   * @default true
   */
  readonly durable?: boolean;
}

/** What {@link writeOutput} did. */
export interface WriteOutputResult {
  /** The folders written, as `path.join(outDir, name)`, in the order given. */
  readonly written: string[];
  /** Folders of earlier runs that this run removed (see {@link WriteOutputProps.prune}). */
  readonly removed: string[];
  /** Folders of earlier runs that this run did not write and kept. */
  readonly stale: string[];
  /** Whether an earlier run killed while switching its output in was completed first. */
  readonly recovered: boolean;
}

/**
 * Writes one run's output folders into `outDir` as a whole or not at all, even if the process is
 * killed at any point:
 * 1. takes `outDir/.cheese-k8s.lock` (waits for a concurrent run; a dead run's lock is taken over),
 *    completes a run that was killed while switching (see 4) and clears leftovers of killed runs;
 * 2. checks every target: absent, empty, or a folder this writer made (marker present and no file
 *    besides the ones it lists); anything else is refused with nothing changed;
 * 3. writes all folders into one staging folder inside `outDir` (same file system);
 * 4. writes a journal naming the switch, renames each old folder into the staging folder and each new
 *    one into place, updates the index, deletes the journal. A run killed during 4 is rolled forward by
 *    the next run (or {@link recoverOutput}); a run killed before 4 changed nothing.
 * Pure apart from those file-system writes: reads no argv or environment.
 * @throws OutputError for every file-system problem, naming the path and the fix
 */
export function writeOutput(props: WriteOutputProps): WriteOutputResult {
  const { outDir } = props;
  const names = Object.keys(props.folders);
  checkNames(outDir, names);
  checkFileNames(outDir, props.folders);
  const durable = props.durable ?? true;
  const created = ensureDir(outDir);
  let release: (() => void) | undefined;
  let staging: string | undefined;
  try {
    release = acquireLock(outDir, props.lockTimeoutMs ?? 30_000);
    const recovered = recoverLocked(outDir, durable);
    clearLeftovers(outDir, names);
    for (const name of names) checkReplaceable(outDir, name);
    const previous = readIndex(outDir).filter(f => !names.includes(f) && isOwned(path.join(outDir, f)));
    const remove = previous.filter(f => props.prune?.(f) ?? false);
    const stale = previous.filter(f => !remove.includes(f));

    const stagingName = `${STAGING_PREFIX}${randomBytes(6).toString('hex')}`;
    staging = path.join(outDir, stagingName);
    fs.mkdirSync(staging);
    // Everything is written first and flushed afterwards, files before their folders: the first fsync
    // then commits the data of all of them at once and the rest find little left to do. The staging
    // folder is still wholly on disk before the journal that names it.
    const written: string[] = [];
    const dirs: string[] = [];
    names.forEach((name, i) => writeFolder(path.join(staging!, `new-${i}`), props.folders[name], written, dirs));
    const index = path.join(staging, 'index');
    writeFile(index, indexText([...names, ...stale]), false);
    if (durable) {
      for (const file of [...written, index]) fsyncFile(file);
      for (const dir of [...dirs, staging]) fsyncDir(dir);
    }

    const journal: Journal = { format: OUTPUT_FORMAT, staging: stagingName, install: names, remove };
    const journalTmp = path.join(outDir, `${OUTPUT_JOURNAL}.tmp`);
    writeFile(journalTmp, JSON.stringify(journal), durable, true);
    fs.renameSync(journalTmp, path.join(outDir, OUTPUT_JOURNAL));
    if (durable) fsyncDir(outDir);
    staging = undefined; // the journal owns it now
    try {
      rollForward(outDir, journal, durable);
    } catch (e) {
      rollBack(outDir, journal);
      throw e;
    }
    return { written: names.map(n => path.join(outDir, n)), removed: remove, stale, recovered };
  } catch (e) {
    if (staging) removeQuietly(staging);
    release?.();
    release = undefined;
    if (created) removeQuietly(outDir, true);
    throw explainFsError(e, outDir);
  } finally {
    release?.();
  }
}

/**
 * Completes a run into `outDir` that was killed while switching its folders in (a journal is
 * present) and clears what killed runs left, under the lock. {@link writeOutput} does this first anyway; this is for readers that
 * want a consistent folder without writing.
 * @returns whether there was such a run
 * @throws OutputError for a file-system problem or a run holding the lock past `lockTimeoutMs`
 */
export function recoverOutput(outDir: string, lockTimeoutMs = 30_000): boolean {
  if (!fs.existsSync(outDir)) return false;
  try {
    const release = acquireLock(outDir, lockTimeoutMs);
    try {
      const recovered = recoverLocked(outDir, true);
      clearLeftovers(outDir, []);
      return recovered;
    } finally {
      release();
    }
  } catch (e) {
    throw explainFsError(e, outDir);
  }
}

/**
 * Writes one file into a folder the writer does not own (a Helm chart's `templates/`): nothing else
 * there is touched. The file is written next to the folder first and renamed in, so readers see
 * the old or the new file, never a part; a killed run's temporary file is removed by the next.
 * @returns the file's path
 * @throws OutputError for a file-system problem
 */
export function writeFileInto(dir: string, name: string, content: string): string {
  const target = path.join(dir, name);
  const parent = path.dirname(path.resolve(dir));
  const prefix = `.${name}.tmp-`;
  try {
    ensureDir(dir);
    for (const f of fs.readdirSync(parent)) if (f.startsWith(prefix)) fs.rmSync(path.join(parent, f), { force: true });
    const existing = lstatOrUndefined(target);
    if (existing && !existing.isFile()) {
      throw new OutputError(target, 'is not a regular file', 'remove it or choose another output folder', true);
    }
    const tmp = path.join(parent, `${prefix}${randomBytes(6).toString('hex')}`);
    try {
      writeFile(tmp, content, true);
      fs.renameSync(tmp, target);
    } finally {
      fs.rmSync(tmp, { force: true });
    }
    return target;
  } catch (e) {
    throw explainFsError(e, target);
  }
}

function checkNames(outDir: string, names: string[]): void {
  for (const name of names) {
    if (!name.split('/').every(s => SEGMENT.test(s))) {
      throw new OutputError(path.join(outDir, name), 'is not a valid output folder name',
        "use relative names of letters, digits, '_', '.', '-' separated by '/', none starting with '.'", true);
    }
    const nested = nestedIn(name, names);
    if (nested) throw new OutputError(path.join(outDir, name), `is inside another output folder (${nested})`, 'give each folder its own path', true);
  }
}

/** Refuses, before anything is staged, file names that leave their folder, replace the marker or sit inside another file. */
function checkFileNames(outDir: string, folders: Readonly<Record<string, OutputFiles>>): void {
  for (const [folder, files] of Object.entries(folders)) {
    const names = Object.keys(files);
    for (const file of names) {
      const where = path.join(outDir, folder, file);
      if (file === OUTPUT_MARKER || !file.split('/').every(s => s !== '' && s !== '.' && s !== '..')) {
        throw new OutputError(where, 'is not a valid output file name', `use relative names without '.' or '..' parts, other than ${OUTPUT_MARKER}`, true);
      }
      const nested = nestedIn(file, names);
      if (nested) throw new OutputError(where, `is inside another output file (${nested})`, 'give each file its own path', true);
    }
  }
}

/** The entry of `names` that `name` sits inside (`a` for `a/b`), if any. */
function nestedIn(name: string, names: readonly string[]): string | undefined {
  return names.find(other => other !== name && name.startsWith(`${other}/`));
}

/** Creates `dir` if missing; returns whether it did. */
function ensureDir(dir: string): boolean {
  let st: fs.Stats | undefined;
  try {
    st = fs.statSync(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw explainFsError(e, dir);
  }
  if (st && !st.isDirectory()) throw new OutputError(dir, 'is a file, not a folder', 'remove it or choose another output folder', true);
  if (st) return false;
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw explainFsError(e, dir);
  }
  return true;
}

function readMarker(dir: string): string[] | undefined {
  try {
    const marker = JSON.parse(fs.readFileSync(path.join(dir, OUTPUT_MARKER), 'utf8'));
    return marker?.writer === WRITER && Array.isArray(marker.files) ? marker.files : undefined;
  } catch {
    return undefined;
  }
}

function isOwned(dir: string): boolean {
  return lstatOrUndefined(dir)?.isDirectory() === true && readMarker(dir) !== undefined;
}

/** Refuses (nothing changed yet) unless `<outDir>/<name>` is absent, empty, or wholly the writer's. */
function checkReplaceable(outDir: string, name: string): void {
  const target = path.join(outDir, name);
  const st = lstatOrUndefined(target);
  if (!st) return;
  const fix = 'move it elsewhere or choose another output folder: the writer only replaces folders it created';
  if (st.isSymbolicLink()) throw new OutputError(target, 'is a symbolic link, not a folder this tool wrote', fix, true);
  if (!st.isDirectory()) throw new OutputError(target, 'is a file, not a folder this tool wrote', fix, true);
  const files = listFiles(target);
  if (files.length === 0) return;
  const listed = readMarker(target);
  if (!listed) throw new OutputError(target, `holds files this tool did not write (no ${OUTPUT_MARKER} marker)`, fix, true);
  const extra = files.filter(f => f !== OUTPUT_MARKER && !listed.includes(f)).sort(compare);
  if (extra.length > 0) {
    const more = extra.length > 1 ? ` and ${extra.length - 1} more` : '';
    throw new OutputError(target, `holds ${extra[0]}${more}, which this tool did not write`,
      'move those files out of the folder: the writer only replaces its own files', true);
  }
}

function readIndex(outDir: string): string[] {
  try {
    const index = JSON.parse(fs.readFileSync(path.join(outDir, OUTPUT_INDEX), 'utf8'));
    return Array.isArray(index?.folders) ? index.folders.filter((f: unknown) => typeof f === 'string') : [];
  } catch {
    return [];
  }
}

function indexText(folders: string[]): string {
  return `${JSON.stringify({ format: OUTPUT_FORMAT, writer: WRITER, folders: [...new Set(folders)].sort(compare) }, undefined, 2)}\n`;
}

/** Writes a folder's files and marker, unflushed; adds them to `written` and the folders made to `dirs`. */
function writeFolder(dir: string, files: OutputFiles, written: string[], dirs: string[]): void {
  fs.mkdirSync(dir);
  const made = new Set([dir]);
  const names = Object.keys(files).sort(compare);
  for (const file of names) {
    const dest = path.join(dir, file);
    if (file.includes('/') && !made.has(path.dirname(dest))) {
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      made.add(path.dirname(dest));
    }
    writeFile(dest, files[file], false);
    written.push(dest);
  }
  const marker = path.join(dir, OUTPUT_MARKER);
  writeFile(marker, `${JSON.stringify({ format: OUTPUT_FORMAT, writer: WRITER, files: names }, undefined, 2)}\n`, false);
  written.push(marker);
  dirs.push(...made);
}

/** Clears what killed runs left: staging folders (no journal names them now), temporary files, old `.tmp-*` folders. */
function clearLeftovers(outDir: string, names: string[]): void {
  const now = Date.now();
  for (const entry of fs.readdirSync(outDir)) {
    const p = path.join(outDir, entry);
    if (entry.startsWith(STAGING_PREFIX) || entry === `${OUTPUT_JOURNAL}.tmp`) removeTree(p);
    // a waiting run's lock candidate: removed once its process is gone (or, if unreadable, after any wait)
    else if (entry.startsWith(`${LOCK_FILE}.`) && (isDeadRunsLockFile(p) || now - fs.lstatSync(p).mtimeMs > 10 * 60_000)) fs.rmSync(p, { force: true });
  }
  const parents = new Set([outDir, ...names.map(n => path.dirname(path.join(outDir, n)))]);
  for (const dir of parents) {
    if (!lstatOrUndefined(dir)?.isDirectory()) continue;
    for (const entry of fs.readdirSync(dir)) {
      const m = LEGACY_TMP.exec(entry);
      if (!m) continue;
      const original = path.join(dir, m[1]);
      // killed between its two renames: the .old copy is the only one left
      if (m[2] && !lstatOrUndefined(original)) fs.renameSync(path.join(dir, entry), original);
      else removeTree(path.join(dir, entry));
    }
  }
}
