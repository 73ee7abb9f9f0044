// A problem in the records is a value, not an exception.

export type Severity = 'error' | 'warning';

/** A path into a file's YAML: keys and sequence indexes, e.g. ["updates", 2, "stage"]. */
export type YamlPath = (string | number)[];

export interface Diagnostic {
  rule: string;
  severity: Severity;
  /** Workspace-relative path, with forward slashes. */
  file: string;
  /** 1-based; 0 until located (see `pointer`). */
  line: number;
  /** 1-based; 0 until located. */
  column: number;
  message: string;
  hint?: string;
  /**
   * Where in the file's frontmatter the problem is, for diagnostics made
   * without the text at hand; `locateDiagnostics` turns it into line and column.
   */
  pointer?: { path: YamlPath; target: 'key' | 'value' };
}

export function countBySeverity(diagnostics: readonly Diagnostic[]): { errors: number; warnings: number } {
  let errors = 0;
  for (const d of diagnostics) if (d.severity === 'error') errors++;
  return { errors, warnings: diagnostics.length - errors };
}

/** File order, then line, then column: the order every listing uses. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
}
