import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { item, PROJECT_ROOT, runTrack, SOURCE, workspace } from './helpers.js';

const R1 = item(`
title: Cohesive community development strategy   # as approved
number: 1
owners: [leeds-pct]
due: 2008-06-30
stage: 4
updates:
  - date: 2008-01-10
    note: Work has started.
`);

const R2 = item('title: Second\nnumber: 2\nowners: [leeds-pct]\nstage: 4');

function brent(): string {
  return workspace({ 'records/cd/source.md': SOURCE, 'records/cd/r1.md': R1, 'records/cd/r2.md': R2, 'records/other/source.md': SOURCE, 'records/other/r1.md': R2 });
}

const read = (root: string, path: string) => readFileSync(join(root, path), 'utf8');
const today = ['--today', '2008-03-10'];

describe('track update', () => {
  it('appends one update, sets the stage, and prints the path', async () => {
    const root = brent();
    const result = await runTrack(['update', 'cd/r1', '--note', 'Achieved: the strategy was approved.', '--stage', '2', '--by', 'leeds-pct', ...today], { cwd: root });
    expect(result).toEqual({ code: 0, stdout: 'updated records/cd/r1.md\n', stderr: '' });
    expect(read(root, 'records/cd/r1.md')).toBe(
      item(`
title: Cohesive community development strategy   # as approved
number: 1
owners: [leeds-pct]
due: 2008-06-30
stage: 2
updates:
  - date: 2008-01-10
    note: Work has started.
  - date: 2008-03-10
    stage: 2
    by: leeds-pct
    note: "Achieved: the strategy was approved."
`),
    );
    expect((await runTrack(['validate', ...today], { cwd: root })).code).toBe(0);
  });

  it('gives one update to several items at once ("4, 5 & 6"), and records a proposal without moving the stage', async () => {
    const root = brent();
    const result = await runTrack(['update', 'cd/r1', 'cd/r2', '--proposed-stage', '2', '--date', '2008-03-01', ...today], {
      cwd: root,
      input: 'Both are complete, the owner reports.\n',
    });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('updated records/cd/r1.md\nupdated records/cd/r2.md\n');
    expect(read(root, 'records/cd/r2.md')).toBe(
      item('title: Second\nnumber: 2\nowners: [leeds-pct]\nstage: 4\nupdates:\n  - date: 2008-03-01\n    proposed_stage: 2\n    note: Both are complete, the owner reports.'),
    );
    expect(read(root, 'records/cd/r1.md')).toContain('stage: 4\n');
  });

  it('moves the target date with a reason, and the item\'s due follows', async () => {
    const root = brent();
    const result = await runTrack(['update', 'cd/r1', '--note', 'Delayed.', '--new-due', '2008-12', '--reason', 'The PCT board meets later.', ...today], { cwd: root });
    expect(result.code).toBe(0);
    const text = read(root, 'records/cd/r1.md');
    expect(text).toContain('due: 2008-12\n');
    expect(text).toContain('  - date: 2008-03-10\n    new_due: 2008-12\n    previous_due: 2008-06-30\n    reason: The PCT board meets later.\n    note: Delayed.\n');
    expect((await runTrack(['validate', ...today], { cwd: root })).code).toBe(0);
  });

  it('refuses a moved date without a reason, and a write that would make the record invalid, leaving the file as it was', async () => {
    const root = brent();
    const noReason = await runTrack(['update', 'cd/r1', '--note', 'x', '--new-due', '2008-12', ...today], { cwd: root });
    expect(noReason).toEqual({
      code: 1,
      stdout: '',
      stderr: 'A moved target date needs a reason: add --reason "why the date moved" beside --new-due 2008-12. Nothing was written.\n',
    });
    const badStage = await runTrack(['update', 'cd/r1', '--note', 'x', '--stage', 'Nearly there', ...today], { cwd: root });
    expect(badStage.code).toBe(1);
    expect(badStage.stderr).toBe('--stage Nearly there is not on the stage scale of track.config.yaml: expected one of: 1, 2, 3, 4, 5, 6.\n');
    expect(read(root, 'records/cd/r1.md')).toBe(R1);
  });

  it('refuses to change a stage that an update repeats through a YAML alias, which would rewrite history; an anchor nothing repeats is changed', async () => {
    const aliased = item('title: Alias\nnumber: 3\nowners: [leeds-pct]\nstage: &s 4\nupdates:\n  - date: 2008-01-10\n    stage: *s\n    note: Agreed stage 4.');
    const lone = item('title: Lone\nnumber: 4\nowners: [leeds-pct]\nstage: &s 4');
    const root = workspace({ 'records/cd/source.md': SOURCE, 'records/cd/r3.md': aliased, 'records/cd/r4.md': lone });
    const r = await runTrack(['update', 'cd/r3', '--note', 'Achieved now.', '--stage', '2', ...today], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('"stage" is named &s and repeated elsewhere as *s, so changing it would change those too');
    expect(read(root, 'records/cd/r3.md')).toBe(aliased);
    expect((await runTrack(['update', 'cd/r4', '--note', 'Achieved now.', '--stage', '2', ...today], { cwd: root })).code).toBe(0);
    expect(read(root, 'records/cd/r4.md')).toContain('stage: &s 2\n');
  });

  it('takes --by as the registers name it, writing its id, and refuses a name they do not know', async () => {
    const root = brent();
    const unknown = await runTrack(['update', 'cd/r1', '--note', 'x', '--by', 'Nobody We Know', ...today], { cwd: root });
    expect([unknown.code, unknown.stderr]).toEqual([1, '--by Nobody We Know is not in the bodies or people of track.config.yaml: use a registered id or name, or add it there (or as an alias) first.\n']);
    expect(read(root, 'records/cd/r1.md')).toBe(R1);
    expect((await runTrack(['update', 'cd/r1', '--note', 'x', '--by', 'Leeds Primary Care Trust', ...today], { cwd: root })).code).toBe(0);
    expect(read(root, 'records/cd/r1.md')).toContain('  - date: 2008-03-10\n    by: leeds-pct\n    note: x\n');
  });

  it('says so when a back-dated stage does not change the item, as a later update agreed another since', async () => {
    const root = workspace({ 'records/cd/source.md': SOURCE, 'records/cd/r1.md': item('title: T\nnumber: 1\nowners: [leeds-pct]\nstage: 4\nupdates:\n  - date: 2008-02-10\n    stage: 4\n    note: Agreed.') });
    const r = await runTrack(['update', 'cd/r1', '--note', 'From the minutes.', '--date', '2008-01-05', '--stage', '3', ...today], { cwd: root });
    expect(r).toEqual({
      code: 0,
      stdout: 'updated records/cd/r1.md\n',
      stderr: 'cd/r1: stage 3 is recorded on 5 January 2008, but the update of 10 February 2008 agreed stage 4 since, so the item stays at stage 4.\n',
    });
    expect(read(root, 'records/cd/r1.md')).toContain('stage: 4\nupdates:\n  - date: 2008-01-05\n    stage: 3\n');
  });

  it('puts a back-dated update into its place in date order, takes a stage by its label or short wording, and sets the response and report-back', async () => {
    const root = brent();
    const result = await runTrack(['update', 'cd/r1', '--note', 'Found in the minutes.', '--date', '2007-12-01', '--stage', 'not achieved – obstacle', '--response', 'Partially accepted', '--report-back', '2008-04', ...today], { cwd: root });
    expect(result).toEqual({ code: 0, stdout: 'updated records/cd/r1.md\n', stderr: '' });
    expect(read(root, 'records/cd/r1.md')).toBe(
      item(`
title: Cohesive community development strategy   # as approved
number: 1
owners: [leeds-pct]
response: partially-accepted
due: 2008-06-30
report_back: 2008-04
stage: 3
updates:
  - date: 2007-12-01
    stage: 3
    note: Found in the minutes.
  - date: 2008-01-10
    note: Work has started.
`),
    );
    // A later agreed stage stays the item's stage.
    expect((await runTrack(['update', 'cd/r1', '--note', 'Agreed.', '--stage', 'Achieved', '--date', '2008-02-01', ...today], { cwd: root })).code).toBe(0);
    expect((await runTrack(['update', 'cd/r1', '--note', 'Earlier.', '--stage', '4', '--date', '2008-01-01', ...today], { cwd: root })).code).toBe(0);
    const text = read(root, 'records/cd/r1.md');
    expect(text).toContain('stage: 2\nupdates:\n  - date: 2007-12-01\n');
    expect(text.match(/- date: [0-9-]+/g)).toEqual(['- date: 2007-12-01', '- date: 2008-01-01', '- date: 2008-01-10', '- date: 2008-02-01']);
    expect((await runTrack(['validate', ...today], { cwd: root })).code).toBe(0);
  });

  it('writes nothing at all when one of several items would be refused', async () => {
    const root = brent();
    writeFileSync(join(root, 'records/cd/r2.md'), item('title: Second\nnumber: 2\ndue: 2009-06\nstage: 4\nupdates:\n  - date: 2009-01-01\n    new_due: 2009-06\n    reason: later\n    note: later'));
    const result = await runTrack(['update', 'cd/r1', 'cd/r2', '--note', 'x', '--new-due', '2008-12', '--reason', 'y', ...today], { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^cd\/r2 has a later update that moves its target date \(2009-01-01\)/);
    expect(read(root, 'records/cd/r1.md')).toBe(R1);
  });

  it('gives one clear message and exit 1 for a missing id, an ambiguous id, a read-only file and an unknown stage', async () => {
    const root = brent();
    expect(await runTrack(['update', 'r9', '--note', 'x', ...today], { cwd: root })).toEqual({
      code: 1,
      stdout: '',
      stderr: 'No item has the id "r9". Run "track list --format ids" to see the ids there are.\n',
    });
    expect(await runTrack(['update', 'cd/r1', 'r1', '--note', 'x', ...today], { cwd: root })).toEqual({
      code: 1,
      stdout: '',
      stderr: 'The id "r1" is ambiguous: it could be cd/r1, other/r1. Give more of the id.\n',
    });
    expect(read(root, 'records/cd/r1.md')).toBe(R1);
    chmodSync(join(root, 'records/cd/r2.md'), 0o444);
    expect(await runTrack(['update', 'cd/r2', '--note', 'x', ...today], { cwd: root })).toEqual({
      code: 1,
      stdout: '',
      stderr: 'records/cd/r2.md is read-only, so it cannot be updated. Nothing was written. Make it writable (for example "chmod u+w records/cd/r2.md") and run the command again.\n',
    });
    expect(await runTrack(['update', 'cd/r1', '--note', 'x', '--stage', '9', ...today], { cwd: root })).toEqual({
      code: 1,
      stdout: '',
      stderr: '--stage 9 is not on the stage scale of track.config.yaml: expected one of: 1, 2, 3, 4, 5, 6.\n',
    });
  });

  it('treats contradictory flags as bad usage (exit 2)', async () => {
    const root = brent();
    expect((await runTrack(['update', 'cd/r1', '--note', 'x', '--stage', '2', '--proposed-stage', '2'], { cwd: root })).code).toBe(2);
    expect((await runTrack(['update', 'cd/r1', '--note', 'x', '--note-file', 'f'], { cwd: root })).code).toBe(2);
    expect((await runTrack(['update', 'cd/r1', '--note', 'x', '--reason', 'why'], { cwd: root })).code).toBe(2);
    expect(await runTrack(['update', 'cd/r1', '--note', 'x', '--date', '2008-02-30'], { cwd: root })).toMatchObject({ code: 2, stderr: '--date "2008-02-30" is not a real date: February 2008 has 29 days: check the day; write it as YYYY-MM-DD.\n' });
    expect(await runTrack(['update', 'cd/r1'], { cwd: root })).toMatchObject({ code: 2, stderr: 'The update has no text: give it with --note TEXT, --note-file FILE or on standard input.\n' });
    expect(read(root, 'records/cd/r1.md')).toBe(R1);
  });

  it('takes over a lock whose process is gone, and leaves no lock behind', async () => {
    const root = brent();
    const lock = join(root, 'records/cd/r1.md.lock');
    const gone = spawnSync('true').pid!;
    writeFileSync(lock, `${gone} ${hostname()}\n`);
    const result = await runTrack(['update', 'cd/r1', '--note', 'x', ...today], { cwd: root });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(read(root, 'records/cd/r1.md')).toContain('note: x');
    expect(existsSync(lock)).toBe(false);
  });
});

describe('track update, bytes', () => {
  it('keeps a BOM, CRLF line endings and the body, and reads a long note from --note-file as a block', async () => {
    const original = '\uFEFF---\r\ntitle: "Quoted"  # c\r\nowners: [ leeds-pct ]\r\nstage: 4\r\n---\r\nBody line one.\r\n\r\n---\r\nstage: 9\r\n';
    const root = workspace({ 'records/cd/source.md': SOURCE, 'records/cd/r1.md': original });
    writeFileSync(join(root, 'note.txt'), 'The partners met in March and agreed the joint plan, which now goes to each board for approval.\nA second line.\n');
    const result = await runTrack(['update', 'r1', '--note-file', 'note.txt', '--stage', '5', ...today], { cwd: root });
    expect(result.stderr).toBe('');
    expect(readFileSync(join(root, 'records/cd/r1.md'), 'utf8')).toBe(
      '\uFEFF---\r\ntitle: "Quoted"  # c\r\nowners: [ leeds-pct ]\r\nstage: 5\r\nupdates:\r\n  - date: 2008-03-10\r\n    stage: 5\r\n    note: |\r\n' +
        '      The partners met in March and agreed the joint plan, which now goes to each board for approval.\r\n      A second line.\r\n' +
        '---\r\nBody line one.\r\n\r\n---\r\nstage: 9\r\n',
    );
  });
});

describe('track update, concurrently', () => {
  it('lets two processes updating one file both land', async () => {
    const root = brent();
    const run = (note: string) =>
      new Promise<number>((resolve) => {
        const child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin', 'track.js'), 'update', 'cd/r1', '--note', note, ...today], { cwd: root, stdio: 'ignore' });
        child.on('exit', (code) => resolve(code ?? -1));
      });
    const codes = await Promise.all([run('From the first process.'), run('From the second process.'), run('From the third process.')]);
    expect(codes).toEqual([0, 0, 0]);
    const text = read(root, 'records/cd/r1.md');
    for (const n of ['first', 'second', 'third']) expect(text).toContain(`    note: From the ${n} process.\n`);
    expect(text.match(/- date: 2008-03-10/g)).toHaveLength(3);
    expect((await runTrack(['validate', ...today], { cwd: root })).code).toBe(0);
  });
});
