// Record text made safe for a paper's Markdown: what a record says is shown,
// never run. HTML comments are editorial and dropped; raw HTML is escaped so
// it shows as text in the Markdown too, not only in the HTML; a value that
// goes into one line (a heading, a table cell) cannot break it.

const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
// A code fence (CommonMark): three or more backticks or tildes, indented by at most three spaces.
const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;

/**
 * For each line, whether it is in a fenced code block (its fences included),
 * and the fence a text leaves open, if any. A fence closes only with the same
 * character, at least as many of them, and nothing after; one never closed
 * would run on to the end of the paper, over everything after the record's text.
 */
export function codeFences(lines: readonly string[]): { fenced: boolean[]; open: string | undefined } {
  const fenced: boolean[] = [];
  let open: { char: string; length: number } | undefined;
  for (const line of lines) {
    const m = FENCE.exec(line);
    if (open) {
      fenced.push(true);
      if (m && m[1]![0] === open.char && m[1]!.length >= open.length && m[2]!.trim() === '') open = undefined;
    } else if (m && !(m[1]![0] === '`' && m[2]!.includes('`'))) {
      fenced.push(true);
      open = { char: m[1]![0]!, length: m[1]!.length };
    } else fenced.push(false);
  }
  return { fenced, open: open && open.char.repeat(open.length) };
}
// An autolink (<https://…>, <mailto:…>) is Markdown, not HTML: kept.
const AUTOLINK = /^<(?:https?|mailto|tel):[^\s<>]*>/i;

/** Escape `<` (and a bare `>` that closes nothing) outside code, so raw HTML reads as text. */
function escapeInline(line: string): string {
  let out = '';
  let i = 0;
  while (i < line.length) {
    const ch = line[i]!;
    if (ch === '`') {
      // A code span: as written, up to the same run of backticks.
      const run = /^`+/.exec(line.slice(i))![0];
      const close = line.indexOf(run, i + run.length);
      if (close > 0) {
        out += line.slice(i, close + run.length);
        i = close + run.length;
        continue;
      }
      out += run;
      i += run.length;
      continue;
    }
    if (ch === '<') {
      const auto = AUTOLINK.exec(line.slice(i));
      if (auto) {
        out += auto[0];
        i += auto[0].length;
        continue;
      }
      out += '&lt;';
      i++;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

// A line that starts a block of its own (heading, list item, quote, table, fence, HTML, setext underline) or is code.
const BLOCK_START = /^(?: {4}|\t| {0,3}(?:#{1,6}(?:\s|$)|[-*+](?:\s|$)|\d{1,9}[.)](?:\s|$)|>|\||```|~~~|<|=+\s*$|-+\s*$|(?:\*\s*){3,}$|(?:_\s*){3,}$))/;

// The underline of a setext heading: "Results" over "=======" is a heading of level 1, over "-------" of level 2.
const UNDERLINE = /^ {0,3}(=+|-+)\s*$/;

/**
 * Lines of one paragraph, wrapped in the record file, joined into one line:
 * Markdown reads a soft line break as a space, so the paper reads the same,
 * and its Markdown has each paragraph on a line as the documents it reproduces do.
 */
function joinParagraphLines(lines: string[]): string[] {
  const out: string[] = [];
  const { fenced } = codeFences(lines);
  let joinable = false;
  let inParagraph = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (fenced[i]) {
      out.push(line);
      joinable = false;
      inParagraph = false;
      continue;
    }
    // An underline under a paragraph makes it a heading: written with "#", so that `demote` places it.
    const underline = inParagraph ? UNDERLINE.exec(line) : null;
    if (underline) {
      out[out.length - 1] = `${underline[1]![0] === '=' ? '#' : '##'} ${out[out.length - 1]!.trim()}`;
      joinable = false;
      inParagraph = false;
      continue;
    }
    // Only "1." starts a numbered list inside a paragraph: "2007. The EMT…" goes on with it.
    const continues: boolean = joinable && inParagraph && /^ {0,3}(?!1[.)])\d{1,9}[.)]\s/.test(line);
    const plain: boolean = line.trim() !== '' && (continues || !BLOCK_START.test(line));
    if (plain && joinable) out[out.length - 1] = `${out[out.length - 1]!.trimEnd()} ${line.trimStart()}`;
    else {
      out.push(line);
      inParagraph = plain;
    }
    // A hard break (two spaces or a backslash at the end) keeps the next line on its own; so does a heading or table row.
    const last = out[out.length - 1]!;
    joinable = line.trim() !== '' && !/( {2,}|\\)$/.test(last) && !/^ {0,3}(#|\||```|~~~)/.test(last) && !(!plain && /^ {0,3}(=+|-+)\s*$/.test(line));
  }
  return out;
}

/**
 * A block of record Markdown (a body, a note): comments dropped, raw HTML
 * escaped, code kept, paragraphs on one line, underlined headings written
 * with "#" (so that `demote` places them under the paper's own), and a code
 * fence left open closed at the end, so the text cannot swallow the paper.
 */
export function recordMarkdown(text: string): string {
  const lines = joinParagraphLines(text.replace(/\r\n?/g, '\n').replace(COMMENT, '').split('\n'));
  const { fenced, open } = codeFences(lines);
  const out = lines.map((line, i) => (fenced[i] ? line : escapeInline(line)));
  if (open) {
    while (out.length > 0 && out[out.length - 1]!.trim() === '') out.pop();
    out.push(open);
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

/** A value for one line of a paper (a title, a theme, a name): comments dropped, HTML escaped, line breaks made spaces. */
export function recordLine(text: string): string {
  return escapeInline(text.replace(COMMENT, '').replace(/\s*[\r\n]+\s*/g, ' ').trim());
}
