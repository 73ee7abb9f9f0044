// The smaller holes of issue 14 (item 9): note files that are not UTF-8 or
// never end, cells over Excel's limit, and the paper's Content-Security-Policy.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTextFile } from '../../src/cli/input.js';
import { markdownProblem } from '../../src/records/markdown-limits.js';
import { EXCEL_CELL_MAX, readXlsx, withinExcelLimit, xlsxBytes } from '../../src/interop/xlsx.js';
import { htmlPaper } from '../../src/report/render-html.js';

describe('--note-file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'track-notes-'));

  it('refuses text that is not UTF-8 with one sentence, rather than writing "caf\uFFFD"', () => {
    writeFileSync(join(dir, 'cp1252.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));
    expect(() => readTextFile('--note-file', 'cp1252.txt', dir)).toThrow(`--note-file cp1252.txt is not UTF-8 text (perhaps Windows-1252, as older Word and Excel save it); save it as UTF-8 and try again.`);
  });

  it('stops reading a file that never ends (/dev/zero) and refuses it as too long', () => {
    const started = Date.now();
    expect(() => readTextFile('--note-file', '/dev/zero', dir)).toThrow('--note-file /dev/zero is longer than the 100,000 characters a note may have; shorten it, or link to the full document.');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('counts a note in characters as a reader does: 60,000 emoji are 60,000, under the limit; 100,001 letters are over it', () => {
    writeFileSync(join(dir, 'emoji.txt'), '\u{1F600}'.repeat(60_000));
    expect(readTextFile('--note-file', 'emoji.txt', dir)).toHaveLength(120_000);
    expect(markdownProblem('\u{1F600}'.repeat(60_000))).toBeUndefined();
    writeFileSync(join(dir, 'long.txt'), 'a'.repeat(100_001));
    expect(() => readTextFile('--note-file', 'long.txt', dir)).toThrow('is longer than the 100,000 characters a note may have');
    expect(markdownProblem('a'.repeat(100_001))?.message).toBe('the text is 100,001 characters long, more than the 100,000 track renders');
  });

  it('reads UTF-8 text, dropping a BOM', () => {
    writeFileSync(join(dir, 'ok.txt'), '\uFEFFcafé\n');
    expect(readTextFile('--note-file', 'ok.txt', dir)).toBe('café\n');
  });
});

describe('XLSX cells', () => {
  it('are cut to Excel\'s 32,767 characters with a visible note of what is missing', async () => {
    const long = 'x'.repeat(40_000);
    const cut = withinExcelLimit(long);
    expect(cut.length).toBeLessThanOrEqual(EXCEL_CELL_MAX);
    expect(cut).toMatch(/ \[…cut: 7,\d{3} more characters in the record\]$/);
    expect(withinExcelLimit('short')).toBe('short');
    const sheet = (await readXlsx(await xlsxBytes([['Title'], [long]])))!;
    const cell = sheet.rows.flatMap((r) => r.cells).find((c) => c.startsWith('xxx'))!;
    expect(cell.length).toBeLessThanOrEqual(EXCEL_CELL_MAX);
    expect(cell.endsWith('more characters in the record]')).toBe(true);
  });
});

describe('the HTML paper', () => {
  it('carries a Content-Security-Policy that allows no script, no fetch and no form', () => {
    const html = htmlPaper('# Paper\n\n<script>alert(1)</script>\n', { organisation: 'Org', root: mkdtempSync(join(tmpdir(), 'track-csp-')), fallbackTitle: 'x' });
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'">`);
    expect(html).not.toContain('<script>');
  });
});

describe('an owner name shared by a body and a person', () => {
  it('is a validation error at the owner, not silently the first', async () => {
    const { validate } = await import('../../src/commands/validate.js');
    const { SOURCE, item, workspace } = await import('../helpers.js');
    const config = 'organisation: X\nbodies:\n  - id: public-health\n    name: Public Health\n    aliases: [PH]\npeople:\n  - id: p-hughes\n    name: Pat Hughes\n    aliases: [PH]\n';
    const root = workspace({ 'track.config.yaml': config, 'records/cd/source.md': SOURCE, 'records/cd/r1.md': item('title: T\nnumber: 1\nowners: [PH, p-hughes]\nstage: 4') }, false);
    const result = await validate({ root, today: '2024-01-01' });
    const found = result.diagnostics.filter((d) => d.rule === 'ambiguous-owner').map((d) => [d.file, d.line, d.message]);
    expect(found).toEqual([['records/cd/r1.md', 4, 'the owner "PH" names both the body public-health and the person p-hughes in track.config.yaml']]);
  });
});

describe('template output', () => {
  it('a template whose loops make more than the paper limit is refused in one sentence, before any paper exists', async () => {
    const { report } = await import('../../src/commands/report.js');
    const { CONFIG, SOURCE, workspace } = await import('../helpers.js');
    const line = 'x'.repeat(99);
    const root = workspace({
      'track.config.yaml': CONFIG,
      'records/cd/source.md': SOURCE,
      'templates/huge.md.liquid': `{% for i in (1..90000) %}${line}\n{% endfor %}`,
    });
    await expect(report({ root, today: '2008-04-01', template: 'huge', format: 'md' })).rejects.toThrow(
      /^The template huge made a paper of 9,000,000 characters, more than the 8,000,000 track writes; check the template's loops\.$/,
    );
  });
});

describe('Chromium', () => {
  it('keeps its sandbox on, turning it off only as root, where Chromium cannot start it', async () => {
    const { chromiumArgs } = await import('../../src/report/pdf.js');
    expect(chromiumArgs(1000)).not.toContain('--no-sandbox');
    expect(chromiumArgs(undefined)).not.toContain('--no-sandbox');
    expect(chromiumArgs(0)).toContain('--no-sandbox');
  });
});
