import type { ChalkInstance } from 'chalk';
import { list, type ListResult } from '../../commands/list.js';
import { itemJson, type ItemJson } from '../../derive/item-json.js';
import type { ItemFilters } from '../../derive/query.js';
import { formatUkDate } from '../../records/dates.js';
import { csvText } from '../../interop/csv-text.js';
import type { CliContext } from '../context.js';
import { ownersText, paintStage, unreadableMessage } from '../format.js';
import { renderTable } from '../table.js';
import { palette, terminalWidth } from '../terminal.js';

type Format = 'table' | 'json' | 'csv' | 'ids';

export async function run(ctx: CliContext): Promise<number> {
  const o = ctx.opts;
  const strings = (key: string) => (Array.isArray(o[key]) ? (o[key] as string[]) : undefined);
  const filters: ItemFilters = {
    stage: strings('stage'),
    owner: strings('owner'),
    source: strings('source'),
    theme: strings('theme'),
    tag: strings('tag'),
    kind: strings('kind'),
    open: o['open'] === true,
    closed: o['closed'] === true,
    overdue: o['overdue'] === true,
    stale: o['stale'] === true,
    unassigned: o['unassigned'] === true,
    ...(typeof o['dueBefore'] === 'string' ? { dueBefore: o['dueBefore'] } : {}),
  };
  const format: Format = o['json'] === true ? 'json' : ((o['format'] as Format | undefined) ?? 'table');
  const result = await list({ root: ctx.root(), today: ctx.today, filters, ...(typeof o['sort'] === 'string' ? { sort: o['sort'] } : {}) });
  const json = () => result.rows.map((r) => itemJson(r.item, r.facts, result.registers));
  if (format === 'json') ctx.stdout.write(`${JSON.stringify(json(), null, 2)}\n`);
  else if (format === 'csv') ctx.stdout.write(csvText([CSV_COLUMNS, ...json().map(csvRow)]));
  else if (format === 'ids') ctx.stdout.write(result.rows.map((r) => `${r.item.id}\n`).join(''));
  else ctx.stdout.write(formatList(result, palette(ctx.color), terminalWidth(ctx.stdout)));
  if (result.unreadable.length > 0) {
    ctx.stderr.write(`${unreadableMessage(result.unreadable.length)}\n`);
    return 1;
  }
  return 0;
}

export const CSV_COLUMNS = [
  'id', 'source', 'number', 'title', 'kind', 'theme', 'stage', 'stage_label', 'closed', 'owners', 'response', 'due', 'report_back',
  'overdue', 'stale', 'unassigned', 'response_overdue', 'awaiting_confirmation', 'due_for_next_meeting', 'last_update', 'tags', 'path',
];

function csvRow(j: ItemJson): (string | number | boolean | null)[] {
  return [
    j.id, j.source, j.number, j.title, j.kind, j.theme, j.stage?.id ?? null, j.stage?.label ?? null, j.closed, j.owners.join('; '), j.response,
    j.due, j.report_back, j.overdue, j.stale, j.unassigned, j.response_overdue, j.awaiting_confirmation, j.due_for_next_meeting, j.last_update,
    j.tags.join('; '), j.path,
  ];
}

function formatList(result: ListResult, c: ChalkInstance, width: number): string {
  if (result.rows.length === 0) return 'No items match.\n';
  const rows = result.rows.map(({ item, facts }) => {
    const flags = [facts.overdue && c.red('overdue'), facts.stale && c.yellow('stale'), facts.unassigned && c.yellow('unassigned'), facts.awaitingConfirmation && 'awaiting']
      .filter(Boolean)
      .join(' ');
    return [
      item.id,
      item.title,
      paintStage(c, facts.stage, item.stage === undefined ? '?' : String(item.stage)),
      ownersText(item.owners.map((o) => result.registers.displayName(o))),
      item.due ? formatUkDate(item.due) : '',
      flags,
    ];
  });
  const table = renderTable(
    [{ header: 'Id' }, { header: 'Title', flex: true }, { header: 'Stage' }, { header: 'Owner', flex: true, max: 28 }, { header: 'Due' }, { header: '' }],
    rows,
    { width, header: c.bold },
  );
  return `${table}${result.rows.length === 1 ? '1 item' : `${result.rows.length} items`}\n`;
}
