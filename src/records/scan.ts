// Finding a YAML path's line and column by scanning lines, without a parser:
// most records are plain block YAML. Answers undefined for anything it does
// not understand, and the caller parses in full (YamlLocator).

import type { YamlPath } from './diagnostic.js';
import type { Position } from './frontmatter.js';

const TOP_KEY_RE = /^[A-Za-z_][\w-]*[^\S\r\n]*:(\s|$)/;
/** What follows a key: optional spaces, the colon, then white space or the end. */
const COLON_RE = /[^\S\r\n]*:(\s|$)/y;

function firstContent(indents: Indents, from: number, to: number): number | undefined {
  for (let i = from; i < to; i++) if (indents[i]! >= 0) return i;
  return undefined;
}

// These run on every line of thousands of files: they look at characters in
// place rather than trimming or slicing lines into new strings.

/** The index of the first character at or after `from` that is not white space (as trim() sees it), or the line's length. */
function skipSpace(line: string, from: number): number {
  let i = from;
  for (; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 32 || (c >= 9 && c <= 13)) continue;
    if (c > 127 && /\s/.test(line[i]!)) continue;
    break;
  }
  return i;
}

const HASH = 35;
const DASH = 45;
const indentOf = (line: string) => skipSpace(line, 0);
/**
 * Each line's indent, or -1 for a line that is blank, a comment, or inside a
 * quoted value that runs over several lines (`title: "a long⏎stage: 3"`: the
 * second line is text, not a key). Worked out once per file, as every search
 * below walks the same lines again.
 */
type Indents = Int32Array;

export function indentsOf(lines: readonly string[]): Indents {
  const indents = new Int32Array(lines.length);
  let open: number | undefined; // the quote (34 or 39) of a value that runs on to the next line
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (open !== undefined) {
      indents[i] = -1;
      const end = closeQuote(line, 0, open);
      if (end !== undefined) open = undefined;
      continue;
    }
    const first = skipSpace(line, 0);
    const content = first < line.length && line.charCodeAt(first) !== HASH;
    indents[i] = content ? first : -1;
    // Only a line with a quote in it can leave one open.
    if (content && (line.indexOf('"', first) !== -1 || line.indexOf("'", first) !== -1)) open = openQuoteAtEnd(line, first);
  }
  return indents;
}

const DQUOTE = 34;
const SQUOTE = 39;

/**
 * The index just after the quote `quote` that closes a scalar whose text
 * starts at `from`, or undefined when the line ends first. In double quotes a
 * backslash escapes the next character; in single quotes '' is one quote.
 */
function closeQuote(line: string, from: number, quote: number): number | undefined {
  for (let i = from; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (quote === DQUOTE && c === 92) i++;
    else if (c === quote) {
      if (quote === SQUOTE && line.charCodeAt(i + 1) === SQUOTE) i++;
      else return i + 1;
    }
  }
  return undefined;
}

/**
 * Whether a content line leaves a quoted scalar open at its end (its key's or
 * a sequence entry's value starts with a quote that the line does not close):
 * the quote, or undefined.
 */
function openQuoteAtEnd(line: string, first: number): number | undefined {
  let at = first;
  // Sequence dashes: "- ", "- - ".
  while (line.charCodeAt(at) === DASH && (at + 1 === line.length || /\s/.test(line[at + 1]!))) at = skipSpace(line, at + 1);
  for (let part = 0; part < 2 && at < line.length; part++) {
    const c = line.charCodeAt(at);
    if (c === DQUOTE || c === SQUOTE) {
      const end = closeQuote(line, at + 1, c);
      if (end === undefined) return c;
      at = end;
    } else if (part === 0) {
      // A plain key (or a plain value): its colon, if it is a key.
      const colon = plainColon(line, at);
      if (colon === undefined) return undefined;
      at = colon;
    } else {
      return undefined;
    }
    if (part === 0) {
      // After a quoted or plain key: the colon, then the value.
      at = skipSpace(line, at);
      if (line.charCodeAt(at) !== 58) return undefined;
      at = skipSpace(line, at + 1);
    }
  }
  return undefined;
}

/** The index of the colon that ends a plain key starting at `from` (followed by white space or the end), or undefined. */
function plainColon(line: string, from: number): number | undefined {
  for (let i = from; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === HASH && i > from && /\s/.test(line[i - 1]!)) return undefined;
    if (c === 58 && (i + 1 === line.length || /\s/.test(line[i + 1]!))) return i;
  }
  return undefined;
}

/**
 * Find a path in block-style YAML by indentation alone. Returns undefined for
 * anything it does not understand (flow mappings, quoted keys, anchors), so the
 * caller can fall back to a real parse.
 */
export function scanPath(lines: readonly string[], path: YamlPath, target: 'key' | 'value', indents = indentsOf(lines)): Position | undefined {
  // The block being searched: lines [from, to), whose keys sit at `indent`.
  let from = 0;
  let to = lines.length;
  let indent = 0;
  let found: Position | undefined;
  for (let s = 0; s < path.length; s++) {
    const segment = path[s]!;
    if (typeof segment === 'string') {
      const hit = findKey(lines, indents, from, to, indent, segment);
      // A missing top-level key of a block mapping: the record itself, as a full parse would say.
      if (!hit) return s === 0 && lines.some((l) => TOP_KEY_RE.test(l)) ? { line: 1, column: 1 } : undefined;
      found = { line: hit.line + 1, column: hit.column + 1 };
      from = hit.line + 1;
      to = blockEnd(lines, indents, from, to, hit.column);
      if (target === 'value' && s === path.length - 1) {
        if (hit.value) return hit.value;
        const first = firstContent(indents, from, to);
        return first === undefined ? found : { line: first + 1, column: indents[first]! + 1 };
      }
      indent = -1; // the child block's indent is that of its first line
      if (hit.inline !== undefined) {
        if (s === path.length - 1) return found;
        const next = path[s + 1];
        if (typeof next !== 'number' || s + 1 !== path.length - 1) return undefined;
        const column = flowElement(lines[hit.line]!, hit.inline, next);
        return column === undefined ? undefined : { line: hit.line + 1, column: column + 1 };
      }
    } else {
      const item = findSequenceItem(lines, indents, from, to, segment);
      if (!item) return undefined;
      found = { line: item.line + 1, column: item.column + 1 };
      from = item.line;
      to = blockEnd(lines, indents, item.line + 1, to, item.column, true);
      indent = item.column + 2;
      if (s === path.length - 1) {
        // The item's value starts after the dash ("- leeds-pct", "-   date: …"); one on the lines below is left to a full parse.
        const line = lines[item.line]!;
        const start = skipSpace(line, item.column + 1);
        return start < line.length && line.charCodeAt(start) !== HASH ? { line: item.line + 1, column: start + 1 } : undefined;
      }
    }
  }
  return found;
}

interface KeyHit {
  line: number;
  column: number;
  value?: Position;
  /** Column where an inline flow list starts ("[a, b]"). */
  inline?: number;
}

function findKey(lines: readonly string[], indents: Indents, from: number, to: number, indent: number, key: string): KeyHit | undefined {
  for (let i = from; i < to; i++) {
    let col = indents[i]!;
    if (col < 0) continue;
    const line = lines[i]!;
    // The first key of a sequence item shares the line with its dash.
    if (i === from && line.startsWith('- ', col)) col = skipSpace(line, col + 2);
    if (indent === -1) indent = col;
    if (col !== indent) continue;
    if (!line.startsWith(key, col)) continue;
    COLON_RE.lastIndex = col + key.length;
    if (!COLON_RE.test(line)) continue;
    const valueStart = skipSpace(line, line.indexOf(':', col + key.length) + 1);
    const hasValue = valueStart < line.length && line.charCodeAt(valueStart) !== HASH;
    return {
      line: i,
      column: col,
      ...(hasValue ? { value: { line: i + 1, column: valueStart + 1 } } : {}),
      ...(hasValue && line[valueStart] === '[' ? { inline: valueStart } : {}),
    };
  }
  return undefined;
}

/**
 * The end of the block under a key (or sequence item) at `column`: the next
 * content line left of it, or at it — except that a key's sequence may sit at
 * the key's own column ("updates:\n- date: …").
 */
function blockEnd(lines: readonly string[], indents: Indents, from: number, to: number, column: number, isItem = false): number {
  for (let i = from; i < to; i++) {
    const ind = indents[i]!;
    if (ind < 0) continue;
    if (ind < column || (ind === column && (isItem || lines[i]!.charCodeAt(ind) !== DASH))) return i;
  }
  return to;
}

function findSequenceItem(lines: readonly string[], indents: Indents, from: number, to: number, index: number): { line: number; column: number } | undefined {
  let dashColumn = -1;
  let count = 0;
  for (let i = from; i < to; i++) {
    const col = indents[i]!;
    if (col < 0 || lines[i]!.charCodeAt(col) !== DASH) continue;
    if (dashColumn === -1) dashColumn = col;
    if (col !== dashColumn) continue;
    if (count === index) return { line: i, column: col };
    count++;
  }
  return undefined;
}

/** The column of element `index` of a simple flow list such as "[a, b, c]". */
function flowElement(line: string, open: number, index: number): number | undefined {
  const close = line.indexOf(']', open);
  if (close === -1) return undefined;
  const inner = line.slice(open + 1, close);
  if (/["'[{]/.test(inner) || inner.trim() === '') return undefined;
  let start = open + 1;
  const parts = inner.split(',');
  for (let k = 0; k < parts.length; k++) {
    if (k === index) return start + indentOf(parts[k]!);
    start += parts[k]!.length + 1;
  }
  return undefined;
}
