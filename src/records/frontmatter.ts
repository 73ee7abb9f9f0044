// The only module that splits frontmatter and talks to the YAML parsers.
//
// Records are parsed twice only when they have a problem: js-yaml (fast, no
// positions) reads every file; the `yaml` package (positions, slower) is used
// to find the line and column of a problem, and for files with anchors, where
// it guards against alias bombs.

import { scanPath } from './scan.js';
import jsYaml from 'js-yaml';
import { createRequire } from 'node:module';
import type { Node, Document } from 'yaml';
import type { YamlPath } from './diagnostic.js';

/** A problem found while reading a file, already placed in it. */
export interface ReadProblem {
  rule: string;
  message: string;
  hint?: string;
  line: number;
  column: number;
}

export interface Position {
  line: number;
  column: number;
}

export interface FrontmatterParts {
  /** The raw YAML text; its first line is the rest of the opening `---` line. */
  yaml: string;
  /**
   * The same with its last line break, for the parser: js-yaml copies a text
   * that lacks one to add it, and then copies it again to end it.
   */
  yamlWithBreak: string;
  /** The Markdown after the closing `---`. */
  body: string;
}

// The yaml package is needed only to place a problem or read anchors: load it on first use.
type YamlModule = typeof import('yaml');
let yamlModule: YamlModule | undefined;
const requireModule = createRequire(import.meta.url);
function yamlLib(): YamlModule {
  return (yamlModule ??= requireModule('yaml') as YamlModule);
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Decode a file's bytes as strict UTF-8, without a BOM. */
export function decodeText(bytes: Uint8Array): { text: string } | { problem: ReadProblem } {
  try {
    // TextDecoder drops a leading BOM by default.
    return { text: UTF8.decode(bytes) };
  } catch {
    const at = firstInvalidUtf8(bytes);
    return {
      problem: {
        rule: 'encoding',
        message: 'the file is not valid UTF-8 text',
        hint: 'save it again as UTF-8 (in most editors: Save As, Encoding: UTF-8)',
        ...at,
      },
    };
  }
}

/** Line and column of the first byte that breaks UTF-8. */
function firstInvalidUtf8(bytes: Uint8Array): Position {
  let line = 1;
  let lineStart = 0;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    let ok = need >= 0 && i + need < bytes.length;
    for (let k = 1; ok && k <= need; k++) ok = (bytes[i + k]! & 0xc0) === 0x80;
    if (!ok) return { line, column: i - lineStart + 1 };
    if (b === 0x0a) {
      line++;
      lineStart = i + 1;
    }
    i += need + 1;
  }
  return { line, column: 1 };
}

const CONFLICT_RE = /^(<{7}|>{7})(?: |$)|^={7}$/m;

/** The first git merge-conflict marker in a text, if any. */
export function findConflictMarker(text: string): Position | undefined {
  if (!text.includes('=======') && !text.includes('<<<<<<<') && !text.includes('>>>>>>>')) return undefined;
  const match = CONFLICT_RE.exec(text);
  if (!match) return undefined;
  return { line: lineOf(text, match.index), column: 1 };
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Split a record into its YAML frontmatter and Markdown body. */
export function splitFrontmatter(text: string): { parts: FrontmatterParts } | { problem: ReadProblem } {
  if (!/^---[^\S\r\n]*[A-Za-z]*[^\S\r\n]*\r?\n/.test(text) && text !== '---') {
    return {
      problem: {
        rule: 'no-frontmatter',
        message: 'the file has no frontmatter',
        hint: 'start the file with a line "---", then the YAML keys, then another line "---"',
        line: 1,
        column: 1,
      },
    };
  }
  const language = /^---[^\S\r\n]*([^\r\n]*)/.exec(text)?.[1]?.trim() ?? '';
  if (language !== '' && language !== 'yaml' && language !== 'yml') {
    return {
      problem: {
        rule: 'frontmatter-language',
        message: `frontmatter in "${language}" is refused: only YAML is read, and nothing in a record is ever run`,
        hint: 'write the opening line as "---" and the keys as YAML',
        line: 1,
        column: 4,
      },
    };
  }
  const bounds = frontmatterBounds(text);
  if (!bounds) {
    return {
      problem: {
        rule: 'no-frontmatter',
        message: 'the frontmatter is never closed',
        hint: 'add a line "---" after the last YAML key, before the text',
        line: 1,
        column: 1,
      },
    };
  }
  // The YAML starts at the first line break, so YAML line N is file line N.
  const yamlEnd = text[bounds.close - 1] === '\r' ? bounds.close - 1 : bounds.close;
  return { parts: { yaml: text.slice(bounds.open, yamlEnd), yamlWithBreak: text.slice(bounds.open, bounds.close + 1), body: text.slice(bounds.body) } };
}

/**
 * Where a record's frontmatter lies: `open` is the line break ending the
 * opening "---" line, `close` the line break before the closing one, `body`
 * where the Markdown starts. The closing line is exactly "---" (trailing
 * spaces allowed). The loader and the writer both cut a record here.
 */
export function frontmatterBounds(text: string): { open: number; close: number; body: number } | undefined {
  const open = text.indexOf('\n');
  if (open === -1) return undefined;
  CLOSE_RE.lastIndex = open;
  const close = CLOSE_RE.exec(text);
  return close ? { open, close: close.index, body: close.index + close[0].length } : undefined;
}

const CLOSE_RE = /\n---[^\S\r\n]*(?:\r?\n|$)/g;

const ANCHOR_RE = /(?:^|[\s,[{:-])&[^\s,[\]{}]/;

/**
 * Parse YAML text safely: YAML 1.2 core types only (dates stay strings),
 * duplicate keys and custom tags refused, `__proto__` kept as a plain key,
 * alias bombs refused. `lineOffset` is added to every line reported.
 */
export function parseYaml(text: string, lineOffset = 0): { data: unknown } | { problem: ReadProblem } {
  if (text.includes('&') && ANCHOR_RE.test(text)) return parseWithAliases(text, lineOffset);
  try {
    return { data: jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA }) };
  } catch (error) {
    if (!(error instanceof jsYaml.YAMLException)) throw error;
    // The `yaml` package places most mistakes better (a tag at the tag, not
    // after the value); js-yaml's mark is the fallback.
    const placed = firstYamlError(text, lineOffset);
    if (placed) return { problem: placed };
    const mark = error.mark ?? { line: 0, column: 0 };
    return { problem: { ...yamlProblemKind(error.reason ?? error.message), line: mark.line + 1 + lineOffset, column: mark.column + 1 } };
  }
}

function firstYamlError(text: string, lineOffset: number): ReadProblem | undefined {
  const { LineCounter, parseDocument } = yamlLib();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, schema: 'core', prettyErrors: false });
  const first = doc.errors[0] ?? doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
  if (!first) return undefined;
  const pos = lineCounter.linePos(first.pos[0]);
  const kind = first.code === 'DUPLICATE_KEY' ? 'duplicated mapping key' : first.code === 'TAG_RESOLVE_FAILED' ? 'unknown tag' : first.message;
  return { ...yamlProblemKind(kind.replace(/ at line \d+, column \d+:?[\s\S]*$/, '')), line: pos.line + lineOffset, column: pos.col };
}

function yamlProblemKind(reason: string): { rule: string; message: string; hint: string } {
  if (/duplicated mapping key/i.test(reason)) {
    return { rule: 'duplicate-key', message: 'this key appears twice', hint: 'keep one of them' };
  }
  if (/unknown tag/i.test(reason)) {
    return {
      rule: 'yaml-tag',
      message: 'custom YAML tags (!something) are not allowed in records',
      hint: 'remove the tag and write the plain value',
    };
  }
  if (/call stack/i.test(reason)) {
    return { rule: 'yaml-syntax', message: 'the YAML is nested too deeply to read', hint: 'records need only a few levels of lists and keys' };
  }
  return { rule: 'yaml-syntax', message: `YAML syntax: ${reason}`, hint: 'check the indentation and quoting on this line' };
}

function parseWithAliases(text: string, lineOffset: number): { data: unknown } | { problem: ReadProblem } {
  const placed = firstYamlError(text, lineOffset);
  if (placed) return { problem: placed };
  const doc = yamlLib().parseDocument(text, { uniqueKeys: true, schema: 'core' });
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch {
    return {
      problem: {
        rule: 'yaml-alias',
        message: 'too many YAML aliases (*name): this looks like an attempt to exhaust memory',
        hint: 'write the values out in full instead of using anchors and aliases',
        line: 1 + lineOffset,
        column: 1,
      },
    };
  }
  if (holdsItself(data)) {
    return {
      problem: {
        rule: 'yaml-alias',
        message: 'a YAML alias (*name) stands inside the value it names, which makes a value with no end',
        hint: 'write the value out in full instead of using an anchor and an alias',
        line: 1 + lineOffset,
        column: 1,
      },
    };
  }
  return { data };
}

/** Whether a value read through aliases holds itself (`x: &a [1, *a]`): no command could print it. */
function holdsItself(value: unknown): boolean {
  const open = new Set<object>();
  const done = new Set<object>();
  const visit = (v: unknown): boolean => {
    if (v === null || typeof v !== 'object') return false;
    if (done.has(v)) return false;
    if (open.has(v)) return true;
    open.add(v);
    for (const child of Object.values(v)) if (visit(child)) return true;
    open.delete(v);
    done.add(v);
    return false;
  };
  return visit(value);
}

/** Finds the line and column of a YAML path, parsing with positions on first use. */
export class YamlLocator {
  private doc: Document | undefined;
  private lines: string[] | undefined;
  // Made on first use, so building a locator never loads the yaml package.
  private lineCounter: InstanceType<YamlModule['LineCounter']> | undefined;

  constructor(
    private readonly text: string,
    /** Added to every line: the file line before the YAML's first line. */
    private readonly lineOffset = 0,
  ) {}

  /**
   * By a full parse; but where the yaml package refuses what js-yaml (the
   * loader) reads, such as a quoted value whose next lines are not indented,
   * by the line scanner, which reads those as js-yaml does.
   */
  locate(path: YamlPath, target: 'key' | 'value' = 'value'): Position {
    const full = this.locateFully(path, target);
    if (this.doc!.errors.length === 0) return full;
    const quick = scanPath((this.lines ??= this.text.split('\n')), path, target);
    return quick ? { line: quick.line + this.lineOffset, column: quick.column } : full;
  }

  /** By a full parse with the yaml package. */
  locateFully(path: YamlPath, target: 'key' | 'value' = 'value'): Position {
    const { parseDocument, isMap, isSeq, isScalar, isPair } = yamlLib();
    const lineCounter = (this.lineCounter ??= new (yamlLib().LineCounter)());
    this.doc ??= parseDocument(this.text, { lineCounter, uniqueKeys: false, schema: 'core' });
    let node: Node | null | undefined = this.doc.contents;
    let keyNode: Node | undefined;
    let best: number | undefined;
    for (const segment of path) {
      let next: Node | null | undefined;
      let nextKey: Node | undefined;
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
        if (pair) {
          next = pair.value as Node | null;
          nextKey = pair.key as Node;
        }
      } else if (isSeq(node) && typeof segment === 'number') {
        next = node.items[segment] as Node | undefined;
        nextKey = next ?? undefined;
      }
      if (!nextKey) break;
      best = (nextKey.range ?? [0])[0];
      node = next;
      keyNode = nextKey;
      if (next && target === 'value') best = (next.range ?? [best])[0];
    }
    if (keyNode && target === 'key') best = (keyNode.range ?? [0])[0];
    if (best === undefined) return { line: 1 + this.lineOffset, column: 1 };
    const pos = lineCounter.linePos(best);
    return { line: pos.line + this.lineOffset, column: pos.col };
  }
}

/**
 * The raw text of a top-level key's line in a record ("due: 2008-06-30"), or
 * undefined. A cheap pre-check: two versions with the same line hold the same
 * value, so they need not be parsed to compare it.
 */
export function topLevelLine(text: string, key: string): string | undefined {
  const match = new RegExp(`^${key}[ \\t]*:.*$`, 'm').exec(text);
  return match?.[0].trimEnd();
}
