// Each rule with a failing and a passing case, through the real loader.

import { utimesSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { show } from '../src/commands/show.js';
import { validate } from '../src/commands/validate.js';
import { CATALOGUE } from '../src/rules/catalogue.js';
import { item, SOURCE, workspace } from './helpers.js';

const TODAY = '2008-04-01';

async function problems(files: Record<string, string | Uint8Array>, today = TODAY) {
  const root = workspace({ 'records/cd/source.md': SOURCE, ...files });
  const result = await validate({ root, today });
  return result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule}`);
}

/** An item that passes every rule on TODAY. */
const GOOD = `
title: Cohesive community development strategy
number: 1
owners: [leeds-pct]
response: accepted
due: 2008-06-30
stage: 4
updates:
  - date: 2008-03-10
    stage: 4
    note: Progress made.
`;

describe('a valid item', () => {
  it('has no problems', async () => {
    expect(await problems({ 'records/cd/r1.md': item(GOOD) })).toEqual([]);
  });
});

describe('reading rules', () => {
  it('no-frontmatter: a file without ---', async () => {
    expect(await problems({ 'records/cd/r1.md': 'Just text.\n' })).toEqual(['records/cd/r1.md:1:1 no-frontmatter']);
  });
  it('no-frontmatter: an opening --- that is never closed', async () => {
    expect(await problems({ 'records/cd/r1.md': '---\ntitle: x\nstage: 2\n' })).toEqual(['records/cd/r1.md:1:1 no-frontmatter']);
  });
  it('frontmatter-language: ---js is refused and never run', async () => {
    const marker = `track-js-ran-${process.pid}`;
    const js = `---js\n{ title: (globalThis["${marker}"] = 1, "x"), stage: 2 }\n---\n`;
    expect(await problems({ 'records/cd/r1.md': js })).toEqual(['records/cd/r1.md:1:4 frontmatter-language']);
    expect((globalThis as Record<string, unknown>)[marker]).toBeUndefined();
  });
  it('yaml-syntax: with the line of the mistake', async () => {
    expect(await problems({ 'records/cd/r1.md': '---\ntitle: x\nstage: [2\nowners: []\n---\n' })).toEqual([
      'records/cd/r1.md:4:1 yaml-syntax',
    ]);
  });
  it('yaml-syntax: nesting deep enough to exhaust the stack is one clear problem, not a crash', async () => {
    // The stack runs out under 1,000 levels; 20,000 is far past that (100,000 took seconds longer to give the same problem).
    const deep = `---\ntitle: x\nstage: 2\ndeep: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n---\n`;
    const root = workspace({ 'records/cd/source.md': SOURCE, 'records/cd/r1.md': deep });
    const result = await validate({ root, today: TODAY });
    expect(result.diagnostics.map((d) => [d.rule, d.line, d.message])).toEqual([['yaml-syntax', 4, 'the YAML is nested too deeply to read']]);
  });
  it('duplicate-key: a key twice', async () => {
    expect(await problems({ 'records/cd/r1.md': item(`${GOOD}\ntitle: again`) })).toEqual(['records/cd/r1.md:13:1 duplicate-key']);
  });
  it('yaml-tag: custom tags are refused', async () => {
    expect(await problems({ 'records/cd/r1.md': item(GOOD.replace('title: Cohesive', 'title: !!js/function Cohesive')) })).toEqual([
      'records/cd/r1.md:2:8 yaml-tag',
    ]);
  });
  it('yaml-alias: an alias bomb is refused without expanding it', async () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      bomb.push(`${cur}: &${cur} [*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev}]`);
    }
    const text = `---\ntitle: x\nstage: 2\nowners: [leeds-pct]\nbomb:\n${bomb.map((l) => `  ${l}`).join('\n')}\n---\n`;
    const found = await problems({ 'records/cd/r1.md': text });
    expect(found).toEqual(['records/cd/r1.md:1:1 yaml-alias']);
  });
  it('yaml-alias: an alias inside the value it names is refused (a value with no end); an alias to a finished value is fine', async () => {
    const looped = `---\ntitle: x\nstage: 2\nowners: &o [leeds-pct, *o]\n---\n`;
    expect(await problems({ 'records/cd/r1.md': looped })).toEqual(['records/cd/r1.md:1:1 yaml-alias']);
    const deeper = `---\ntitle: x\nstage: 2\nowners: [leeds-pct]\ntags: &t\n  - one\n  - [two, *t]\n---\n`;
    expect(await problems({ 'records/cd/r1.md': deeper })).toEqual(['records/cd/r1.md:1:1 yaml-alias']);
    const shared = `---\ntitle: x\nstage: 2\nresponse: accepted\nowners: &o [leeds-pct]\ntags: *o\n---\n`;
    expect(await problems({ 'records/cd/r1.md': shared })).toEqual([]);
    // Every command can then print the item: show refuses the unreadable file in one sentence rather than failing.
    const root = workspace({ 'records/cd/source.md': SOURCE, 'records/cd/r1.md': looped, 'records/cd/r2.md': item(GOOD) });
    await expect(show({ root, id: 'cd/r1', today: TODAY })).rejects.toThrow(/could not be read/);
  });
  it('unknown-key: __proto__ is a plain unknown key, and pollutes nothing', async () => {
    const found = await problems({ 'records/cd/r1.md': item(`${GOOD}\n__proto__:\n  polluted: true`) });
    expect(found).toEqual(['records/cd/r1.md:13:1 unknown-key']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
  it('encoding: a file that is not UTF-8', async () => {
    const bytes = Buffer.concat([Buffer.from('---\ntitle: Caf'), Buffer.from([0xe9]), Buffer.from('\nstage: 2\n---\n')]);
    expect(await problems({ 'records/cd/r1.md': bytes })).toEqual(['records/cd/r1.md:2:11 encoding']);
  });
  it('a UTF-8 BOM and CRLF line endings are fine', async () => {
    const crlf = `\uFEFF${item(GOOD)}`.replace(/\n/g, '\r\n');
    expect(await problems({ 'records/cd/r1.md': crlf })).toEqual([]);
  });
  it('merge-conflict: markers from git', async () => {
    const text = item(GOOD.replace('stage: 4\nupdates', '<<<<<<< HEAD\nstage: 4\n=======\nstage: 2\n>>>>>>> other\nupdates'));
    expect(await problems({ 'records/cd/r1.md': text })).toEqual(['records/cd/r1.md:7:1 merge-conflict']);
  });
  it('missing-key and wrong-type: every problem in the file, each at its own place', async () => {
    const text = item(`number: one two\nowners: 3\nstage: 4\nupdates:\n  - date: 2008-03-10\n    note: [a]`);
    expect(await problems({ 'records/cd/r1.md': text })).toEqual([
      'records/cd/r1.md:1:1 missing-key',
      'records/cd/r1.md:1:1 response-overdue',
      'records/cd/r1.md:3:1 unassigned',
      'records/cd/r1.md:3:9 wrong-type',
      'records/cd/r1.md:7:11 wrong-type',
    ]);
  });
  it('missing-key: a missing stage, whose value may be a number or an id', async () => {
    expect(await problems({ 'records/cd/r1.md': item(GOOD.replace('stage: 4\nupdates', 'updates')) })).toEqual(['records/cd/r1.md:1:1 missing-key']);
    // Written but empty is a wrong type, not a missing key.
    expect(await problems({ 'records/cd/r1.md': item(GOOD.replace('stage: 4\nupdates', 'stage:\nupdates')) })).toEqual(['records/cd/r1.md:7:7 wrong-type']);
  });
  it('an update that cannot be read does not move the problems of those after it', async () => {
    const text = item(`${GOOD}  - date: 2008-02-31\n    note: Impossible date.\n  - date: 2008-03-20\n    proposed_stage: 8\n    note: Done, they say.`);
    const root = workspace({ 'records/cd/source.md': SOURCE, 'records/cd/r1.md': text });
    // Old enough to be cached, so the second run reads the update's place from the cache.
    const past = new Date(Date.now() - 60_000);
    for (const file of ['track.config.yaml', 'records/cd/source.md', 'records/cd/r1.md']) utimesSync(join(root, file), past, past);
    for (const run of ['first', 'cached']) {
      const result = await validate({ root, today: TODAY });
      expect([run, result.diagnostics.map((d) => `${d.line}:${d.column} ${d.rule} ${d.message}`)]).toEqual([
        run,
        [
          '12:11 invalid-date update 2: date "2008-02-31" is not a real date: February 2008 has 29 days',
          '15:5 awaiting-confirmation the owner proposes stage 8, not yet confirmed by the board',
          '15:21 unknown-stage update 3: the proposed stage 8 is not on the stage scale',
        ],
      ]);
    }
  });
  it('invalid-value: a negative number', async () => {
    expect(await problems({ 'records/cd/r1.md': item(GOOD.replace('number: 1', 'number: -3')) })).toEqual(['records/cd/r1.md:3:9 invalid-value']);
  });
  it('invalid-value: a kind that is not in the list', async () => {
    expect(await problems({ 'records/cd/r1.md': item(`${GOOD}\nkind: wish`) })).toEqual(['records/cd/r1.md:13:7 invalid-value']);
  });
  it('unknown-key: suggests the nearest key', async () => {
    const root = workspace({ 'records/cd/source.md': SOURCE, 'records/cd/r1.md': item(GOOD.replace('owners:', 'owner:')) });
    const result = await validate({ root, today: TODAY });
    // In the message itself, so that JSON and piped text carry it too.
    expect(result.diagnostics.map((d) => [d.rule, d.line, d.column, d.message])).toEqual([
      ['unassigned', 1, 1, expect.any(String)],
      ['unknown-key', 4, 1, 'unknown key "owner" (did you mean "owners"?)'],
    ]);
  });
  it('unknown-key: two letters swapped are one slip ("deu" is "due", not "ref")', async () => {
    const root = workspace({ 'records/cd/source.md': SOURCE, 'records/cd/r1.md': item(GOOD.replace('due:', 'deu:')) });
    const messages = (await validate({ root, today: TODAY })).diagnostics.map((d) => d.message);
    expect(messages).toContain('unknown key "deu" (did you mean "due"?)');
  });
  it('unknown-key: extra_fields in the config are allowed', async () => {
    const root = workspace({
      'track.config.yaml': 'organisation: X\nextra_fields: [ward]\n',
      'records/cd/source.md': SOURCE,
      'records/cd/r1.md': item(`${GOOD.replace('[leeds-pct]', '[anyone]')}\nward: Headingley`),
      // Allowed, not required: an item without the key is fine too.
      'records/cd/r2.md': item(GOOD.replace('[leeds-pct]', '[anyone]').replace('number: 1', 'number: 2')),
    });
    expect((await validate({ root, today: TODAY })).diagnostics).toEqual([]);
  });
  it('invalid-date: an impossible date, a wrong shape, a month 13', async () => {
    const text = item(GOOD.replace('due: 2008-06-30', 'due: 2008-02-30\nreport_back: 2008-13').replace('date: 2008-03-10', 'date: 10/03/2008'));
    expect(await problems({ 'records/cd/r1.md': text })).toEqual([
      'records/cd/r1.md:6:6 invalid-date',
      'records/cd/r1.md:7:14 invalid-date',
      // The update with a bad date is dropped, so the item looks stale since its source.
      'records/cd/r1.md:8:8 stale',
      'records/cd/r1.md:10:11 invalid-date',
    ]);
  });
  it('invalid-date: a leap day is real', async () => {
    expect(await problems({ 'records/cd/r1.md': item(GOOD.replace('due: 2008-06-30', 'due: 2008-02-29')) })).toEqual([
      'records/cd/r1.md:6:6 overdue',
    ]);
  });
  it('bad-name: upper case and spaces in names', async () => {
    expect(await problems({ 'records/cd/R 1.md': item(GOOD) })).toEqual(['records/cd/R 1.md:1:1 bad-name']);
  });
  it('no-source: a folder of items without source.md', async () => {
    const root = workspace({ 'records/orphans/r1.md': item(GOOD) });
    const result = await validate({ root, today: TODAY });
    expect(result.diagnostics.map((d) => `${d.file} ${d.rule}`)).toEqual(['records/orphans no-source']);
  });
  it('misplaced-file: a record directly in records/', async () => {
    expect(await problems({ 'records/r1.md': item(GOOD) })).toEqual(['records/r1.md:1:1 misplaced-file']);
  });
});

describe('rules on the model', () => {
  it('unknown-stage: the item and its updates, with the scale as hint', async () => {
    const root = workspace({ 'records/cd/source.md': SOURCE, 'records/cd/r1.md': item(GOOD.replace(/stage: 4/g, 'stage: 9')) });
    const result = await validate({ root, today: TODAY });
    expect(result.diagnostics.map((d) => [d.rule, d.line, d.hint])).toEqual([
      ['unknown-stage', 7, 'expected one of: 1, 2, 3, 4, 5, 6'],
      ['unknown-stage', 10, 'expected one of: 1, 2, 3, 4, 5, 6'],
    ]);
  });
  it('duplicate-number: within one source only', async () => {
    const other = `---\ntitle: Other\nkind: review\ndate: 2007-06-14\n---\n`;
    expect(
      await problems({ 'records/cd/r1.md': item(GOOD), 'records/cd/r2.md': item(GOOD), 'records/other/source.md': other, 'records/other/r1.md': item(GOOD) }),
    ).toEqual(['records/cd/r2.md:3:9 duplicate-number']);
  });
  it('unknown-related: relative, full and missing ids', async () => {
    const found = await problems({
      'records/cd/r1.md': item(`${GOOD}\nrelated: [r2, cd/r2, r9]`),
      'records/cd/r2.md': item(GOOD.replace('number: 1', 'number: 2')),
    });
    expect(found).toEqual(['records/cd/r1.md:13:22 unknown-related']);
  });
  it("unknown-related: a file name is of the item's own source, never another source's item of that name", async () => {
    const found = await problems({
      'records/cd/r1.md': item(`${GOOD}\nrelated: [r10, other/r10]`),
      'records/other/source.md': SOURCE,
      'records/other/r10.md': item(GOOD.replace('number: 1', 'number: 10')),
    });
    expect(found).toEqual(['records/cd/r1.md:13:11 unknown-related']);
  });
  it('unknown-owner: names and aliases resolve, strangers do not', async () => {
    const found = await problems({ 'records/cd/r1.md': item(GOOD.replace('[leeds-pct]', '[PCT, Feisal Jassat, adult-social-services, Nobody]')) });
    expect(found).toEqual(['records/cd/r1.md:4:53 unknown-owner']);
  });
  it("ambiguous-owner: a name two parties answer to, but never a party's own id", async () => {
    const config = 'organisation: X\nbodies:\n  - id: pct\n    name: Primary Care Trust\n  - id: council\n    name: Council\n    aliases: [pct, Health Board]\npeople:\n  - id: h-board\n    name: Health Board\n';
    const owned = (owners: string) => {
      const root = workspace({ 'track.config.yaml': config, 'records/cd/source.md': SOURCE, 'records/cd/r1.md': item(GOOD.replace('[leeds-pct]', owners)) });
      return validate({ root, today: TODAY }).then((r) => r.diagnostics.map((d) => `${d.rule} ${d.message}`));
    };
    expect(await owned('[pct]')).toEqual([]);
    expect(await owned('[Health Board]')).toEqual(['ambiguous-owner the owner "Health Board" names both the body council and the person h-board in track.config.yaml']);
  });
  it('unknown-owner: not checked when the registers are empty', async () => {
    const root = workspace({ 'track.config.yaml': 'organisation: X\n', 'records/cd/source.md': SOURCE, 'records/cd/r1.md': item(GOOD.replace('[leeds-pct]', '[Nobody]')) });
    expect((await validate({ root, today: TODAY })).diagnostics).toEqual([]);
  });
  it('stage-mismatch: the newest agreed update decides', async () => {
    const text = GOOD.replace('stage: 4\nupdates', 'stage: 2\nupdates') + '  - date: 2008-03-20\n    proposed_stage: 2\n    note: Owner says done.';
    const found = await problems({ 'records/cd/r1.md': item(text) });
    expect(found).toEqual(['records/cd/r1.md:7:8 stage-mismatch', 'records/cd/r1.md:13:5 awaiting-confirmation']);
  });
  it('stage-mismatch goes by the newest agreed update by date, even with updates out of order (update-order says that)', async () => {
    const text = GOOD.replace(/updates:[\s\S]*/, 'updates:\n  - date: 2008-03-20\n    stage: 4\n    note: Latest.\n  - date: 2008-03-01\n    stage: 3\n    note: Earlier.\n');
    expect(await problems({ 'records/cd/r1.md': item(text) })).toEqual(['records/cd/r1.md:12:11 update-order']);
  });
  it('update-order: oldest first', async () => {
    const text = `${GOOD}  - date: 2008-01-01\n    note: Earlier.`;
    expect(await problems({ 'records/cd/r1.md': item(text) })).toEqual(['records/cd/r1.md:12:11 update-order']);
  });
  it('stage-and-proposed: not both on one update', async () => {
    const text = GOOD.replace('    stage: 4\n', '    stage: 4\n    proposed_stage: 2\n');
    expect(await problems({ 'records/cd/r1.md': item(text) })).toEqual(['records/cd/r1.md:11:5 stage-and-proposed']);
  });
  it('new-due-without-reason and due-mismatch', async () => {
    const moved = GOOD.replace('    note: Progress made.', '    new_due: 2008-12-31\n    note: Progress made.');
    expect(await problems({ 'records/cd/r1.md': item(moved) })).toEqual([
      'records/cd/r1.md:6:6 due-mismatch',
      'records/cd/r1.md:11:5 new-due-without-reason',
    ]);
    const fixed = moved.replace('due: 2008-06-30', 'due: 2008-12-31').replace('    new_due', '    reason: The strategy waits for the new plan.\n    new_due');
    expect(await problems({ 'records/cd/r1.md': item(fixed) })).toEqual([]);
  });
});

describe('warnings', () => {
  it('unassigned: no owners', async () => {
    expect(await problems({ 'records/cd/r1.md': item(GOOD.replace('owners: [leeds-pct]', 'owners: []')) })).toEqual(['records/cd/r1.md:4:1 unassigned']);
  });
  it('overdue: the day after due, not on it; a month counts to its end', async () => {
    const r = (due: string) => ({ 'records/cd/r1.md': item(GOOD.replace('due: 2008-06-30', `due: ${due}`)) });
    expect(await problems(r('2008-04-01'))).toEqual([]);
    expect(await problems(r('2008-03-31'))).toEqual(['records/cd/r1.md:6:6 overdue']);
    expect(await problems(r('2008-03'))).toEqual(['records/cd/r1.md:6:6 overdue']);
    expect(await problems(r('2008-04'))).toEqual([]);
  });
  it('overdue: a closed item is never overdue', async () => {
    expect(await problems({ 'records/cd/r1.md': item(GOOD.replace(/stage: 4/g, 'stage: 2').replace('2008-06-30', '2008-01-01')) })).toEqual([]);
  });
  it('stale: more than stale_after_days (120) since the last update', async () => {
    const at = (today: string) => problems({ 'records/cd/r1.md': item(GOOD.replace('due: 2008-06-30', 'due: 2010-01-01')) }, today);
    expect(await at('2008-07-08')).toEqual([]); // 120 days after 10 March
    expect(await at('2008-07-09')).toEqual(['records/cd/r1.md:9:11 stale']);
  });
  it('future-update: an update dated after today', async () => {
    expect(await problems({ 'records/cd/r1.md': item(GOOD.replace('date: 2008-03-10', 'date: 2008-04-02')) })).toEqual(['records/cd/r1.md:9:11 future-update']);
  });
  it("says what a value should be in plain words, never in the checker's own", async () => {
    const messages = async (text: string) => {
      const root = workspace({ 'records/cd/source.md': SOURCE, 'records/cd/r1.md': item(text) });
      return (await validate({ root, today: TODAY })).diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
    };
    expect(await messages(GOOD.replace('number: 1', 'number: 99999999999999999999999'))).toEqual(['number should be a number such as 3, or a label such as 2a']);
    expect(await messages(GOOD.replace(/updates:[\s\S]*/, 'updates: [5]\n'))).toEqual(['update 1: an update should be keys and values, starting with "- date:"']);
  });
  it('dates in messages are written as people write them; hints that say what to type keep the form of the file', async () => {
    const messages = async (text: string) => {
      const root = workspace({ 'records/cd/source.md': SOURCE, 'records/cd/r1.md': item(text) });
      return (await validate({ root, today: TODAY })).diagnostics.map((d) => [d.rule, d.message, d.hint]);
    };
    expect(await messages(GOOD.replace('date: 2008-03-10', 'date: 2008-04-02'))).toContainEqual(['future-update', 'update 1 is dated 2 April 2008, after today (1 April 2008)', 'check the year and month of the date']);
    expect(await messages(`${GOOD}  - date: 2008-01-01\n    note: Earlier.`)).toContainEqual(['update-order', 'update 2 (1 January 2008) comes after an update dated 10 March 2008', expect.any(String)]);
    const moved = await messages(GOOD.replace('    note: Progress made.', '    new_due: 2008-12-31\n    note: Progress made.'));
    expect(moved).toContainEqual(['due-mismatch', '"due" is 30 June 2008, but the newest update that moved it (10 March 2008) set 31 December 2008', 'make "due:" 2008-12-31, or add an update with new_due and a reason']);
    expect(moved).toContainEqual(['new-due-without-reason', 'update 1 moves the target date to 31 December 2008 without a reason', expect.any(String)]);
  });
  it('response-overdue: a recommendation with no response after response_days', async () => {
    const text = item(GOOD.replace('response: accepted\n', '').replace(/updates:[\s\S]*/, ''));
    expect(await problems({ 'records/cd/r1.md': text }, '2007-08-14')).toEqual([]); // 61 days after 14 June
    expect(await problems({ 'records/cd/r1.md': text }, '2007-08-15')).toEqual(['records/cd/r1.md:2:1 response-overdue']);
    expect(await problems({ 'records/cd/r1.md': item(GOOD.replace('response: accepted\n', 'kind: action\n').replace(/updates:[\s\S]*/, '')) }, '2007-08-15')).toEqual([]);
  });
  it('awaiting-confirmation: a proposal newer than the last agreed stage', async () => {
    const proposed = `${GOOD}  - date: 2008-03-20\n    proposed_stage: 2\n    note: Done, says the owner.`;
    expect(await problems({ 'records/cd/r1.md': item(proposed) })).toEqual(['records/cd/r1.md:13:5 awaiting-confirmation']);
    const confirmed = `${proposed}\n  - date: 2008-03-25\n    stage: 2\n    note: Agreed.`;
    expect(await problems({ 'records/cd/r1.md': item(confirmed.replace('stage: 4\nupdates', 'stage: 2\nupdates')) })).toEqual([]);
  });
});

describe('the rule catalogue', () => {
  const sections = { reading: '## Reading a file', records: '## The records', history: '## History (git)' } as const;

  it('docs/rules.md lists exactly the catalogue, row for row, under each heading', async () => {
    const { readFileSync } = await import('node:fs');
    const doc = readFileSync(new URL('../docs/rules.md', import.meta.url), 'utf8');
    const ids = CATALOGUE.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const [group, heading] of Object.entries(sections)) {
      const from = doc.indexOf(`${heading}\n`);
      expect(from, heading).toBeGreaterThanOrEqual(0);
      const next = doc.indexOf('\n## ', from + 1);
      const rows = doc
        .slice(from, next === -1 ? undefined : next)
        .split('\n')
        .filter((line) => line.startsWith('| `'));
      const expected = CATALOGUE.filter((r) => r.group === group).map((r) => `| \`${r.id}\` | ${r.severity} | ${r.description} |`);
      expect(rows, heading).toEqual(expected);
    }
  });

  it('every rule id the code reports is in the catalogue', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const src = new URL('../src/', import.meta.url);
    const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    const found = new Set<string>();
    for (const file of files) {
      const text = readFileSync(new URL(file, src), 'utf8');
      // A diagnostic's rule written out (`rule: 'yaml-syntax'`, `rule ?? 'invalid-value'`) or a layout problem (`layout(path, 'no-source', …)`).
      for (const m of text.matchAll(/\brule(?:: | \?\? |\s*\?\?\s*)'([a-z][a-z-]*)'/g)) found.add(m[1]!);
      for (const m of text.matchAll(/\blayout\([^,]+, '([a-z][a-z-]*)'/g)) found.add(m[1]!);
      for (const m of text.matchAll(/\brule: params\.rule \?\? '([a-z][a-z-]*)'/g)) found.add(m[1]!);
    }
    expect(found.size).toBeGreaterThan(15);
    const known = new Set(CATALOGUE.map((r) => r.id));
    expect([...found].filter((id) => !known.has(id))).toEqual([]);
  });
});
