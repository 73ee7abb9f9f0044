import type { Palette } from '../terminal.js';
import { list, type ListResult } from '../../commands/list.js';
import { itemJson } from '../../derive/item-json.js';
import { exportRow, exportTable } from '../../interop/columns.js';
import { BadFilter, type ItemFilters } from '../../derive/query.js';
import { ExitError } from '../errors.js';
import { formatUkDate } from '../../records/dates.js';
import { csvText } from '../../interop/csv-text.js';
import { asOfOption } from '../as-of.js';
import type { CliContext } from '../context.js';
import { ownersText, paintStage, unreadableMessage } from '../format.js';
import { renderTable } from '../table.js';
import { palette, terminalWidth } from '../terminal.js';
import { terminalText } from '../safe-text.js';

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
  const result = await list({ root: ctx.root(), today: ctx.today, filters, ...asOfOption(ctx), ...(typeof o['sort'] === 'string' ? { sort: o['sort'] } : {}) }).catch((error: unknown) => {
    throw error instanceof BadFilter ? filterExit(error) : error;
  });
  const json = () => result.rows.map((r) => itemJson(r.item, r.facts, result.registers));
  if (format === 'json') ctx.stdout.write(`${JSON.stringify(json(), null, 2)}\n`);
  // The same columns as `track export --format csv`: one flat shape of an item.
  else if (format === 'csv') ctx.stdout.write(csvText(exportTable(result.rows.map((r) => exportRow(r.item, r.facts, result.registers)))));
  else if (format === 'ids') ctx.stdout.write(terminalText(result.rows.map((r) => `${r.item.id}\n`).join('')));
  else ctx.stdout.write(terminalText(formatList(result, palette(ctx.color), terminalWidth(ctx.stdout)), ctx.color));
  if (result.unreadable.length > 0) {
    ctx.stderr.write(`${unreadableMessage(result.unreadable.length)}\n`);
    return 1;
  }
  return 0;
}

/** A filter value that names nothing, in the words of the flag it came from. */
export function filterExit(error: BadFilter): ExitError {
  const { value, expected } = error;
  switch (error.filter) {
    case 'stage':
      return new ExitError(2, `--stage ${value} is not on the stage scale of track.config.yaml: expected one of: ${expected}.`);
    case 'source':
      return new ExitError(1, `No source has the id "${value}". Run "track status" to see the sources.`);
    case 'kind':
      return new ExitError(2, `--kind ${value} is not a kind of item: expected one of ${expected}.`);
    case 'dueBefore':
      return new ExitError(2, `--due-before ${expected}.`);
    case 'sort':
      return new ExitError(2, `--sort ${value} is not a field to sort by: expected one of ${expected} (put - in front for the reverse order).`);
  }
}

function formatList(result: ListResult, c: Palette, width: number): string {
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
