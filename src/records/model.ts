// The typed model of a workspace: what every command reads. Built only by the
// loader in this folder; everything else treats it as read-only.

import type { Diagnostic } from './diagnostic.js';
import type { TrackDate } from './dates.js';

export type StageId = number | string;

export interface Stage {
  id: StageId;
  label: string;
  closed: boolean;
  colour?: string;
  /** The wording a paper puts after the stage id: "Stage: 2 (achieved)". */
  short?: string;
}

export interface Body {
  id: string;
  name: string;
  aliases: readonly string[];
}

export interface Person {
  id: string;
  name: string;
  role?: string;
  body?: string;
  email?: string;
  phone?: string;
  aliases: readonly string[];
}

export interface Config {
  /** Absolute path of track.config.yaml. */
  path: string;
  organisation: string;
  stages: Stage[];
  staleAfterDays: number;
  responseDays: number;
  bodies: Body[];
  people: Person[];
  report: { author?: string };
  extraFields: string[];
}

export const SOURCE_KINDS = [
  'scrutiny-inquiry', 'board-decision', 'review', 'audit', 'meeting', 'report', 'other',
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export const ITEM_KINDS = ['recommendation', 'action', 'objective'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export const RESPONSES = ['accepted', 'partially-accepted', 'rejected', 'noted', 'pending'] as const;
export type Response = (typeof RESPONSES)[number];

/** Who took part in a meeting: an id or a name, or a name with a role, body and whether they chaired. */
export type Attendee = string | { name: string; role?: string; body?: string; chair?: boolean };

export interface Source {
  /** The folder name under records/, e.g. "leeds-cd-2007". */
  id: string;
  /** Workspace-relative path of source.md, with forward slashes. */
  path: string;
  title: string;
  kind: SourceKind;
  madeBy?: string;
  date?: TrackDate;
  url?: string;
  /** The body the paper goes to ("PCT Board"). */
  presentedTo?: string;
  /** The person (id) who signs papers about this source; overrides report.author. */
  signedBy?: string;
  attendees: readonly Attendee[];
  /** The general context, in Markdown. */
  body: string;
}

/**
 * The empty list that every record without owners, tags, evidence… shares, and
 * the empty extra fields: one frozen value each instead of tens of thousands of
 * objects for the garbage collector to copy. Frozen, so sharing them is safe.
 */
export const NONE: readonly never[] = Object.freeze([]);
export const NO_EXTRA: Readonly<Record<string, unknown>> = Object.freeze({});

export interface Update {
  date: TrackDate;
  stage?: StageId;
  proposedStage?: StageId;
  by?: string;
  note: string;
  newDue?: TrackDate;
  /** The target date a `newDue` replaces. */
  previousDue?: TrackDate;
  reason?: string;
  evidence: readonly string[];
  /**
   * Where the update is in the file's `updates:` list, from 0, when an earlier
   * one could not be read (and so is not in `Item.updates`); otherwise absent.
   */
  position?: number;
}

export interface Item {
  /** Path under records/ without .md, lower case: "leeds-cd-2007/r1". */
  id: string;
  /** The source folder name. */
  source: string;
  /** Workspace-relative path of the file, with forward slashes. */
  path: string;
  title: string;
  number?: number | string;
  /** The source's own reference for the item, as written ("SR (23/24) 01"). */
  ref?: string;
  kind: ItemKind;
  theme?: string;
  owners: readonly string[];
  /** How the item is to be taken forward, in the source's own words. */
  approach?: string;
  response?: Response;
  due?: TrackDate;
  reportBack?: TrackDate;
  /** Undefined only when the file gives no usable stage (an error is reported). */
  stage?: StageId;
  related: readonly string[];
  tags: readonly string[];
  updates: Update[];
  /** Keys the config allows beyond the contract (extra_fields); shared and frozen when there are none. */
  extra: Readonly<Record<string, unknown>>;
  /** The item's text as it was made, in Markdown. */
  body: string;
}

export interface Meeting {
  date: TrackDate;
  body?: string;
  title?: string;
  tentative: boolean;
}

/** A record's frontmatter text by its path, when it is at hand. */
export interface Frontmatter {
  get(path: string): string | undefined;
}

export interface Workspace {
  /** Absolute path of the folder holding track.config.yaml. */
  root: string;
  config: Config;
  sources: Source[];
  items: Item[];
  meetings: Meeting[];
  /** Every problem found while reading, in file order. */
  diagnostics: Diagnostic[];
  /** Workspace-relative paths of record files that could not be read at all. */
  unreadable: string[];
  /** Each record's frontmatter text by path, where it is at hand (kept by the store, or read this run): places problems without a second read. */
  frontmatter: Frontmatter;
}
