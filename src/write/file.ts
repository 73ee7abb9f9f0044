// The one way track puts bytes in a file. A regular file is replaced
// atomically: an exclusive-create temporary file with an unguessable name
// beside it, every byte written and counted, fsync, rename, its permissions
// kept. Anything else (a FIFO, /dev/null, a terminal) is written into, never
// replaced. A symbolic link is never replaced: it is followed only when it
// resolves inside `within` (the workspace), else the write is refused.
// A write that cannot complete leaves the old file byte for byte.

import {
  closeSync,
  constants,
  fchmodSync,
  fchownSync,
  fstatSync,
  fsyncSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, relative, isAbsolute } from 'node:path';
import { WriteError, writeError } from './failure.js';

export interface WriteOptions {
  /** The path as the user knows it, for messages (default: the path given). */
  shown?: string;
  /** A symbolic link is followed only when it resolves inside this folder; without it, links are refused. */
  within?: string;
  /**
   * Whether the bytes must be on the disk before the write returns (default
   * yes). Only a cache, which a crash may lose at no cost, says no: the write
   * is still all or nothing.
   */
  durable?: boolean;
}

/** What is at a path about to be written, after following an allowed link. */
export interface Target {
  kind: 'missing' | 'regular' | 'special';
  /** The path to write: the link's destination when the path was a link. */
  path: string;
  mode?: number;
  uid?: number;
  gid?: number;
}

export function isInside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function realFolder(folder: string): string {
  try {
    return realpathSync(folder);
  } catch {
    return folder;
  }
}

/** Where a write of `path` goes, or a WriteError saying why it may not. */
export function writeTarget(path: string, options: WriteOptions = {}): Target {
  const shown = options.shown ?? path;
  let st;
  try {
    st = lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing', path };
    throw writeError(error, shown);
  }
  if (st.isSymbolicLink()) {
    let real: string;
    try {
      real = realpathSync(path);
    } catch {
      throw new WriteError('symlink', shown, `Cannot write ${shown}: it is a symbolic link to nothing, and track never replaces a link; remove the link or point it at a file.`);
    }
    if (options.within === undefined || !isInside(realFolder(options.within), real)) {
      throw new WriteError(
        'symlink',
        shown,
        `Cannot write ${shown}: it is a symbolic link to ${real}, outside the workspace, and track never replaces a link; write to the file itself, or remove the link.`,
      );
    }
    const target = writeTarget(real, { shown });
    return target;
  }
  if (st.isDirectory()) throw new WriteError('is-folder', shown, `Cannot write ${shown}: it is a folder; give the path of a file.`);
  if (st.isFile()) return { kind: 'regular', path, mode: st.mode & 0o7777, uid: st.uid, gid: st.gid };
  if (st.isSocket()) throw new WriteError('not-regular', shown, `Cannot write ${shown}: it is a socket, not a file; give the path of a file.`);
  return { kind: 'special', path };
}

/** Write every byte of `bytes`, or throw: a short count is never taken for success. */
export function writeAll(fd: number, bytes: Uint8Array): void {
  let offset = 0;
  while (offset < bytes.length) {
    const n = writeSync(fd, bytes, offset, bytes.length - offset);
    // A write that makes no progress will never finish: treat it as a full disk.
    if (n <= 0) throw Object.assign(new Error('no bytes written'), { code: 'ENOSPC' });
    offset += n;
  }
}

/** Hex of `bytes` random bytes. (The Web Crypto global loads its module only when first used: importing node:crypto cost every command, even one that writes nothing, some 10 ms.) */
export function randomHex(bytes: number): string {
  return Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(bytes))).toString('hex');
}

/**
 * A hidden name beside `path` for a file written before it takes its place:
 * the pid says whose it is; the random part makes it unguessable, so nobody
 * can plant a link there first.
 */
export function tempName(path: string, ending = 'tmp'): string {
  return join(dirname(path), `.${basename(path).slice(0, 180)}.${process.pid}.${randomHex(8)}.${ending}`);
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}

export function syncFolder(folder: string): void {
  try {
    const fd = openSync(folder, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Not every platform can fsync a folder; the rename is still atomic.
  }
}

const TEMP_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

/** What a file is written from: its bytes, or its parts in order (made one at a time, so a big file need not be held whole). */
export type Content = Uint8Array | Iterable<Uint8Array>;

/** Write every part; the number of bytes written. */
function writeContent(fd: number, content: Content): number {
  if (content instanceof Uint8Array) {
    writeAll(fd, content);
    return content.length;
  }
  let total = 0;
  for (const part of content) {
    writeAll(fd, part);
    total += part.length;
  }
  return total;
}

/** A temporary file beside `target.path` holding `bytes`, synced to disk, with the target's permissions. */
export function writeTemp(target: Target, bytes: Content, shown: string, durable = true): string {
  const temp = tempName(target.path);
  let fd: number;
  try {
    fd = openSync(temp, TEMP_FLAGS, target.mode ?? 0o666);
  } catch (error) {
    throw writeError(error, shown);
  }
  try {
    if (target.mode !== undefined) fchmodSync(fd, target.mode);
    if (target.uid !== undefined && process.getuid?.() === 0) {
      try {
        fchownSync(fd, target.uid, target.gid!);
      } catch {
        // Keeping the owner is a courtesy root can offer, not part of the write.
      }
    }
    const length = writeContent(fd, bytes);
    if (durable) fsyncSync(fd);
    if (fstatSync(fd).size !== length) throw Object.assign(new Error('short file'), { code: 'ENOSPC' });
  } catch (error) {
    closeSync(fd);
    removeQuietly(temp);
    throw writeError(error, shown);
  }
  closeSync(fd);
  return temp;
}

/** Write into something that is not a regular file (a FIFO, a device): it stays what it is. */
function writeInto(path: string, bytes: Content, shown: string): void {
  let fd: number;
  try {
    fd = openSync(path, constants.O_WRONLY | (constants.O_NOFOLLOW ?? 0));
  } catch (error) {
    throw writeError(error, shown);
  }
  try {
    writeContent(fd, bytes);
  } catch (error) {
    throw writeError(error, shown, 'what reached it may be incomplete');
  } finally {
    closeSync(fd);
  }
}

/** Move a finished temporary file into place; `create` never replaces an existing file. */
export function placeTemp(temp: string, path: string, create: boolean, shown: string, durable = true): void {
  try {
    if (!create) renameSync(temp, path);
    else {
      try {
        // link() never replaces an existing file, unlike rename().
        linkSync(temp, path);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') throw new WriteError('exists', shown, `${shown} already exists; it was left as it was.`, code);
        if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error;
        // A file system without hard links (FAT, some shares): claim the name, then rename over it.
        closeSync(openSync(path, 'wx'));
        renameSync(temp, path);
      }
      removeQuietly(temp);
    }
  } catch (error) {
    removeQuietly(temp);
    throw writeError(error, shown);
  }
  if (durable) syncFolder(dirname(path));
}

/**
 * Make a folder, and any folders above it, for files about to be written;
 * what stands in the way gets one sentence, as a failed write does.
 */
export function makeFolder(path: string, shown: string): void {
  try {
    mkdirSync(path, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new WriteError('exists', shown, `Cannot make the folder ${shown}: a file of that name is already there, so nothing was written; move or rename that file, or choose another name.`, code);
    if (code === 'ENOTDIR') throw new WriteError('no-folder', shown, `Cannot make the folder ${shown}: part of its path is a file, not a folder, so nothing was written; check the path.`, code);
    throw writeError(error, shown);
  }
}

/** Write `bytes` to `path`: a regular file (or a new one) atomically, a FIFO or device directly. */
export function writeFile(path: string, bytes: Content | string, options: WriteOptions = {}): void {
  const shown = options.shown ?? path;
  const data = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  const target = writeTarget(path, options);
  if (target.kind === 'special') return writeInto(target.path, data, shown);
  const durable = options.durable ?? true;
  placeTemp(writeTemp(target, data, shown, durable), target.path, false, shown, durable);
}

/** Create a new file atomically; false (and nothing written) when something is already there. */
export function createFile(path: string, bytes: Uint8Array | string, options: WriteOptions = {}): boolean {
  const shown = options.shown ?? path;
  const data = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  try {
    lstatSync(path);
    return false;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw writeError(error, shown);
  }
  try {
    placeTemp(writeTemp({ kind: 'missing', path }, data, shown), path, true, shown);
  } catch (error) {
    if (error instanceof WriteError && error.failure === 'exists') return false;
    throw error;
  }
  return true;
}

/** Whether a file may be written: its permission bits, since root passes every access check. */
export function isReadOnly(path: string): boolean {
  try {
    return (statSync(path).mode & 0o222) === 0;
  } catch {
    return false;
  }
}
