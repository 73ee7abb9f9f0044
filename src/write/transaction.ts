// Several files written all or nothing. Every file is first staged (its
// temporary file complete on disk); then commit renames them into place,
// keeping a hard link to each old file until all are in. A failure, or
// Ctrl-C / SIGTERM at any point, puts every file back as it was.

import { linkSync, readFileSync, renameSync, unlinkSync } from 'node:fs';
import { WriteError, writeError } from './failure.js';
import { placeTemp, tempName, writeFile, writeTarget, writeTemp, type WriteOptions } from './file.js';
import { onInterrupt, yieldToSignals } from './interrupt.js';

interface Staged {
  path: string;
  shown: string;
  temp: string;
  create: boolean;
  /** Whether a file was there to replace (and so to put back). */
  existed: boolean;
}

interface Done {
  path: string;
  shown: string;
  /** A hard link to the old file, or its bytes where links are not supported; none for a new file. */
  backup?: string | Buffer;
}

export interface FileToWrite {
  /** Absolute path. */
  path: string;
  bytes: Uint8Array | string;
  /** The path as the user knows it. */
  shown?: string;
  /** A new file: refused (and everything undone) if one appears there meanwhile. */
  create?: boolean;
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}

export class Transaction {
  private staged: Staged[] = [];
  private done: Done[] = [];
  private release: (() => void) | undefined;

  constructor(private readonly options: Pick<WriteOptions, 'within'> = {}) {}

  /** Write one file's new contents to its temporary file; nothing visible changes yet. */
  stage(file: FileToWrite): void {
    const shown = file.shown ?? file.path;
    const data = typeof file.bytes === 'string' ? Buffer.from(file.bytes, 'utf8') : file.bytes;
    this.release ??= onInterrupt(() => this.rollback());
    try {
      const target = writeTarget(file.path, { shown, ...(this.options.within !== undefined ? { within: this.options.within } : {}) });
      if (target.kind === 'special') {
        throw new WriteError('not-regular', shown, `Cannot write ${shown}: it is not a regular file (a FIFO or a device), so it cannot be written together with other files.`);
      }
      if (file.create && target.kind !== 'missing') throw new WriteError('exists', shown, `${shown} already exists; it was left as it was.`);
      this.staged.push({ path: target.path, shown, temp: writeTemp(target, data, shown), create: file.create ?? false, existed: target.kind === 'regular' });
    } catch (error) {
      this.rollback();
      throw error;
    }
  }

  /** Move every staged file into place; on any failure every file is put back. */
  commit(): void {
    try {
      for (const s of this.staged.splice(0)) {
        if (s.create) {
          placeTemp(s.temp, s.path, true, s.shown);
          this.done.push({ path: s.path, shown: s.shown });
        } else {
          const backup = s.existed ? this.backupOf(s) : undefined;
          placeTemp(s.temp, s.path, false, s.shown);
          this.done.push({ path: s.path, shown: s.shown, ...(backup !== undefined ? { backup } : {}) });
        }
      }
    } catch (error) {
      this.rollback();
      throw error;
    }
    for (const d of this.done) if (typeof d.backup === 'string') removeQuietly(d.backup);
    this.done = [];
    this.finish();
  }

  private backupOf(s: Staged): string | Buffer {
    const backup = tempName(s.path, 'old.tmp');
    try {
      linkSync(s.path, backup);
      return backup;
    } catch {
      // No hard links here: keep the old bytes in memory instead.
      try {
        return readFileSync(s.path);
      } catch (error) {
        removeQuietly(s.temp);
        throw writeError(error, s.shown);
      }
    }
  }

  /** Put everything back: staged temporary files removed, committed files restored or removed. */
  rollback(): void {
    for (const s of this.staged.splice(0)) removeQuietly(s.temp);
    for (const d of this.done.splice(0).reverse()) {
      if (d.backup === undefined) removeQuietly(d.path);
      else if (typeof d.backup === 'string') {
        try {
          renameSync(d.backup, d.path);
        } catch {
          removeQuietly(d.backup);
        }
      } else {
        try {
          writeFile(d.path, d.backup, { shown: d.shown });
        } catch {
          // Nothing more can be done here; the error that caused the rollback is reported.
        }
      }
    }
    this.finish();
  }

  private finish(): void {
    this.release?.();
    this.release = undefined;
  }
}

/** Write several files all or nothing; signals are heeded between files while staging. */
export async function writeFiles(files: readonly FileToWrite[], options: Pick<WriteOptions, 'within'> = {}): Promise<void> {
  const tx = new Transaction(options);
  for (let i = 0; i < files.length; i++) {
    tx.stage(files[i]!);
    if (i % 32 === 31) await yieldToSignals();
  }
  tx.commit();
}
