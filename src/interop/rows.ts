// One spreadsheet row into the fields of a new item, every cell checked
// against the workspace (dates, stage scale, registers) with its row and column.

import type { Wording } from '../errors.js';
import { ITEM_KINDS, RESPONSES, type StageId, type Stage } from '../records/model.js';
import { partyId, type Registers } from '../records/registers.js';
import { findStage, stageChoices, stageFromInput } from '../records/stages.js';
import type { ColumnMap, ImportField } from './headers.js';
import type { SheetRow } from './sheet.js';
import { readSheetDate } from './uk-dates.js';

export interface CellProblem {
  row: number;
  /** 1-based column, as the spreadsheet counts them. */
  column: number;
  message: Wording;
}

/** The fields of one row, checked; number undefined means "the next free number". */
export interface ImportedItem {
  row: number;
  title: string;
  text: string;
  number?: number | string;
  /** The tracker's own reference ("SR (23/24) 01"), kept as written. */
  ref?: string;
  owners: string[];
  due?: string;
  reportBack?: string;
  stage?: StageId;
  theme?: string;
  kind?: string;
  response?: string;
  tags: string[];
  update?: { date: string; note: string };
}

export interface RowContext {
  columns: ColumnMap;
  stages: readonly Stage[];
  registers: Registers;
  today: string;
  /** --stage-map: a tracker's own status words (lower case) to stage ids. */
  stageMap?: ReadonlyMap<string, StageId>;
}

// A title longer than this is the whole text: its first sentence (or its first words) becomes the title.
const TITLE_MAX = 120;

/** Characters as a reader counts them: an emoji is one, and is never cut in half. */
const characters = (text: string): string[] => [...text];

/**
 * The title as written (less one closing full stop); only a title over 120
 * characters is shortened: to its first sentence, else to its first words
 * and "…", 120 characters in all.
 */
function titleOf(cell: string): string {
  const line = cell.split('\n')[0]!.trim();
  const whole = line.replace(/(?<!\.)\.$/, '');
  if (characters(whole).length <= TITLE_MAX) return whole;
  const sentence = /^(.{20,}?[.;:])\s/su.exec(line)?.[1]?.replace(/[.;:]$/, '');
  if (sentence !== undefined && characters(sentence).length <= TITLE_MAX) return sentence;
  const cut = characters(line).slice(0, TITLE_MAX).join('');
  // The last word the cut ends inside goes; a title of one long word is cut where it must be.
  const words = cut.replace(/\s+\S*$/u, '');
  return `${(words === cut ? characters(cut).slice(0, TITLE_MAX - 1).join('') : words).trimEnd()}…`;
}

/** "1", "1.", "R1", "Rec. 2a" give 1 and "2a"; other labels stay as written. */
function numberOf(cell: string): number | string | undefined {
  const m = /^(?:r|rec|recommendation|no)?\.?\s*(\d+[a-z]?)\.?$/i.exec(cell);
  const label = m ? m[1]! : cell;
  if (!/^[0-9a-z][0-9a-z.-]*$/i.test(label)) return undefined;
  return /^\d+$/.test(label) ? Number(label) : label.toLowerCase();
}

/**
 * A stage by id ("2"), label ("Achieved"), short wording, or its id with
 * nothing after it but its own words ("2 (Achieved)", "Stage: 2 – achieved",
 * "Stage 4"). Other words after an id make it no stage: "1 more month
 * needed" is a sentence, not stage 1.
 */
export function stageFromCell(stages: readonly Stage[], cell: string): Stage | undefined {
  const text = cell.trim();
  if (text === '') return undefined;
  const whole = stageFromInput(stages, text);
  if (whole) return whole;
  const m = /^(?:stage\s*:?\s*)?([0-9a-z-]+)\b\s*(.*)$/i.exec(text);
  const stage = m ? findStage(stages, m[1]!) : undefined;
  if (!stage) return undefined;
  const words = m![2]!.replace(/^(?:[-–—:.]\s*)?\(?\s*/, '').replace(/\s*\)?\.?$/, '');
  return words === '' || stageFromInput(stages, words) === stage ? stage : undefined;
}

/** Owners as register ids; with empty registers, the names as written. */
function ownersOf(registers: Registers, cell: string): { owners: string[]; unknown: string[] } {
  const whole = registers.resolve(cell);
  if (whole) return { owners: [partyId(whole)], unknown: [] };
  const split = registers.empty ? /\s*[;\n]\s*/ : /\s*(?:[;\n,/&]|\band\b)\s*/;
  const names = cell.split(split).map((n) => n.trim()).filter(Boolean);
  if (registers.empty) return { owners: names, unknown: [] };
  const owners: string[] = [];
  const unknown: string[] = [];
  for (const name of names) {
    const party = registers.resolve(name);
    if (party) owners.push(partyId(party));
    else unknown.push(name);
  }
  return { owners: [...new Set(owners)], unknown };
}

/** The checked fields of one row, or every problem in it. */
export function readRow(sheetRow: SheetRow, ctx: RowContext): { item?: ImportedItem; problems: CellProblem[] } {
  const problems: CellProblem[] = [];
  const { fields } = ctx.columns;
  const cell = (field: Exclude<ImportField, 'skip'>) => {
    const index = fields[field];
    return index === undefined ? '' : (sheetRow.cells[index] ?? '').trim();
  };
  const problem = (field: Exclude<ImportField, 'skip'>, message: Wording) =>
    problems.push({ row: sheetRow.row, column: (fields[field] ?? 0) + 1, message });
  const date = (field: 'due' | 'report_back' | 'update_date') => {
    const text = cell(field);
    if (text === '') return undefined;
    const read = readSheetDate(text);
    if ('problem' in read) problem(field, read.problem);
    return 'date' in read ? read.date : undefined;
  };

  const mappedColumns = new Set(Object.values(fields));
  for (const error of sheetRow.errors ?? []) {
    if (!mappedColumns.has(error.column - 1)) continue;
    problems.push({ row: sheetRow.row, column: error.column, message: `the cell shows the spreadsheet error ${error.text}, not a value: correct the formula or type the value in` });
  }
  const titleCell = cell('title');
  if (titleCell === '') problem('title', 'the title is empty: every item needs one');
  const title = titleOf(titleCell);
  const text = cell('text') || (title === titleCell ? '' : titleCell);
  const item: ImportedItem = { row: sheetRow.row, title, text, owners: [], tags: [] };

  const numberCell = cell('number');
  if (numberCell !== '') {
    const number = numberOf(numberCell);
    if (number === undefined) problem('number', `"${numberCell}" is not a number such as 3 or a label such as 2a`);
    else item.number = number;
  }
  const refCell = cell('ref');
  if (refCell !== '') {
    item.ref = refCell;
    // A reference that is a plain number ("3", "R3") numbers the item too; "SR (23/24) 01" leaves it to be numbered.
    const number = numberOf(refCell);
    if (numberCell === '' && number !== undefined && /^(?:r|rec|recommendation|no)?\.?\s*\d+[a-z]?\.?$/i.test(refCell)) item.number = number;
  }
  const ownersCell = cell('owners');
  if (ownersCell !== '') {
    const { owners, unknown } = ownersOf(ctx.registers, ownersCell);
    for (const name of unknown) problem('owners', (flag) => `"${name}" is not in the bodies or people of track.config.yaml: add it there (or as an alias), or map the column with ${flag('maps')}`);
    item.owners = owners;
  }
  const stageCell = cell('stage');
  if (stageCell !== '') {
    const mapped = ctx.stageMap?.get(stageCell.toLowerCase().replace(/\s+/g, ' '));
    const stage = mapped !== undefined ? findStage(ctx.stages, mapped) : stageFromCell(ctx.stages, stageCell);
    if (!stage) {
      problem('stage', (flag) => `"${stageCell}" is not on the stage scale of track.config.yaml: expected one of ${stageChoices(ctx.stages)}, or a stage's label, or map the word with ${flag('stageMaps')} "${stageCell}=STAGE"`);
    } else item.stage = stage.id;
  }
  const kind = cell('kind').toLowerCase();
  if (kind !== '') {
    if ((ITEM_KINDS as readonly string[]).includes(kind)) item.kind = kind;
    else problem('kind', `"${cell('kind')}" is not a kind of item: expected one of ${ITEM_KINDS.join(', ')}`);
  }
  const response = cell('response').toLowerCase().replace(/\s+/g, '-');
  if (response !== '') {
    if ((RESPONSES as readonly string[]).includes(response)) item.response = response;
    else problem('response', `"${cell('response')}" is not a response: expected one of ${RESPONSES.join(', ')}`);
  }
  const due = date('due');
  if (due !== undefined) item.due = due;
  const reportBack = date('report_back');
  if (reportBack !== undefined) item.reportBack = reportBack;
  if (cell('theme') !== '') item.theme = cell('theme');
  item.tags = cell('tags').split(/\s*[;,]\s*/).filter(Boolean);
  const note = cell('update');
  const updateDate = date('update_date');
  if (note !== '') item.update = { date: updateDate ?? ctx.today, note };
  else if (updateDate !== undefined) problem('update_date', 'there is a date of update but no progress text beside it');
  return problems.length > 0 ? { problems } : { item, problems };
}
