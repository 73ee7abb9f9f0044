import { describe, expect, it } from 'vitest';
import { report } from '../src/commands/report.js';
import { item, runTrack, SOURCE, workspace } from './helpers.js';

const records = { 'records/cd/source.md': SOURCE, 'records/cd/r1.md': item('title: One\nnumber: 1\nstage: 2') };

describe('track templates', () => {
  it('lists the built-ins with what each is for', async () => {
    const r = await runTrack(['templates'], { cwd: workspace(records) });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatchInlineSnapshot(`
      "action-plan       An action plan: a table per theme of each item, how it is to be taken forward in the source's own words, who owns it (unassigned rows shown) and its stage.  · built-in
      board-update      An update to a board: the recommendations as approved, then the update, recommendations that share one update reported together ("1 & 2"), signed.  · built-in
      committee-report  A report to a committee: Purpose, Background, Recommendations and the contact officer.  · built-in
      meeting-notes     Notes of a meeting: who took part and who chaired, what was discussed, then the objectives and actions it agreed.  · built-in
      status-summary    The dashboard of "track status" as a paper: counts by stage, then what needs the board's attention.  · built-in
      tracking-report   Scrutiny recommendation tracking: the general context, what changed since the last meeting, then each recommendation, its latest progress and its stage (Leeds style).  · built-in

      Render one with: track report NAME [--format md|html|pdf|docx] [-o FILE]
      "
    `);
  });

  it("shows the workspace's own templates, and one that replaces a built-in", async () => {
    const root = workspace({
      ...records,
      'templates/tracking-report.md.liquid': '{% comment %}Our own tracking report.{% endcomment %}\n# Ours: {{ organisation }}\n',
      'templates/briefing.md.liquid': '# Briefing\n',
    });
    const lines = (await runTrack(['templates'], { cwd: root })).stdout.split('\n');
    expect(lines.find((l) => l.startsWith('briefing'))).toMatch(/^briefing\s+· templates\/briefing\.md\.liquid$/);
    expect(lines.find((l) => l.startsWith('tracking-report'))).toMatch(/Our own tracking report\.\s+· templates\/tracking-report\.md\.liquid \(replaces the built-in\)$/);
    expect((await runTrack(['report', 'tracking-report'], { cwd: root })).stdout).toBe('# Ours: Test Partnership\n');
  });

  it("lets a workspace partial and paper.css change a built-in paper", async () => {
    const root = workspace({
      ...records,
      'templates/partials/tracking-item.liquid': '## Rec {{ item.number }} is at {{ item.stage | stage_label }}',
      'templates/paper.css': 'h1 { color: darkblue; }',
    });
    const md = (await report({ root, today: '2026-11-23', template: 'tracking-report', format: 'md' })).content as string;
    expect(md).toContain('## Rec 1 is at Achieved\n');
    const html = (await report({ root, today: '2026-11-23', template: 'tracking-report', format: 'html' })).content as string;
    expect(html).toContain('/* templates/paper.css */\nh1 { color: darkblue; }');
  });
});
