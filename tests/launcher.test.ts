// bin/track.cjs, the command itself: on an old Node it must still be read,
// and say in one sentence which Node track needs.

import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT, track } from './helpers.js';

const LAUNCHER = join(PROJECT_ROOT, 'bin', 'track.cjs');
const source = readFileSync(LAUNCHER, 'utf8').replace(/^#!.*/, '');
const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string>; engines: { node: string } };

/** Runs the launcher as a Node of this version would, with a record of what it did. */
function launch(version: string) {
  let stderr = '';
  let imported: string | undefined;
  const fakeProcess = { versions: { node: version }, argv: ['node', 'track'], exitCode: undefined as number | undefined, stderr: { write: (s: string) => (stderr += s) } };
  const realRequire = createRequire(LAUNCHER);
  const context = {
    process: fakeProcess,
    __dirname: join(PROJECT_ROOT, 'bin'),
    require: realRequire,
    Function: function (...args: string[]) {
      // The launcher's only use of Function is its import(): record, do not load.
      expect(args).toEqual(['url', 'return import(url)']);
      return (url: string) => {
        imported = url;
        return { then: () => undefined };
      };
    },
  };
  runInNewContext(source, context);
  return { stderr, exitCode: fakeProcess.exitCode, imported };
}

describe('the track command on any Node', () => {
  it('is the package bin, and is written in syntax an ES5 parser reads', () => {
    expect(pkg.bin).toEqual({ track: 'bin/track.cjs' });
    const espree = createRequire(join(PROJECT_ROOT, 'package.json'))('espree') as { parse(code: string, options: object): unknown };
    expect(() => espree.parse(source, { ecmaVersion: 5, sourceType: 'script' })).not.toThrow();
  });

  it('can be run as a program, as `npx track` runs it in a clone of this repository (git keeps the mode a clone gets)', () => {
    expect(readFileSync(LAUNCHER, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(statSync(LAUNCHER).mode & 0o111).toBe(0o111);
  });

  it('on a Node older than the engines field, says in one sentence which Node is needed, and loads nothing', () => {
    const needed = Number(/\d+/.exec(pkg.engines.node)![0]);
    const old = launch(`${needed - 4}.20.2`);
    expect(old.imported).toBeUndefined();
    expect(old.exitCode).toBe(2);
    expect(old.stderr).toBe(
      `track needs Node.js ${needed} or later (${pkg.engines.node}), but this is Node.js ${needed - 4}.20.2: install a current Node.js from nodejs.org or your package manager, then run track again.\n`,
    );
    expect(old.stderr.trim().split(/[.!?]\s/).length).toBe(1);
  });

  it('on a current Node, starts the CLI from dist/', async () => {
    const current = launch(`${Number(/\d+/.exec(pkg.engines.node)![0])}.0.0`);
    expect(current).toMatchObject({ stderr: '', exitCode: undefined });
    expect(current.imported).toMatch(/\/dist\/cli\/main\.js$/);
    expect((await track(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+/);
  });
});
