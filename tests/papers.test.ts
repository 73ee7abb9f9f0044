// Papers for a meeting (cli.md v2, "Papers"): as the records stood on the
// meeting's date, complete or refused, labels not list numbers, and what
// changed since the last meeting. Each built-in is pinned for one meeting.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { report, type ReportOptions } from '../src/commands/report.js';
import { exitCode, exitFor } from '../src/cli/errors.js';
import { Refusal, UnusableInput } from '../src/errors.js';
import { item, runTrack, withSharedCss, workspace } from './helpers.js';

const CONFIG = `organisation: Test Partnership
stages: leeds
bodies:
  - id: board
    name: Partnership Board
  - id: council
    name: Test Council
people:
  - id: a-officer
    name: Alex Officer
    role: Head of Scrutiny
    body: council
    email: alex.officer@example.gov.uk
    phone: "0100 000 0000"
  - id: b-author
    name: Bo Author
    role: Policy Officer
report:
  author: b-author
`;

const MEETINGS = `- date: 2024-03-14
  body: board
  title: Partnership Board
- date: 2024-06-13
  body: board
  title: Partnership Board
- date: 2024-07-01
  body: council
  title: Council Cabinet
- date: 2024-09-12
  body: board
  title: Partnership Board
`;

const SOURCE = `---
# An editorial note about how these records are kept: never printed.
title: Review of Partnership Working
kind: review
made_by: council
presented_to: board
signed_by: a-officer
date: 2024-01-10
---
Opening words of the review.

<!-- internal: do not print -->

## Update

Since the review, partners have met twice.
`;

const files = {
  'track.config.yaml': CONFIG,
  'meetings.yaml': MEETINGS,
  'records/pw/source.md': SOURCE,
  // Agreed achieved on 1 June: closed since the March meeting; at September's, closed before and not reported again.
  'records/pw/r1.md': item(`
title: Joint strategy
number: 1
theme: Strategy
owners: [council]
approach: Sub group required
stage: 2
updates:
  - date: 2024-02-01
    stage: 4
    note: Work started.
  - date: 2024-06-01
    stage: 2
    note: The strategy was adopted.
`, 'Agree a joint strategy.\n'),
  // The target date moved before the June meeting, with its reason.
  'records/pw/r2.md': item(`
title: Consult residents
number: 2
theme: Strategy
owners: [board]
stage: 4
due: 2024-10-31
updates:
  - date: 2024-02-01
    stage: 4
    note: Plan agreed.
  - date: 2024-05-20
    note: Consultation runs longer than planned.
    new_due: 2024-10-31
    previous_due: 2024-06-30
    reason: The consultation was extended by the board
`, 'Consult residents on the plan.\n'),
  // A proposal after the June meeting: it must not appear in June's paper.
  'records/pw/r2a.md': item(`
title: Publish the results
number: 2a
theme: Strategy
owners: [board]
stage: 4
updates:
  - date: 2024-02-01
    stage: 4
    note: On track.
  - date: 2024-07-01
    proposed_stage: 2
    note: We believe this is now done.
`, 'Publish the consultation results.\n'),
  // First assessed after the March meeting: "not yet assessed" then.
  'records/pw/r3.md': item(`
title: Train staff
number: 3
theme: Ways of working
owners: [council]
stage: 4
updates:
  - date: 2024-04-02
    stage: 4
    note: Training planned.
`, 'Train staff in <b>partnership</b> working.\n\n# Detail\n\nMore detail.\n'),
  // Overdue by June.
  'records/pw/r10.md': item(`
title: "Fix the\\ndata"
number: 10
theme: "Ways of\\nworking"
stage: 3
due: 2024-05-31
updates:
  - date: 2024-02-01
    stage: 3
    note: Blocked by the data supplier.
`, 'Improve the quarterly data.\n'),
};

const root = workspace(files, false);
const TODAY = '2024-11-01';
const paper = async (template: string, more: Partial<ReportOptions> = {}) =>
  (await report({ root, today: TODAY, template, format: 'md', meeting: '2024-06-13', ...more })).content as string;

describe('a paper for a meeting', () => {
  it('shows the records as they stood on the meeting date: no later update or proposal', async () => {
    const md = await paper('tracking-report');
    expect(md).not.toContain('We believe this is now done');
    expect(md).not.toContain('awaiting');
    expect(md).toContain('## Recommendation 2a\n\nPublish the consultation results.\n\nOn track.\n\nStage: 4 (not achieved – progress made acceptable)\n');
    // The same paper for the September meeting shows the proposal.
    const september = await paper('tracking-report', { meeting: '2024-09-12' });
    expect(september).toContain('Proposed stage: 2 (achieved), awaiting the board\'s confirmation.');
  });

  it('says "not yet assessed" before an item\'s first agreed stage, and never guesses', async () => {
    const march = await paper('tracking-report', { meeting: '2024-03-14' });
    expect(march).toContain('## Recommendation 3\n\nTrain staff in &lt;b>partnership&lt;/b> working.\n\n### Detail\n\nMore detail.\n\n_No progress has been reported yet._\n\nStage: not yet assessed\n');
  });

  it('shows a moved target date with the old date, the new date and the reason', async () => {
    const md = await paper('board-update');
    expect(md).toContain('Target date moved from 30 June 2024 to 31 October 2024. Reason: The consultation was extended by the board');
    expect(md).toContain('- Target date moved: Recommendation 2, Consult residents, from 30 June 2024 to 31 October 2024. Reason: The consultation was extended by the board');
    // As of March the move had not happened: the due date then was 30 June.
    const march = await report({ root, today: TODAY, template: 'board-update', format: 'md', meeting: '2024-03-14' });
    expect(march.model.items.find((i) => i.number === '2')!.due).toBe('2024-06-30');
  });

  it('reports what changed since the last meeting, and not again afterwards', async () => {
    const june = await paper('tracking-report');
    expect(june).toContain('What has changed since Partnership Board, 14 March 2024:');
    expect(june).toContain('- Closed: Recommendation 1, Joint strategy, stage 2 (achieved).');
    expect(june).toContain('- Now overdue: Recommendation 10, Fix the data, due 31 May 2024.');
    expect(june).toContain('## Recommendation 1\n');
    const september = await paper('tracking-report', { meeting: '2024-09-12' });
    // The previous meeting of the same body (June), not the council's July meeting.
    expect(september).toContain('What has changed since Partnership Board, 13 June 2024:');
    expect(september).not.toContain('## Recommendation 1\n');
    expect(september).not.toContain('Closed: Recommendation 1');
    expect(september).toContain('- Awaiting the board\'s confirmation: Recommendation 2a, Publish the results, stage 2 (achieved) proposed on 1 July 2024.');
  });

  it('prints labels as they are, in natural order, in every format, never as list numbers', async () => {
    const md = await paper('board-update');
    const order = ['1\\. Agree', '2\\. Consult', '2a\\. Publish', '3\\. Train', '10\\. Improve'].map((l) => md.indexOf(l));
    expect(order.every((at, i) => at > (order[i - 1] ?? -1))).toBe(true);
    const html = (await report({ root, today: TODAY, template: 'board-update', format: 'html', meeting: '2024-06-13' })).content as string;
    expect(html).not.toMatch(/<ol/);
    for (const label of ['1. Agree', '2. Consult', '2a. Publish', '3. Train', '10. Improve']) expect(html).toContain(`<p>${label}`);
  });

  it('is signed by the source\'s signed_by, dated with the meeting, for the body it is presented to', async () => {
    const md = await paper('board-update');
    expect(md).toContain('## Update for Partnership Board June 2024\n\nSince the review, partners have met twice.\n');
    expect(md.trimEnd().endsWith('Alex Officer\n\nHead of Scrutiny\n\nJune 2024')).toBe(true);
    expect(md).not.toContain('Bo Author');
    const committee = await paper('committee-report');
    expect(committee).toContain('\nContact: Alex Officer, Tel: 0100 000 0000, alex.officer@example.gov.uk\n');
    expect(committee.match(/Contact:/g)).toHaveLength(1);
  });

  it('chooses the next meeting of the body the paper goes to, else today with a note', async () => {
    // On 20 June the next meeting of any body is the council's (1 July); the board's is September's.
    const result = await report({ root, today: '2024-06-20', template: 'board-update', format: 'md', source: 'pw' });
    expect(result.model.meeting?.date).toBe('2024-09-12');
    expect(result.notices).toEqual([]);
    const late = await report({ root, today: '2025-01-01', template: 'board-update', format: 'md', source: 'pw' });
    expect(late.model.date).toBe('2025-01-01');
    expect(late.notices[0]).toMatch(/no meeting of Partnership Board on or after 1 January 2025, so the paper is dated today/);
  });

  it('refuses an unknown meeting date in one sentence listing the meetings (exit 2)', async () => {
    const error = await report({ root, today: TODAY, template: 'board-update', format: 'md', meeting: '2024-06-14' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnusableInput);
    expect(exitCode(error as UnusableInput)).toBe(2);
    expect((error as UnusableInput).message).toBe('No meeting in meetings.yaml is on 14 June 2024; the meetings are 2024-03-14, 2024-06-13, 2024-07-01, 2024-09-12.');
  });

  it('keeps editorial text out: no comments, no notes about the records, no command lines, no bare ids', async () => {
    for (const template of ['tracking-report', 'board-update', 'action-plan', 'committee-report', 'meeting-notes', 'status-summary']) {
      const md = await paper(template);
      expect(md).not.toMatch(/internal: do not print|editorial note|track validate|track list|`track|pw\/r\d/);
    }
  });

  it('names an item without a number by its title alone, never "Action Title, Title"', async () => {
    const root = workspace({
      'track.config.yaml': 'organisation: X\nstages: leeds\n',
      'records/pw/source.md': '---\ntitle: S\ndate: 2024-01-10\n---\n',
      'records/pw/a1.md': item('title: Set up the forum\nkind: action\nstage: 4'),
      'records/pw/r1.md': item('title: Second\nnumber: 1\nstage: 4'),
    }, false);
    // With no earlier meeting, every item is new since it.
    const md = (await report({ root, today: TODAY, template: 'tracking-report', format: 'md' })).content as string;
    expect(md).toContain('- New: Recommendation 1, Second.');
    expect(md).toContain('- New: Set up the forum.');
    expect(md).not.toContain('Action Set up the forum, Set up the forum');
  });

  it('names the source of each item in a list across sources, where numbers repeat', async () => {
    const root = workspace({
      'track.config.yaml': 'organisation: X\nstages: leeds\n',
      'records/a/source.md': '---\ntitle: Source A\ndate: 2024-01-10\n---\n',
      'records/a/r1.md': item('title: First of A\nnumber: 1\nstage: 4'),
      'records/b/source.md': '---\ntitle: Source B\ndate: 2024-01-10\n---\n',
      'records/b/r1.md': item('title: First of B\nnumber: 1\nstage: 4'),
    }, false);
    const across = (await report({ root, today: TODAY, template: 'status-summary', format: 'md' })).content as string;
    expect(across).toContain('- New: Recommendation 1, First of A (Source A).\n- New: Recommendation 1, First of B (Source B).');
    // A paper about one source needs no such note.
    const one = (await report({ root, today: TODAY, template: 'tracking-report', format: 'md', source: 'a' })).content as string;
    expect(one).toContain('- New: Recommendation 1, First of A.\n');
  });

  it('keeps a line break in a title or theme from breaking a heading or a table row', async () => {
    const plan = await paper('action-plan');
    expect(plan).toContain('## Ways of working\n');
    expect(plan).toMatch(/\n\| 10 \| Improve the quarterly data\. \| {2}\| \*\*— unassigned —\*\* \(by 31 May 2024\) \| 3 \(not achieved – obstacle\) \|\n/);
    const tracking = await paper('tracking-report');
    expect(tracking).toContain('- Now overdue: Recommendation 10, Fix the data, due 31 May 2024.');
  });
});

describe('complete or refused', () => {
  const broken = workspace({ ...files, 'records/pw/r4.md': '---\ntitle: Broken\nnumber: 4\nstage: 4\nupdates:\n\t- date: 2024-02-01\n---\nText.\n' }, false);

  it('writes no paper when a record it draws on cannot be read', async () => {
    const error = await report({ root: broken, today: TODAY, template: 'board-update', format: 'md', meeting: '2024-06-13' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Refusal);
    expect(exitFor(error)).toMatchObject({ code: 1, message: expect.stringMatching(/^No paper was written: records\/pw\/r4\.md cannot be read .* or give --allow-incomplete to write it/) });
    expect((error as Refusal).diagnostics.map((d) => d.file)).toEqual(['records/pw/r4.md']);
  });

  it("writes no paper when an item's stage is not on the scale: it could not say where the item stands", async () => {
    const odd = workspace({ ...files, 'records/pw/r4.md': '---\ntitle: Odd\nnumber: 4\nstage: 99\n---\nText.\n' }, false);
    const error = await report({ root: odd, today: TODAY, template: 'tracking-report', format: 'md', meeting: '2024-06-13' }).catch((e: unknown) => e);
    expect(exitFor(error)).toMatchObject({ code: 1, message: expect.stringMatching(/^No paper was written: records\/pw\/r4\.md cannot be read or rendered/) });
    expect((error as Refusal).diagnostics).toMatchObject([{ file: 'records/pw/r4.md', rule: 'unknown-stage', line: 4 }]);
    const written = await report({ root: odd, today: TODAY, template: 'tracking-report', format: 'md', meeting: '2024-06-13', allowIncomplete: true });
    expect(written.content).toMatch(/^> \*\*Incomplete paper\.\*\*[\s\S]*records\/pw\/r4\.md \(line 4: the stage 99 is not on the stage scale/);
    expect(written.content).not.toContain('Stage: 99');
  });

  it("with allowIncomplete and a source.md that cannot be read, still reports its items, under the folder's name", async () => {
    const noSource = workspace({ ...files, 'records/pw/source.md': SOURCE.replace('title: Review of Partnership Working', 'title: "Review of Partnership Working') }, false);
    const result = await report({ root: noSource, today: TODAY, template: 'tracking-report', format: 'md', meeting: '2024-06-13', allowIncomplete: true });
    const md = result.content as string;
    expect(md).toMatch(/^> \*\*Incomplete paper\.\*\*[\s\S]*records\/pw\/source\.md/);
    expect(md).toContain('# Update on pw: Recommendation Tracking');
    expect(md).toContain('## Recommendation 1');
    expect(result.items).toBeGreaterThan(0);
  });

  it('with allowIncomplete, writes it with a notice at the top naming the missing file', async () => {
    const result = await report({ root: broken, today: TODAY, template: 'board-update', format: 'md', meeting: '2024-06-13', allowIncomplete: true });
    const md = result.content as string;
    expect(md).toMatch(/^> \*\*Incomplete paper\.\*\* One record could not be read and is left out of this paper:\n>\n> - records\/pw\/r4\.md \(line \d+: /);
    expect(result.notices.some((n) => /incomplete/.test(n))).toBe(true);
    const html = (await report({ root: broken, today: TODAY, template: 'board-update', format: 'html', meeting: '2024-06-13', allowIncomplete: true })).content as string;
    expect(html).toMatch(/<main class="paper">\n<blockquote>\n<p><strong>Incomplete paper\.<\/strong>/);
  });

  it('the CLI exits 1 and writes nothing; --allow-incomplete writes the paper', async () => {
    const out = join(broken, 'paper.md');
    const refused = await runTrack(['report', 'board-update', '--meeting', '2024-06-13', '-o', out, '--today', TODAY], { cwd: broken });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('records/pw/r4.md');
    expect(existsSync(out)).toBe(false);
    const allowed = await runTrack(['report', 'board-update', '--meeting', '2024-06-13', '--allow-incomplete', '-o', out, '--today', TODAY], { cwd: broken });
    expect(allowed.code).toBe(0);
    expect(existsSync(out)).toBe(true);
  });
});

describe('each built-in for one meeting', () => {
  for (const template of ['tracking-report', 'board-update', 'action-plan', 'committee-report', 'meeting-notes', 'status-summary']) {
    for (const format of ['md', 'html'] as const) {
      it(`${template}.${format}`, async () => {
        const { content } = await report({ root, today: TODAY, template, format, meeting: '2024-06-13' });
        // The print CSS is checked word for word, then kept once, in templates/paper.css.
        const paper = format === 'html' ? withSharedCss(content as string) : content;
        await expect(paper).toMatchFileSnapshot(`./__snapshots__/papers/${template}.${format}`);
      });
    }
  }
});

