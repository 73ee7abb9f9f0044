// Word papers: the document's XML for each built-in on the example records
// (golden, normalised), what a reader of the Word file sees (LibreOffice
// converts it to PDF, pdftotext reads it: skipped, not passed, where
// LibreOffice is missing), the house style, and a reference file that is
// not a Word document.
// @module-tag slow (LibreOffice reads the Word papers back)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { report } from '../src/commands/report.js';
import { exitCode } from '../src/cli/errors.js';
import { UnusableInput } from '../src/errors.js';
import { expectInOrder, item, PROJECT_ROOT, runTrack, SOURCE, workspace } from './helpers.js';
import { findOffice, officeProfile } from './libreoffice.js';

const TODAY = '2026-11-23';
const GOLDEN = join(PROJECT_ROOT, 'tests', 'golden', 'docx');
const UPDATE = process.env['UPDATE_GOLDEN'] === '1';
const office = findOffice();
const hasPoppler = spawnSync('pdftotext', ['-v']).error === undefined;
const canConvert = office !== undefined && hasPoppler;
// LibreOffice takes tens of seconds to start on a busy machine: its own timeout.
const CONVERT_TIMEOUT = 240_000;

const PAPERS: Record<string, { source?: string; meeting?: string }> = {
  'tracking-report': { source: 'leeds-cd-2007', meeting: '2008-04' },
  'board-update': { source: 'brent-haz-2005', meeting: '2006-03' },
  'action-plan': { source: 'calderdale-hcg' },
  'committee-report': { source: 'durham-jhosc-2007', meeting: '2007-07-02' },
  'status-summary': {},
  'meeting-notes': { source: 'think-tank-2011', meeting: '2011-06-06' },
};

async function docx(root: string, template: string, extra: { source?: string; meeting?: string } = {}): Promise<Buffer> {
  const { content } = await report({ root, today: TODAY, template, format: 'docx', ...extra });
  expect(Buffer.isBuffer(content)).toBe(true);
  return content as Buffer;
}

const examples = new Map<string, Promise<Buffer>>();

/** A Word paper of the example records, made once for all the tests that read it (the golden test pins its bytes). */
function example(template: string, extra: { source?: string; meeting?: string } = {}): Promise<Buffer> {
  const key = JSON.stringify([template, extra]);
  if (!examples.has(key)) examples.set(key, docx(PROJECT_ROOT, template, extra));
  return examples.get(key)!;
}

function part(file: Uint8Array, name: string): string {
  const files = unzipSync(file, { filter: (f) => f.name === name });
  expect(files[name], `${name} in the .docx`).toBeDefined();
  return new TextDecoder().decode(files[name]);
}

/** document.xml, one paragraph, row or table per line, so a change reads as a diff; the random ids of links numbered in order. */
function normalised(xml: string): string {
  const ids = new Map<string, string>();
  return xml
    .replace(/r:id="(rId[\w-]{12,})"/g, (_, id: string) => `r:id="link${ids.get(id) ?? (ids.set(id, String(ids.size + 1)), ids.size)}"`)
    .replace(/(<w:p[ >]|<w:tbl>|<w:tr[ >]|<\/w:tbl>|<w:sectPr)/g, '\n$1').trim() + '\n';
}

/**
 * The PDF text and page count of each Word file, as LibreOffice prints them:
 * every file in one soffice run, which costs about what one file does.
 */
function pdfTexts(files: Record<string, Buffer>): Record<string, { text: string; pages: number }> {
  const dir = workspace({}, false);
  const inputs = Object.entries(files).map(([name, bytes]) => {
    writeFileSync(join(dir, `${name}.docx`), bytes);
    return join(dir, `${name}.docx`);
  });
  execFileSync(office!.bin, ['--headless', officeProfile(office!), '--convert-to', 'pdf', '--outdir', dir, ...inputs], { stdio: 'ignore', timeout: CONVERT_TIMEOUT - 10_000 });
  return Object.fromEntries(
    Object.keys(files).map((name) => {
      const pdf = join(dir, `${name}.pdf`);
      const pages = Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1]);
      return [name, { text: execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/[ \t\u00a0]+/g, ' '), pages }];
    }),
  );
}

describe('Word papers of the example records (golden document XML)', () => {
  for (const [template, extra] of Object.entries(PAPERS)) {
    it(template, async () => {
      const xml = normalised(part(await example(template, extra), 'word/document.xml'));
      const file = join(GOLDEN, `${template}.xml`);
      if (UPDATE) {
        mkdirSync(GOLDEN, { recursive: true });
        writeFileSync(file, xml);
      }
      expect(existsSync(file), `${file} is missing: run UPDATE_GOLDEN=1 npx vitest run tests/report-docx.test.ts`).toBe(true);
      expect(xml, `${file} differs: if meant, run UPDATE_GOLDEN=1 npx vitest run tests/report-docx.test.ts`).toBe(readFileSync(file, 'utf8'));
    }, 120_000); // the first Word paper loads docx, ECharts and resvg: slow on a busy machine
  }
});

describe('a Word paper', () => {
  it('is A4, in Arial, with the organisation and "Page N of M" in the footer, and table headers that repeat', async () => {
    const file = await example('action-plan', { source: 'calderdale-hcg' });
    const doc = part(file, 'word/document.xml');
    expect(doc).toContain('<w:pgSz w:w="11906" w:h="16838"');
    expect(doc).toContain('<w:tblHeader/>');
    expect(doc).toContain('<w:cantSplit/>');
    expect(part(file, 'word/styles.xml')).toContain('w:ascii="Arial"');
    const footer = part(file, 'word/footer1.xml');
    expect(footer).toContain('Health Partnerships Example Workspace');
    expect(footer).toMatch(/Page <\/w:t>.*PAGE.*of <\/w:t>.*NUMPAGES/s);
  });

  it('keeps list labels as written, without Word numbering that could renumber them', async () => {
    const root = workspace({ 'records/cd/source.md': SOURCE, 'templates/list.md.liquid': '# List\n\n3. three\n7. seven\n\n- a bullet\n' });
    const doc = part(await docx(root, 'list'), 'word/document.xml');
    expect(doc).not.toContain('<w:numPr>');
    expectInOrder(doc, ['>3.', '>three<', '>7.', '>seven<', '>•', '>a bullet<']);
  });

  it('embeds each chart as SVG with a PNG beside it, described for screen readers', async () => {
    const file = await example('status-summary');
    const doc = part(file, 'word/document.xml');
    expect(doc).toContain('svgBlip');
    expect(doc).toMatch(/<wp:docPr id="\d+" name="Items by stage" descr="Items by stage on 23 November 2026: 43 items/);
    const media = Object.keys(unzipSync(file, { filter: (f) => f.name.startsWith('word/media/') }));
    expect(media.filter((m) => m.endsWith('.svg')).length).toBeGreaterThanOrEqual(2);
    expect(media.filter((m) => m.endsWith('.png')).length).toBe(media.filter((m) => m.endsWith('.svg')).length);
    const png = unzipSync(file, { filter: (f) => f.name.endsWith('.png') });
    for (const bytes of Object.values(png)) expect([...bytes.slice(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
  });

  it('shows raw HTML in records as text, and only safe links as links', async () => {
    const root = workspace({
      'records/cd/source.md': SOURCE,
      'records/cd/r1.md': item('title: One\nnumber: 1\nstage: 2', 'Text <script>alert(1)</script> [bad](javascript:alert(1)) [good](https://example.org/a)\n'),
    });
    const file = await docx(root, 'tracking-report');
    const doc = part(file, 'word/document.xml');
    // Record values reach the paper with raw HTML escaped (report/record-text.ts): shown as text.
    expect(doc).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(doc).not.toContain('<script>');
    expect(doc).toContain('>bad<');
    const rels = part(file, 'word/_rels/document.xml.rels');
    expect(rels).toContain('https://example.org/a');
    expect(rels).not.toContain('javascript:');
  });
});

describe('the command line', () => {
  it('writes a Word paper to -o FILE through the one writer, or to stdout when it is not a terminal', async () => {
    const root = workspace({ 'records/cd/source.md': SOURCE, 'records/cd/r1.md': item('title: One\nnumber: 1\nstage: 2') });
    const r = await runTrack(['report', 'tracking-report', '--format', 'docx', '-o', 'out.docx', '--today', TODAY], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Wrote out.docx (tracking-report, 1 item).');
    const bytes = readFileSync(join(root, 'out.docx'));
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    expect(part(bytes, 'word/document.xml')).toContain('Recommendation 1');
    const piped = await runTrack(['report', 'tracking-report', '--format', 'docx', '--today', TODAY], { cwd: root });
    expect(piped.code).toBe(0);
    expect(piped.stdout.startsWith('PK')).toBe(true);
  }, 120_000);
});

describe('house style: templates/reference.docx', () => {
  it('gives the paper the reference document\'s styles', async () => {
    const ours = await example('tracking-report', { source: 'leeds-cd-2007' });
    const styles = part(ours, 'word/styles.xml').replace(/w:ascii="Arial"/g, 'w:ascii="Georgia"');
    const files = unzipSync(ours);
    files['word/styles.xml'] = strToU8(styles);
    const root = workspace({ 'records/cd/source.md': SOURCE, 'records/cd/r1.md': item('title: One\nnumber: 1\nstage: 2'), 'templates/reference.docx': zipSync(files) });
    const paper = part(await docx(root, 'tracking-report'), 'word/styles.xml');
    expect(paper).toContain('w:ascii="Georgia"');
    expect(paper).not.toContain('w:ascii="Arial"');
  });

  for (const [what, bytes] of [
    ['text with a .docx name', strToU8('this is not a Word file\n')],
    ['a zip without Word styles', zipSync({ 'readme.txt': strToU8('hello') })],
  ] as const) {
    it(`refuses ${what} in one sentence, exit 2, writing nothing`, async () => {
      const root = workspace({ 'records/cd/source.md': SOURCE, 'templates/reference.docx': bytes });
      const error = await report({ root, today: TODAY, template: 'tracking-report', format: 'docx' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnusableInput);
      expect(exitCode(error as UnusableInput)).toBe(2);
      expect((error as UnusableInput).message).toMatch(/^templates\/reference\.docx is not a Word document \([^)]+\): save the house style from Word as "Word Document \(\.docx\)", or remove the file to use track's own styles\.$/);
      const r = await runTrack(['report', 'tracking-report', '--format', 'docx', '-o', 'out.docx'], { cwd: root });
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(existsSync(join(root, 'out.docx'))).toBe(false);
    });
  }
});

describe('read as a reader would: Word to PDF with LibreOffice', () => {
  const numbers = ['1', '2', '2a', '3', '10', ...Array.from({ length: 40 }, (_, i) => String(11 + i))];
  let printed: Record<string, { text: string; pages: number }> = {};

  // Both papers go through one LibreOffice run: starting it is most of the cost.
  beforeAll(async () => {
    if (!canConvert) return;
    const files: Record<string, string> = {
      'records/cd/source.md': SOURCE,
      'templates/items.md.liquid': '# Items\n\n{% for i in items %}## {{ i.label }}: {{ i.title }}\n\n{{ i.body }}\n\nStage: {{ i.stage.id }} ({{ i.stage.label }})\n\n{% endfor %}',
    };
    numbers.forEach((n, i) => {
      files[`records/cd/r${n}.md`] = item(`title: Title of item ${n}\nnumber: ${/^\d+$/.test(n) ? n : `"${n}"`}\nowners: [leeds-pct]\nstage: ${(i % 6) + 1}`, `The text of item ${n}, long enough to take a few lines of the page when it is printed as a Word document.\n`);
    });
    printed = pdfTexts({
      items: await docx(workspace(files), 'items'),
      leeds: await example('tracking-report', { source: 'leeds-cd-2007', meeting: '2008-04' }),
    });
  }, CONVERT_TIMEOUT);

  it.skipIf(!canConvert)('every item\'s number, title and stage, in their natural order, on a sane number of pages', () => {
    const { text, pages } = printed['items']!;
    expectInOrder(text, numbers.flatMap((n, i) => [`Recommendation ${n}: Title of item ${n}`, `Stage: ${(i % 6) + 1} (`]));
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(pages).toBeLessThanOrEqual(20);
    expect(text).toContain(`Page ${pages} of ${pages}`);
  });

  it.skipIf(!canConvert)('the Leeds tracking report reads as the seed does, recommendation by recommendation', async () => {
    const { text, pages } = printed['leeds']!;
    const md = (await report({ root: PROJECT_ROOT, today: TODAY, template: 'tracking-report', format: 'md', source: 'leeds-cd-2007', meeting: '2008-04' })).content as string;
    const wanted = [...md.matchAll(/^## (Recommendation \d+)$|^(Stage: .+)$/gm)].map((m) => (m[1] ?? m[2])!.slice(0, 40));
    expect(wanted.length).toBe(12);
    expectInOrder(text, wanted);
    expect(text).toContain('Health Partnerships Example Workspace');
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pages).toBeLessThanOrEqual(8);
  });
});
