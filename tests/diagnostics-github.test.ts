// validate --format github: one workflow command per problem, escaped as GitHub reads them.

import { describe, expect, it } from 'vitest';
import { diagnosticsGithub } from '../src/cli/diagnostics.js';

/** The annotations as written: every part, joined. */
const annotations = (...args: Parameters<typeof diagnosticsGithub>) => [...diagnosticsGithub(...args)].join('');
import type { Diagnostic } from '../src/records/diagnostic.js';

const problem = (file: string, line: number, extra: Partial<Diagnostic> = {}): Diagnostic => ({ rule: 'stale', severity: 'warning', file, line, column: 3, message: 'no update for 200 days', ...extra });

describe('validate --format github', () => {
  it('escapes %, CR and LF in the message, and also : and , in the file and title', () => {
    const out = annotations(
      [
        problem('records/a,b/r1.md', 2, { rule: 'x:y,z', severity: 'error', message: '100% done\r\nreally', hint: 'a: b, c' }),
        problem('records/a,b/r1.md', 5),
        problem('records/cd/r2.md', 1, { message: 'due 10 March 2008: late, 5% over' }),
        problem('records/a,b/r1.md', 7, { file: 'records/a,b/r1.md' }),
      ],
      'boards/50%:x/',
    );
    expect(out).toBe(
      [
        '::error file=boards/50%25%3Ax/records/a%2Cb/r1.md,line=2,col=3,title=x%3Ay%2Cz::100%25 done%0D%0Areally (a: b, c)',
        '::warning file=boards/50%25%3Ax/records/a%2Cb/r1.md,line=5,col=3,title=stale::no update for 200 days',
        '::warning file=boards/50%25%3Ax/records/cd/r2.md,line=1,col=3,title=stale::due 10 March 2008: late, 5%25 over',
        '::warning file=boards/50%25%3Ax/records/a%2Cb/r1.md,line=7,col=3,title=stale::no update for 200 days',
        '',
      ].join('\n'),
    );
  });

  it.each([
    ['%', '%25'],
    ['\r', '%0D'],
    ['\n', '%0A'],
    [':', '%3A'],
    [',', '%2C'],
  ])('escapes %j on its own wherever it is', (special, escaped) => {
    const inData = special === ':' || special === ',' ? special : escaped;
    const out = annotations([problem(`records/cd${special}/r1.md`, 1, { rule: `a${special}b`, message: `m${special}n`, hint: `h${special}` })], `top${special}/`);
    expect(out).toBe(`::warning file=top${escaped}/records/cd${escaped}/r1.md,line=1,col=3,title=a${escaped}b::m${inData}n (h${inData})\n`);
  });

  it('prints nothing for no problems', () => {
    expect(annotations([])).toBe('');
  });
});
