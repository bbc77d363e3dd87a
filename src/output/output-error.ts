/**
 * A file-system problem of the output writer, as one line: `<path>: <what is wrong>; <how to fix it>`.
 * The entry point prints it as is (no stack trace).
 */
export class OutputError extends Error {
  /** The file or folder the problem is about. */
  public readonly path: string;
  /** What to do about it. */
  public readonly fix: string;
  /**
   * Whether the writer refused on purpose (a folder it did not create, a run already writing):
   * the command line treats that as bad usage (exit 2), any other failure as exit 1.
   */
  public readonly refused: boolean;

  constructor(path: string, problem: string, fix: string, refused = false) {
    super(`${path}: ${problem}; ${fix}`);
    this.name = 'OutputError';
    this.path = path;
    this.fix = fix;
    this.refused = refused;
  }
}

/** Turns a Node file-system error into an {@link OutputError} naming the path and the fix; other errors pass through. */
export function explainFsError(e: unknown, fallbackPath: string): unknown {
  if (e instanceof OutputError) return e;
  const err = e as NodeJS.ErrnoException;
  if (!err || typeof err.code !== 'string') return e;
  const where = err.path ?? fallbackPath;
  switch (err.code) {
    case 'EACCES':
    case 'EPERM':
      return new OutputError(where, 'permission denied', 'make it writable by this user or choose another output folder');
    case 'EROFS':
      return new OutputError(where, 'read-only file system', 'choose an output folder on a writable file system');
    case 'ENOSPC':
    case 'EDQUOT':
      return new OutputError(where, 'no space left on the device (or quota exceeded)', 'free some space and run again; the previous output is intact');
    case 'EEXIST':
    case 'ENOTDIR':
      return new OutputError(where, 'a file is in the way where a folder is needed', 'remove or rename that file, or choose another output folder');
    case 'EISDIR':
      return new OutputError(where, 'a folder is in the way where a file is needed', 'remove or rename that folder, or choose another output folder');
    case 'ENAMETOOLONG':
      return new OutputError(where, 'path too long', 'choose a shorter output folder');
    case 'EXDEV':
      return new OutputError(where, 'cannot rename across file systems', 'keep the output folder on one file system (no mount points inside it)');
    default:
      return new OutputError(where, `${err.code} (${err.message.split('\n')[0]})`, 'check the path and run again; the previous output is intact');
  }
}
