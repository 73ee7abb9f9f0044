// Writing values as YAML text: plain when YAML reads it back as the same
// string, quoted otherwise, and long or multi-line text as a block scalar.

import { parseYaml } from '../records/frontmatter.js';

// Characters YAML gives a meaning to at the start of a plain scalar.
const RISKY_START = /^[-?:,[\]{}#&*!|>'"%@`\s]/;
// Control characters (other than tab) cannot stand in a plain or block scalar.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]/;
const FLOW_UNSAFE = /[,[\]{}]/;

/** Whether `value` written as a plain scalar reads back as the same string. */
function plainReadsBack(value: string, flow: boolean): boolean {
  if (value === '' || RISKY_START.test(value) || /\s$/.test(value)) return false;
  if (CONTROL.test(value) || /[\r\n\t]/.test(value)) return false;
  if (value.includes(': ') || value.includes(' #') || value.endsWith(':')) return false;
  if (flow && FLOW_UNSAFE.test(value)) return false;
  // Read back as the loader reads: numbers (0b101 too), true/false and null are not strings.
  const read = parseYaml(flow ? `[${value}]` : `k: ${value}`);
  return 'data' in read && (read.data as Record<string | number, unknown> | null)?.[flow ? 0 : 'k'] === value;
}

/** A double-quoted YAML scalar: JSON's escapes are all valid YAML escapes. */
export function quoted(value: string): string {
  return JSON.stringify(value).replace(/[\u0080-\u009f\u2028\u2029\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A value on one line after "key: " (or inside a flow list, `flow`). */
export function scalar(value: string | number, flow = false): string {
  if (typeof value === 'number') return String(value);
  return plainReadsBack(value, flow) ? value : quoted(value);
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
 */
export function textLines(key: string, text: string, indent: string): string[] {
  const value = text.replace(/\r\n?/g, '\n').replace(/\s+$/, '');
  const oneLine = !value.includes('\n') && value.length <= BLOCK_AFTER;
  // A block scalar cannot hold control characters or start with a space on its first line without an indicator.
  if (oneLine || CONTROL.test(value) || value === '') return [`${indent}${key}: ${scalar(value)}`];
  const lines = value.split('\n');
  const indicator = /^[ \t]/.test(lines.find((l) => l.trim() !== '') ?? '') ? '2' : '';
  const inner = `${indent}  `;
  return [`${indent}${key}: |${indicator}`, ...lines.map((l) => (l.trim() === '' ? '' : `${inner}${l}`))];
}
