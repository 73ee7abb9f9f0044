// Writing values as YAML text that every reader reads back as the same text:
// YAML 1.2 readers (js-yaml, yaml) and YAML 1.1 ones (PyYAML, many CI tools),
// which take yes/no/on/off, dates and times, 1_000, 1:30 and 017 for
// booleans, dates and numbers. Plain when no reader could take it for
// anything else, double-quoted otherwise (control characters escaped), and
// long or multi-line text as a block scalar.

import { parseYaml } from '../records/frontmatter.js';

// Characters YAML gives a meaning to at the start of a plain scalar.
const RISKY_START = /^[-?:,[\]{}#&*!|>'"%@`\s]/;
// Characters YAML cannot hold raw in a plain or block scalar (or that a 1.1
// reader takes for line breaks: NEL, LS, PS), tab apart; and non-characters.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/;
const FLOW_UNSAFE = /[,[\]{}:?#]/;

// What a YAML 1.1 reader (the 1.1 type repository, as PyYAML implements it)
// or a YAML 1.2 reader (core and JSON schemas) resolves a plain scalar to,
// when it is not a string. Written loosely on purpose: quoting a string that
// needed none costs two characters; missing one changes what a reader sees.
const NOT_TEXT = [
  // null, booleans (1.1 also y/n/yes/no/on/off), the merge and value keys.
  /^(~|null|Null|NULL|y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|<<|=)$/,
  // Integers: decimal, 0b, 0o, 0x, 1.1 octal (017), underscores, sexagesimal (1:30).
  /^[-+]?(0b[0-1_]+|0o?[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*(:[0-5]?[0-9])*)$/,
  // Floats: 1.5, .5, 1e3, 1_000.5, 1:30.5, .inf, .nan.
  /^[-+]?([0-9][0-9_]*)?\.?[0-9_]*([eE][-+]?[0-9]+)?$/,
  /^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*$/,
  /^[-+]?\.(inf|Inf|INF)$/,
  /^\.(nan|NaN|NAN)$/,
  // Dates and times (1.1 timestamps): 2008-03-10, 2008-3-1 10:00:00Z and the like.
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt]|[ \t]+|$)/,
];

/** Whether a YAML 1.1 or 1.2 reader could take this plain scalar for something other than text. */
export function looksTyped(value: string): boolean {
  return NOT_TEXT.some((re) => re.test(value));
}

/** Whether `value` written as a plain scalar reads back as the same string in every reader. */
function plainReadsBack(value: string, flow: boolean): boolean {
  if (value === '' || RISKY_START.test(value) || /\s$/.test(value)) return false;
  if (CONTROL.test(value) || /[\r\n\t]/.test(value)) return false;
  if (value.includes(': ') || value.includes(' #') || value.endsWith(':')) return false;
  if (flow && FLOW_UNSAFE.test(value)) return false;
  if (looksTyped(value)) return false;
  // Read back as the loader reads, in case a rule above missed a case.
  const read = parseYaml(flow ? `[${value}]` : `k: ${value}`);
  return 'data' in read && (read.data as Record<string | number, unknown> | null)?.[flow ? 0 : 'k'] === value;
}

/** A double-quoted YAML scalar: JSON's escapes are valid YAML escapes; the rest of what YAML cannot hold raw is escaped too. */
export function quoted(value: string): string {
  return JSON.stringify(value).replace(/[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A value on one line after "key: " (or inside a flow list, `flow`). */
export function scalar(value: string | number, flow = false): string {
  if (typeof value === 'number') return String(value);
  return plainReadsBack(value, flow) ? value : quoted(value);
}

/**
 * A date (YYYY-MM-DD or YYYY-MM) for a date key (`due`, `date`, `new_due`):
 * plain, as the records contract writes dates; a YAML 1.1 reader taking it for
 * a date reads what it means. Anything else is written as text.
 */
export function dateScalar(value: string, flow = false): string {
  return /^\d{4}-\d{2}(-\d{2})?$/.test(value) ? value : scalar(value, flow);
}

/** Keep the quoting the file already used for a value being replaced. */
export function scalarLike(value: string | number, style: string | undefined): string {
  const text = String(value);
  if (style === 'QUOTE_DOUBLE') return quoted(text);
  if (style === 'QUOTE_SINGLE' && !CONTROL.test(text) && !/[\r\n]/.test(text)) return `'${text.replace(/'/g, "''")}'`;
  return scalar(value);
}

/** Text longer than this, or with a line break, goes in a block scalar. */
export const BLOCK_AFTER = 72;

/**
 * "key: value" lines for free text: one line when short, else a `|` block
 * whose lines are indented `indent + 2`. Returned without line endings.
 * Line endings become "\n" and trailing white space goes.
 */
export function textLines(key: string, text: string, indent: string): string[] {
  const value = text.replace(/\r\n?/g, '\n').replace(/\s+$/, '');
  const oneLine = !value.includes('\n') && value.length <= BLOCK_AFTER;
  // A block scalar cannot hold control characters, nor a line ending in white space that every reader keeps the same.
  if (oneLine || CONTROL.test(value) || value === '' || /[ \t]\n/.test(value)) return [`${indent}${key}: ${scalar(value)}`];
  const lines = value.split('\n');
  const indicator = /^[ \t]/.test(lines.find((l) => l.trim() !== '') ?? '') ? '2' : '';
  const inner = `${indent}  `;
  return [`${indent}${key}: |${indicator}`, ...lines.map((l) => (l.trim() === '' ? '' : `${inner}${l}`))];
}
