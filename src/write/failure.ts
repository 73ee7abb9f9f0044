// Why a write could not complete, as a typed error the CLI prints as one
// sentence: the old file is always left as it was.

import { TrackError } from '../errors.js';

export type WriteFailure =
  | 'disk-full'
  | 'too-large'
  | 'read-only-fs'
  | 'permission'
  | 'no-folder'
  | 'is-folder'
  | 'symlink'
  | 'not-regular'
  | 'exists'
  | 'locked'
  | 'other';

/** A write that could not complete; the CLI exits 2 for a missing folder (a wrong path given), else 1. */
export class WriteError extends TrackError {
  constructor(
    readonly failure: WriteFailure,
    /** The path as the user knows it. */
    readonly shown: string,
    message: string,
    /** The system's error code, when there was one (ENOSPC, EFBIG, …). */
    readonly errno?: string,
  ) {
    super(message);
  }
}

const WHY: Record<string, [WriteFailure, string, string]> = {
  ENOSPC: ['disk-full', 'the disk is full', 'free some space and run the command again'],
  EDQUOT: ['disk-full', 'your disk quota is used up', 'free some space and run the command again'],
  EFBIG: ['too-large', 'the file would be larger than this process may write (a file-size limit, as set by "ulimit -f")', 'raise the limit and run the command again'],
  EROFS: ['read-only-fs', 'the file system is read-only', 'write somewhere else, or mount it writable'],
  EACCES: ['permission', 'you may not write there', 'check the permissions of the file and its folder'],
  EPERM: ['permission', 'you may not write there', 'check the permissions of the file and its folder'],
  ENOENT: ['no-folder', 'its folder does not exist', 'make the folder first, or check the path'],
  ENOTDIR: ['no-folder', 'part of its path is not a folder', 'check the path'],
  EISDIR: ['is-folder', 'it is a folder', 'give the path of a file'],
  EEXIST: ['exists', 'it already exists', 'leave it be, or choose another name'],
};

/** The one sentence for a failed write of `shown`; `undone` says what was left as it was. */
export function writeError(error: unknown, shown: string, undone = 'nothing was changed'): WriteError {
  if (error instanceof WriteError) return error;
  const errno = (error as NodeJS.ErrnoException | undefined)?.code;
  const known = errno !== undefined ? WHY[errno] : undefined;
  if (known) {
    const [failure, why, todo] = known;
    return new WriteError(failure, shown, `Cannot write ${shown}: ${why}, so ${undone}; ${todo}.`, errno);
  }
  const detail = errno ?? (error instanceof Error ? error.message : String(error));
  return new WriteError('other', shown, `Cannot write ${shown} (${detail}), so ${undone}; check the disk and the folder, and run the command again.`, errno);
}
