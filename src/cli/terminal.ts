// Terminal manners: colour only where it helps, plain text when piped.

import { Chalk, type ChalkInstance } from 'chalk';
import type { CliStream } from './context.js';

/** Colour follows --no-color, then NO_COLOR, then FORCE_COLOR, then whether the stream is a terminal. */
export function colourEnabled(stream: CliStream, flag: boolean | undefined, env: NodeJS.ProcessEnv): boolean {
  if (flag === false) return false;
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  const force = env['FORCE_COLOR'];
  if (force !== undefined) return force !== '0' && force !== 'false';
  return stream.isTTY === true;
}

export function palette(enabled: boolean): ChalkInstance {
  return new Chalk({ level: enabled ? 1 : 0 });
}

/** Columns available on a terminal; a steady 100 when piped, so output is stable. */
export function terminalWidth(stream: CliStream): number {
  return stream.isTTY && stream.columns ? stream.columns : 100;
}
