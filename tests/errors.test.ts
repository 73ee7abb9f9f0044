// The typed errors of src/errors.ts and the one place that maps them to exit
// codes and words them (src/cli/errors.ts).

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exitCode, exitFor, FLAGS } from '../src/cli/errors.js';
import { BadOption, Refusal, UnusableInput } from '../src/errors.js';
import { writeError } from '../src/write/failure.js';

describe('the CLI maps each error class to its exit code', () => {
  it('input that cannot be used exits 2, a refusal 1, a bad option 2', () => {
    expect(exitFor(new UnusableInput('The title is empty.'))).toEqual({ code: 2, message: 'The title is empty.', diagnostics: [] });
    expect(exitFor(new Refusal('No item has the id "x".'))).toEqual({ code: 1, message: 'No item has the id "x".', diagnostics: [] });
    expect(exitCode(new BadOption('newDue', 'soon', (flag) => `${flag('newDue')} "soon" is not a date.`))).toBe(2);
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
