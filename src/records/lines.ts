// The lines that problems point at, kept as they are placed, so that printing
// a problem with its line needs no second read. Only those lines are kept, not
// whole files: a big workspace has tens of thousands of warnings. Loads no
// parser: a remembered validate prints through this alone.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export class KeptLines {
  private readonly kept = new Map<string, Map<number, string>>();
  private readonly wholes = new Map<string, string[] | undefined>();

  constructor(protected readonly root: string) {}

  /** The lines an earlier run kept (`keptLines`), of files that have not changed since. */
  static remembered(root: string, lines: readonly (readonly [string, number, string])[]): KeptLines {
    const kept = new KeptLines(root);
    for (const [file, n, text] of lines) kept.keepLine(file, n, text);
    return kept;
  }

  /** Every line kept, as [file, line, text], to remember beyond this run. */
  keptLines(): [string, number, string][] {
    return [...this.kept].flatMap(([file, lines]) => [...lines].map(([n, text]): [string, number, string] => [file, n, text]));
  }

  protected keepLine(file: string, n: number, text: string): void {
    let lines = this.kept.get(file);
    if (!lines) this.kept.set(file, (lines = new Map()));
    lines.set(n, text);
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
}
