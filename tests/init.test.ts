import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { track } from './helpers.js';

const today = ['--today', '2024-05-01'];
const FILES = ['track.config.yaml', 'records/example-source/source.md', 'records/example-source/r1.md', 'meetings.yaml', '.gitignore', '.github/workflows/track.yml'];

describe('track init', () => {
  it('makes a working workspace that validate, new, update and status all accept', () => {
    const parent = mkdtempSync(join(tmpdir(), 'track-init-'));
    const result = track(['init', 'board', ...today], { cwd: parent });
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
    expect(track(['validate', ...today], { cwd: root })).toEqual({ code: 0, stdout: '0 errors, 0 warnings in 4 files\n', stderr: '' });
    expect(track(['new', 'example-source', '--title', 'Second', '--owner', 'example-team', '--text', 'Do it.', ...today], { cwd: root }).stdout).toBe('records/example-source/r2.md\n');
    expect(track(['update', 'r1', 'r2', '--note', 'Progress.', '--stage', '2', '--date', '2024-05-02', '--today', '2024-05-02'], { cwd: root }).code).toBe(0);
    expect(track(['validate', '--strict', '--today', '2024-05-02'], { cwd: root }).code).toBe(0);
    const status = track(['status', '--json', '--today', '2024-05-02'], { cwd: root });
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ total: 2, closed: 2, open: 0 });
  });

  it('uses the stage scale asked for', () => {
    for (const stages of ['rag', 'pac']) {
      const root = mkdtempSync(join(tmpdir(), 'track-init-'));
      expect(track(['init', root, '--stages', stages, ...today]).code).toBe(0);
      expect(readFileSync(join(root, 'track.config.yaml'), 'utf8')).toContain(`\nstages: ${stages} `);
      expect(track(['validate', '--strict', ...today], { cwd: root }).code).toBe(0);
    }
  });

  it('writes a workflow that validates on every push with the full history and keeps the papers', () => {
    const root = mkdtempSync(join(tmpdir(), 'track-init-'));
    track(['init', root, ...today]);
    const workflow = parse(readFileSync(join(root, '.github/workflows/track.yml'), 'utf8'));
    expect(Object.keys(workflow.on)).toContain('push');
    const steps = workflow.jobs.records.steps as { uses?: string; run?: string; with?: Record<string, unknown> }[];
    expect(steps[0]).toMatchObject({ uses: 'actions/checkout@v4', with: { 'fetch-depth': 0 } });
    expect(steps[1]).toMatchObject({ uses: 'actions/setup-node@v4', with: { 'node-version': 20 } });
    expect(steps.map((s) => s.run ?? '').join('\n')).toMatch(/npm install[\s\S]*track validate --format github[\s\S]*track report /);
    expect(steps.at(-1)).toMatchObject({ uses: 'actions/upload-artifact@v4', with: { path: 'papers/' } });
    expect(readFileSync(join(root, '.gitignore'), 'utf8')).toMatch(/^\.track\/$/m);
  });

  it('never overwrites: in a folder with files it creates only what is missing, and says what it kept', () => {
    const root = mkdtempSync(join(tmpdir(), 'track-init-'));
    mkdirSync(join(root, '.github/workflows'), { recursive: true });
    writeFileSync(join(root, 'track.config.yaml'), 'organisation: Ours\nstages: rag\n');
    writeFileSync(join(root, '.gitignore'), 'mine\n');
    const result = track(['init', ...today], { cwd: root });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        'Made a track workspace in .:',
        '  created meetings.yaml',
        '  created .github/workflows/track.yml',
        '  kept existing track.config.yaml',
        '  kept existing .gitignore',
        'Next: set your organisation and bodies in track.config.yaml, then run "track validate".',
        '',
      ].join('\n'),
    );
    expect(readFileSync(join(root, 'track.config.yaml'), 'utf8')).toBe('organisation: Ours\nstages: rag\n');
    expect(readFileSync(join(root, '.gitignore'), 'utf8')).toBe('mine\n');
    const again = track(['init', ...today], { cwd: root });
    expect(again.stdout.split('\n')[0]).toBe('Nothing to do: . already has every file track init writes.');
  });
});
