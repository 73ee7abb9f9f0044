// Placing a problem by scanning lines (src/records/locate.ts) must agree with
// a full YAML parse wherever the scanner gives an answer at all.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { YamlPath } from '../src/records/diagnostic.js';
import { parseYaml, splitFrontmatter, YamlLocator } from '../src/records/frontmatter.js';
import { parseDocument } from 'yaml';
import { scanPath, SourceLines } from '../src/records/locate.js';
import { KeptLines } from '../src/records/lines.js';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lenientRecordFile } from './record-files.js';
import { collectGarbage } from './helpers.js';

/** Every path in the data, and a few that are not there. */
function pathsOf(data: Record<string, unknown>): YamlPath[] {
  const paths: YamlPath[] = [['due'], ['owners', 3], ['updates', 7, 'stage'], ['nothing']];
  for (const [key, value] of Object.entries(data)) {
    paths.push([key]);
    if (!Array.isArray(value)) continue;
    value.forEach((element, i) => {
      paths.push([key, i]);
      if (typeof element !== 'object' || element === null) return;
      for (const inner of [...Object.keys(element), 'proposed_stage']) paths.push([key, i, inner]);
    });
  }
  return paths;
}

function valueAt(data: unknown, path: YamlPath): unknown {
  let value = data;
  for (const segment of path) value = typeof value === 'object' && value !== null ? (value as Record<string | number, unknown>)[segment] : undefined;
  return value;
}

describe('placing a problem by its YAML path', () => {
  it('the line scanner agrees with a full parse', () => {
    let answered = 0;
    let asked = 0;
    fc.assert(
      fc.property(lenientRecordFile, (file) => {
        const split = splitFrontmatter(file.text);
        if (!('parts' in split)) throw new Error('no frontmatter');
        const { yaml } = split.parts;
        const parsed = parseYaml(yaml);
        if (!('data' in parsed)) throw new Error('bad YAML');
        // js-yaml (the loader's parser) takes a quoted value's next lines as text even
        // when they are not indented; the \`yaml\` package refuses that, so its positions
        // are no yardstick there. Either way, a key written inside a quoted value
        // ("title: \"a long⏎stage: 3\"") is text, and the scanner must not find it.
        const data = parsed.data as Record<string, unknown>;
        const lines = yaml.split('\n');
        for (const key of ['stage', 'due', 'owners', 'theme']) {
          if (key in data) continue;
          const quick = scanPath(lines, [key], 'key');
          if (quick) expect(quick, `missing ${key}`).toEqual({ line: 1, column: 1 });
        }
        const updates = Array.isArray(data['updates']) ? (data['updates'] as Record<string, unknown>[]) : [];
        updates.forEach((update, i) => {
          for (const key of ['stage', 'by']) {
            if (typeof update === 'object' && update !== null && !(key in update)) expect(scanPath(lines, ['updates', i, key], 'key'), `missing updates.${i}.${key}`).toBeUndefined();
          }
        });
        if (parseDocument(yaml).errors.length > 0) return;
        const full = new YamlLocator(yaml);
        for (const path of pathsOf(parsed.data as Record<string, unknown>)) {
          // A list entry is pointed at as a value (unknown-owner, unknown-related), never as a key.
          for (const target of typeof path.at(-1) === 'number' ? (['value'] as const) : (['key', 'value'] as const)) {
            // An empty value ("updates:   # none yet") is shown at its key by the scanner, after it by the parser: either will do.
            if (target === 'value' && valueAt(parsed.data, path) == null) continue;
            asked++;
            const quick = scanPath(yaml.split('\n'), path, target);
            if (quick === undefined) continue;
            answered++;
            expect(quick, `${JSON.stringify(path)} ${target}`).toEqual(full.locateFully(path, target));
          }
        }
      }),
      { numRuns: 300 },
    );
    // Most paths in ordinary records are found by the scanner.
    expect(answered / asked).toBeGreaterThan(0.8);
  });

  it('takes a key written inside a quoted value that runs on as text, in either quotes', () => {
    for (const title of ['"a long', "'it''s a long", '"say \\"hi\\" at', "'a long"]) {
      const quote = title[0]!;
      const lines = ['', `title: ${title}`, 'stage: 3', `due: never${quote}`, 'owners: [x]', '  - "open'];
      // "stage" and "due" are text in the title: missing keys are placed at the record.
      expect(scanPath(lines, ['stage'], 'key'), title).toEqual({ line: 1, column: 1 });
      expect(scanPath(lines, ['due'], 'key'), title).toEqual({ line: 1, column: 1 });
      expect(scanPath(lines, ['owners'], 'key'), title).toEqual({ line: 5, column: 1 });
    }
  });
});

describe('the lines kept to show problems', () => {
  it('hold only those lines, not the frontmatter they were cut from', () => {
    // A line cut from a text may share the whole text's memory: a kept line must be a copy.
    const files = Array.from({ length: 40 }, (_, i) => `records/cd/r${i}.md`);
    const frontmatter = (file: string) => `\ntitle: A title long enough to be cut, ${file}\nnote: ${'x'.repeat(1_000_000)}\nstage: 2`;
    const sources = new SourceLines('/nowhere', { get: frontmatter });
    collectGarbage();
    const before = process.memoryUsage().heapUsed;
    for (const file of files) sources.keep(file, sources.head(file)!, 2);
    collectGarbage();
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(10_000_000);
    expect(sources.line('records/cd/r7.md', 2)).toBe('title: A title long enough to be cut, records/cd/r7.md');
  });

  it('gives each line kept once, in the order first kept, and reads the file for any other', () => {
    const root = mkdtempSync(join(tmpdir(), 'track-lines-'));
    mkdirSync(join(root, 'records/cd'), { recursive: true });
    writeFileSync(join(root, 'records/cd/r1.md'), '---\ntitle: One\nstage: 2\n---\n');
    const kept = KeptLines.remembered(root, [
      ['records/cd/r2.md', 4, 'due: 2008-06'],
      ['records/cd/r1.md', 3, 'stage: 9'],
      ['records/cd/r2.md', 2, 'title: Two'],
      ['records/cd/r2.md', 4, 'due: 2008-07'],
    ]);
    expect(kept.keptLines()).toEqual([
      ['records/cd/r2.md', 4, 'due: 2008-07'],
      ['records/cd/r2.md', 2, 'title: Two'],
      ['records/cd/r1.md', 3, 'stage: 9'],
    ]);
    expect(kept.line('records/cd/r2.md', 2)).toBe('title: Two');
    expect(kept.line('records/cd/r2.md', 4)).toBe('due: 2008-07');
    // Not kept: read from the file as it is now.
    expect(kept.line('records/cd/r1.md', 3)).toBe('stage: 9');
    expect(kept.line('records/cd/r1.md', 2)).toBe('title: One');
    expect(kept.line('records/cd/r2.md', 3)).toBeUndefined();
  });
});
