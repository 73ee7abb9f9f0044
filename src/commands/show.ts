// `track show ID`: one item whole, with its links both ways and its facts.

import { onOrBefore, workspaceAsOf } from '../derive/as-of.js';
import { factContext, itemFacts, type ItemFacts } from '../derive/facts.js';
import { Refusal } from '../errors.js';
import { formatUkDate } from '../records/dates.js';
import { itemJson, JSON_SCHEMA_VERSION, updateJson } from '../derive/item-json.js';
import { resolveId, resolveRelated, unreadableRecords } from '../records/ids.js';
import type { Config, Item, Meeting, Source } from '../records/model.js';
import { buildRegisters, type Registers } from '../records/registers.js';
import { openStore } from '../records/store/index.js';

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
  /** When it names no item: the record file it names, which could not be read. */
  unreadable?: string;
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
  /** Record files that could not be read: any links they hold are not among `relatedBy`. */
  unreadable: string[];
}

export async function show(options: ShowOptions): Promise<ShowResult> {
  // Only the item, its source and the items linked to it are read: the index finds them.
  const store = await openStore(options.root);
  const index = await store.index();
  const found = resolveId(index.items, options.id, index.unreadable);
  // As of a date, the items of sources made later did not exist yet.
  const madeAfter = new Set(options.asOf === undefined ? [] : index.sources.filter((s) => s.date !== undefined && !onOrBefore(s.date, options.asOf!)).map((s) => s.id));
  if (madeAfter.has(found.source)) throw new Refusal(`${found.id} did not exist yet on ${formatUkDate(options.asOf!)}: its source is dated later.`);
  const refs = madeAfter.size > 0 ? index.items.filter((r) => !madeAfter.has(r.source)) : index.items;
  const byId = new Map(refs.map((r) => [r.id, r]));
  const related = found.related.map((ref) => ({ ref, target: resolveRelated(byId, found, ref) }));
  // A link to a record file that could not be read names that file, not "no such item".
  const broken = unreadableRecords(index.unreadable);
  const brokenById = new Map(broken.map((b) => [b.id, b]));
  const relatedBy = refs.filter((other) => other !== found && other.related.some((ref) => resolveRelated(byId, other, ref) === found));
  const source = index.sources.find((s) => s.id === found.source);
  const paths = [found, ...related.flatMap((l) => (l.target ? [l.target] : [])), ...relatedBy].map((r) => r.path);
  const some = await store.some(source ? [...paths, source.path] : paths);
  const workspace = options.asOf !== undefined ? workspaceAsOf(some, options.asOf) : some;
  const items = new Map(workspace.items.map((i) => [i.id, i]));
  const item = items.get(found.id)!;
  const ctx = factContext(workspace, options.asOf ?? options.today);
  const itsSource = ctx.sources.get(item.source);
  return {
    item,
    facts: itemFacts(item, ctx),
    related: related.map(({ ref, target }): RelatedLink => {
      if (target) return { ref, item: items.get(target.id)! };
      const unreadable = resolveRelated(brokenById, found, ref)?.path;
      return unreadable ? { ref, unreadable } : { ref };
    }),
    relatedBy: relatedBy.map((r) => items.get(r.id)!),
    registers: buildRegisters(workspace.config),
    config: workspace.config,
    unreadable: index.unreadable,
    ...(itsSource ? { source: itsSource } : {}),
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
