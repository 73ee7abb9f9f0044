// The lines that problems point at, kept as they are placed, so that printing
// a problem with its line needs no second read. Only those lines are kept, not
// whole files: a big workspace has tens of thousands of warnings. Loads no
// parser: a remembered validate prints through this alone.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export class KeptLines {
  /** Per file, its kept lines as [line, text, line, text, …] in the order kept: most files keep one or two. */
  private readonly kept = new Map<string, (number | string)[]>();
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
    const all: [string, number, string][] = [];
    for (const [file, lines] of this.kept) for (let i = 0; i < lines.length; i += 2) all.push([file, lines[i] as number, lines[i + 1] as string]);
    return all;
  }

  protected keepLine(file: string, n: number, text: string): void {
    const lines = this.kept.get(file);
    if (!lines) {
      this.kept.set(file, [n, text]);
      return;
    }
    const at = lines.indexOf(n);
    // Numbers and texts alternate: a number found at an odd place would be a text (it never is: texts are strings).
    if (at >= 0) lines[at + 1] = text;
    else lines.push(n, text);
  }

  /** Line `n` (from 1) of a file, without its line ending. */
  line(file: string, n: number): string | undefined {
    const lines = this.kept.get(file);
    const at = lines ? lines.indexOf(n) : -1;
    if (at >= 0) return lines![at + 1] as string;
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
