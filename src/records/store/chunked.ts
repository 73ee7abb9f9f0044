// A cache file in chunks: a magic number, the chunks' bytes one after another,
// then a header (by v8's serialiser) saying where each chunk ends, then the
// header's length and the magic number again. Written as it is made, so a big
// workspace is never held whole as bytes; read header first, so a run that
// needs no chunk reads only the header, and one that needs a few reads only
// theirs, from the very file whose header it read.

import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';

const MAGIC = 0x33_4b_52_54; // "TRK3"
const LEAD = 4;
const TRAIL = 8;

export interface ChunkedHeader {
  /** Where each chunk ends, counted from the first chunk's start. */
  chunkEnds: Float64Array;
}

/** A chunked file whose header was read, and which file it was. */
export interface ChunkedFile<H extends ChunkedHeader> {
  path: string;
  header: H;
  ino: number;
  size: number;
  mtimeMs: number;
}

/** The parts of a chunked file, each chunk made only when the writer reaches it; `header` is asked for after the last, given where each chunk ends. */
export function* chunkedParts<H extends ChunkedHeader>(chunks: Iterable<Uint8Array>, header: (chunkEnds: Float64Array) => H): Generator<Uint8Array> {
  const magic = Buffer.alloc(LEAD);
  magic.writeUInt32LE(MAGIC, 0);
  yield magic;
  const ends: number[] = [];
  let end = 0;
  for (const chunk of chunks) {
    yield chunk;
    ends.push((end += chunk.length));
  }
  const chunkEnds = Float64Array.from(ends);
  const bytes = serialize({ ...header(chunkEnds), chunkEnds } satisfies ChunkedHeader);
  yield bytes;
  const trail = Buffer.alloc(TRAIL);
  trail.writeUInt32LE(bytes.length, 0);
  trail.writeUInt32LE(MAGIC, 4);
  yield trail;
}

function readExactly(fd: number, length: number, position: number): Buffer {
  const bytes = Buffer.allocUnsafe(length);
  if (readSync(fd, bytes, 0, length, position) !== length) throw new Error('cache: too short');
  return bytes;
}

/** The header of a chunked file, when there is one that `usable` accepts; undefined for anything else. */
export function readChunkedHeader<H extends ChunkedHeader>(path: string, usable: (header: H) => boolean): ChunkedFile<H> | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const { ino, size, mtimeMs } = fstatSync(fd);
    if (size < LEAD + TRAIL || readExactly(fd, LEAD, 0).readUInt32LE(0) !== MAGIC) return undefined;
    const trail = readExactly(fd, TRAIL, size - TRAIL);
    const length = trail.readUInt32LE(0);
    if (trail.readUInt32LE(4) !== MAGIC || LEAD + length + TRAIL > size) return undefined;
    const header = deserialize(readExactly(fd, length, size - TRAIL - length)) as H;
    if (header === null || typeof header !== 'object' || !(header.chunkEnds instanceof Float64Array)) return undefined;
    if (LEAD + (header.chunkEnds.at(-1) ?? 0) + length + TRAIL !== size || !usable(header)) return undefined;
    return { path, header, ino, size, mtimeMs };
  } catch {
    // No cache yet, or a broken one.
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Chunks `first` to `last` (inclusive) as one run of bytes, from the very file whose header was read; throws if it was replaced since. */
export function readChunks(file: ChunkedFile<ChunkedHeader>, first: number, last: number): { bytes: Buffer; offset: number } {
  const ends = file.header.chunkEnds;
  const from = first === 0 ? 0 : ends[first - 1]!;
  const fd = openSync(file.path, 'r');
  try {
    const { ino, size, mtimeMs } = fstatSync(fd);
    if (ino !== file.ino || size !== file.size || mtimeMs !== file.mtimeMs) throw new Error('cache: replaced while in use');
    return { bytes: readExactly(fd, ends[last]! - from, LEAD + from), offset: from };
  } finally {
    closeSync(fd);
  }
}

/** Chunk `c`'s bytes from a run read by `readChunks`. */
export function chunkOf(run: { bytes: Buffer; offset: number }, ends: Float64Array, c: number): Buffer {
  const from = c === 0 ? 0 : ends[c - 1]!;
  return run.bytes.subarray(from - run.offset, ends[c]! - run.offset);
}

/** Chunk `c` of the chunked file at `path` whose chunks end at `ends`, with no check that it is the file meant: the caller checks what it holds. */
export function readChunkAt(path: string, ends: Float64Array, c: number): Buffer {
  const from = c === 0 ? 0 : ends[c - 1]!;
  const fd = openSync(path, 'r');
  try {
    return readExactly(fd, ends[c]! - from, LEAD + from);
  } finally {
    closeSync(fd);
  }
}
