// The v2 record fields (records.md, "Added in v2"): read, cached, checked.

import { describe, expect, it } from 'vitest';
import { validate } from '../src/commands/validate.js';
import { loadWorkspace } from '../src/records/store/index.js';
import { STAGE_PRESETS, stageFromInput } from '../src/records/stages.js';
import { item, SOURCE, workspace } from './helpers.js';

const TODAY = '2008-04-01';

const V2_SOURCE = `---
title: "Think Tank"
kind: meeting
made_by: leeds-pct
presented_to: PCT Board
signed_by: f-jassat
date: 2007-06-14
attendees:
  - f-jassat
  - { name: Jo Bloggs, role: Chair of the board, body: leeds-pct, chair: true }
  - name: Sam Smith
    role: Officer
---
Context.
`;

const V2_ITEM = item(`
title: Strategy
number: 2a
ref: "SR (23/24) 01"
approach: "Sub group required, consult with HCC Group"
owners: [leeds-pct]
due: 2008-10-31
stage: 4
updates:
  - date: 2008-01-10
    stage: 4
    new_due: 2008-06-30
    previous_due: 2008-03-31
    reason: Consultation extended
    note: Moved once.
  - date: 2008-03-10
    stage: 4
    new_due: 2008-10-31
    previous_due: 2008-06-30
    reason: Waiting for the budget
    note: Moved again.
`);

async function loaded(files: Record<string, string>) {
  const root = workspace({ 'records/cd/source.md': V2_SOURCE, ...files });
  return { root, ws: await loadWorkspace(root) };
}

describe('v2 fields', () => {
  it('are read into the model, and read back the same from the cache', async () => {
    const { root, ws } = await loaded({ 'records/cd/r1.md': V2_ITEM });
    expect(ws.diagnostics).toEqual([]);
    const [it1] = ws.items;
    expect(it1).toMatchObject({ ref: 'SR (23/24) 01', approach: 'Sub group required, consult with HCC Group' });
    expect(it1!.updates.map((u) => [u.newDue, u.previousDue])).toEqual([['2008-06-30', '2008-03-31'], ['2008-10-31', '2008-06-30']]);
    const [source] = ws.sources;
    expect(source).toMatchObject({ presentedTo: 'PCT Board', signedBy: 'f-jassat' });
    expect(source!.attendees).toEqual([
      'f-jassat',
      { name: 'Jo Bloggs', role: 'Chair of the board', body: 'leeds-pct', chair: true },
      { name: 'Sam Smith', role: 'Officer' },
    ]);
    // A second open reads from .track/cache/: the same model, field for field.
    const again = await loadWorkspace(root);
    expect(again.items).toEqual(ws.items);
    expect(again.sources).toEqual(ws.sources);
  });

  it('a valid v2 item has no problems', async () => {
    const root = workspace({ 'records/cd/source.md': V2_SOURCE, 'records/cd/r1.md': V2_ITEM });
    const result = await validate({ root, today: TODAY });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('an attendee with an unknown key is refused at its line', async () => {
    const source = V2_SOURCE.replace('role: Officer', 'rôle: Officer');
    const root = workspace({ 'records/cd/source.md': source });
    const result = await validate({ root, today: TODAY });
    expect(result.diagnostics.map((d) => `${d.line} ${d.rule}`)).toContain('12 unknown-key');
  });
});

describe('previous-due-mismatch', () => {
  async function problems(text: string) {
    const root = workspace({ 'records/cd/source.md': SOURCE, 'records/cd/r1.md': item(text) });
    const result = await validate({ root, today: TODAY });
    return result.diagnostics.filter((d) => d.rule === 'previous-due-mismatch').map((d) => `${d.line}:${d.column} ${d.message}`);
  }

  it('a previous_due that is not the date the update before set', async () => {
    const text = `
title: x
owners: [leeds-pct]
due: 2008-10-31
stage: 4
updates:
  - date: 2008-01-10
    new_due: 2008-06-30
    reason: a
    note: n
  - date: 2008-03-10
    new_due: 2008-10-31
    previous_due: 2008-05-31
    reason: b
    note: n
`;
    expect(await problems(text)).toEqual(['13:19 update 2 says the date it replaces was 31 May 2008, but the update before moved it to 30 June 2008']);
  });

  it('a previous_due without a new_due', async () => {
    const text = `
title: x
owners: [leeds-pct]
stage: 4
updates:
  - date: 2008-01-10
    previous_due: 2008-05-31
    note: n
`;
    expect(await problems(text)).toEqual(['7:5 update 1 has a previous_due (2008-05-31) but no new_due']);
  });

  it('the first move may name any previous date: it is the one thing that records it', async () => {
    expect(await problems(V2_ITEM.replace(/^---\n|---\n[^]*$/g, ''))).toEqual([]);
  });
});

describe('stageFromInput', () => {
  const leeds = STAGE_PRESETS.leeds;
  it('takes an id, a label or the short wording, in any case', () => {
    expect(stageFromInput(leeds, 2)?.id).toBe(2);
    expect(stageFromInput(leeds, '2')?.id).toBe(2);
    expect(stageFromInput(leeds, 'Achieved')?.id).toBe(2);
    expect(stageFromInput(leeds, 'not achieved – progress made acceptable')?.id).toBe(4);
    expect(stageFromInput(leeds, 'Not achieved - progress made acceptable, continue monitoring')?.id).toBe(4);
    expect(stageFromInput(leeds, '  NOT FOR REVIEW THIS SESSION ')?.id).toBe(6);
    expect(stageFromInput(STAGE_PRESETS.rag, 'Amber')?.id).toBe('amber');
  });
  it('finds nothing for wording that is not a stage', () => {
    expect(stageFromInput(leeds, 'nearly done')).toBeUndefined();
    expect(stageFromInput(leeds, '')).toBeUndefined();
    expect(stageFromInput(leeds, 7)).toBeUndefined();
  });
  it('the leeds preset carries the seed\'s own short wording', () => {
    expect(leeds.map((s) => s.short)).toEqual([
      'stop monitoring', 'achieved', 'not achieved – obstacle', 'not achieved – progress made acceptable',
      'not achieved – progress made not acceptable', 'not for review this session',
    ]);
  });
});
