// The order test files start in. Vitest starts the files it has timed before
// longest first, and files it has not (every file, on a fresh clone) largest
// first: a small file that waits on npm, LibreOffice or Chromium for seconds
// could start last and leave one core working alone at the end. A file that
// says so in a comment, `// @module-tag slow` (a vitest tag: deselect them with
// --tags-filter='!slow'), starts before the others.

import { readFile } from 'node:fs/promises';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** The file-level tag as vitest reads it (a `//` or `*` comment). */
const SLOW = /(?:\/\/|\*)\s*@module-tag\s+slow\b/;

export class SlowFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const slow = new Set<string>();
    await Promise.all(
      sorted.map(async (file) => {
        if (SLOW.test(await readFile(file.moduleId, 'utf8'))) slow.add(file.moduleId);
      }),
    );
    return [...sorted.filter((f) => slow.has(f.moduleId)), ...sorted.filter((f) => !slow.has(f.moduleId))];
  }
}
