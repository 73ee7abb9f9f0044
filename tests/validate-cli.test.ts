// `track validate` end to end: output formats pinned, exit codes exact.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { item, PROJECT_ROOT, runTrack, SOURCE, workspace } from './helpers.js';

/** A workspace with many different problems, one or more per file. */
function troubled(): string {
  return workspace({
    'meetings.yaml': '- date: 2008-04-15\n  title: Scrutiny Board\n- date: 2008-13\n  titel: Typo\n',
    'records/cd/source.md': SOURCE,
    'records/cd/r1.md': item('title: Strategy\nnumber: 1\nowner: [leeds-pct]\nstage: 9\ndue: 2008-02-30'),
    'records/cd/r2.md': item(
      'title: Network\nnumber: 2\nowners: [PCT, Nobody]\nresponse: accepted\nstage: 4\nrelated: [r7]\nupdates:\n  - date: 2008-03-10\n    stage: 2\n    proposed_stage: 4\n    new_due: 2008-09-30\n    note: Both.',
    ),
    'records/cd/r3.md': '---js\n{ title: "run me" }\n---\n',
    'records/cd/r4.md': '---\ntitle: "unclosed\nstage: 2\n---\n',
    'records/cd/r5.md': item('title: Late\nnumber: 1\nowners: [leeds-pct]\nresponse: accepted\nstage: 4\ndue: 2008-01'),
    'records/Bad Folder/r1.md': item('title: x\nstage: 2'),
  });
}

describe('track validate', () => {
  it('with --pretty (the default on a terminal), prints every problem with its line, a caret and a hint', async () => {
    const r = await runTrack(['validate', '--today', '2008-04-01', '--pretty'], { cwd: troubled() });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatchSnapshot();
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('16 errors, 6 warnings in 9 files');
  });

  it('piped, prints one line per problem, path:line:col severity rule message, then the counts', async () => {
    const piped = await runTrack(['validate', '--today', '2008-04-01'], { cwd: troubled() });
    const pretty = await runTrack(['validate', '--today', '2008-04-01', '--pretty'], { cwd: troubled() });
    const lines = piped.stdout.trimEnd().split('\n');
    expect(piped.code).toBe(1);
    expect(lines).toHaveLength(23);
    expect(lines.slice(0, -1).every((l) => /^.+:\d+:\d+ (error|warning) [a-z-]+ \S/.test(l))).toBe(true);
    expect(lines.at(-1)).toBe('16 errors, 6 warnings in 9 files');
    // The same problems, in the same order, as the pretty form's headings.
    expect(pretty.stdout.split('\n').filter((l) => /^.+:\d+:\d+ (error|warning) /.test(l))).toEqual(lines.slice(0, -1));
    expect((await runTrack(['validate', '--today', '2008-04-01', '--pretty', '--no-pretty'], { cwd: troubled() })).stdout).toBe(piped.stdout);
  });

  it('--format json gives the documented array', async () => {
    const r = await runTrack(['validate', '--today', '2008-04-01', '--format', 'json'], { cwd: troubled() });
    expect(r.code).toBe(1);
    const rows = JSON.parse(r.stdout) as Record<string, unknown>[];
    for (const row of rows) expect(Object.keys(row)).toEqual(['path', 'line', 'column', 'severity', 'rule', 'message']);
    expect(rows).toMatchSnapshot();
  });

  it('--format github prints workflow annotations on stdout and the summary on stderr', async () => {
    const r = await runTrack(['validate', '--today', '2008-04-01', '--format', 'github'], { cwd: troubled() });
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(22);
    expect(lines).toContain(
      '::error file=records/cd/r1.md,line=4,col=1,title=unknown-key::unknown key "owner" (did you mean "owners"?)',
    );
    expect(lines.every((l) => /^::(error|warning) file=[^,]+,line=\d+,col=\d+,title=[a-z-]+::/.test(l))).toBe(true);
    expect(r.stderr).toBe('16 errors, 6 warnings in 9 files\n');
  });

  it('exits 0 on warnings alone, and 1 with --strict', async () => {
    const root = workspace({
      'records/cd/source.md': SOURCE,
      'records/cd/r1.md': item('title: x\nnumber: 1\nowners: []\nresponse: accepted\nstage: 4'),
    });
    const plain = await runTrack(['validate', '--today', '2007-07-01'], { cwd: root });
    expect([plain.code, plain.stdout.trimEnd().split('\n').at(-1)]).toEqual([0, '0 errors, 1 warning in 3 files']);
    expect((await runTrack(['validate', '--today', '2007-07-01', '--strict'], { cwd: root })).code).toBe(1);
  });

  it('shows the offending line as the file has it, on a first run and from the cache', async () => {
    const root = workspace({
      'records/cd/source.md': SOURCE,
      // A BOM and CRLF endings; a problem on line 1 and one further down.
      'records/cd/r1.md': `\uFEFF${item('number: 1\nowners: [leeds-pct]\nresponse: accepted\nstage: 4\ndue: 2008-01\nupdates:\n  - date: 2008-03-01\n    note: Fine.')}`.replace(/\n/g, '\r\n'),
      'records/cd/r2.md': item('title: x\nnumber: 2\nowners: [leeds-pct]\nresponse: accepted\nstage: 4', 'Text.\n<<<<<<< HEAD\nours\n=======\ntheirs\n>>>>>>> branch\n'),
    });
    const expected = [
      'records/cd/r1.md:1:1 error missing-key the key "title" is missing',
      '    1 | ---',
      '      | ^',
      '       hint: add a "title:" line',
      'records/cd/r1.md:6:6 warning overdue due January 2008, 61 days ago, and still open',
      '    6 | due: 2008-01',
      '      |      ^',
    ];
    const conflict = ['records/cd/r2.md:9:1 error merge-conflict the file holds git merge-conflict markers', '    9 | <<<<<<< HEAD', '      | ^'];
    for (const run of ['first', 'cached']) {
      const r = await runTrack(['validate', '--today', '2008-04-01', '--pretty'], { cwd: root });
      const lines = r.stdout.split('\n');
      expect([run, lines.slice(0, 7)]).toEqual([run, expected]);
      expect([run, lines.slice(lines.indexOf(conflict[0]!), lines.indexOf(conflict[0]!) + 3)]).toEqual([run, conflict]);
    }
  });

  it('finds the workspace by walking up, or takes --dir', async () => {
    const root = workspace({ 'records/cd/source.md': SOURCE });
    mkdirSync(join(root, 'records', 'cd', 'deep'), { recursive: true });
    expect((await runTrack(['validate'], { cwd: join(root, 'records', 'cd', 'deep') })).stdout).toBe('0 errors, 0 warnings in 2 files\n');
    expect((await runTrack(['validate', '--dir', root])).stdout).toBe('0 errors, 0 warnings in 2 files\n');
  });

  it('takes today from TRACK_TODAY, and --today wins over it', async () => {
    const root = workspace({
      'records/cd/source.md': SOURCE,
      'records/cd/r1.md': item('title: x\nnumber: 1\nowners: [leeds-pct]\nresponse: accepted\nstage: 4\ndue: 2008-01-31'),
    });
    expect((await runTrack(['validate'], { cwd: root, env: { TRACK_TODAY: '2008-02-01' } })).stdout).toContain('warning overdue');
    expect((await runTrack(['validate', '--today', '2008-01-31'], { cwd: root, env: { TRACK_TODAY: '2008-02-01' } })).stdout).not.toContain('overdue');
  });

  it('exits 2 with one sentence when it cannot run', async () => {
    const empty = workspace({}, false);
    const noWorkspace = await runTrack(['validate'], { cwd: empty });
    expect([noWorkspace.code, noWorkspace.stdout]).toEqual([2, '']);
    expect(noWorkspace.stderr).toMatch(/^No track workspace here: .*track init.*\n$/);

    const badToday = await runTrack(['validate', '--today', '2008-02-30'], { cwd: workspace({}) });
    expect([badToday.code, badToday.stderr]).toEqual([2, '--today "2008-02-30" is not a real date: February 2008 has 29 days: check the day; write it as YYYY-MM-DD.\n']);

    const badFormat = await runTrack(['validate', '--format', 'xml'], { cwd: workspace({}) });
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toContain("argument 'xml' is invalid");

    const missingDir = await runTrack(['validate', '--dir', '/no/such/folder']);
    expect([missingDir.code, missingDir.stderr]).toEqual([2, 'The folder /no/such/folder does not exist. Check the path given to --dir.\n']);
    const root = workspace({});
    const file = await runTrack(['validate', '--dir', 'track.config.yaml'], { cwd: root });
    expect([file.code, file.stderr]).toEqual([2, 'track.config.yaml is a file, not a folder: give the folder that holds it, . (--dir).\n']);
    const noPath = await runTrack(['validate', '--dir', ''], { cwd: root });
    expect([noPath.code, noPath.stderr]).toEqual([2, '--dir was given no path: give the folder that holds track.config.yaml, or leave --dir out to look upward from here.\n']);
  });

  it('exits 2 on a config it cannot use, naming the file, line and column', async () => {
    const root = workspace({ 'track.config.yaml': 'organisation: X\nstages: leds\nstale_after_days: soon\n' });
    const r = await runTrack(['validate'], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('track.config.yaml:2:9 error wrong-type stages should be a preset (leeds, rag or pac) or a list of stages');
    expect(r.stderr).toContain('track.config.yaml:3:19 error wrong-type stale_after_days should be a number of days');
    expect(r.stderr.trimEnd().split('\n').at(-1)).toBe('track.config.yaml has 2 problems; fix them and run the command again.');
  });

  it('a custom stage scale in the config is used', async () => {
    const root = workspace({
      'track.config.yaml': 'organisation: X\nstages:\n  - { id: open-ish, label: Open }\n  - { id: done, label: Done, closed: true, colour: green }\n',
      'records/cd/source.md': SOURCE,
      'records/cd/r1.md': item('title: x\nresponse: accepted\nowners: [a]\nstage: 4'),
    });
    const r = await runTrack(['validate', '--today', '2007-07-01', '--format', 'json'], { cwd: root });
    expect(JSON.parse(r.stdout)).toEqual([
      expect.objectContaining({ rule: 'unknown-stage', line: 5, column: 8 }),
    ]);
  });

  it("passes on the project's own example records", async () => {
    const r = await runTrack(['validate'], { cwd: PROJECT_ROOT });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^0 errors, \d+ warnings in \d+ files$/m);
  });
});
