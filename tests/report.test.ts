import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { report } from '../src/commands/report.js';
import { UnusableInput } from '../src/errors.js';
import { ampersandList, demote, firstParagraph, monthYear, section, tableCell, ukDate } from '../src/report/filters.js';
import { buildReportModel, sourceContext } from '../src/report/model.js';
import { loadWorkspace } from '../src/records/store/index.js';
import type { Workspace } from '../src/records/model.js';
import { markdownToHtml, safeHref } from '../src/report/render-html.js';
import { item, PROJECT_ROOT, runTrack, SOURCE, workspace } from './helpers.js';

const TODAY = '2026-11-23';

describe('filters', () => {
  it('writes dates in UK form, a month as "April 2008"', async () => {
    expect(ukDate('2008-03-10')).toBe('10 March 2008');
    expect(ukDate('2008-04')).toBe('April 2008');
    expect(ukDate(null)).toBe('');
    expect(ukDate('soon')).toBe('soon');
    expect(monthYear('2006-03-14')).toBe('March 2006');
  });
  it('groups numbers as "1 & 2" and "4, 5 & 6"', async () => {
    expect(ampersandList(['1', '2'])).toBe('1 & 2');
    expect(ampersandList(['4', '5', '6'])).toBe('4, 5 & 6');
    expect(ampersandList(['3'])).toBe('3');
  });
  it('keeps a table cell on one line with pipes escaped', async () => {
    expect(tableCell('a | b\n  c')).toBe('a \\| b c');
  });
  it('moves headings down, not inside code fences', async () => {
    expect(demote('# A\ntext\n```\n# not\n```\n## B', 2)).toBe('### A\ntext\n```\n# not\n```\n#### B');
    // The top heading lands one below the paper's, whatever level the record used: no level skipped.
    expect(demote('## Update\n\ntext\n\n### More', 2)).toBe('### Update\n\ntext\n\n#### More');
    expect(demote('#### Deep', 1)).toBe('## Deep');
  });
  it('finds a section by its heading, and the first paragraph', async () => {
    const md = '# T\n\n## Purpose\n\nTo inform.\n\n### Detail\n\nMore.\n\n## Background\n\nWhy.';
    expect(section(md, 'purpose')).toBe('To inform.\n\n### Detail\n\nMore.');
    expect(section(md, 'Contact')).toBe('');
    expect(firstParagraph('One\nline.\n\nTwo.')).toBe('One\nline.');
  });
});

describe('report model', () => {
  const root = workspace({
    'meetings.yaml': '- date: 2008-04\n  body: leeds-pct\n  title: Scrutiny Board\n- date: 2009-01-15\n  title: Later board\n',
    'records/cd/source.md': SOURCE,
    'records/cd/r1.md': item('title: One\nnumber: 1\nstage: 4\nowners: [PCT]\nreport_back: 2008-04\nupdates:\n  - date: 2008-03-10\n    by: f-jassat\n    note: Shared note.'),
    'records/cd/r2.md': item('title: Two\nnumber: 2\nstage: 4\nowners: [leeds-pct]\nupdates:\n  - date: 2008-03-10\n    by: f-jassat\n    note: "Shared   note."'),
    'records/cd/r3.md': item('title: Three\nnumber: 3\nstage: 2'),
  });
  let ws: Workspace;
  beforeAll(async () => {
    ws = await loadWorkspace(root);
  });

  it('groups items whose latest update is the same text, and names owners from the registers', async () => {
    const model = buildReportModel(ws, { today: '2008-01-05' });
    const source = model.source!;
    expect(source.update_groups.map((g) => g.numbers)).toEqual([['1', '2'], ['3']]);
    expect(source.items[0]!.owner_names).toEqual(['Leeds Primary Care Trust']);
    expect(source.items[2]!.latest).toBeNull();
    // No signed_by and no report.author: nobody signs (no guess from who gave the updates).
    expect(source.signatory).toBeNull();
    expect(model.meeting).toMatchObject({ date: '2008-04', title: 'Scrutiny Board', body_name: 'Leeds Primary Care Trust' });
    expect(source.items[0]!.due_for_meeting).toBe(true);
  });

  it('takes --meeting from meetings.yaml, a day inside a month meeting finding it; an unknown one is exit 2', async () => {
    expect(buildReportModel(ws, { today: TODAY, meeting: '2008-04-15' }).meeting?.title).toBe('Scrutiny Board');
    expect(buildReportModel(ws, { today: TODAY }).meeting).toBeNull();
    expect(() => buildReportModel(ws, { today: TODAY, meeting: '2010-01-01' })).toThrow(/^No meeting in meetings.yaml is on 1 January 2010; the meetings are 2008-04, 2009-01-15\.$/);
    expect(() => buildReportModel(ws, { today: TODAY, meeting: '2010-01-01' })).toThrow(UnusableInput);
  });

  it('drops the source title heading and a leading "General" heading from the context', async () => {
    expect(sourceContext('# Update on X\n\n## General\n\nThe PCT welcomed it.\n')).toBe('The PCT welcomed it.');
    expect(sourceContext('Plain context.')).toBe('Plain context.');
  });
});

describe('tracking-report on the Leeds example', () => {
  it('has each recommendation, its latest progress and "Stage: N (label)"', async () => {
    const result = await report({ root: PROJECT_ROOT, today: TODAY, template: 'tracking-report', format: 'md', source: 'leeds-cd-2007', meeting: '2008-04' });
    const md = result.content as string;
    const ws = await loadWorkspace(PROJECT_ROOT);
    const items = ws.items.filter((i) => i.source === 'leeds-cd-2007');
    expect(items).toHaveLength(6);
    expect(md).toMatch(/^# Update on Scrutiny Report Community Development: Recommendation Tracking\n\nFor Scrutiny Board \(Health and Adult Social Care\), April 2008\n\n## General\n\nThe PCT and Adult Social Services/);
    let last = -1;
    for (const i of items) {
      const at = md.indexOf(`## Recommendation ${i.number}\n`);
      expect(at).toBeGreaterThan(last);
      last = at;
      const part = md.slice(at).split(/\n## Recommendation /)[0]!;
      expect(part).toContain(i.body.trim().split('\n')[0]);
      // The note's paragraphs, each on one line as in the seed.
      for (const paragraph of i.updates[i.updates.length - 1]!.note.trim().split(/\n\s*\n/)) expect(part).toContain(paragraph.replace(/\s*\n\s*/g, ' '));
      const label = i.stage === 2 ? 'achieved' : 'not achieved – progress made acceptable';
      expect(part).toContain(`\nStage: ${i.stage} (${label})\n`);
    }
  });
});

describe('HTML', () => {
  it('shows raw HTML from records as text and drops unsafe links', async () => {
    const html = markdownToHtml('Hi <script>alert(1)</script> <img src=x onerror=alert(1)>\n\n[ok](https://a.example) [bad](javascript:alert(1)) [tab](java\tscript:x) ![i](http://x/y.png)\n\n<div onclick="x()">block</div>');
    expect(html).not.toMatch(/<script|<img|<div|href="javascript|href="java/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<a href="https://a.example">ok</a>');
    expect(safeHref('//evil.example')).toBeUndefined();
    expect(safeHref('mailto:a@b.example')).toBe('mailto:a@b.example');
  });

  it('escapes every record value in a paper, title and organisation too', async () => {
    const root = workspace({
      'track.config.yaml': 'organisation: "Evil </style><script>x()</script> & Co"\nstages: leeds\n',
      'records/x/source.md': '---\ntitle: "<b>Bold</b> source"\nkind: report\ndate: 2008-01-01\n---\n<iframe src="https://evil.example"></iframe>\n',
      'records/x/r1.md': item('title: "<script>t()</script>"\nnumber: 1\nstage: 4\nupdates:\n  - date: 2008-02-01\n    note: "[click](javascript:alert(1)) <svg onload=alert(1)>"', '<script>body()</script>\n'),
    });
    const { content } = await report({ root, today: TODAY, template: 'tracking-report', format: 'html' });
    const html = content as string;
    expect(html).not.toMatch(/<script|<iframe|<svg|javascript:|<b>/i);
    expect(html.match(/<\/style>/g)).toHaveLength(1);
    expect(html).toContain('<title>Update on &lt;b&gt;Bold&lt;/b&gt; source: Recommendation Tracking</title>');
    expect(html).toContain('<header class="paper-header">Evil &lt;/style&gt;&lt;script&gt;x()&lt;/script&gt; &amp; Co</header>');
    expect(html).toContain('@top-left { content: "Evil \\3C /style>\\3C script>x()\\3C /script> & Co";');
  });

  it("keeps a record's text in its own place: a code fence left open is closed, an underlined heading goes under the paper's", async () => {
    const root = workspace({
      'records/x/source.md': '---\ntitle: Source\nkind: report\ndate: 2008-01-01\n---\n',
      'records/x/r1.md': item('title: One\nnumber: 1\nstage: 4\nupdates:\n  - date: 2008-02-01\n    note: |\n      Progress.\n\n      ```\n      unclosed', 'Results\n========\n\nThe text.\n'),
      'records/x/r2.md': item('title: Two\nnumber: 2\nstage: 4\nupdates:\n  - date: 2008-02-01\n    note: |\n      ~~~~\n      ~~~\n      still code', 'Second.\n'),
      'records/x/r3.md': item('title: Three\nnumber: 3\nstage: 2\nupdates:\n  - date: 2008-02-01\n    note: Done.'),
    });
    const { content } = await report({ root, today: TODAY, template: 'tracking-report', format: 'html' });
    const html = content as string;
    // Each item's heading and stage are still the paper's, after the open fences.
    for (const n of [1, 2, 3]) expect(html).toMatch(new RegExp(`<h2[^>]*>Recommendation ${n}</h2>`));
    expect(html.match(/<p>Stage: /g)).toHaveLength(3);
    expect(html).toContain('<pre><code>unclosed\n</code></pre>');
    expect(html).toContain('<pre><code>~~~\nstill code\n</code></pre>');
    // "Results" over "=======" sits under the item's heading, not beside the paper's title.
    expect(html).toMatch(/<h3[^>]*>Results<\/h3>/);
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
    // A source with no general context has no "General" section: nothing is said about how the records are kept.
    expect(html).not.toMatch(/General|context/);
  });

  it('is one self-contained file with A4 print styles and page numbers, the same bytes each time', async () => {
    const options = { root: PROJECT_ROOT, today: TODAY, template: 'status-summary', format: 'html' as const };
    const a = (await report(options)).content as string;
    expect(a).toBe((await report(options)).content);
    expect(a).toContain('size: A4;');
    expect(a).toContain('counter(page)');
    expect(a).not.toMatch(/<link|<script|src="http/);
  });
});

describe('track report (CLI)', () => {
  const root = workspace({ 'records/cd/source.md': SOURCE, 'records/cd/r1.md': item('title: One\nnumber: 1\nstage: 2') });

  it('lists the templates there are for an unknown template (exit 1)', async () => {
    const r = await runTrack(['report', 'nope'], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('No template is called "nope". The templates are: action-plan, board-update, committee-report, meeting-notes, status-summary, tracking-report.');
  });

  it('takes -o onto a folder, or into a folder that is not there, as a wrong path (exit 2), writing nothing', async () => {
    mkdirSync(join(root, 'out'), { recursive: true });
    const folder = await runTrack(['report', 'tracking-report', '-o', 'out', '--today', TODAY], { cwd: root });
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(/\nCannot write out: it is a folder; give the path of a file.\n$/);
    const missing = await runTrack(['report', 'tracking-report', '-o', 'nowhere/paper.md', '--today', TODAY], { cwd: root });
    expect(missing.code).toBe(2);
  });

  it('refuses an unknown source (exit 1) and a bad --meeting date (exit 2)', async () => {
    expect(await runTrack(['report', 'tracking-report', '--source', 'zz'], { cwd: root })).toMatchObject({ code: 1, stderr: expect.stringContaining('No source has the id "zz"') });
    expect(await runTrack(['report', 'tracking-report', '--meeting', '2008-02-30'], { cwd: root })).toMatchObject({ code: 2, stderr: expect.stringContaining('--meeting "2008-02-30" is not a real date') });
  });

  it('writes -o atomically, leaving no temporary file', async () => {
    const r = await runTrack(['report', 'tracking-report', '--format', 'html', '-o', 'paper.html', '--today', TODAY], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Wrote paper.html (tracking-report, 1 item).');
    expect(readFileSync(join(root, 'paper.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
    expect(readdirSync(root).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('prints Markdown to stdout by default', async () => {
    const r = await runTrack(['report', 'tracking-report', '--today', TODAY], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('## Recommendation 1\n\nThe text of the recommendation.\n\n_No progress has been reported yet._\n\nStage: 2 (achieved)\n');
    expect(existsSync(join(root, 'paper.md'))).toBe(false);
  });
});
