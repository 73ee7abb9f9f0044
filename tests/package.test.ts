// The package as a newcomer gets it: packed, installed with its production
// dependencies, and run from a folder outside this repository, with no
// devDependencies and no build step.
//
// The install is laid out here rather than by `npm install`, which spent some
// 15 s resolving and unpacking the dependencies (most of this test, and a
// quarter of the suite's time on two cores): the tarball `npm pack` made is
// unpacked as node_modules/track-recommendations, beside it are linked only
// the folders of this repository's node_modules that the packed package.json's
// dependencies need (followed through each package's own dependencies, as npm
// would), and its bin is linked into node_modules/.bin as npm links it. So the
// test still fails when the package's files leave out something track needs,
// when track imports at run time a package it only has as a devDependency (or
// has not declared), and when bin/track.cjs or the bin entry is broken. What it
// no longer proves is that npm resolves those dependencies from the registry:
// the lockfile fixes their versions, and `npm ci` installs that same tree
// before the tests run, so this checks the tree npm would install.
// @module-tag slow (npm packs the package; track runs from it in child processes)

import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT, runTrack } from './helpers.js';

const OWN = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
const MODULES = join(PROJECT_ROOT, 'node_modules');

interface Manifest {
  name: string;
  bin?: string | Record<string, string>;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

function run(command: string, args: string[], cwd: string, timeout = 120_000) {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };
  delete env['TRACK_TODAY'];
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout });
  return { code: result.status ?? -1, stdout: result.stdout ?? '', stderr: result.stderr ?? '', error: result.error };
}

function manifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
}

/** Where Node finds package `name` from a package in `dir` (this repository or a folder in its node_modules): the nearest node_modules up to the repository's. */
function locate(dir: string, name: string): string | undefined {
  for (let at = dir; ; at = dirname(at)) {
    const found = join(at, 'node_modules', name);
    if (existsSync(join(found, 'package.json'))) return found;
    if (at === PROJECT_ROOT || at === dirname(at)) return undefined;
  }
}

/**
 * The folders at the top of this repository's node_modules that installing a
 * package with `needs` as its manifest brings: its dependencies, theirs and so
 * on (npm installs peer dependencies too), found as Node finds them. Optional
 * ones this platform has not installed are left out; a needed one missing is
 * an error, as it would be for npm.
 */
function productionTree(needs: Manifest): string[] {
  const top = new Set<string>();
  const seen = new Set<string>();
  const follow = (dir: string, pkg: Manifest): void => {
    const optional = new Set([...Object.keys(pkg.optionalDependencies ?? {}), ...Object.entries(pkg.peerDependenciesMeta ?? {}).filter(([, m]) => m.optional).map(([n]) => n)]);
    for (const name of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies, ...pkg.peerDependencies })) {
      const found = locate(dir, name);
      if (found === undefined) {
        if (optional.has(name)) continue;
        throw new Error(`${pkg.name} needs ${name}, which is not in node_modules: run npm ci`);
      }
      if (seen.has(found)) continue;
      seen.add(found);
      const path = relative(MODULES, found);
      // A package inside another's own node_modules comes with that package's folder.
      if (!path.includes('node_modules')) top.add(path);
      follow(found, manifest(found));
    }
  };
  follow(PROJECT_ROOT, needs);
  return [...top].sort();
}

/**
 * Install the packed package into `workspace`/node_modules as npm lays out a
 * hoisted install: the tarball unpacked, its production dependencies beside
 * it (linked from this repository's node_modules), its bin in .bin. False when
 * tar is missing.
 */
function installPacked(tarball: string, workspace: string): boolean {
  const modules = join(workspace, 'node_modules');
  const own = join(modules, OWN.name);
  mkdirSync(own, { recursive: true });
  const untar = run('tar', ['-xzf', tarball, '-C', own, '--strip-components=1'], workspace);
  if (untar.error) return false;
  expect(untar.code, untar.stderr).toBe(0);
  const packed = manifest(own);
  for (const path of productionTree(packed)) {
    mkdirSync(dirname(join(modules, path)), { recursive: true });
    symlinkSync(join(MODULES, path), join(modules, path), 'dir');
  }
  const bins = typeof packed.bin === 'string' ? { [packed.name]: packed.bin } : (packed.bin ?? {});
  mkdirSync(join(modules, '.bin'));
  for (const [name, file] of Object.entries(bins)) {
    symlinkSync(join('..', OWN.name, file), join(modules, '.bin', name));
    // npm makes a bin executable when it links it (a packed file keeps no mode of its own).
    if (existsSync(join(own, file))) chmodSync(join(own, file), 0o755);
  }
  return true;
}

describe('the packed package', () => {
  // One install serves both ways a newcomer runs track: the tarball installed as the devDependency track init pins,
  // so `npx track` in the workspace is this track; and its bin, run from a folder with no node_modules, is what a
  // global install links into PATH.
  it('installs from its tarball as the devDependency init pins, and runs init, validate, status and an HTML paper outside the repository', { timeout: 120_000 }, async (ctx) => {
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
    if (!installPacked(tarball, board)) ctx.skip('tar cannot run here, to unpack the package');
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
