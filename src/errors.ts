// How a command stops: a typed error named for what went wrong. Nothing below
// cli/ knows an exit code or how a flag is spelt: where a sentence names an
// option, it is worded with `flag(key)`, and the CLI (src/cli/errors.ts, the
// one place that turns errors into exit codes) says how that option is typed.

import type { Diagnostic } from './records/diagnostic.js';

/**
 * The key of a command's option that a message may name: the field of the
 * command's options (`newDue`), never the flag as typed (`--new-due`).
 */
export type OptionKey =
  | 'allowIncomplete'
  | 'all'
  | 'by'
  | 'date'
  | 'dir'
  | 'due'
  | 'format'
  | 'kind'
  | 'madeBy'
  | 'maps'
  | 'meeting'
  | 'newDue'
  | 'note'
  | 'noteFile'
  | 'proposedStage'
  | 'reason'
  | 'replyBy'
  | 'reportBack'
  | 'response'
  | 'since'
  | 'stage'
  | 'stageMaps'
  | 'title'
  | 'until';

/** How the CLI spells an option for the user. */
export type FlagOf = (option: OptionKey) => string;

/** A sentence for the user: fixed, or worded with the options' flags as the CLI spells them. */
export type Wording = string | ((flag: FlagOf) => string);

/** A sentence with each option it names spelt by `flag`. */
export const worded = (wording: Wording, flag: FlagOf): string => (typeof wording === 'string' ? wording : wording(flag));

/** Options named in `message`, for reading the error where no CLI is involved (tests, a log). */
const bracketed: FlagOf = (option) => `<${option}>`;

/** Something the user must be told in one sentence; the subclass says what went wrong. */
export abstract class TrackError extends Error {
  constructor(
    private readonly wording: Wording,
    /** Problems to print beside the sentence, e.g. in an unreadable config. */
    readonly diagnostics: readonly Diagnostic[] = [],
  ) {
    super(worded(wording, bracketed));
    this.name = new.target.name;
  }

  /** The sentence, with each option it names spelt by `flag`. */
  say(flag: FlagOf): string {
    return worded(this.wording, flag);
  }
}

/** Input the user gave (an argument, a file, a folder, a date) cannot be used: the command could not run. */
export class UnusableInput extends TrackError {}

/** A value given for one named option cannot be used: the CLI names the flag it came from. */
export class BadOption extends UnusableInput {
  constructor(
    readonly option: OptionKey,
    /** The value as given; undefined when the option itself is the problem (given empty, or with another). */
    readonly value: string | undefined,
    wording: Wording,
  ) {
    super(wording);
  }
}

/** The command ran and refuses to go on with these records (an unknown id, a change that would break a record). */
export class Refusal extends TrackError {}

/**
 * A value given for one named option that this workspace does not know (a
 * stage not on its scale, a body not in its registers): the command refuses.
 */
export class UnknownOptionValue extends Refusal {
  constructor(
    readonly option: OptionKey,
    readonly value: string,
    wording: Wording,
  ) {
    super(wording);
  }
}

/** Something the command needs is not there (git, a git repository, a browser): it could not run. */
export class Unavailable extends TrackError {}
