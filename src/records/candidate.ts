// A record file's text before and after a write: write/ makes candidates,
// and the check it is given (rules/candidates.ts) says whether they may be
// written, so the one writer needs no rules of its own.

import type { Diagnostic } from './diagnostic.js';

/** One record file's text before and after a write; `before` undefined for a new file. */
export interface Candidate {
  path: string;
  id: string;
  source: string;
  before?: string;
  after: string;
}

/** The errors the candidates' new texts have that their old texts did not: a write with any is refused. */
export type CandidateCheck = (candidates: readonly Candidate[]) => Diagnostic[];
