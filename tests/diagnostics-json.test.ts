// validate --format json is written in parts; joined, they are the documented array exactly.

import { describe, expect, it } from 'vitest';
import { diagnosticsGithub, diagnosticsJson, formatDiagnosticsText } from '../src/cli/diagnostics.js';
import type { Diagnostic } from '../src/records/diagnostic.js';

const problem = (n: number): Diagnostic => ({
  rule: n % 2 ? 'stale' : 'overdue',
  severity: n % 3 ? 'warning' : 'error',
  file: `records/cd/r${n}.md`,
  line: n,
  column: 3,
  message: `a "quoted" message ${n}\twith a tab`,
  hint: 'not in the JSON',
});

const whole = (ds: Diagnostic[]) => `${JSON.stringify(ds.map((d) => ({ path: d.file, line: d.line, column: d.column, severity: d.severity, rule: d.rule, message: d.message })), null, 2)}\n`;

describe('validate --format json', () => {
  it.each([0, 1, 2, 499, 500, 501, 1000, 1234])('joins to the whole array for %i problems', (n) => {
    const ds = Array.from({ length: n }, (_, i) => problem(i + 1));
    const parts = [...diagnosticsJson(ds)];
    expect(parts.join('')).toBe(whole(ds));
    expect(JSON.parse(parts.join(''))).toHaveLength(n);
  });

  it('is written in parts, so a big workspace is never one string', () => {
    const ds = Array.from({ length: 2000 }, (_, i) => problem(i + 1));
    const parts = [...diagnosticsJson(ds)];
    expect(parts.length).toBeGreaterThan(1);
    expect(Math.max(...parts.map((p) => p.length))).toBeLessThan(whole(ds).length / 2);
  });
});

describe('validate --format text and github', () => {
  it('are written in parts that join to one line a problem (text) and one annotation a problem (github), in order', () => {
    for (const n of [0, 1, 500, 501, 1234]) {
      const ds = Array.from({ length: n }, (_, i) => problem(i + 1));
      const text = [...formatDiagnosticsText(ds, { color: false, hints: false })];
      const github = [...diagnosticsGithub(ds)];
      expect(text.length).toBe(Math.ceil(n / 500));
      expect(github.length).toBe(Math.ceil(n / 500));
      expect(text.join('')).toBe(ds.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.rule} ${d.message}\n`).join(''));
      expect(github.join('')).toBe(ds.map((d) => `::${d.severity} file=${d.file},line=${d.line},col=${d.column},title=${d.rule}::${d.message} (${d.hint})\n`).join(''));
    }
  });
});
