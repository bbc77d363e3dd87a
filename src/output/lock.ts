import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { explainFsError, OutputError } from './output-error';

/** Name of the lock file a run holds in the output folder while it writes. */
export const LOCK_FILE = '.cheese-k8s.lock';

interface Holder { readonly pid: number; readonly host: string; readonly started: string; readonly id: string }

/** Blocks the thread for `ms` milliseconds (the writer is synchronous). */
function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function readHolder(file: string): Holder | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Holder;
  } catch {
    return undefined; // gone meanwhile, or not ours
  }
}

/** Whether the process that wrote `holder` is certainly gone (same host, no such pid). */
function isStale(holder: Holder): boolean {
  if (holder.host !== os.hostname() || !Number.isInteger(holder.pid)) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Whether `file` (a lock or a run's lock candidate `.cheese-k8s.lock.<id>`) was left by a process that is gone. */
export function isDeadRunsLockFile(file: string): boolean {
  const holder = readHolder(file);
  return holder !== undefined && isStale(holder);
}

/**
 * Takes `<dir>/.cheese-k8s.lock`, waiting up to `timeoutMs` for another run to finish; returns the
 * release function. The lock is created whole with link(2) (never seen half-written); a lock whose
 * process is gone (same host, pid not running) is stale and taken over.
 * @throws OutputError when another live run holds it past the timeout
 */
export function acquireLock(dir: string, timeoutMs: number): () => void {
  const lock = path.join(dir, LOCK_FILE);
  const me: Holder = { pid: process.pid, host: os.hostname(), started: new Date().toISOString(), id: randomBytes(6).toString('hex') };
  const tmp = `${lock}.${me.id}`;
  try {
    fs.writeFileSync(tmp, JSON.stringify(me));
  } catch (e) {
    // the first write into the output folder: name the folder, which is what needs fixing
    throw explainFsError(Object.assign(e as Error, { path: dir }), dir);
  }
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      try {
        fs.linkSync(tmp, lock);
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const holder = readHolder(lock);
      if (holder && isStale(holder)) {
        // move the stale lock aside under a unique name, then make sure it was the stale one we read
        const aside = `${lock}.${me.id}.stale`;
        try {
          fs.renameSync(lock, aside);
          const moved = readHolder(aside);
          if (moved && moved.id !== holder.id) fs.linkSync(aside, lock); // a live run's lock: put it back
          fs.unlinkSync(aside);
        } catch { /* another run got there first */ }
        continue;
      }
      if (Date.now() >= deadline) {
        const who = holder ? `pid ${holder.pid} on ${holder.host}, since ${holder.started}` : 'unknown process';
        throw new OutputError(lock, `another run is writing to this folder (${who})`,
          'wait for it to finish and run again; if no run is active, delete the lock file', true);
      }
      sleep(50);
    }
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  return () => {
    if (readHolder(lock)?.id === me.id) fs.rmSync(lock, { force: true });
  };
}
