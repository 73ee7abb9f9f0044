// Turning YAML paths into line and column, one read per file and only for
// files that have a problem. Most records are plain block YAML, so a line
// scanner finds most paths; anything unusual falls back to a full parse.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic, YamlPath } from './diagnostic.js';
import { splitFrontmatter, YamlLocator, type Position } from './frontmatter.js';
import { indentsOf, scanPath } from './scan.js';

export { scanPath };
import { readText } from './read.js';

/**
 * The lines of the workspace's files that problems point at. Placing a
 * problem keeps the line it lands on, so printing it needs no second read; a
 * record's frontmatter comes from memory when the loader kept it. Only those
 * lines are kept, not whole files: a big workspace has tens of thousands of
 * warnings.
 */
export class SourceLines {
  private readonly kept = new Map<string, Map<number, string>>();
  private readonly wholes = new Map<string, string[] | undefined>();

  constructor(
    private readonly root: string,
    private readonly frontmatter: ReadonlyMap<string, string> = new Map(),
  ) {}

  /** A record's frontmatter as lines: index N - 1 is file line N (the first, "---", is empty). */
  head(file: string): readonly string[] | undefined {
    return (this.frontmatter.get(file) ?? this.readYaml(file))?.split('\n');
  }

  /** Every line kept, as [file, line, text], to remember beyond this run. */
  keptLines(): [string, number, string][] {
    return [...this.kept].flatMap(([file, lines]) => [...lines].map(([n, text]): [string, number, string] => [file, n, text]));
  }

  /** The lines an earlier run kept (`keptLines`), of files that have not changed since. */
  static remembered(root: string, lines: readonly (readonly [string, number, string])[]): SourceLines {
    const sources = new SourceLines(root);
    for (const [file, n, text] of lines) {
      let kept = sources.kept.get(file);
      if (!kept) sources.kept.set(file, (kept = new Map()));
      kept.set(n, text);
    }
    return sources;
  }

  /** Keep line `n` of a file's `head`, for printing it later. */
  keep(file: string, head: readonly string[], n: number): void {
    // Line 1 is "---" in the file, but empty in the head.
    if (n <= 1 || n > head.length) return;
    let lines = this.kept.get(file);
    if (!lines) this.kept.set(file, (lines = new Map()));
    lines.set(n, withoutCr(head[n - 1]!));
  }

  /** Line `n` (from 1) of a file, without its line ending. */
  line(file: string, n: number): string | undefined {
    const kept = this.kept.get(file)?.get(n);
    if (kept !== undefined) return kept;
    if (!this.wholes.has(file)) this.wholes.set(file, this.readLines(file));
    return this.wholes.get(file)?.[n - 1];
  }

  /** Every line, as it is: a file with conflict markers or bad bytes is shown too. */
  private readLines(file: string): string[] | undefined {
    try {
      return readFileSync(join(this.root, file), 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/);
    } catch {
      return undefined;
    }
  }

  private readYaml(file: string): string | undefined {
    const read = readText(join(this.root, file), file);
    if ('diagnostic' in read) return undefined;
    const split = splitFrontmatter(read.text);
    return 'parts' in split ? split.parts.yaml : read.text;
  }
}

const withoutCr = (line: string) => (line.endsWith('\r') ? line.slice(0, -1) : line);

/** Fill in line and column of every diagnostic that has only a pointer. */
export function locateDiagnostics(diagnostics: Diagnostic[], sources: SourceLines): Diagnostic[] {
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    if (!d.pointer || d.line > 0) continue;
    const list = byFile.get(d.file);
    if (list) list.push(d);
    else byFile.set(d.file, [d]);
  }
  for (const [file, list] of byFile) {
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

