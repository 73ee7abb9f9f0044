// The stamp of a file: one way on Node 20 (its stat binding, which makes no
// Date objects), statSync elsewhere. The two must give the same numbers, or
// every cached record would be read as changed, or worse, as unchanged.

import { closeSync, mkdirSync, openSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STAMP, stampFile, stamper, statSyncStamper } from '../src/records/store/fingerprint.js';
import { workspace } from './helpers.js';

describe('a file\'s stamp', () => {
  it('is taken from Node 20\'s stat binding there, and from statSync on any other Node', () => {
    expect(stamper.fast).toBe(process.versions.node.split('.')[0] === '20');
  });

  it('is the same either way for a file, a folder, a link, a missing path and a time with a fraction of a millisecond, by path or by descriptor', () => {
    const root = workspace({ 'a.md': 'text', 'folder/b.md': 'more text' }, false);
    symlinkSync(join(root, 'a.md'), join(root, 'link.md'));
    writeFileSync(join(root, 'odd.md'), 'x');
    utimesSync(join(root, 'odd.md'), 1_234_567_890.123456, 1_234_567_890.654321);
    mkdirSync(join(root, 'empty'));
    for (const name of ['a.md', 'folder', 'folder/b.md', 'link.md', 'odd.md', 'empty', 'missing.md', 'a.md/not-a-folder']) {
      const mine = new Float64Array(STAMP);
      const node = new Float64Array(STAMP);
      expect(stampFile(join(root, name), mine, 0), name).toBe(stampFile(join(root, name), node, 0, statSyncStamper));
      expect([...mine], name).toEqual([...node]);
    }
    // And from a descriptor open on the file, as the store stamps a file it reads.
    for (const name of ['a.md', 'folder', 'link.md', 'odd.md']) {
      const fd = openSync(join(root, name), 'r');
      try {
        const mine = new Float64Array(STAMP);
        const node = new Float64Array(STAMP);
        expect(stampFile(fd, mine, 0), name).toBe(true);
        stampFile(join(root, name), node, 0, statSyncStamper);
        expect([...mine], name).toEqual([...node]);
      } finally {
        closeSync(fd);
      }
    }
    const odd = new Float64Array(STAMP);
    stampFile(join(root, 'odd.md'), odd, 0);
    expect(odd[1]).not.toBe(Math.floor(odd[1]!));
  });
});
