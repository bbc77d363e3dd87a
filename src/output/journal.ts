// The journal of a run's switch: written before the first rename (the commit point), deleted after
// the last; a run killed in between is rolled forward by the next one.
import * as fs from 'fs';
import * as path from 'path';
import { fsyncDir, lstatOrUndefined, removeTree } from './fs-util';
import { OutputError } from './output-error';

/** Journal of a run's renames: present only while a run switches (or after it was killed doing so). */
export const OUTPUT_JOURNAL = '.cheese-k8s-journal';
/** Index of the folders the writer owns in an output folder (`{ format, folders }`), used to find stale ones. */
export const OUTPUT_INDEX = '.cheese-k8s-index';
/** Version of the marker, index and journal formats. */
export const OUTPUT_FORMAT = 1;
/** Prefix of a run's staging folder inside the output folder. */
export const STAGING_PREFIX = '.cheese-k8s-staging-';

/**
 * A run's planned switch: `install[i]` is staged as `<staging>/new-<i>` (its old copy goes to `old-<i>`),
 * `remove[i]` goes to `gone-<i>`, and `<staging>/index` becomes the output folder's index.
 */
export interface Journal {
  /** {@link OUTPUT_FORMAT} of the writer that wrote it. */
  readonly format: number;
  /** Name of the staging folder inside the output folder. */
  readonly staging: string;
  /** Folders switched in, by name. */
  readonly install: string[];
  /** Folders of earlier runs removed, by name. */
  readonly remove: string[];
}

/** The output folder's journal, if a run is (or was killed while) switching. */
export function readJournal(outDir: string): Journal | undefined {
  let text: string;
  try {
    text = fs.readFileSync(path.join(outDir, OUTPUT_JOURNAL), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  const journal = JSON.parse(text) as Journal;
  if (journal.format !== OUTPUT_FORMAT || !journal.staging?.startsWith(STAGING_PREFIX)) {
    throw new OutputError(path.join(outDir, OUTPUT_JOURNAL), 'is from another version of the writer',
      'finish that run with the version that started it, or delete the journal and the output folder');
  }
  return journal;
}

/** Rolls forward a journaled run, if any (the caller holds the lock); returns whether there was one. */
export function recoverLocked(outDir: string, durable: boolean): boolean {
  const journal = readJournal(outDir);
  if (!journal) return false;
  rollForward(outDir, journal, durable);
  return true;
}

/**
 * Switches a journaled run in. Every step checks what is already done, so it can be repeated after
 * a kill at any point (or after a partial {@link rollBack}) and ends in the same state.
 */
export function rollForward(outDir: string, journal: Journal, durable: boolean): void {
  const staging = path.join(outDir, journal.staging);
  const parents = new Set([outDir]);
  journal.remove.forEach((name, i) => {
    const target = path.join(outDir, name);
    const gone = path.join(staging, `gone-${i}`);
    if (lstatOrUndefined(target) && !lstatOrUndefined(gone)) fs.renameSync(target, gone);
  });
  journal.install.forEach((name, i) => {
    const target = path.join(outDir, name);
    const fresh = path.join(staging, `new-${i}`);
    const old = path.join(staging, `old-${i}`);
    if (!lstatOrUndefined(fresh)) return; // already in place
    if (lstatOrUndefined(target)) {
      if (lstatOrUndefined(old)) throw new OutputError(target, 'appeared while a run was switching its output in', 'move it elsewhere and run again');
      fs.renameSync(target, old);
    }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    parents.add(path.dirname(target));
    fs.renameSync(fresh, target);
  });
  const index = path.join(staging, 'index');
  if (lstatOrUndefined(index)) fs.renameSync(index, path.join(outDir, OUTPUT_INDEX));
  if (durable) for (const p of parents) fsyncDir(p);
  fs.rmSync(path.join(outDir, OUTPUT_JOURNAL), { force: true });
  if (durable) fsyncDir(outDir);
  removeTree(staging);
}

/** Undoes a failed {@link rollForward} in this process (best effort: if it fails too, the journal stays and the next run rolls forward). */
export function rollBack(outDir: string, journal: Journal): void {
  const staging = path.join(outDir, journal.staging);
  try {
    if (!lstatOrUndefined(path.join(staging, 'index'))) return; // the index was switched: the run is complete
    journal.install.forEach((name, i) => {
      const target = path.join(outDir, name);
      const fresh = path.join(staging, `new-${i}`);
      const old = path.join(staging, `old-${i}`);
      if (!lstatOrUndefined(fresh) && lstatOrUndefined(target)) fs.renameSync(target, fresh);
      if (lstatOrUndefined(old) && !lstatOrUndefined(target)) fs.renameSync(old, target);
    });
    journal.remove.forEach((name, i) => {
      const gone = path.join(staging, `gone-${i}`);
      if (lstatOrUndefined(gone) && !lstatOrUndefined(path.join(outDir, name))) fs.renameSync(gone, path.join(outDir, name));
    });
    fs.rmSync(path.join(outDir, OUTPUT_JOURNAL), { force: true });
    removeTree(staging);
  } catch { /* the journal stays: the next run completes the switch */ }
}
