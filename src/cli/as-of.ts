// --as-of DATE (status, list, show, export): the records as they stood on a date.

import { ExitError } from './errors.js';
import { dateProblem } from '../records/dates.js';
import type { CliContext } from './context.js';

/** The --as-of date, checked; `{}` when not given, so it spreads into a command's options. */
export function asOfOption(ctx: CliContext): { asOf?: string } {
  const value = ctx.opts['asOf'];
  if (typeof value !== 'string') return {};
  const problem = dateProblem(value, false);
  if (problem) throw new ExitError(2, `--as-of ${problem.message}: ${problem.hint}.`);
  return { asOf: value };
}
