// Markdown the renderer cannot take (issue 14, item 4): 3,000 ">", a 4 MB
// nested list, thousands of nested "**". A diagnostic naming the file and
// line, never a crash, never minutes of work.

import { describe, expect, it } from 'vitest';
import { report } from '../../src/commands/report.js';
import { validate } from '../../src/commands/validate.js';
import { Refusal } from '../../src/errors.js';
import { markdownProblem } from '../../src/records/markdown-limits.js';
import { markdownToHtml } from '../../src/report/render-html.js';
import { SOURCE, item, workspace } from '../helpers.js';

const today = '2024-01-01';
const quotes = `${'>'.repeat(3000)} deep\n`;
const nestedList = (() => {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < 4_000_000; i++) {
    const line = `${' '.repeat(2 * (i % 40))}- item ${i}`;
    lines.push(line);
    size += line.length + 1;
  }
  return `${lines.join('\n')}\n`;
})();
const emphasis = `${'**a '.repeat(4000)}b${' c**'.repeat(4000)}\n`;

describe('markdownProblem', () => {
  it('finds each bomb, and passes ordinary text', () => {
    expect(markdownProblem(quotes)?.message).toBe('the text nests 3000 levels deep (block quotes or lists), more than the 32 track renders');
    expect(markdownProblem(nestedList)?.message).toMatch(/^the text is 4,000,\d{3} characters long, more than the 100,000 track renders$/);
    expect(markdownProblem(emphasis)?.message).toMatch(/more than 1,000 emphasis marks/);
    const fine = '# Heading\n\n> A quote\n> > nested\n\n- one\n  - two\n    - three\n\n**Bold** and _em_ text.\n';
    expect(markdownProblem(fine)).toBeUndefined();
    expect(markdownProblem('x\n'.repeat(40) + `${'  '.repeat(70)}- deep\n`)?.line).toBe(41);
  });

  it('the guard before marked refuses a bomb a template makes, in one sentence, not a stack overflow', () => {
    const started = Date.now();
    expect(() => markdownToHtml(quotes)).toThrow(Refusal);
    expect(() => markdownToHtml(quotes)).toThrow(/^The paper cannot be rendered: at line 1 of its Markdown, the text nests 3000 levels deep/);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('a record whose text is a bomb', () => {
  const root = workspace({
    'records/cd/source.md': SOURCE,
    'records/cd/r1.md': item('title: Quotes\nnumber: 1\nowners: [leeds-pct]\nstage: 4', `Intro.\n\n${quotes}`),
    'records/cd/r2.md': item('title: List\nnumber: 2\nowners: [leeds-pct]\nstage: 4', nestedList),
    'records/cd/r3.md': item(`title: Note\nnumber: 3\nowners: [leeds-pct]\nstage: 4\nupdates:\n  - date: 2023-01-01\n    note: "${'*a '.repeat(600)}${'a* '.repeat(600)}"`),
  });

  it('is a validation error at its file and line', async () => {
    const result = await validate({ root, today });
    const bombs = result.diagnostics.filter((d) => d.rule === 'markdown-too-complex').map((d) => [d.file, d.line, d.column]);
    expect(bombs).toEqual([
      ['records/cd/r1.md', 9, 1],
      ['records/cd/r2.md', 7, 1],
      ['records/cd/r3.md', 8, 11],
    ]);
  });

  it('refuses an HTML paper in seconds, naming the files, instead of crashing', async () => {
    const started = Date.now();
    const refused = report({ root, today, template: 'status-summary', format: 'html' });
    await expect(refused).rejects.toThrow(Refusal);
    await expect(refused).rejects.toThrow(/^No paper was written: 3 records cannot be read or rendered \(records\/cd\/r1\.md, records\/cd\/r2\.md, records\/cd\/r3\.md\)/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('with --allow-incomplete, leaves the bombs out and names them at the top', async () => {
    const started = Date.now();
    const { content } = await report({ root, today, template: 'tracking-report', format: 'html', allowIncomplete: true });
    const html = content as string;
    expect(html).toContain('<strong>Incomplete paper.</strong> 3 records could not be read');
    for (const file of ['r1', 'r2', 'r3']) expect(html).toContain(`records/cd/${file}.md`);
    expect(html).not.toContain('Recommendation 1');
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
