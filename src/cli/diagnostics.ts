// Printing diagnostics: text with the offending line and a caret, JSON, and
// GitHub workflow annotations.

import type { Diagnostic } from '../records/diagnostic.js';
import type { SourceLines } from '../records/locate.js';
import type { CliStream } from './context.js';
import { palette } from './terminal.js';

export interface TextOptions {
  color: boolean;
  /** The files' lines, to show the offending ones; omitted, no snippets. */
  sources?: Pick<SourceLines, 'line'>;
  /** Print hints under the problems (the default); without, one line per problem. */
  hints?: boolean;
}

/**
 * Problems as text, one line each (with its source line and a caret, and
 * its hint, when asked), in parts of a few hundred problems: a big
 * workspace's output is never one string. The parts joined are the whole.
 */
export function* formatDiagnosticsText(diagnostics: readonly Diagnostic[], options: TextOptions): Generator<string> {
  const c = palette(options.color);
  for (let from = 0; from < diagnostics.length; from += PART) {
    const out: string[] = [];
    for (const d of diagnostics.slice(from, from + PART)) {
      const severity = d.severity === 'error' ? c.red('error') : c.yellow('warning');
      out.push(`${c.bold(`${d.file}:${d.line}:${d.column}`)} ${severity} ${c.dim(d.rule)} ${d.message}`);
      const text = d.line > 0 ? options.sources?.line(d.file, d.line) : undefined;
      if (text !== undefined && text.trim() !== '') {
        const gutter = String(d.line).padStart(5);
        const shown = text.length > 200 ? `${text.slice(0, 200)}…` : text;
        out.push(`${c.dim(`${gutter} |`)} ${shown}`);
        out.push(`${' '.repeat(gutter.length)} ${c.dim('|')} ${' '.repeat(Math.max(0, Math.min(d.column - 1, 200)))}${c.red('^')}`);
      }
      if (d.hint && options.hints !== false) out.push(`${' '.repeat(7)}${c.cyan('hint:')} ${d.hint}`);
    }
    yield `${out.join('\n')}\n`;
  }
}

export function printDiagnostics(stream: CliStream, diagnostics: readonly Diagnostic[], options: TextOptions): void {
  for (const part of formatDiagnosticsText(diagnostics, options)) stream.write(part);
}

/** Problems per part of the text, JSON and GitHub formats. */
const PART = 500;

/**
 * `validate --format json`: the documented array, with exactly its six keys
 * (hints are in the text and GitHub formats), in parts of a few hundred
 * problems: a big workspace's 20 MB of JSON is never one string. The parts
 * joined are `JSON.stringify(rows, null, 2)` and a newline.
 */
export function* diagnosticsJson(diagnostics: readonly Diagnostic[]): Generator<string> {
  if (diagnostics.length === 0) {
    yield '[]\n';
    return;
  }
  for (let from = 0; from < diagnostics.length; from += PART) {
    const rows = diagnostics.slice(from, from + PART).map((d) => ({
      path: d.file,
      line: d.line,
      column: d.column,
      severity: d.severity,
      rule: d.rule,
      message: d.message,
    }));
    // The part's array without its brackets: "[\n  {…},\n  {…}\n]" less its first two and last two characters.
    const inner = JSON.stringify(rows, null, 2).slice(2, -2);
    yield `${from === 0 ? '[\n' : ',\n'}${inner}${from + PART >= diagnostics.length ? '\n]\n' : ''}`;
  }
}

// https://docs.github.com/actions/reference/workflow-commands-for-github-actions
// Most text holds nothing to escape: a test first spares copying it four times over.
const DATA_SPECIAL = /[%\r\n]/;
const PROPERTY_SPECIAL = /[%\r\n:,]/;
const escapeData = (s: string) => (DATA_SPECIAL.test(s) ? s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A') : s);
const escapeProperty = (s: string) => (PROPERTY_SPECIAL.test(s) ? escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C') : s);

/**
 * Workflow annotations, in parts (as `formatDiagnosticsText`). `prefix` is
 * the workspace's folder in the repository ("" or ending in "/"): GitHub
 * attaches an annotation only to a path from the repository's top.
 */
export function* diagnosticsGithub(diagnostics: readonly Diagnostic[], prefix = ''): Generator<string> {
  // A file's problems come one after another: its path is escaped once.
  let file = '';
  let escapedFile = '';
  for (let from = 0; from < diagnostics.length; from += PART) {
    let out = '';
    for (let i = from; i < Math.min(diagnostics.length, from + PART); i++) {
      const d = diagnostics[i]!;
      if (i === 0 || d.file !== file) {
        file = d.file;
        escapedFile = escapeProperty(prefix + file);
      }
      const kind = d.severity === 'error' ? 'error' : 'warning';
      const message = d.hint ? `${d.message} (${d.hint})` : d.message;
      out += `::${kind} file=${escapedFile},line=${d.line},col=${d.column},title=${escapeProperty(d.rule)}::${escapeData(message)}\n`;
    }
    yield out;
  }
}

/** A table cell: one line, no pipes or HTML, control characters shown escaped. */
function cell(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is escaped here
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/\r?\n|\r/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|])/g, '\\$1');
}

/**
 * A Markdown table of every problem, for a CI job's summary (GitHub shows
 * only the first few annotations). Paths from the repository's top, as in
 * `diagnosticsGithub`.
 */
export function diagnosticsMarkdown(diagnostics: readonly Diagnostic[], summary: string, prefix = ''): string {
  const out = [`### track validate: ${summary}`, ''];
  if (diagnostics.length === 0) return `${out.join('\n')}No problems.\n\n`;
  out.push('| file | line | column | severity | rule | problem |', '| --- | ---: | ---: | --- | --- | --- |');
  for (const d of diagnostics) {
    const message = d.hint ? `${d.message} (${d.hint})` : d.message;
    out.push(`| ${cell(prefix + d.file)} | ${d.line} | ${d.column} | ${d.severity} | ${cell(d.rule)} | ${cell(message)} |`);
  }
  return `${out.join('\n')}\n\n`;
}
