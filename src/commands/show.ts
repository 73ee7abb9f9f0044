// `track show ID`: one item whole, with its links both ways and its facts.

import { workspaceAsOf } from '../derive/as-of.js';
import { factContext, itemFacts, type ItemFacts } from '../derive/facts.js';
import { Refusal } from '../errors.js';
import { formatUkDate } from '../records/dates.js';
import { itemJson, JSON_SCHEMA_VERSION, updateJson } from '../derive/item-json.js';
import { resolveId, resolveRelated } from '../records/ids.js';
import type { Config, Item, Meeting, Source } from '../records/model.js';
import { buildRegisters, type Registers } from '../records/registers.js';
import { loadWorkspace } from '../records/store/index.js';

export interface ShowOptions {
  root: string;
  today: string;
  id: string;
  /** The item as it stood on this date. */
  asOf?: string;
}

/** A `related` entry as written, and the item it names when there is one. */
export interface RelatedLink {
  ref: string;
  item?: Item;
}

export interface ShowResult {
  item: Item;
  facts: ItemFacts;
  source?: Source;
  /** The items this one names in `related`. */
  related: RelatedLink[];
  /** The items that name this one in their `related`. */
  relatedBy: Item[];
  nextMeeting?: Meeting;
  registers: Registers;
  config: Config;
}

export async function show(options: ShowOptions): Promise<ShowResult> {
  const current = await loadWorkspace(options.root);
  const found = resolveId(current.items, options.id, current.unreadable);
  const workspace = options.asOf !== undefined ? workspaceAsOf(current, options.asOf) : current;
  const item = workspace.items.find((i) => i.id === found.id);
  if (!item) throw new Refusal(`${found.id} did not exist yet on ${formatUkDate(options.asOf!)}: its source is dated later.`);
  const ctx = factContext(workspace, options.asOf ?? options.today);
  const byId = new Map(workspace.items.map((i) => [i.id, i]));
  const related = item.related.map((ref) => {
    const target = resolveRelated(byId, workspace.items, item, ref);
    return target ? { ref, item: target } : { ref };
  });
  const relatedBy = workspace.items.filter(
    (other) => other !== item && other.related.some((ref) => resolveRelated(byId, workspace.items, other, ref) === item),
  );
  const source = ctx.sources.get(item.source);
  return {
    item,
    facts: itemFacts(item, ctx),
    related,
    relatedBy,
    registers: buildRegisters(workspace.config),
    config: workspace.config,
    ...(source ? { source } : {}),
    ...(ctx.nextMeeting ? { nextMeeting: ctx.nextMeeting } : {}),
  };
}

/** The documented `show --json` shape: the list shape plus text, updates and links. */
export function showJson(result: ShowResult) {
  const { item, facts, source } = result;
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    ...itemJson(item, facts, result.registers),
    source_title: source?.title ?? null,
    source_date: source?.date ?? null,
    body: item.body,
    updates: item.updates.map(updateJson),
    links: {
      related: result.related.map((l) => ({ ref: l.ref, id: l.item?.id ?? null, title: l.item?.title ?? null })),
      related_by: result.relatedBy.map((i) => ({ id: i.id, title: i.title })),
    },
    extra: item.extra,
  };
}
