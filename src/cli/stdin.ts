// Reading a file descriptor to its end, within a limit: standard input for
// the CLI, and the files a command takes its text from.

import { readSync } from 'node:fs';

/** Up to `max` + 1 bytes of a file descriptor: enough to know it is too long, so /dev/zero cannot run for ever. */
export function readUpTo(fd: number, max: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.alloc(Math.min(65_536, max + 1 - total));
    let n: number;
    try {
      n = readSync(fd, chunk, 0, chunk.length, null);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EAGAIN') continue;
      if ((error as NodeJS.ErrnoException).code === 'EOF') break;
      throw error;
    }
    if (n === 0) break;
    chunks.push(chunk.subarray(0, n));
    total += n;
    if (total > max) break;
  }
  return Buffer.concat(chunks);
}

/** The process's standard input, for CliIo: up to `max` + 1 bytes when it is not a terminal (none when it cannot be read); undefined on a terminal. */
export function processStdin(max: number): Buffer | undefined {
  if (process.stdin.isTTY) return undefined;
  try {
    return readUpTo(0, max);
  } catch {
    return Buffer.alloc(0);
  }
}
