// Small pieces of human output shared by status, list and show.

import type { Palette } from './terminal.js';
import { formatUkDate } from '../records/dates.js';
import type { Meeting, Stage } from '../records/model.js';
import { colourHex } from '../records/colours.js';

export const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

/** A stage's configured colour on a terminal. */
export function paintStage(c: Palette, stage: Pick<Stage, 'colour'> | undefined, text: string): string {
  switch (stage?.colour?.toLowerCase()) {
    case 'red': return c.red(text);
    case 'amber': case 'orange': case 'yellow': return c.yellow(text);
    case 'green': return c.green(text);
    case 'blue': return c.blue(text);
    case 'grey': case 'gray': return c.gray(text);
    default: {
      // Other names and hex colours: the nearest the terminal has.
      const hex = stage?.colour !== undefined ? colourHex(stage.colour) : undefined;
      return hex ? c.hex(hex)(text) : text;
    }
  }
}

/** "15 April 2008, Scrutiny Board", or "January 2008 (tbc), Workshop 4". */
export function meetingText(meeting: Meeting): string {
  const when = `${formatUkDate(meeting.date)}${meeting.tentative ? ' (tbc)' : ''}`;
  return meeting.title ? `${when}, ${meeting.title}` : when;
}

/** Owners by name, or a visible "nobody" so an unassigned row stands out. */
export function ownersText(names: readonly string[]): string {
  return names.length > 0 ? names.join('; ') : '(unassigned)';
}

/** The unreadable-files line status and list print on stderr before exiting 1. */
export function unreadableMessage(count: number): string {
  return `${plural(count, 'file')} could not be read — run track validate`;
}
