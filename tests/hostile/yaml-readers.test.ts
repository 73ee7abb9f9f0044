// Whatever track writes reads back as the same text in every YAML reader:
// js-yaml and yaml (YAML 1.2), and PyYAML (YAML 1.1, as many CI tools read
// it), where `yes`, `2008-03-10`, `1_000` and `1:30` are not text (issue 14, item 10).

import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import jsYaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { parse as yamlParse } from 'yaml';
import { newItemText } from '../../src/write/new-item.js';
import { dateScalar, scalar, textLines } from '../../src/write/scalar.js';

// What YAML 1.1 or 1.2 readers take for something else, and the characters that break files.
const SPECIAL = [
  'yes', 'no', 'Yes', 'NO', 'on', 'Off', 'y', 'n', 'Y', 'N', 'true', 'False', 'null', 'Null', '~', '', ' ', '<<', '=',
  '2008-03-10', '2008-3-1', '2008-03-10 10:00:00', '2008-03-10T10:00:00Z', '2008-03', '1_000', '1:30', '190:20:30.15', '-1:30',
  '017', '0o17', '0x1F', '0b101', '1e3', '1.5e-3', '.5', '+1', '-0', '.inf', '-.Inf', '.nan', '.NaN', '1,000', '3.14', '12',
  '#', ' #x', 'a: b', 'a:', ':a', '- a', '? a', '[a]', '{a}', '*a', '&a', '!a', '|', '>', "'", '"', '%', '@', '`', ',',
  '\u007f', '\u0000', '\u0007', '\u001b]0;title\u0007', '\u001b[2J', '\u0085', '\u2028', '\u2029', '\ufeff', '\ufffe', '\t', '\r', '\n', '\r\n',
  ' lead', 'trail ', 'x\ty', 'é', '—', '😀', '\\', '\\n',
];

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
// Any code point but a surrogate, the n-th counting past them: fast-check's unit 'binary', drawing the same strings
// for a seed, but told how to read a code point back rather than making a map of all 1.1 million of them, which
// fast-check does for 'binary' when the arbitrary is made (some 3 s of this file's 5).
const codePoint = fc.nat({ max: 0x10f7ff }).map(
  (n) => String.fromCodePoint(n < 0xd800 ? n : n + 0x800),
  (value) => {
    const p = typeof value === 'string' ? value.codePointAt(0) : undefined;
    if (p === undefined || String.fromCodePoint(p) !== value || (p >= 0xd800 && p <= 0xdfff)) throw new Error('not one code point');
    return p < 0xd800 ? p : p - 0x800;
  },
);
const piece = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...SPECIAL) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
  { weight: 2, arbitrary: fc.string({ unit: codePoint, maxLength: 4 }).filter((s) => !LONE_SURROGATE.test(s)) },
  { weight: 1, arbitrary: fc.stringMatching(/^[-+]?[0-9_]{1,4}([.:][0-9]{1,2})?$/) },
);
const text = fc.array(piece, { maxLength: 4 }).map((parts) => parts.join(''));

/** The documents track writes for one value: a one-line scalar, a flow item, free text (maybe a block). */
function documents(value: string): { doc: string; want: unknown }[] {
  const note = value.replace(/\r\n?/g, '\n').replace(/\s+$/, '');
  const lines = textLines('note', value, '');
  return [
    { doc: `k: ${scalar(value)}\n`, want: { k: value } },
    { doc: `k: [${scalar(value, true)}]\n`, want: { k: [value] } },
    // A block scalar ends with one line break (clip); one-line text does not.
    { doc: `${lines.join('\n')}\n`, want: { note: lines.length > 1 ? `${note}\n` : note } },
  ];
}

const readers: [string, (doc: string) => unknown][] = [
  ['js-yaml', (doc) => jsYaml.load(doc)],
  ['yaml', (doc) => yamlParse(doc)],
];

describe('the scalar writer', () => {
  it('reads back as the same text in js-yaml and yaml', () => {
    fc.assert(
      fc.property(text, (value) => {
        for (const { doc, want } of documents(value)) for (const [name, read] of readers) expect([name, read(doc)]).toEqual([name, want]);
      }),
      { numRuns: 600 },
    );
  });

  it('quotes what a YAML 1.1 reader takes for a boolean, date or number, and escapes DEL', () => {
    for (const v of ['yes', 'no', 'on', 'off', 'y', 'N', '2008-03-10', '1_000', '1:30', '017', '.inf', '~', 'null']) expect(scalar(v)).toBe(JSON.stringify(v));
    expect(scalar('a\u007fb')).toBe('"a\\u007fb"');
    expect(scalar('Leeds PCT')).toBe('Leeds PCT');
    expect(dateScalar('2008-03-10')).toBe('2008-03-10');
    expect(newItemText({ title: 'yes', number: 1, owners: ['on'], stage: 4, due: '2008-06-30', text: '' })).toBe('---\ntitle: "yes"\nnumber: 1\nowners: ["on"]\ndue: 2008-06-30\nstage: 4\n---\n');
  });

  it('reads back as the same text in PyYAML (YAML 1.1), checked in one python process', (ctx) => {
    const values = [...SPECIAL, ...fc.sample(text, { numRuns: 1000, seed: 14 })];
    const cases = values.flatMap((value) => documents(value).map((d) => ({ value, ...d })));
    const script = [
      'import json, sys, yaml',
      'out = []',
      'for doc in json.load(sys.stdin):',
      '    try:',
      '        out.append({"ok": yaml.safe_load(doc)})',
      '    except Exception as e:',
      '        out.append({"error": str(e).splitlines()[0]})',
      'json.dump(out, sys.stdout, default=repr)',
    ].join('\n');
    const run = spawnSync('python3', ['-c', script], { input: JSON.stringify(cases.map((c) => c.doc)), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    // Skipped, not passed, without Python or PyYAML (the script's first line imports it).
    if (run.error !== undefined) ctx.skip(`python3 cannot run here: ${run.error.message}`);
    if (/^ModuleNotFoundError: No module named 'yaml'/m.test(run.stderr)) ctx.skip('PyYAML is not installed (Debian: python3-yaml)');
    expect(run.status, run.stderr).toBe(0);
    const results = JSON.parse(run.stdout) as ({ ok: unknown } | { error: string })[];
    const wrong = cases.flatMap((c, i) => (JSON.stringify(results[i]) === JSON.stringify({ ok: c.want }) ? [] : [{ doc: c.doc, got: results[i] }]));
    expect(wrong.slice(0, 5)).toEqual([]);
  });
});
