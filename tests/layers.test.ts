// The layers of STYLE.md, checked over the sources: nothing below cli/ knows
// an exit code or how a flag is spelt; the writer runs no rules of its own;
// rules live in rules/.

import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));
const FILES = readdirSync(SRC, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.split('\\').join('/'))
  .sort();
const text = (file: string) => readFileSync(SRC + file, 'utf8');
const BELOW_CLI = FILES.filter((f) => !f.startsWith('cli/'));

/** Every module a file imports (static or dynamic; with `values`, not those imported only as types), as written. */
function imports(file: string, values = false): string[] {
  const source = values ? text(file).replace(/^import type [^;]*;$/gm, '') : text(file);
  return [...source.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*)'([^']+)'/g)].map((m) => m[1]!);
}

/** The text of every string and template literal in a file (the parts of a template between its `${}`s). */
function literals(file: string): string[] {
  const source = ts.createSourceFile(file, text(file), ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const out: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) out.push(node.text);
    node.forEachChild(visit);
  };
  visit(source);
  return out;
}

/** The long flags the CLI declares (src/cli/main.ts), e.g. "--new-due". */
function declaredFlags(): string[] {
  return [...new Set([...text('cli/main.ts').matchAll(/(?:option|Option)\('(?:-\w, )?(--[a-z-]+)/g)].map((m) => m[1]!))];
}

/**
 * Literals below cli/ that may spell a flag (every literal of a file, or those
 * matching), and why: each is text for somewhere other than a message of this run.
 */
const MAY_SPELL_FLAGS: Record<string, RegExp> = {
  // The README and CI workflow `track init` writes into a new workspace: they run track.
  'write/init-files.ts': /[^]*/,
  // The report model's `notice`, a template variable (docs/templates.md) whose words a paper may print.
  'report/paper-date.ts': /, so the paper is dated today and shows the records as they stand; give --meeting DATE for a meeting's paper\.$/,
};

describe('nothing below cli/ knows an exit code or how a flag is spelt', () => {
  it('no module below cli/ imports the CLI or its exit-code class', () => {
    expect(BELOW_CLI.length).toBeGreaterThan(100);
    const upward = BELOW_CLI.filter((f) => imports(f).some((m) => /(^|\/)cli\//.test(m)));
    expect(upward).toEqual([]);
    expect(BELOW_CLI.filter((f) => /\bExitError\b/.test(text(f)))).toEqual([]);
  });

  it('no string below cli/ spells a flag the CLI declares (the CLI words options, see src/cli/errors.ts)', () => {
    const flags = declaredFlags();
    expect(flags).toEqual(expect.arrayContaining(['--new-due', '--stage', '--map', '--stage-map', '--meeting', '--dir', '--since']));
    // A flag as a word: "--due" in "--due 2024", not "--due-before", and not git's "--date=format".
    const spelt = new RegExp(`(${flags.map((f) => f.replace(/-/g, '\\-')).join('|')})(?![a-z=-])`);
    const found: string[] = [];
    for (const file of BELOW_CLI) {
      const allowed = MAY_SPELL_FLAGS[file];
      for (const literal of literals(file)) {
        // A literal that is one flag and nothing else is an argument for another program (git's "--no-color"), not a sentence.
        if (spelt.test(literal) && !/^--[a-z-]+$/.test(literal) && !allowed?.test(literal)) found.push(`${file}: ${literal}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('the check itself finds a flag in a message, as the old code had them', () => {
    const flags = declaredFlags();
    const spelt = new RegExp(`(${flags.map((f) => f.replace(/-/g, '\\-')).join('|')})(?![a-z=-])`);
    expect(spelt.test('--new-due "2024-13" is not a real date')).toBe(true);
    expect(spelt.test('Run "track list --format ids" to see the ids')).toBe(true);
    expect(spelt.test('--date=format:%Y-%m-%d')).toBe(false);
    expect(spelt.test('git fetch --unshallow')).toBe(false);
  });
});

describe('cli/ declares, prints and exits', () => {
  it('a command runner (cli/run/) neither finds a workspace nor writes a file itself: its command does', () => {
    const runners = FILES.filter((f) => f.startsWith('cli/run/'));
    expect(runners.length).toBeGreaterThan(15);
    const itself = runners.flatMap((f) => imports(f, true).filter((m) => /^node:fs|\/write\/|\/records\/(root|config)\.js$/.test(m)).map((m) => `${f}: ${m}`));
    expect(itself).toEqual([]);
  });
});

describe('rules live in rules/, and the writer runs none of its own', () => {
  it('no module in write/, history/ or records/ imports rules/', () => {
    const below = FILES.filter((f) => /^(write|history|records)\//.test(f));
    expect(below.filter((f) => imports(f).some((m) => /(^|\/)rules\//.test(m)))).toEqual([]);
  });

  it('every rule is defined in rules/', () => {
    const defining = FILES.filter((f) => /:\s*Rule\s*=\s*\{/.test(text(f)));
    expect(defining.length).toBeGreaterThan(3);
    expect(defining.filter((f) => !f.startsWith('rules/'))).toEqual([]);
  });
});

describe('no code is made from text at run time', () => {
  it('nothing under src/ builds a program from a string (the old reader evaluated its own source in a worker)', () => {
    const offenders = FILES.filter((file) => /\bnew Function\s*\(|\beval\s*\(|\beval\s*:\s*true/.test(text(file)));
    expect(offenders).toEqual([]);
  });
});

/** Modules outside write/ that change the disk themselves, and why. */
const OWN_SCRATCH: Record<string, string> = {
  'cli/input.ts': 'a scratch folder in the system temporary folder for the editor, removed once it closes',
};

describe('one writer', () => {
  it('only write/ makes folders or writes, renames and removes files (the workspace is changed in one place)', () => {
    // The functions of node:fs that change the disk; reading is anyone's.
    const changes = /\b(?:mkdirSync|mkdtempSync|writeFileSync|appendFileSync|renameSync|rmSync|unlinkSync|rmdirSync|copyFileSync|cpSync|symlinkSync|linkSync|truncateSync|ftruncateSync|writeSync|mkdir|writeFile|appendFile|rename|rm|unlink|copyFile)\b/;
    const offenders = FILES.filter((f) => !f.startsWith('write/') && !(f in OWN_SCRATCH)).flatMap((f) =>
      [...text(f).matchAll(/import\s*\{([^}]*)\}\s*from\s*'node:fs(?:\/promises)?'/g)].flatMap((m) => (changes.test(m[1]!) ? [`${f}: ${m[1]!.trim()}`] : [])),
    );
    expect(offenders).toEqual([]);
  });
});
