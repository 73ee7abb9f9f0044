// Record files as officers write them, for property tests: every way the
// keys are quoted, commented, indented and ordered, with CRLF or LF endings,
// a BOM or none, and awkward text in the body.

import fc from 'fast-check';

const TITLE = ['title: Cohesive strategy', "title: 'It''s agreed'   # quoted", 'title: "Scrutiny: \\"Community\\" caf\\u00e9"', 'title:    spaced   out', 'title: >-\n  folded title\n  over two lines', 'title: "a long\n  stage: 3"', "title: 'it''s a long\n  due: 2008-01-01\n  owners: [x]'", 'title: "ends \\"quoted\\"\n  theme: not a key"'];
const STAGE = [undefined, 'stage: 4', "stage: '4'   # agreed in 2008", 'stage: "5"', 'stage:    3'];
const DUE = [undefined, 'due: 2008-06-30', "due: '2008-06'  # month", 'due: "2009-01-01"'];
const OTHER = ['number: 1', 'owners: [ leeds-pct ,  adult-social-services ]', '# a full-line comment', '', 'tags: [a,b]', 'theme:  Strategy   # theme', 'response: accepted', 'related: []'];
const NOTE = ['note: short note', 'note: "x: y # not a comment"', "note: 'single ''quoted'''", 'note: |\n  line one\n\n  line three   # kept text', 'note: >\n  folded\n  text', 'note: |+\n  kept\n\n', 'note: "runs on\n  stage: 2\n  by: nobody"', "note: 'runs '' on\n  stage: 3'"];

// Text with what YAML finds awkward: colons, hashes, quotes, indicators, line breaks, tabs.
export const awkward = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.array(fc.constantFrom(': ', ' #', '"', "'", '\n', '  ', '- ', '|', '>', '&a', '*b', '!t', '%', '@', '`', '\t', 'true', '1', '\\', 'word', '---', 'é', '\r\n'), { maxLength: 30 }).map((parts) => parts.join('')),
  fc.string({ unit: 'grapheme-ascii', minLength: 60, maxLength: 300 }),
);

// Quoted values whose next lines are not indented: js-yaml (the loader) reads
// them as text, the \`yaml\` package (the writer) refuses them.
const LENIENT_TITLE = ['title: "a long\nstage: 3"'];
const LENIENT_NOTE = ['note: "runs on\nstage: 2\nby: nobody"'];

const updateEntry = (dash: number, gap: number, day: number, notes: readonly string[]) =>
  fc.tuple(fc.constantFrom(...notes), fc.boolean(), fc.boolean()).map(([note, by, comment]) => {
    const content = ' '.repeat(dash + 1 + gap);
    const lines = [`${' '.repeat(dash)}-${' '.repeat(gap)}date: 2008-01-${String(day).padStart(2, '0')}`];
    if (by) lines.push(`${content}by: leeds-pct`);
    lines.push(...note.split('\n').map((l, i) => (i === 0 ? content + l : l === '' ? '' : content + l)));
    if (comment) lines.push(`${' '.repeat(dash)}# about this update`);
    return lines.join('\n');
  });

const updatesBlock = (notes: readonly string[]) => fc.oneof(
  fc.constant(undefined),
  fc.constantFrom('updates: []', 'updates: [ ]   # none yet', 'updates:', 'updates:   # none yet', 'updates: ~'),
  fc
    .record({ dash: fc.constantFrom(0, 2, 4), gap: fc.constantFrom(1, 3), count: fc.integer({ min: 1, max: 3 }) })
    .chain(({ dash, gap, count }) => fc.tuple(...Array.from({ length: count }, (_, i) => updateEntry(dash, gap, i + 1, notes))))
    .map((entries) => ['updates:', ...entries].join('\n')),
);

const bodyLine = fc.oneof(
  fc.constantFrom('---', '# Heading', 'stage: 9', '', '  indented', 'Trailing spaces   ', 'updates:'),
  fc.string({ unit: 'grapheme', maxLength: 200 }).filter((s) => !/[\r\n]/.test(s) && !/^(<{7}|>{7}|={7})/.test(s)),
);

const recordFileOf = (lenient: boolean) => fc
  .record({
    eol: fc.constantFrom('\n', '\r\n'),
    bom: fc.boolean(),
    title: fc.constantFrom(...TITLE, ...(lenient ? LENIENT_TITLE : [])),
    stage: fc.constantFrom(...STAGE),
    due: fc.constantFrom(...DUE),
    other: fc.subarray(OTHER),
    updates: updatesBlock(lenient ? [...NOTE, ...LENIENT_NOTE] : NOTE),
    body: fc.array(bodyLine, { maxLength: 40 }),
  })
  .chain((r) => {
    const blocks = [r.title, r.stage, r.due, ...r.other, r.updates].filter((b): b is string => b !== undefined);
    return fc.shuffledSubarray(blocks, { minLength: blocks.length }).map((order) => {
      const text = ['---', ...order, '---', ...r.body, ''].join('\n').replace(/\n/g, r.eol);
      return { ...r, text };
    });
  });

/** Record files every YAML reader takes. */
export const recordFile = recordFileOf(false);
/** Also some that only js-yaml, the loader's parser, takes (see LENIENT_TITLE). */
export const lenientRecordFile = recordFileOf(true);
