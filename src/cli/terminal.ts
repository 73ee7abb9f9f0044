// Terminal manners: colour only where it helps, plain text when piped.

import { Chalk, type ChalkInstance } from 'chalk';
import type { CliStream } from './context.js';
import { ownColour } from './safe-text.js';

/** Colour follows --no-color, then NO_COLOR, then FORCE_COLOR, then whether the stream is a terminal. */
export function colourEnabled(stream: CliStream, flag: boolean | undefined, env: NodeJS.ProcessEnv): boolean {
  if (flag === false) return false;
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  const force = env['FORCE_COLOR'];
  if (force !== undefined) return force !== '0' && force !== 'false';
  return stream.isTTY === true;
}

/** One colour (or weight) for text. */
export type Paint = (text: string) => string;

/** The colours track's human output uses. */
export interface Palette {
  bold: Paint;
  dim: Paint;
  red: Paint;
  yellow: Paint;
  green: Paint;
  blue: Paint;
  cyan: Paint;
  gray: Paint;
  /** The nearest colour the terminal has to a hex colour. */
  hex(colour: string): Paint;
}

const same: Paint = (text) => text;
const PLAIN: Palette = { bold: same, dim: same, red: same, yellow: same, green: same, blue: same, cyan: same, gray: same, hex: () => same };

/**
 * Colours as chalk writes them (16 colours, which every terminal has), each
 * code marked as track's own (safe-text.ts), so that what a record holds is
 * always shown escaped; off, the text as it is.
 */
export function palette(enabled: boolean): Palette {
  if (!enabled) return PLAIN;
  const chalk = new Chalk({ level: 1 });
  const paint = (style: ChalkInstance): Paint => {
    const [open = '', close = ''] = style('\u0001').split('\u0001');
    return (text) => ownColour(open, close, text);
  };
  return {
    bold: paint(chalk.bold), dim: paint(chalk.dim), red: paint(chalk.red), yellow: paint(chalk.yellow), green: paint(chalk.green),
    blue: paint(chalk.blue), cyan: paint(chalk.cyan), gray: paint(chalk.gray), hex: (colour) => paint(chalk.hex(colour)),
  };
}

/** Columns available on a terminal; a steady 100 when piped, so output is stable. */
export function terminalWidth(stream: CliStream): number {
  return stream.isTTY && stream.columns ? stream.columns : 100;
}
