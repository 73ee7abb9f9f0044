// Turning YAML paths into line and column, one read per file and only for
// files that have a problem. Most records are plain block YAML, so a line
// scanner finds most paths; anything unusual falls back to a full parse.

import { join } from 'node:path';
import { compareDiagnostics, type Diagnostic, type YamlPath } from './diagnostic.js';
import { splitFrontmatter, YamlLocator, type Position } from './frontmatter.js';
import { indentsOf, scanPath } from './scan.js';

export { scanPath };
import { readText } from './read.js';
import { KeptLines } from './lines.js';
import type { Frontmatter } from './model.js';

/**
 * The lines of the workspace's files that problems point at, kept as they are
 * placed (`KeptLines`), with each record's frontmatter to place them in; it
 * comes from memory when the loader kept it.
 */
export class SourceLines extends KeptLines {
  constructor(
    root: string,
    private readonly frontmatter: Frontmatter = new Map(),
  ) {
    super(root);
  }

  /** A record's frontmatter as lines: index N - 1 is file line N (the first, "---", is empty). */
  head(file: string): readonly string[] | undefined {
    return (this.frontmatter.get(file) ?? this.readYaml(file))?.split('\n');
  }

  /** Keep line `n` of a file's `head`, for printing it later. */
  keep(file: string, head: readonly string[], n: number): void {
    // Line 1 is "---" in the file, but empty in the head.
    if (n <= 1 || n > head.length) return;
    this.keepLine(file, n, detached(withoutCr(head[n - 1]!)));
  }

  private readYaml(file: string): string | undefined {
    const read = readText(join(this.root, file), file);
    if ('diagnostic' in read) return undefined;
    const split = splitFrontmatter(read.text);
    return 'parts' in split ? split.parts.yaml : read.text;
  }
}

const withoutCr = (line: string) => (line.endsWith('\r') ? line.slice(0, -1) : line);

/**
 * A copy of a line: the line as split is a view into the whole frontmatter,
 * which it would keep in memory (for every file with a problem). Cutting the
 * line from itself joined to one more character makes v8 write it out anew;
 * a test checks that no frontmatter is kept.
 */
const detached = (line: string) => `${line}\n`.slice(0, -1);

/** Fill in line and column of every diagnostic that has only a pointer. */
export function locateDiagnostics(diagnostics: Diagnostic[], sources: SourceLines): Diagnostic[] {
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    if (!d.pointer || d.line > 0) continue;
    const list = byFile.get(d.file);
    if (list) list.push(d);
    else byFile.set(d.file, [d]);
  }
  // In file order: the store keeps frontmatter in groups of neighbouring files.
  for (const file of [...byFile.keys()].sort()) {
    const list = byFile.get(file)!;
    const head = sources.head(file);
    const locate = locatorFor(head);
    for (const d of list) {
      const pos = locate(d.pointer!.path, d.pointer!.target);
      d.line = pos.line;
      d.column = pos.column;
      if (head) sources.keep(file, head, pos.line);
    }
  }
  for (const d of diagnostics) delete d.pointer;
  return diagnostics;
}

function locatorFor(lines: readonly string[] | undefined): (path: YamlPath, target: 'key' | 'value') => Position {
  if (lines === undefined) return () => ({ line: 1, column: 1 });
  let full: YamlLocator | undefined;
  const indents = indentsOf(lines);
  return (path, target) => {
    const quick = scanPath(lines, path, target, indents);
    if (quick) return quick;
    full ??= new YamlLocator(lines.join('\n'));
    return full.locateFully(path, target);
  };
}


/**
 * Add line and column to every diagnostic and sort them in file order.
 * `sources` keeps the lines they land on, for printing them after.
 */
export function placeDiagnostics(diagnostics: Diagnostic[], sources: SourceLines): Diagnostic[] {
  return locateDiagnostics(diagnostics, sources).sort(compareDiagnostics);
}
