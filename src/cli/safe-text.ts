// Text for a terminal never carries control characters from the records (a
// title, a note, a git author, a file name): they are shown escaped (\x1b,
// \u202e), so no record can set the window title, clear the screen, move the
// cursor or reorder text. The one place text output is made safe; JSON is
// left to JSON.stringify.

// C0 controls but tab and line feed, DEL, C1 controls, line and paragraph
// separators, bidirectional overrides and isolates, and the BOM.
const CONTROLS = '\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069\\ufeff';
const UNSAFE = new RegExp(`[${CONTROLS}]`, 'g');

/**
 * What comes before each of track's own colour codes while output is made: a
 * run's own random mark, so that a colour code a record holds (ESC [ 8 m hides
 * text) can never pass for one of track's. `terminalText` takes the marks
 * out, keeping the codes they mark and escaping everything else.
 */
const MARK = `\u0000${Math.random().toString(36).slice(2, 10)}`;
const OWN_COLOUR = `${MARK}\u001b\\[[0-9;]*m`;
const OWN_OR_UNSAFE = new RegExp(`(${OWN_COLOUR})|[${CONTROLS}]`, 'g');
const OWN = new RegExp(OWN_COLOUR, 'g');

function escaped(c: string): string {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `text` as a terminal is to show it: track's own colour codes still marked, every other control character escaped. */
export function shownText(text: string): string {
  return text.replace(OWN_OR_UNSAFE, (m: string, own: string | undefined) => own ?? escaped(m));
}

/** `text` as `shownText` gives it, without its colour: its length is the columns it takes. */
export function plainText(text: string): string {
  return text.replace(OWN, '');
}

/**
 * `text` in one of track's colours, from the colour's opening and closing
 * codes: whatever it holds is made safe first, and a colour of its own that
 * closes this one inside it opens this one again after.
 */
export function ownColour(open: string, close: string, text: string): string {
  if (text === '') return text;
  const inner = shownText(text).split(MARK + close).join(MARK + close + MARK + open);
  return `${MARK}${open}${inner}${MARK}${close}`;
}

/** `text` for a terminal: every control character shown escaped; `colour` keeps track's own colour codes. */
export function terminalText(text: string, colour = false): string {
  if (!colour) return text.replace(OWN, '').replace(UNSAFE, escaped);
  return text.replace(OWN_OR_UNSAFE, (m: string, own: string | undefined) => (own ? own.slice(MARK.length) : escaped(m)));
}
