// `track request`: one workbook per owner listing their open items, and a
// covering note to paste into an email; the request is remembered in the
// manifest so `track status` can say who has not replied.

import { isAbsolute, join, relative } from 'node:path';
import { Refusal } from '../errors.js';
import { checkDateOption } from '../records/dates.js';
import { factContext, itemFacts } from '../derive/facts.js';
import { compareDates, formatUkDate, startDay, type TrackDate } from '../records/dates.js';
import type { Item, Meeting, Workspace } from '../records/model.js';
import { buildRegisters, type Registers } from '../records/registers.js';
import { readRequests, requestsText, REQUESTS_FILE, type RequestEntry } from '../records/requests.js';
import type { RequestRow } from '../interop/request-book.js';
import { makeFolder } from '../write/file.js';
import { writeFiles, type FileToWrite } from '../write/transaction.js';
import { loadWorkspace } from '../records/store/index.js';
import { meetingWords, ownerFileName, ownerId, requestMeeting } from './round.js';

export interface RequestOptions {
  root: string;
  today: string;
  /** Only these owners (ids or names); default every owner with open items. */
  owners?: string[];
  meeting?: string;
  replyBy?: string;
  /** The folder to write into, absolute; default requests/<meeting date> in the workspace. */
  outDir?: string;
}

export interface OwnerRequest {
  owner: string;
  name: string;
  items: string[];
  /** Workspace-relative (or absolute, outside the workspace) paths written. */
  workbook: string;
  note: string;
}

export interface RequestResult {
  meeting: Meeting;
  replyBy: TrackDate;
  requests: OwnerRequest[];
  /** Owners named with --owner who have no open items: nothing was made for them. */
  nothingOpen: string[];
}

/** Two weeks before the meeting, but never before today. */
function defaultReplyBy(meeting: TrackDate, today: TrackDate): TrackDate {
  const day = startDay(meeting) - 14;
  const date = new Date(day * 86_400_000).toISOString().slice(0, 10);
  return compareDates(date, today) < 0 ? today : date;
}

/** The open items of each owner, in the workspace's order, keyed by the owner's register id. */
function openItemsByOwner(workspace: Workspace, today: string, registers: Registers): Map<string, { item: Item; stage: string; lastUpdate?: string }[]> {
  const ctx = factContext(workspace, today);
  const byOwner = new Map<string, { item: Item; stage: string; lastUpdate?: string }[]>();
  for (const item of workspace.items) {
    const facts = itemFacts(item, ctx);
    if (!facts.open) continue;
    const entry = { item, stage: facts.stage?.label ?? String(item.stage ?? ''), ...(facts.lastUpdate !== undefined ? { lastUpdate: facts.lastUpdate } : {}) };
    for (const owner of new Set(item.owners.map((o) => ownerId(registers, o)))) {
      byOwner.set(owner, [...(byOwner.get(owner) ?? []), entry]);
    }
  }
  return byOwner;
}

function shownPath(root: string, path: string): string {
  const rel = relative(root, path);
  return rel.startsWith('..') || isAbsolute(rel) ? path : rel.split('\\').join('/');
}

export async function request(options: RequestOptions): Promise<RequestResult> {
  checkDateOption('meeting', options.meeting, false);
  checkDateOption('replyBy', options.replyBy, false);
  const workspace = await loadWorkspace(options.root);
  if (workspace.unreadable.length > 0) {
    throw new Refusal(`${workspace.unreadable.join(', ')} cannot be read, so their owners would not be asked: fix them first (run "track validate"). Nothing was written.`);
  }
  const registers = buildRegisters(workspace.config);
  const meeting = requestMeeting(workspace, options.today, options.meeting);
  const replyBy = options.replyBy ?? defaultReplyBy(meeting.date, options.today);
  const byOwner = openItemsByOwner(workspace, options.today, registers);
  const wanted = options.owners && options.owners.length > 0 ? [...new Set(options.owners.map((o) => ownerId(registers, o)))] : [...byOwner.keys()].sort();
  const nothingOpen = wanted.filter((o) => !byOwner.has(o));
  if (options.owners && nothingOpen.length === wanted.length) {
    throw new Refusal(
      (flag) =>
        `${nothingOpen.map((o) => `"${o}"`).join(', ')} ${nothingOpen.length === 1 ? 'owns' : 'own'} no open items: there is nothing to ask. Check the name against the owners in the records ("track status ${flag('by')} owner").`,
    );
  }
  const outDir = options.outDir ?? join(options.root, 'requests', meeting.date);
  const { requestWorkbook } = await import('../interop/request-book.js');
  const stageLabels = workspace.config.stages.map((s) => s.label);
  const files: FileToWrite[] = [];
  const requests: OwnerRequest[] = [];
  const entries: RequestEntry[] = [];
  const words = meetingWords(meeting, registers);
  for (const owner of wanted) {
    const items = byOwner.get(owner);
    if (!items) continue;
    const name = registers.displayName(owner);
    const base = join(outDir, ownerFileName(owner));
    const rows: RequestRow[] = items.map(({ item, stage, lastUpdate }) => ({
      id: item.id,
      number: item.number === undefined ? '' : String(item.number),
      title: item.title,
      stage,
      due: item.due ? formatUkDate(item.due) : '',
      lastUpdate: lastUpdate ? formatUkDate(lastUpdate) : '',
    }));
    const bytes = await requestWorkbook({
      title: `Progress update for ${words}`,
      subtitle: `For ${name}: please fill in the white columns for each item and return this workbook by ${formatUkDate(replyBy)}.`,
      stageLabels,
      rows,
      settings: [['owner', owner], ['owner_name', name], ['meeting', meeting.date], ['reply_by', replyBy], ['made', options.today]],
    });
    const workbook = `${base}.xlsx`;
    const note = `${base}.md`;
    files.push({ path: workbook, shown: shownPath(options.root, workbook), bytes });
    files.push({ path: note, shown: shownPath(options.root, note), bytes: Buffer.from(coveringNote(workspace, registers, { name, meeting: words, replyBy, file: `${ownerFileName(owner)}.xlsx`, count: rows.length })) });
    requests.push({ owner, name, items: rows.map((r) => r.id), workbook: shownPath(options.root, workbook), note: shownPath(options.root, note) });
    entries.push({ owner, name, meeting: meeting.date, reply_by: replyBy, made: options.today, file: shownPath(options.root, workbook), items: rows.map((r) => r.id) });
  }
  // A new request to the same owner for the same meeting replaces the old one.
  const manifest = readRequests(options.root);
  const asked = new Set(entries.map((e) => e.owner));
  manifest.requests = [...manifest.requests.filter((r) => !(r.meeting === meeting.date && asked.has(r.owner))), ...entries];
  files.push({ path: join(options.root, REQUESTS_FILE), shown: REQUESTS_FILE, bytes: Buffer.from(requestsText(manifest)) });
  makeFolder(outDir, shownPath(options.root, outDir));
  await writeFiles(files, { within: options.root });
  return { meeting, replyBy, requests, nothingOpen };
}

interface NoteFacts {
  name: string;
  meeting: string;
  replyBy: TrackDate;
  file: string;
  count: number;
}

/** The covering note, in Markdown, to paste into an email. */
function coveringNote(workspace: Workspace, registers: Registers, facts: NoteFacts): string {
  const author = workspace.config.report.author;
  const person = author !== undefined ? workspace.config.people.find((p) => p.id === author) : undefined;
  const signature = person
    ? [person.name, person.role, registers.displayName(person.body ?? '') || undefined, person.email, person.phone]
    : [workspace.config.organisation];
  const items = facts.count === 1 ? 'the open item' : `the ${facts.count} open items`;
  return [
    `# Progress update for ${facts.meeting}`,
    '',
    `Dear ${facts.name},`,
    '',
    `Progress on ${items} that you lead on will be reported to ${facts.meeting}. The attached workbook, ${facts.file}, lists ${facts.count === 1 ? 'it' : 'them'}.`,
    '',
    'For each item, please fill in the white columns:',
    '',
    '- **Progress**: what has been done since the last update.',
    '- **Proposed stage**: the stage you believe the item has reached, chosen from the list.',
    '- **New target date** and **Reason for new date**: only if the target date has to move.',
    '',
    'Please leave the grey columns and the rows as they are; a row left blank is read as no update.',
    '',
    `Please return the workbook by **${formatUkDate(facts.replyBy)}**.`,
    '',
    'Thank you,',
    '',
    ...signature.filter((line): line is string => typeof line === 'string' && line !== '').map((line, i, all) => (i < all.length - 1 ? `${line}  ` : line)),
    '',
  ].join('\n');
}
