// The one place that turns an error into what the user sees: the exit code
// (cli.md: 1 the command ran and found problems, 2 it could not run) and the
// sentence, with every option it names spelt as the flag that sets it.

import { Refusal, TrackError, Unavailable, UnusableInput, type OptionKey } from '../errors.js';
import type { Diagnostic } from '../records/diagnostic.js';
import { WriteError } from '../write/failure.js';

/** The CLI's own way to stop with an exit code, for what only the CLI knows (a flag's spelling, --today). */
export class ExitError extends TrackError {
  constructor(
    /** 1: the command ran and found problems; 2: it could not run. */
    readonly code: 1 | 2,
    message: string,
    diagnostics: readonly Diagnostic[] = [],
  ) {
    super(message, diagnostics);
  }
}

/** The flag that sets each option a lower layer may name. */
export const FLAGS: Readonly<Record<OptionKey, string>> = {
  allowIncomplete: '--allow-incomplete',
  all: '--all',
  by: '--by',
  date: '--date',
  dir: '--dir',
  due: '--due',
  format: '--format',
  kind: '--kind',
  madeBy: '--made-by',
  maps: '--map',
  meeting: '--meeting',
  newDue: '--new-due',
  note: '--note',
  noteFile: '--note-file',
  proposedStage: '--proposed-stage',
  reason: '--reason',
  replyBy: '--reply-by',
  reportBack: '--report-back',
  response: '--response',
  since: '--since',
  stage: '--stage',
  stageMaps: '--stage-map',
  title: '--title',
  until: '--until',
};

export const flagOf = (option: OptionKey): string => FLAGS[option];

export interface Exit {
  code: 1 | 2;
  /** The sentence for stderr. */
  message: string;
  /** Problems printed above it. */
  diagnostics: readonly Diagnostic[];
}

/** The exit code of one of track's typed errors. */
export function exitCode(error: TrackError): 1 | 2 {
  if (error instanceof ExitError) return error.code;
  // A path that is no place for the file (its folder is missing, or it is a folder) is a wrong path given: it could
  // not run. Every other failed write (a full disk, a read-only file) is refused.
  if (error instanceof WriteError) return error.failure === 'no-folder' || error.failure === 'is-folder' ? 2 : 1;
  if (error instanceof UnusableInput || error instanceof Unavailable) return 2;
  if (error instanceof Refusal) return 1;
  return 2; // no other kind of TrackError exists
}

/** What the user sees for an error: undefined when it is not one of track's own (then it is a bug). */
export function exitFor(error: unknown): Exit | undefined {
  if (!(error instanceof TrackError)) return undefined;
  return { code: exitCode(error), message: error.say(flagOf), diagnostics: error.diagnostics };
}
