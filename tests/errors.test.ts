// The typed errors of src/errors.ts and the one place that maps them to exit
// codes and words them (src/cli/errors.ts).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitError, exitCode, exitFor, FLAGS } from '../src/cli/errors.js';
import { changes } from '../src/commands/changes.js';
import { confirm } from '../src/commands/confirm.js';
import { importItems } from '../src/commands/import.js';
import { log } from '../src/commands/log.js';
import { newSource } from '../src/commands/new-source.js';
import { report } from '../src/commands/report.js';
import { update } from '../src/commands/update.js';
import { BadOption, Refusal, Unavailable, UnknownOptionValue, UnusableInput } from '../src/errors.js';
import { resolveWorkspaceRoot } from '../src/records/root.js';
import { writeError } from '../src/write/failure.js';
import { ScriptedRepo } from './git-repo.js';
import { SOURCE, item, workspace } from './helpers.js';

describe('the CLI maps each error class to its exit code', () => {
  it('input that cannot be used exits 2, a refusal 1, a bad option 2', () => {
    expect(exitFor(new UnusableInput('The title is empty.'))).toEqual({ code: 2, message: 'The title is empty.', diagnostics: [] });
    expect(exitFor(new Refusal('No item has the id "x".'))).toEqual({ code: 1, message: 'No item has the id "x".', diagnostics: [] });
    expect(exitCode(new BadOption('newDue', 'soon', (flag) => `${flag('newDue')} "soon" is not a date.`))).toBe(2);
    expect(exitCode(new UnknownOptionValue('stage', '9', (flag) => `${flag('stage')} 9 is not on the stage scale.`))).toBe(1);
    expect(exitCode(new Unavailable('track log needs git.'))).toBe(2);
    expect([exitCode(new ExitError(1, 'x')), exitCode(new ExitError(2, 'x'))]).toEqual([1, 2]);
  });

  it('a failed write exits 1, but 2 when its folder does not exist (a wrong path given)', () => {
    expect(exitCode(writeError(Object.assign(new Error('x'), { code: 'ENOSPC' }), 'f'))).toBe(1);
    expect(exitCode(writeError(Object.assign(new Error('x'), { code: 'EACCES' }), 'f'))).toBe(1);
    expect(exitCode(writeError(Object.assign(new Error('x'), { code: 'ENOENT' }), 'out/f'))).toBe(2);
  });

  it('anything else is not an error of track (the CLI calls it a bug)', () => {
    expect(exitFor(new Error('boom'))).toBeUndefined();
    expect(exitFor('boom')).toBeUndefined();
  });

  it('keeps the diagnostics an error carries', () => {
    const d = { rule: 'invalid-value', severity: 'error' as const, file: 'track.config.yaml', line: 2, column: 1, message: 'm' };
    expect(exitFor(new UnusableInput('track.config.yaml has a problem.', [d]))?.diagnostics).toEqual([d]);
  });
});

describe('the CLI words the options a sentence names as their flags', () => {
  it('spells each option as the flag that sets it', () => {
    const e = new BadOption('newDue', '2024-13', (flag) => `${flag('newDue')} "2024-13" is wrong: see ${flag('reason')} and ${flag('stageMaps')}.`);
    expect(exitFor(e)?.message).toBe('--new-due "2024-13" is wrong: see --reason and --stage-map.');
    expect([e.option, e.value]).toEqual(['newDue', '2024-13']);
    // Outside the CLI the sentence names the option by its key, never as a flag.
    expect(e.message).toBe('<newDue> "2024-13" is wrong: see <reason> and <stageMaps>.');
  });

  it('every flag it spells is one the CLI declares', () => {
    const main = readFileSync(new URL('../src/cli/main.ts', import.meta.url), 'utf8');
    const declared = new Set([...main.matchAll(/(?:option|Option)\('(?:-\w, )?(--[a-z-]+)/g)].map((m) => m[1]));
    expect(declared.size).toBeGreaterThan(30);
    expect(Object.values(FLAGS).filter((flag) => !declared.has(flag))).toEqual([]);
  });
});

describe('the commands throw typed errors, with the option and value', () => {
  const R1 = item('title: First\nnumber: 1\nowners: [leeds-pct]\ndue: 2008-06-30\nstage: 4');
  const root = workspace({ 'records/cd/source.md': SOURCE, 'records/cd/r1.md': R1, 'records/other/source.md': SOURCE, 'records/other/r1.md': R1, 'tracker.csv': 'No.,Recommendation\n1,Do it\n' });
  const today = '2008-03-10';
  /** The error a call throws, and how the CLI says it. */
  const thrown = async (call: () => unknown) => {
    const error = await Promise.resolve().then(call).then(
      () => undefined,
      (e: unknown) => e,
    );
    return { error, exit: exitFor(error) };
  };

  it('update: a bad --new-due is a BadOption (exit 2); a stage off the scale an UnknownOptionValue (exit 1)', async () => {
    const badDue = await thrown(() => update({ root, today, ids: ['cd/r1'], note: 'x', newDue: '2024-13', reason: 'r' }));
    expect(badDue.error).toBeInstanceOf(BadOption);
    expect(badDue.error).toMatchObject({ option: 'newDue', value: '2024-13' });
    expect(badDue.exit).toEqual({ code: 2, message: '--new-due "2024-13" is not a real date: there is no month 13: write it as YYYY-MM-DD or YYYY-MM.', diagnostics: [] });

    const offScale = await thrown(() => update({ root, today, ids: ['cd/r1'], note: 'x', proposedStage: '9' }));
    expect(offScale.error).toBeInstanceOf(UnknownOptionValue);
    expect(offScale.error).toMatchObject({ option: 'proposedStage', value: '9' });
    expect(offScale.exit).toMatchObject({ code: 1, message: '--proposed-stage 9 is not on the stage scale of track.config.yaml: expected one of: 1, 2, 3, 4, 5, 6.' });

    const both = await thrown(() => update({ root, today, ids: ['cd/r1'], note: 'x', stage: '2', proposedStage: '3' }));
    expect(both.error).toBeInstanceOf(UnusableInput);
    expect(both.exit?.message).toBe('Give --stage (the stage the board agreed) or --proposed-stage (the stage the owner reports), not both.');
  });

  it('an id that names nothing, or more than one item, is a Refusal (exit 1)', async () => {
    const unknown = await thrown(() => update({ root, today, ids: ['cd/r7'], note: 'x' }));
    expect(unknown.error).toBeInstanceOf(Refusal);
    expect(unknown.exit).toMatchObject({ code: 1, message: 'No item has the id "cd/r7". Run "track list --format ids" to see the ids there are.' });
    const ambiguous = await thrown(() => update({ root, today, ids: ['r1'], note: 'x' }));
    expect(ambiguous.exit).toMatchObject({ code: 1, message: 'The id "r1" is ambiguous: it could be cd/r1, other/r1. Give more of the id.' });
  });

  it('new-source: an unknown --made-by is an UnknownOptionValue; a bad --kind a BadOption', async () => {
    const madeBy = await thrown(() => newSource({ root, today, id: 'x-2008', title: 'X', madeBy: 'Nobody' }));
    expect(madeBy.error).toMatchObject({ option: 'madeBy', value: 'Nobody' });
    expect(madeBy.exit).toMatchObject({ code: 1, message: '--made-by Nobody is not in the bodies or people of track.config.yaml: add it there (or as an alias) first.' });
    const kind = await thrown(() => newSource({ root, today, id: 'x-2008', title: 'X', kind: 'novel' }));
    expect(kind.error).toMatchObject({ option: 'kind', value: 'novel' });
    expect(kind.exit?.code).toBe(2);
  });

  it('import: a --map that is not COLUMN=FIELD is a BadOption on maps', async () => {
    const map = await thrown(() => importItems({ root, today, file: 'tracker.csv', path: join(root, 'tracker.csv'), source: 'cd', maps: ['Lead'], dryRun: true }));
    expect(map.error).toBeInstanceOf(BadOption);
    expect(map.error).toMatchObject({ option: 'maps', value: 'Lead' });
    expect(map.exit).toMatchObject({ code: 2, message: '--map Lead should read COLUMN=FIELD, for example --map "Lead officer=owners".' });
  });

  it('confirm: an empty --note is a BadOption on note', async () => {
    const note = await thrown(() => confirm({ root, today, ids: [], all: true, reject: false, note: ' ' }));
    expect(note.error).toMatchObject({ option: 'note', value: ' ' });
    expect(note.exit).toMatchObject({ code: 2, message: '--note is empty: say what the board decided, or leave --note out.' });
  });

  it('changes: a --since that is neither a date nor a revision is a BadOption on since; log outside git is Unavailable', async () => {
    const repo = new ScriptedRepo({ 'records/cd/source.md': SOURCE, 'records/cd/r1.md': R1 });
    repo.commit('Ann', '2008-01-10', 'records');
    const since = await thrown(() => changes({ root: repo.root, today, since: 'no-such-tag' }));
    expect(since.error).toMatchObject({ option: 'since', value: 'no-such-tag' });
    expect(since.exit).toMatchObject({ code: 2, message: expect.stringMatching(/^--since "no-such-tag" is neither a date \(YYYY-MM-DD\) nor a git revision/) });
    const until = await thrown(() => changes({ root: repo.root, today, since: '2008-01-01', until: '2008-13' }));
    expect(until.error).toMatchObject({ option: 'until', value: '2008-13' });
    expect(until.exit?.message).toBe('--until "2008-13" is not a real date: there is no month 13: write it as YYYY-MM-DD or YYYY-MM.');

    const noGit = await thrown(() => log({ root, id: 'cd/r1' }));
    expect(noGit.error).toBeInstanceOf(Unavailable);
    expect(noGit.exit?.code).toBe(2);
  });

  it('report: a bad --meeting is a BadOption on meeting; a paper that would leave records out is a Refusal naming --allow-incomplete', async () => {
    const meeting = await thrown(() => report({ root, today, template: 'tracking-report', format: 'md', meeting: '2008-02-30' }));
    expect(meeting.error).toMatchObject({ option: 'meeting', value: '2008-02-30' });
    expect(meeting.exit).toMatchObject({ code: 2, message: '--meeting "2008-02-30" is not a real date: February 2008 has 29 days: check the day; write it as YYYY-MM-DD or YYYY-MM.' });
    const broken = workspace({ 'records/cd/source.md': SOURCE, 'records/cd/r1.md': R1, 'records/cd/r2.md': '---\ntitle: [\n---\n' });
    const incomplete = await thrown(() => report({ root: broken, today, template: 'tracking-report', format: 'md' }));
    expect(incomplete.error).toBeInstanceOf(Refusal);
    expect(incomplete.exit).toMatchObject({ code: 1, message: expect.stringMatching(/records\/cd\/r2\.md cannot be read .*, or give --allow-incomplete to write it with a notice naming what is missing\.$/) });
    expect(incomplete.exit?.diagnostics.map((d) => d.file)).toEqual(['records/cd/r2.md']);
  });

  it('a --dir that does not exist is UnusableInput, worded with the flag', async () => {
    const dir = await thrown(() => resolveWorkspaceRoot('no-such-folder', root));
    expect(dir.error).toBeInstanceOf(UnusableInput);
    expect(dir.exit).toMatchObject({ code: 2, message: 'The folder no-such-folder does not exist. Check the path given to --dir.' });
  });
});
