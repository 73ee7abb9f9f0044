// Reading one file into data plus diagnostics: shared by the config,
// meetings.yaml and every record file.

import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import type { Diagnostic, Severity } from './diagnostic.js';
import { decodeText, findConflictMarker, parseYaml, YamlLocator, type ReadProblem } from './frontmatter.js';
import type { SchemaProblem } from './schema.js';

export function problemToDiagnostic(file: string, problem: ReadProblem, severity: Severity = 'error'): Diagnostic {
  const { rule, message, hint, line, column } = problem;
  return { rule, severity, file, line, column, message, ...(hint ? { hint } : {}) };
}

export function placeProblems(file: string, problems: readonly SchemaProblem[], locator: YamlLocator): Diagnostic[] {
  return problems.map(({ rule, message, hint, path, target }) => {
    const { line, column } = locator.locate(path, target);
    return { rule, severity: 'error', file, line, column, message, ...(hint ? { hint } : {}) };
  });
}

export type TextRead = { text: string } | { diagnostic: Diagnostic };

function unreadable(file: string, code: string): { diagnostic: Diagnostic } {
  return {
    diagnostic: problemToDiagnostic(file, {
      rule: 'unreadable',
      message: `the file cannot be read (${code})`,
      hint: code === 'EACCES' ? 'check the file permissions' : 'check the file exists and is a file',
      line: 1,
      column: 1,
    }),
  };
}

/** Read a file as UTF-8 text, refusing bad encodings and merge-conflict markers. */
export function readText(absPath: string, file: string): TextRead {
  let text: string;
  try {
    text = readFileSync(absPath, 'utf8');
  } catch (error) {
    return unreadable(file, (error as NodeJS.ErrnoException).code ?? 'error');
  }
  return checkText(text, absPath, file);
}

/** A record file's text as `readFiles` read it, checked as `readText` checks. */
/** One record file as read: its text, or why it could not be read (ENOENT, EACCES, EISDIR, …). */
export interface FileRead {
  text?: string;
  code?: string;
}

/**
 * Read a file's text, or the error code; never throws. `opened`, given the
 * descriptor before a byte is read, returns the file's size (or -1) when it
 * has looked at the file (the store stamps it so: the stamp and the text are
 * then of the same file, with one system call fewer than a stat beside a read).
 */
export function readFileText(absPath: string, opened?: (fd: number) => number): FileRead {
  try {
    if (!opened) return { text: readFileSync(absPath, 'utf8') };
    const fd = openSync(absPath, 'r');
    try {
      return { text: readOpen(fd, opened(fd)) };
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    return { code: String((error as { code?: unknown }).code ?? 'error') };
  }
}

let buffer = Buffer.allocUnsafe(1 << 16);

/** The whole of an open file as UTF-8, read into one buffer when `size` (as looked at) is right. */
function readOpen(fd: number, size: number): string {
  if (size < 0) return readFileSync(fd, 'utf8');
  if (buffer.length < size + 1) buffer = Buffer.allocUnsafe(Math.max(2 * buffer.length, size + 1));
  let got = 0;
  for (let n; got < buffer.length && (n = readSync(fd, buffer, got, buffer.length - got, got)) > 0; ) got += n;
  // Grown since it was looked at (the buffer is full): the usual way, from the start (the reads above left the position there).
  if (got === buffer.length) return readFileSync(fd, 'utf8');
  return buffer.toString('utf8', 0, got);
}

export function textOf(read: FileRead, absPath: string, file: string): TextRead {
  return read.text === undefined ? unreadable(file, read.code ?? 'error') : checkText(read.text, absPath, file);
}

function checkText(read: string, absPath: string, file: string): TextRead {
  let text = read;
  // Node's own UTF-8 read is the fastest; it turns bad bytes into U+FFFD, so
  // only a text holding one is read again as bytes and checked strictly.
  if (text.includes('\uFFFD')) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(absPath);
    } catch (error) {
      return unreadable(file, (error as NodeJS.ErrnoException).code ?? 'error');
    }
    const decoded = decodeText(bytes);
    if ('problem' in decoded) return { diagnostic: problemToDiagnostic(file, decoded.problem) };
    text = decoded.text;
  } else if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
  }
  const conflict = findConflictMarker(text);
  if (conflict) {
    return {
      diagnostic: problemToDiagnostic(file, {
        rule: 'merge-conflict',
        message: 'the file holds git merge-conflict markers',
        hint: 'resolve the conflict: keep the right lines and delete the <<<<<<<, ======= and >>>>>>> lines',
        ...conflict,
      }),
    };
  }
  return { text };
}

/** Read a whole-YAML file (the config, meetings.yaml). */
export function readYamlFile(
  absPath: string,
  file: string,
): { data: unknown; locator: YamlLocator } | { diagnostic: Diagnostic } {
  const read = readText(absPath, file);
  if ('diagnostic' in read) return read;
  const parsed = parseYaml(read.text);
  if ('problem' in parsed) return { diagnostic: problemToDiagnostic(file, parsed.problem) };
  return { data: parsed.data, locator: new YamlLocator(read.text) };
}
