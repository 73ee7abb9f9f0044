import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flagOf } from '../src/cli/errors.js';
import { doctor, installChromium } from '../src/commands/doctor.js';
import { worded } from '../src/errors.js';
import { runTrack, workspace } from './helpers.js';

const byName = <T extends { name: string }>(checks: T[]): Record<string, T> => Object.fromEntries(checks.map((c) => [c.name, c]));

describe('track doctor', () => {
  it('finds everything in a good workspace: Node, git, the workspace, its config, a writable cache', async () => {
    const root = workspace({});
    const result = await doctor({ cwd: root, nodeVersion: '20.20.2' });
    const checks = byName(result.checks);
    expect(result.checks.map((c) => c.name)).toEqual(['node', 'git', 'chromium', 'workspace', 'config', 'cache']);
    expect(checks['node']).toMatchObject({ status: 'ok', detail: 'Node.js 20.20.2 (track needs 20 or later)' });
    expect(checks['git']).toMatchObject({ status: 'ok', detail: expect.stringMatching(/^git \d/) });
    expect(checks['workspace']).toMatchObject({ status: 'ok', detail: `workspace ${root}` });
    expect(checks['config']).toMatchObject({ status: 'ok', detail: 'track.config.yaml is valid: 6 stages, 2 bodies, 1 person' });
    expect(checks['cache']).toMatchObject({ status: 'ok', detail: 'the cache .track/cache is writable' });
    expect(result.ok).toBe(true);
  });

  it('fails on a Node older than the engines field, and says how to get a newer one on this platform', async () => {
    const result = await doctor({ cwd: workspace({}), nodeVersion: '18.19.0', platform: 'darwin' });
    expect(byName(result.checks)['node']).toMatchObject({ status: 'missing', detail: 'Node.js 18.19.0 is too old: track needs 20 or later', hint: expect.stringContaining('brew install node') });
    expect(result.ok).toBe(false);
  });

  it('fails outside a workspace, and with a config that is not valid, naming what to do', async () => {
    const outside = await doctor({ cwd: mkdtempSync(join(tmpdir(), 'track-doctor-')) });
    const missing = byName(outside.checks)['workspace']!;
    expect(missing).toMatchObject({ status: 'missing', detail: 'no workspace: no track.config.yaml in this folder or any folder above it' });
    expect(worded(missing.hint!, flagOf)).toBe('run "track init" to make one here, or pass --dir PATH');
    expect(outside.checks.map((c) => c.name)).not.toContain('config');
    expect(outside.ok).toBe(false);
    const broken = await doctor({ cwd: workspace({ 'track.config.yaml': 'organisation: X\nstages: leds\n' }) });
    const config = byName(broken.checks)['config']!;
    // Where the problem is and what it is, not only that there is one.
    expect(config).toMatchObject({ status: 'broken', detail: "track.config.yaml:2:9 stages should be a preset (leeds, rag or pac) or a list of stages" });
    expect(config.diagnostics?.[0]).toMatchObject({ file: 'track.config.yaml', line: 2, column: 9 });
    expect(broken.ok).toBe(false);
  });

  it('warns, without failing, when the cache cannot be written or TRACK_CHROME names nothing', async () => {
    const root = workspace({ '.track': 'a file where the cache folder would be' });
    const result = await doctor({ cwd: root, env: { ...process.env, TRACK_CHROME: '/nowhere/chrome' } });
    const checks = byName(result.checks);
    expect(checks['cache']).toMatchObject({ status: 'optional', detail: 'the cache .track/cache cannot be written (ENOTDIR); track works without it, only more slowly' });
    expect(checks['chromium']).toMatchObject({ status: 'optional', detail: expect.stringContaining('TRACK_CHROME is set to /nowhere/chrome, which does not exist') });
    expect(result.ok).toBe(true);
  });

  it('says how to get Chromium on Debian, Ubuntu, macOS and Windows', async () => {
    expect(installChromium('linux', 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\n')).toBe('run "sudo apt-get install chromium"');
    expect(installChromium('linux', 'NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\n')).toContain('sudo snap install chromium');
    expect(installChromium('linux', 'ID=linuxmint\nID_LIKE="ubuntu debian"\n')).toContain('sudo snap install chromium');
    expect(installChromium('darwin', '')).toContain('brew install --cask chromium');
    expect(installChromium('win32', '')).toContain('TRACK_CHROME');
  });

  it('prints one line per finding and exits 1 when git is missing', async () => {
    const root = workspace({});
    const ok = await runTrack(['doctor'], { cwd: root });
    expect(ok.code).toBe(0);
    const lines = ok.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^track \d+\.\d+\.\d+/);
    expect(lines.slice(1, -1).map((l) => l.split(/\s+/)[0])).toEqual(['ok', 'ok', expect.stringMatching(/^(ok|warning)$/), 'ok', 'ok', 'ok']);
    expect(lines.at(-1)).toBe('Everything track needs is here.');
    const emptyPath = mkdtempSync(join(tmpdir(), 'track-doctor-path-'));
    const noGit = await runTrack(['doctor'], { cwd: root, env: { PATH: emptyPath } });
    expect(noGit.code).toBe(1);
    expect(noGit.stdout).toMatch(/^missing {2}git is not installed \(or not on the PATH\); track log, track changes and the history checks of validate need it: /m);
    expect(noGit.stdout.trimEnd().split('\n').at(-1)).toBe('One thing track needs is missing: see above.');
    writeFileSync(join(root, 'track.config.yaml'), 'organisation: [');
    const out = (await runTrack(['doctor', '--dir', root])).stdout;
    expect(out).toMatch(/^error {4}track\.config\.yaml:1:\d+ YAML syntax: .*: fix it \(run "track validate" for every problem\)$/m);
    expect(out).toContain('One thing track needs is there but cannot be used: see above.');
  });
});
