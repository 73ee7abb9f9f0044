// Control characters from records, git and file names never reach a terminal
// raw (issue 14, item 6): shown escaped in every text output; JSON stays JSON.

import { describe, expect, it } from 'vitest';
import { terminalText } from '../../src/cli/safe-text.js';
import { palette } from '../../src/cli/terminal.js';
import { ScriptedRepo } from '../git-repo.js';
import { CONFIG, item, runTrack, SOURCE } from '../helpers.js';

const OSC_TITLE = '\u001b]0;pwned\u0007';
const CLEAR = '\u001b[2J';
const HIDE = '\u001b[8m';
// A colour code (SGR: ESC [ … m).
// eslint-disable-next-line no-control-regex
const SGR = /\u001b\[[0-9;]*m/g;
// Every control character that could drive a terminal or reorder text, but tab and line feed.
// eslint-disable-next-line no-control-regex
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('terminalText', () => {
  it('escapes C0, DEL, C1 and bidi controls, keeps line breaks and tabs, and with colour keeps only colour codes', async () => {
    expect(terminalText(`a${OSC_TITLE}b${CLEAR}\u007f\u009b\u202e\r\t\n`)).toBe('a\\x1b]0;pwned\\x07b\\x1b[2J\\x7f\\x9b\\u202e\\x0d\t\n');
    // With colour, track's own colour codes are kept; a colour code that came from a record is escaped like anything else.
    const c = palette(true);
    expect(terminalText(`${c.red(`red ${HIDE}x`)} ${HIDE}${CLEAR}${OSC_TITLE}`, true)).toBe('\u001b[31mred \\x1b[8mx\u001b[39m \\x1b[8m\\x1b[2J\\x1b]0;pwned\\x07');
    // A colour inside another that closes it opens the outer again, as chalk does.
    expect(terminalText(c.yellow(`a ${c.red('b')} c`), true)).toBe('\u001b[33ma \u001b[31mb\u001b[39m\u001b[33m c\u001b[39m');
    expect(terminalText(c.bold('x'), false)).toBe('x');
  });
});

describe('every text output of the CLI', () => {
  const repo = new ScriptedRepo({
    'track.config.yaml': CONFIG,
    'records/cd/source.md': SOURCE,
    'records/cd/r1.md': item(
      `title: "Plan\\e]0;pwned\\a\\e[2J\\e[8mHIDDEN\\e[0m"\nnumber: 1\nowners: [leeds-pct]\nstage: 4\nupdates:\n  - date: 2023-01-01\n    note: "Done\\u007f\\u202e"`,
      `Body ${'\u001b'}[2J text.\n`,
    ),
  });
  repo.commit(`Mallory${CLEAR}`, '2023-01-02', 'records');
  const root = repo.root;
  const run = (...args: string[]) => runTrack([...args, '--today', '2024-01-01'], { cwd: root });

  it('show, list, status, log and validate print no raw control character', async () => {
    const out: Record<string, string> = {};
    for (const args of [['show', 'r1'], ['list'], ['status'], ['log', 'r1'], ['changes', '--since', '2022-01-01'], ['validate', '--format', 'github'], ['validate', '--pretty']]) {
      const r = await run(...args);
      out[args[0]!] = r.stdout;
      expect(RAW.test(r.stdout), `${args.join(' ')}: ${JSON.stringify(r.stdout)}`).toBe(false);
      expect(RAW.test(r.stderr), args.join(' ')).toBe(false);
    }
    expect(out['show']).toContain('Plan\\x1b]0;pwned\\x07\\x1b[2J');
    expect(out['show']).toContain('Done\\x7f\\u202e');
    expect(out['log']).toContain('Mallory\\x1b[2J');
  });

  it('with colour on, a colour code in a record is shown escaped, and track still colours its own output', async () => {
    const forced = (...args: string[]) => runTrack([...args, '--today', '2024-01-01'], { cwd: root, env: { FORCE_COLOR: '1', NO_COLOR: '' } });
    for (const args of [['show', 'r1'], ['list'], ['status'], ['log', 'r1'], ['validate', '--pretty']]) {
      const r = await forced(...args);
      // Only SGR codes of the 16 colours (ESC [ n m) remain raw, and none of the record's.
      const raw = r.stdout.replace(SGR, '');
      expect(RAW.test(raw), `${args.join(' ')}: ${JSON.stringify(r.stdout)}`).toBe(false);
      expect(r.stdout, args.join(' ')).not.toContain('\u001b[2J');
      expect(r.stdout, args.join(' ')).not.toContain('\u001b[8m');
    }
    const shown = await forced('show', 'r1');
    expect(shown.stdout).toContain('Plan\\x1b]0;pwned\\x07\\x1b[2J\\x1b[8mHIDDEN\\x1b[0m');
    expect(shown.stdout).toContain('\u001b[1m');
  });

  it('JSON stays JSON: the text as it is, escaped as JSON escapes it', async () => {
    const shown = JSON.parse((await run('show', 'r1', '--json')).stdout) as { title: string };
    expect(shown.title).toBe(`Plan${OSC_TITLE}${CLEAR}${HIDE}HIDDEN\u001b[0m`);
  });
});
