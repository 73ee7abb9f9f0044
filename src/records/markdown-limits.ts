// What the Markdown renderer (marked) can take. Its parser recurses once per
// level of block quote, list and emphasis: 3,000 ">" or a few thousand nested
// "**" exhaust the stack, and megabytes of nested lists take minutes. Text
// over these bounds is a problem of its record (rule markdown-too-complex),
// never passed to the renderer.

import type { Diagnostic, YamlPath } from './diagnostic.js';
import { YamlLocator } from './frontmatter.js';

/** Block quotes, list markers and indentation (a level per 4 columns) on one line. */
export const MARKDOWN_MAX_DEPTH = 32;
/** Emphasis characters (* and _) in one paragraph: each may open a level. */
export const MARKDOWN_MAX_EMPHASIS = 1_000;
/** A record's text (its body, an update's note or reason). */
export const MARKDOWN_MAX_CHARS = 100_000;
/** A whole paper, as the template renders it, before it becomes HTML or PDF. */
export const PAPER_MAX_CHARS = 8_000_000;

export interface MarkdownProblem {
  /** 1-based, within the text. */
  line: number;
  column: number;
  message: string;
  hint: string;
}

const SPACE = 32;
const TAB = 9;
const GT = 62;

/** How deep the line starting at `at` nests: block quotes, list markers, indentation. */
function depthAt(text: string, at: number): number {
  let quotes = 0;
  let markers = 0;
  let indent = 0;
  let j = at;
  for (;;) {
    const c = text.charCodeAt(j);
    if (c === SPACE) indent++;
    else if (c === TAB) indent += 4;
    else if (c === GT) quotes++;
    else if ((c === 45 || c === 42 || c === 43) && (text.charCodeAt(j + 1) === SPACE || text.charCodeAt(j + 1) === TAB)) markers++;
    else if (c >= 48 && c <= 57) {
      let k = j;
      while (k - j < 9 && text.charCodeAt(k) >= 48 && text.charCodeAt(k) <= 57) k++;
      const d = text.charCodeAt(k);
      if ((d !== 46 && d !== 41) || text.charCodeAt(k + 1) !== SPACE) break;
      markers++;
      j = k;
    } else break;
    j++;
  }
  return quotes + markers + Math.floor(indent / 4);
}

/** Characters as a reader counts them (an emoji is one); counted only for a text that may be over `max`. */
export function charactersOver(text: string, max: number): number | undefined {
  if (text.length <= max) return undefined;
  let n = 0;
  for (const _ of text) n++;
  return n > max ? n : undefined;
}

/** The first bound `text` goes over, or undefined when the renderer can take it. */
export function markdownProblem(text: string, maxChars = MARKDOWN_MAX_CHARS): MarkdownProblem | undefined {
  const characters = charactersOver(text, maxChars);
  if (characters !== undefined) {
    return {
      line: 1,
      column: 1,
      message: `the text is ${characters.toLocaleString('en-GB')} characters long, more than the ${maxChars.toLocaleString('en-GB')} track renders`,
      hint: 'shorten it, or link to the full document instead',
    };
  }
  // Short text cannot hold enough emphasis marks to matter: only the line starts are looked at.
  const countEmphasis = text.length > MARKDOWN_MAX_EMPHASIS;
  let emphasis = 0;
  let line = 1;
  for (let at = 0; at <= text.length; line++) {
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    const depth = depthAt(text, at);
    if (depth > MARKDOWN_MAX_DEPTH) {
      return {
        line,
        column: 1,
        message: `the text nests ${depth} levels deep (block quotes or lists), more than the ${MARKDOWN_MAX_DEPTH} track renders`,
        hint: 'flatten the quotes or lists',
      };
    }
    let blank = true;
    if (countEmphasis) for (let j = at; j < end; j++) {
      const c = text.charCodeAt(j);
      if (c === 42 || c === 95) emphasis++;
      else if (c !== SPACE && c !== TAB && c !== 13) blank = false;
    }
    if (emphasis > MARKDOWN_MAX_EMPHASIS) {
      return {
        line,
        column: 1,
        message: `the paragraph has more than ${MARKDOWN_MAX_EMPHASIS.toLocaleString('en-GB')} emphasis marks (* or _), more than track renders`,
        hint: 'remove the stray * and _ characters, or put the text in a code block',
      };
    }
    if (blank || !countEmphasis) emphasis = 0;
    at = end + 1;
  }
  return undefined;
}

export const MARKDOWN_RULE = 'markdown-too-complex';

/**
 * The record's texts over the renderer's bounds, as diagnostics: the body
 * placed at its own line in the file, and YAML texts (notes) at their value.
 */
export function markdownDiagnostics(file: string, yaml: string, body: string, fields: readonly { path: YamlPath; text: string }[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const found = (line: number, column: number, p: MarkdownProblem) =>
    out.push({ rule: MARKDOWN_RULE, severity: 'error', file, line, column, message: p.message, hint: p.hint });
  const inBody = markdownProblem(body);
  if (inBody) {
    // The YAML text starts with the opening "---" line's break, so it spans that line too; then "---", then the body.
    let lines = 1;
    for (let i = yaml.indexOf('\n'); i >= 0; i = yaml.indexOf('\n', i + 1)) lines++;
    found(lines + 1 + inBody.line, inBody.column, inBody);
  }
  let locator: YamlLocator | undefined;
  for (const field of fields) {
    const p = markdownProblem(field.text);
    if (!p) continue;
    const at = (locator ??= new YamlLocator(yaml)).locate(field.path, 'value');
    found(at.line, at.column, p);
  }
  return out;
}
