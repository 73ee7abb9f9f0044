// Turning YAML paths into line and column, one read per file, only for the
// files that have a problem.

import { join } from 'node:path';
import type { Diagnostic } from '../records/diagnostic.js';
import { YamlLocator, splitFrontmatter, type Position } from '../records/frontmatter.js';
import { readText } from '../records/read.js';

/** Fill in line and column of every diagnostic that has only a pointer. */
export function locateDiagnostics(root: string, diagnostics: Diagnostic[]): Diagnostic[] {
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    if (!d.pointer || d.line > 0) continue;
    const list = byFile.get(d.file);
    if (list) list.push(d);
    else byFile.set(d.file, [d]);
  }
  for (const [file, list] of byFile) {
    const locate = locatorFor(root, file);
    for (const d of list) {
      const pos = locate(d.pointer!.path, d.pointer!.target);
      d.line = pos.line;
      d.column = pos.column;
    }
  }
  for (const d of diagnostics) delete d.pointer;
  return diagnostics;
}

function locatorFor(root: string, file: string): (path: (string | number)[], target: 'key' | 'value') => Position {
  const read = readText(join(root, file), file);
  if ('diagnostic' in read) return () => ({ line: 1, column: 1 });
  const text = read.text;
  const split = splitFrontmatter(text);
  const yaml = 'parts' in split ? split.parts.yaml : text;
  let full: YamlLocator | undefined;
  return (path, target) => {
    // Most pointers name a top-level key: a line scan finds it without a full parse.
    if (path.length === 1 && typeof path[0] === 'string') {
      const quick = topLevelKey(yaml, path[0], target);
      if (quick) return quick;
    }
    full ??= new YamlLocator(yaml);
    return full.locate(path, target);
  };
}

function topLevelKey(yaml: string, key: string, target: 'key' | 'value'): Position | undefined {
  let line = 1;
  let start = 0;
  while (start <= yaml.length) {
    const end = yaml.indexOf('\n', start);
    const text = yaml.slice(start, end === -1 ? undefined : end);
    if (text.startsWith(key) && /^\s*:(\s|$)/.test(text.slice(key.length))) {
      if (target === 'key') return { line, column: 1 };
      const after = text.slice(key.length).match(/^\s*:\s*/)![0].length + key.length;
      // A value on the following lines (a block list): point at the key.
      return { line, column: after < text.replace(/\s+$/, '').length ? after + 1 : 1 };
    }
    if (end === -1) break;
    start = end + 1;
    line++;
  }
  return undefined;
}
