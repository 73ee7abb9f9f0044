// Reading a record file's text: whole, whatever size it was stamped with.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFileText } from '../src/records/read.js';
import { listRecordFiles, namesOfPath } from '../src/records/tree.js';
import { unreadableRecords } from '../src/records/ids.js';
import { workspace } from './helpers.js';

describe('a record file read through its descriptor', () => {
  const root = workspace({}, false);
  const path = join(root, 'r1.md');
  // Longer than any buffer the reader keeps, with text outside ASCII.
  const text = `---\ntitle: Café – ${'x'.repeat(1_000_000)}\n---\nBody.\n`;
  writeFileSync(path, text);
  const size = Buffer.byteLength(text);

  it('is read whole, given its size as stamped, or a size that is out of date either way, or none', () => {
    for (const stamped of [0, size - 10, size, size + 10, -1]) {
      let seen: number | undefined;
      const read = readFileText(path, (fd) => ((seen = fd), stamped));
      expect(read.text, `size ${stamped}`).toBe(text);
      expect(seen, `size ${stamped}`).toBeGreaterThan(2);
    }
    expect(readFileText(path).text).toBe(text);
  });

  it('gives the error code of a file that cannot be opened, and never asks for its size', () => {
    let asked = false;
    expect(readFileText(join(root, 'missing.md'), () => ((asked = true), 0))).toEqual({ code: 'ENOENT' });
    expect(asked).toBe(false);
  });
});

describe('what a record file names, from its path alone', () => {
  it('gives the kind, source and id the listing gives, and nothing for a path no record can have', () => {
    const root = workspace({ 'records/CD-2007/R1.md': '', 'records/CD-2007/source.md': '' });
    const listed = listRecordFiles(root).files.map(({ path, kind, source, id }) => [path, { kind, source, id }]);
    expect(listed).toEqual([
      ['records/CD-2007/source.md', { kind: 'source', source: 'cd-2007', id: 'cd-2007' }],
      ['records/CD-2007/R1.md', { kind: 'item', source: 'cd-2007', id: 'cd-2007/r1' }],
    ]);
    for (const [path, names] of listed) expect(namesOfPath(path as string)).toEqual(names);
    for (const path of ['records/r1.md', 'records/cd/sub/r1.md', 'records/cd/notes.txt', 'elsewhere/cd/r1.md', 'records//r1.md']) expect(namesOfPath(path), path).toBeUndefined();
    // An unreadable source.md names no item: ids and links name items.
    expect(unreadableRecords(['records/cd/source.md', 'records/CD/R2.md'])).toEqual([{ id: 'cd/r2', source: 'cd', path: 'records/CD/R2.md' }]);
  });
});
