// The one way any layer stops a command: the CLI's top-level handler turns
// this into a message on stderr and an exit code. Nothing else exits.

import type { Diagnostic } from './records/diagnostic.js';

/** 1: the command ran and found problems; 2: it could not run. */
export type ExitCode = 1 | 2;

export class ExitError extends Error {
  constructor(
    readonly code: ExitCode,
    message: string,
    /** Problems to print beside the message, e.g. in an unreadable config. */
    readonly diagnostics: readonly Diagnostic[] = [],
  ) {
    super(message);
    this.name = 'ExitError';
  }
}
