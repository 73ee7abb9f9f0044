// Which column of a spreadsheet tracker holds which field of an item: a
// sensible default from the header's words, overridden by --map COLUMN=FIELD.

import { BadOption, UnusableInput } from '../errors.js';

export const IMPORT_FIELDS = [
  'number', 'ref', 'title', 'text', 'owners', 'due', 'stage', 'theme', 'kind', 'response', 'report_back', 'tags', 'update', 'update_date', 'skip',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

// Header words (lower case, without a trailing full stop or colon) that name each field.
const DEFAULT_HEADERS: Record<Exclude<ImportField, 'skip'>, string[]> = {
  number: ['no', 'number', 'num', '#', 'rec no', 'recommendation no', 'recommendation number', 'item no', 'action no'],
  ref: ['ref', 'reference', 'ref no', 'reference no', 'reference number', 'our ref'],
  title: ['title', 'recommendation', 'action', 'item', 'summary'],
  text: ['text', 'body', 'description', 'detail', 'details', 'full text', 'recommendation text'],
  owners: ['owner', 'owners', 'lead', 'leads', 'lead officer', 'responsible', 'responsible officer', 'responsibility', 'by whom'],
  due: ['due', 'due date', 'target date', 'target', 'deadline', 'by when', 'completion date'],
  stage: ['stage', 'status', 'rag', 'rag status'],
  theme: ['theme', 'section', 'heading', 'area'],
  kind: ['kind', 'type'],
  response: ['response', 'executive response'],
  report_back: ['report back', 'report back date', 'report_back'],
  tags: ['tags', 'tag', 'keywords'],
  update: ['progress', 'update', 'latest update', 'progress update', 'latest progress', 'current position', 'comments'],
  update_date: ['update date', 'date of update', 'progress date', 'last updated', 'date updated', 'update_date'],
};

const norm = (header: string) => header.trim().toLowerCase().replace(/[.:]+$/, '').replace(/\s+/g, ' ');

function defaultField(header: string): ImportField | undefined {
  const key = norm(header);
  return (Object.keys(DEFAULT_HEADERS) as (keyof typeof DEFAULT_HEADERS)[]).find((field) => DEFAULT_HEADERS[field].includes(key));
}

/**
 * Whether a row reads as the heading row: two or more of its cells name a
 * field (or a column of --map), so a title row above the headings
 * ("Scrutiny Recommendation Tracker 2023/24") is passed over.
 */
export function looksLikeHeading(cells: readonly string[], maps: readonly string[] = []): boolean {
  const mapped = new Set(maps.map((m) => norm(m.slice(0, Math.max(0, m.lastIndexOf('='))))));
  return cells.filter((c) => c !== '' && (defaultField(c) !== undefined || mapped.has(norm(c)))).length >= 2;
}

export interface ColumnMap {
  /** The column index (0-based) of each field found. */
  fields: Partial<Record<Exclude<ImportField, 'skip'>, number>>;
  /** Headers of columns no field takes, to tell the officer. */
  ignored: string[];
}

const quote = (s: string) => `"${s}"`;

/** "Lead officer=owners" into [column index, field]; a usage mistake stops with BadOption. */
function parseMap(headers: readonly string[], map: string): [number, ImportField] {
  const at = map.lastIndexOf('=');
  const column = at === -1 ? '' : map.slice(0, at);
  const field = at === -1 ? '' : norm(map.slice(at + 1)).replace(/ /g, '_');
  if (at === -1 || column.trim() === '') throw new BadOption('maps', map, (flag) => `${flag('maps')} ${map} should read COLUMN=FIELD, for example ${flag('maps')} "Lead officer=owners".`);
  if (!(IMPORT_FIELDS as readonly string[]).includes(field)) {
    throw new BadOption('maps', map, (flag) => `${flag('maps')} ${map}: "${map.slice(at + 1)}" is not a field track imports: use one of ${IMPORT_FIELDS.join(', ')}.`);
  }
  const index = headers.findIndex((h) => norm(h) === norm(column));
  if (index === -1) throw new BadOption('maps', map, (flag) => `${flag('maps')} ${map}: there is no column "${column.trim()}"; the columns are ${headers.filter(Boolean).map(quote).join(', ')}.`);
  return [index, field as ImportField];
}

/** The field of every column: --map first, then the default; two columns for one field is a usage mistake. */
export function mapColumns(headers: readonly string[], maps: readonly string[], file: string): ColumnMap {
  const chosen = new Map<number, ImportField>();
  for (const map of maps) {
    const [index, field] = parseMap(headers, map);
    chosen.set(index, field);
  }
  const fields: ColumnMap['fields'] = {};
  const ignored: string[] = [];
  const mapped = new Map<ImportField, number>();
  headers.forEach((header, index) => {
    const field = chosen.get(index) ?? defaultField(header);
    if (field === undefined || field === 'skip') {
      if (header !== '' && field === undefined) ignored.push(header);
      return;
    }
    const other = mapped.get(field);
    if (other !== undefined) {
      throw new UnusableInput(
        (flag) =>
          `${file}: the columns "${headers[other]}" and "${header}" both look like the ${field}; say which with ${flag('maps')}, ` +
          `for example ${flag('maps')} "${header}=skip" or ${flag('maps')} "${header}=text".`,
      );
    }
    mapped.set(field, index);
    fields[field] = index;
  });
  if (fields.title === undefined) {
    throw new UnusableInput((flag) => `${file} has no column for the title of each item: name it with ${flag('maps')}, for example ${flag('maps')} "${headers.find(Boolean) ?? 'Recommendation'}=title". The columns are ${headers.filter(Boolean).map(quote).join(', ')}.`);
  }
  return { fields, ignored };
}
