// How every command opens a workspace: the store's one way in, and placing
// problems by line for the commands that print them.

import { compareDiagnostics, type Diagnostic } from '../records/diagnostic.js';
import { locateDiagnostics, type SourceLines } from '../records/locate.js';
import { loadWorkspace } from '../records/store/index.js';

export { loadWorkspace };
/**
 * Add line and column to every diagnostic and sort them in file order.
 * `sources` keeps the lines they land on, for printing them after.
 */
export function placeDiagnostics(diagnostics: Diagnostic[], sources: SourceLines): Diagnostic[] {
  return locateDiagnostics(diagnostics, sources).sort(compareDiagnostics);
}
