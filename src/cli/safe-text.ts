// Text for a terminal never carries control characters from the records (a
// title, a note, a git author, a file name): they are shown escaped (\x1b,
// \u202e), so no record can set the window title, clear the screen, move the
// cursor or reorder text. The one place text output is made safe; JSON is
// left to JSON.stringify.

// C0 controls but tab and line feed, DEL, C1 controls, line and paragraph
// separators, bidirectional overrides and isolates, and the BOM.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;
// With colour on, track's own colour codes (SGR: ESC [ … m) are kept; nothing else is.
// eslint-disable-next-line no-control-regex
const UNSAFE_KEEPING_COLOUR = /\u001b\[[0-9;]*m|[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

function escaped(c: string): string {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `text` with every control character shown escaped; `colour` keeps colour codes (SGR) as they are. */
export function terminalText(text: string, colour = false): string {
  if (!colour) return text.replace(UNSAFE, escaped);
  return text.replace(UNSAFE_KEEPING_COLOUR, (m) => (m.length > 1 ? m : escaped(m)));
}
