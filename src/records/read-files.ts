// Reading many record files: each file's size and mtime (for the cache), then
// its text. On a big workspace a second thread makes these system calls while
// the main thread parses the files that have already arrived, which takes
// about a seventh off a first run over 10,000 files. A few files are read on the
// main thread: starting a thread would cost more than it saves.

import * as fs from 'node:fs';
import { Worker } from 'node:worker_threads';

/** One file as read: size and mtime (looked at before reading; -1 when it could not be), then its text or the error code. */
export interface FileRead {
  size: number;
  mtimeMs: number;
  text?: string;
  /** Why it could not be read (ENOENT, EACCES, EISDIR, …). */
  code?: string;
}

/** From this many files, a second thread reads them. */
export const THREAD_FROM = 256;
const BATCH = 128;

type Batch = (number | string | null)[];

/**
 * The reading loop, run on the main thread or as the whole program of the
 * reading thread: it uses nothing but its arguments, so its source text runs
 * there as it is. Each file adds four values to a batch: size, mtime, text, code.
 */
function readBatches(files: typeof fs, paths: readonly string[], batchSize: number, send: (batch: Batch) => void): void {
  let batch: Batch = [];
  for (const path of paths) {
    let size = -1;
    let mtimeMs = -1;
    try {
      const stat = files.statSync(path);
      size = stat.size;
      mtimeMs = stat.mtimeMs;
      batch.push(size, mtimeMs, files.readFileSync(path, 'utf8'), null);
    } catch (error) {
      batch.push(size, mtimeMs, null, String((error as { code?: unknown }).code ?? 'error'));
    }
    if (batch.length >= batchSize * 4) {
      send(batch);
      batch = [];
    }
  }
  if (batch.length > 0) send(batch);
}

// The reading thread stays at most WINDOW batches ahead of the main thread, so
// the text waiting to be parsed stays small however big the workspace.
const WINDOW = 8;
// A waiting thread is woken once every WAKE_EVERY batches taken, not after
// each: a wake-up is a system call on the main thread. It waits only with more
// than WINDOW batches sent and not taken, so the main thread never runs dry.
const WAKE_EVERY = 4;

const THREAD_PROGRAM = `const { parentPort, workerData } = require('node:worker_threads');
const taken = new Int32Array(workerData.taken);
let sent = 0;
(${readBatches.toString()})(require('node:fs'), workerData.paths, workerData.batchSize, (batch) => {
  parentPort.postMessage(batch);
  sent++;
  for (let seen = Atomics.load(taken, 0); sent - seen > ${WINDOW}; seen = Atomics.load(taken, 0)) Atomics.wait(taken, 0, seen);
});`;

/** Files being read, in order; `each` takes them as they arrive. */
export interface FileReading {
  /**
   * Call `fn` with each file's index and what was read, in order. Resolves
   * once every file has been given to `fn`; rejects only if `fn` throws.
   */
  each(fn: (index: number, read: FileRead) => void): Promise<void>;
  /** Stop reading; the files are not wanted after all. */
  cancel(): void;
  /** How many files came from the second thread so far (for tests). */
  threaded(): number;
}

/**
 * Start reading `paths`. From THREAD_FROM files a second thread reads them
 * straight away, so they can be on their way while the caller gets ready.
 */
export function readFiles(paths: readonly string[]): FileReading {
  let next = 0;
  let fn: ((index: number, read: FileRead) => void) | undefined;
  const take = (batch: Batch) => {
    for (let i = 0; i < batch.length; i += 4) {
      const read: FileRead = { size: batch[i] as number, mtimeMs: batch[i + 1] as number };
      if (batch[i + 2] !== null) read.text = batch[i + 2] as string;
      else read.code = batch[i + 3] as string;
      fn!(next++, read);
    }
  };
  // What the thread has not delivered (it failed to start, or stopped) is read here.
  const readRest = () => readBatches(fs, paths.slice(next), BATCH, take);

  if (paths.length < THREAD_FROM) {
    return {
      each(each) {
        fn = each;
        try {
          readRest();
          return Promise.resolve();
        } catch (error) {
          return Promise.reject(error);
        }
      },
      cancel() {},
      threaded: () => 0,
    };
  }

  const taken = new Int32Array(new SharedArrayBuffer(4));
  const waiting: Batch[] = [];
  let stopped = false;
  let settle: ((error?: unknown) => void) | undefined;
  const thread = new Worker(THREAD_PROGRAM, { eval: true, workerData: { paths, batchSize: BATCH, taken: taken.buffer } });
  // Nobody waits for files not yet asked for: until `each`, the thread keeps no process alive.
  thread.unref();
  const stop = () => {
    stopped = true;
    void thread.terminate();
  };
  const finish = (error?: unknown) => {
    if (stopped) return;
    stop();
    settle?.(error);
  };
  let threaded = 0;
  const deliver = (batch: Batch) => {
    threaded += batch.length / 4;
    try {
      take(batch);
    } catch (error) {
      finish(error);
      return;
    }
    if ((Atomics.add(taken, 0, 1) + 1) % WAKE_EVERY === 0) Atomics.notify(taken, 0);
    if (next === paths.length) finish();
  };
  const fallBack = () => {
    if (stopped || !fn) return;
    try {
      readRest();
      finish();
    } catch (error) {
      finish(error);
    }
  };
  thread.on('message', (batch: Batch) => {
    if (stopped) return;
    if (fn) deliver(batch);
    else waiting.push(batch);
  });
  // Should the thread fail, the rest is read here once someone wants it.
  let failed = false;
  const onFailure = () => {
    failed = true;
    fallBack();
  };
  thread.on('error', onFailure);
  thread.on('exit', onFailure);
  return {
    each(each) {
      fn = each;
      thread.ref();
      return new Promise((resolve, reject) => {
        settle = (error) => (error === undefined ? resolve() : reject(error));
        while (waiting.length > 0 && !stopped) deliver(waiting.shift()!);
        if (failed) fallBack();
      });
    },
    cancel: stop,
    threaded: () => threaded,
  };
}
