import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT, runTrack } from './helpers.js';

const today = ['--today', '2024-05-01'];
const FILES = ['track.config.yaml', 'records/example-source/source.md', 'records/example-source/r1.md', 'meetings.yaml', 'package.json', '.gitignore', '.github/workflows/track.yml'];
const OWN = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };

describe('track init', () => {
  it('makes a working workspace that validate, new, update and status all accept', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'track-init-'));
    const result = await runTrack(['init', 'board', ...today], { cwd: parent });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        'Made a track workspace in board:',
        ...FILES.map((f) => `  created ${f}`),
        'Next: set your organisation and bodies in track.config.yaml, then run "cd board && track validate".',
        '',
      ].join('\n'),
    );
    const root = join(parent, 'board');
    expect(await runTrack(['validate', ...today], { cwd: root })).toEqual({ code: 0, stdout: '0 errors, 0 warnings in 4 files\n', stderr: '' });
    expect((await runTrack(['new', 'example-source', '--title', 'Second', '--owner', 'example-team', '--text', 'Do it.', ...today], { cwd: root })).stdout).toBe('records/example-source/r2.md\n');
    expect((await runTrack(['update', 'r1', 'r2', '--note', 'Progress.', '--stage', '2', '--date', '2024-05-02', '--today', '2024-05-02'], { cwd: root })).code).toBe(0);
    expect((await runTrack(['validate', '--strict', '--today', '2024-05-02'], { cwd: root })).code).toBe(0);
    const status = await runTrack(['status', '--json', '--today', '2024-05-02'], { cwd: root });
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ total: 2, closed: 2, open: 0 });
    // The example paper is for the example meeting: its body is the source's.
    const paper = await runTrack(['report', 'tracking-report', '--today', '2024-05-02'], { cwd: root });
    expect(paper.stderr).not.toContain('dated today');
    expect(paper.stdout).toContain('For Example board meeting, June 2024 (to be confirmed)');
  });

  it('uses the stage scale asked for', async () => {
    for (const stages of ['rag', 'pac']) {
      const root = mkdtempSync(join(tmpdir(), 'track-init-'));
      expect((await runTrack(['init', root, '--stages', stages, ...today])).code).toBe(0);
      expect(readFileSync(join(root, 'track.config.yaml'), 'utf8')).toContain(`\nstages: ${stages} `);
      expect((await runTrack(['validate', '--strict', ...today], { cwd: root })).code).toBe(0);
    }
  });

  it("installs track from the workspace's package.json or TRACK_PACKAGE, never by the bare name from the public registry", async () => {
    const root = mkdtempSync(join(tmpdir(), 'track-init-'));
    await runTrack(['init', root, ...today]);
    const workflow = parse(readFileSync(join(root, '.github/workflows/track.yml'), 'utf8'));
    const install = (workflow.jobs.records.steps as { name?: string; run?: string; env?: Record<string, string> }[]).find((s) => s.name === 'Install track')!;
    expect(install.env).toEqual({ TRACK_PACKAGE: '${{ vars.TRACK_PACKAGE }}' });
    // Run the step's script with a stand-in npm that records what it was asked.
    const bin = mkdtempSync(join(tmpdir(), 'track-npm-'));
    writeFileSync(join(bin, 'npm'), `#!/bin/sh\necho "npm $*" >> "${bin}/calls"\n`);
    chmodSync(join(bin, 'npm'), 0o755);
    const step = (cwd: string, pkg: string) => {
      const r = spawnSync('bash', ['-e', '-c', install.run!], { cwd, encoding: 'utf8', env: { PATH: `${bin}:/usr/bin:/bin`, TRACK_PACKAGE: pkg, GITHUB_PATH: join(bin, 'path') } });
      const calls = (() => {
        try {
          return readFileSync(join(bin, 'calls'), 'utf8');
        } catch {
          return '';
        }
      })();
      writeFileSync(join(bin, 'calls'), '');
      return { code: r.status, stdout: r.stdout, calls };
    };
    expect(step(root, '')).toMatchObject({ code: 0, calls: 'npm install --no-audit --no-fund\n' });
    expect(step(root, 'git+https://example.org/council/track.git')).toMatchObject({ code: 0, calls: 'npm install --global git+https://example.org/council/track.git\n' });
    writeFileSync(join(root, 'package-lock.json'), '{}');
    expect(step(root, '')).toMatchObject({ code: 0, calls: 'npm ci\n' });
    expect(readFileSync(join(bin, 'path'), 'utf8')).toBe(`${root}/node_modules/.bin\n${root}/node_modules/.bin\n`);
    const bare = mkdtempSync(join(tmpdir(), 'track-init-'));
    expect(step(bare, '')).toMatchObject({ code: 1, calls: '', stdout: expect.stringContaining('::error::Say where to install track from') });
  });

  it("writes a package.json that pins this track by its own name, so npx and CI never fetch the registry's \"track\"", async () => {
    const root = mkdtempSync(join(tmpdir(), 'track-init-'));
    expect((await runTrack(['init', root, ...today])).code).toBe(0);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(OWN.name).not.toBe('track');
    expect(pkg).toMatchObject({ private: true, devDependencies: { [OWN.name]: OWN.version } });
    expect(Object.keys(pkg.devDependencies)).toEqual([OWN.name]);
    // A tarball named by its path is written as npm reads it from the workspace.
    const parent = mkdtempSync(join(tmpdir(), 'track-init-'));
    writeFileSync(join(parent, 'track.tgz'), '');
    expect((await runTrack(['init', 'board', '--package', 'track.tgz', ...today], { cwd: parent })).code).toBe(0);
    expect(JSON.parse(readFileSync(join(parent, 'board', 'package.json'), 'utf8')).devDependencies).toEqual({ [OWN.name]: 'file:../track.tgz' });
    const git = mkdtempSync(join(tmpdir(), 'track-init-'));
    expect((await runTrack(['init', git, '--package', 'git+https://example.org/council/track.git#v1.2.0', ...today])).code).toBe(0);
    expect(JSON.parse(readFileSync(join(git, 'package.json'), 'utf8')).devDependencies).toEqual({ [OWN.name]: 'git+https://example.org/council/track.git#v1.2.0' });
  });

  it('never overwrites: in a folder with files it creates only what is missing, and says what it kept', async () => {
    const root = mkdtempSync(join(tmpdir(), 'track-init-'));
    mkdirSync(join(root, '.github/workflows'), { recursive: true });
    writeFileSync(join(root, 'track.config.yaml'), 'organisation: Ours\nstages: rag\n');
    writeFileSync(join(root, '.gitignore'), 'mine\n');
    const result = await runTrack(['init', ...today], { cwd: root });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        'Made a track workspace in .:',
        '  created meetings.yaml',
        '  created package.json',
        '  created .github/workflows/track.yml',
        '  kept existing track.config.yaml',
        '  kept existing .gitignore',
        'Next: set your organisation and bodies in track.config.yaml, then run "track validate".',
        '',
      ].join('\n'),
    );
    expect(readFileSync(join(root, 'track.config.yaml'), 'utf8')).toBe('organisation: Ours\nstages: rag\n');
    expect(readFileSync(join(root, '.gitignore'), 'utf8')).toBe('mine\n');
    const again = await runTrack(['init', ...today], { cwd: root });
    expect(again.stdout.split('\n')[0]).toBe('Nothing to do: . already has every file track init writes.');
  });
});
