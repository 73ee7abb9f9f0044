// The package as a newcomer gets it: packed, installed with its
// dependencies from the registry, and run from a folder outside this
// repository, with no devDependencies and no build step.
// @module-tag slow (npm packs and installs the package)

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT, runTrack } from './helpers.js';

const OWN = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
const NETWORK = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|network|socket hang up|self[- ]signed|certificate/i;

function run(command: string, args: string[], cwd: string, timeout = 120_000) {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };
  delete env['TRACK_TODAY'];
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout });
  return { code: result.status ?? -1, stdout: result.stdout ?? '', stderr: result.stderr ?? '', error: result.error };
}

/** npm could not install for want of npm or the registry, not because of the package. */
function npmCannotInstall(result: ReturnType<typeof run>): boolean {
  return result.error !== undefined || NETWORK.test(result.stderr);
}

describe('the packed package', () => {
  // One install serves both ways a newcomer runs track: npm installs the tarball (with its dependencies from the registry)
  // as the devDependency track init pins, so `npx track` in the workspace is this track; and its bin, run from a folder
  // with no node_modules, is what a global install links into PATH. (Installing it twice took two thirds of this test.)
  it('installs from its tarball as the devDependency init pins, and runs init, validate, status and an HTML paper outside the repository', { timeout: 420_000 }, async (ctx) => {
    const work = mkdtempSync(join(tmpdir(), 'track-package-'));
    // dist/ was built by the test setup; packing without scripts packs that build rather than rebuilding it under the other tests' feet.
    const pack = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], PROJECT_ROOT);
    if (pack.error) ctx.skip(`npm cannot run here: ${pack.error.message}`);
    expect(pack.code, pack.stderr).toBe(0);
    const [packed] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
    const files = packed!.files.map((f) => f.path);
    expect(files).toEqual(expect.arrayContaining(['bin/track.cjs', 'dist/cli/main.js', 'templates/tracking-report.md.liquid', 'package.json', 'README.md']));
    expect(files.filter((f) => f.startsWith('src/') || f.startsWith('tests/') || f.startsWith('records/'))).toEqual([]);
    const tarball = join(work, packed!.filename);

    const today = ['--today', '2026-03-02'];
    const board = join(work, 'board');
    expect((await runTrack(['init', 'board', '--package', tarball, ...today], { cwd: work })).code).toBe(0);
    expect(JSON.parse(readFileSync(join(board, 'package.json'), 'utf8')).devDependencies).toEqual({ [OWN.name]: `file:${tarball}` });
    const install = run('npm', ['install', '--prefer-offline'], board, 300_000);
    if (install.code !== 0 && npmCannotInstall(install)) ctx.skip(`npm cannot install here: ${(install.error?.message ?? install.stderr).trim().split('\n')[0]}`);
    expect(install.code, install.stderr).toBe(0);
    // Only what the package needs to run: none of its development tools.
    for (const dev of ['esbuild', 'vitest', 'typescript']) expect(existsSync(join(board, 'node_modules', dev))).toBe(false);
    // As a devDependency of the workspace, `npx track` is this track, not the registry's "track".
    expect(run('npx', ['--no-install', 'track', '--version'], board)).toMatchObject({ code: 0, stdout: `${OWN.version}\n` });

    // The installed bin, run from a folder outside this repository with no node_modules of its own.
    const bin = join(board, 'node_modules', '.bin', 'track');
    const outside = mkdtempSync(join(tmpdir(), 'track-newcomer-'));
    const init = run(bin, ['init', 'board', ...today], outside);
    expect(init.code, init.stderr).toBe(0);
    const fresh = join(outside, 'board');
    expect(JSON.parse(readFileSync(join(fresh, 'package.json'), 'utf8')).devDependencies).toEqual({ [OWN.name]: OWN.version });
    expect(run(bin, ['validate', ...today], fresh)).toMatchObject({ code: 0, stdout: '0 errors, 0 warnings in 4 files\n' });
    const status = run(bin, ['status', '--json', ...today], fresh);
    expect(status.code, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ today: '2026-03-02', total: 1, open: 1 });
    const paper = run(bin, ['report', 'tracking-report', '--format', 'html', '-o', 'paper.html', ...today], fresh);
    expect(paper.code, paper.stderr).toBe(0);
    const html = readFileSync(join(fresh, 'paper.html'), 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/i);
    expect(html).toContain('That the Example Team reports its progress');
    expect(html).toContain('Stage: 4');
  });
});
