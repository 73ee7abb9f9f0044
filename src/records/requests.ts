// The request manifest: which owners were asked for progress, for which
// meeting, and when each replied. `track request` and `track collect` keep
// it (through write/); `track status` reads it for "awaiting replies".

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Refusal } from '../errors.js';
import type { TrackDate } from './dates.js';

/** Beside track.config.yaml, so it is committed with the records and every officer sees the same round. */
export const REQUESTS_FILE = 'track.requests.json';

export interface RequestEntry {
  /** The owner's register id (or the name as the items write it). */
  owner: string;
  /** The owner's name, as the covering note greets them. */
  name: string;
  /** The meeting the request is for. */
  meeting: TrackDate;
  reply_by: TrackDate;
  /** The day the workbook was made. */
  made: TrackDate;
  /** Where the workbook was written, as the officer named it. */
  file: string;
  /** The ids of the items it listed. */
  items: string[];
  /** The day its answers were collected; absent until then. */
  returned?: TrackDate;
}

export interface RequestManifest {
  schemaVersion: 1;
  requests: RequestEntry[];
}

export const EMPTY_MANIFEST: RequestManifest = { schemaVersion: 1, requests: [] };

/** The manifest, or an empty one when no request has been made; a damaged file is one sentence (a Refusal). */
export function readRequests(root: string): RequestManifest {
  let text: string;
  try {
    text = readFileSync(join(root, REQUESTS_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { schemaVersion: 1, requests: [] };
    throw new Refusal(`Cannot read ${REQUESTS_FILE} (${(error as NodeJS.ErrnoException).code ?? 'error'}): check its permissions.`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (error) {
    throw new Refusal(`${REQUESTS_FILE} is not valid JSON (${(error as Error).message}): restore it from git, or delete it to forget past requests.`);
  }
  const requests = (data as { requests?: unknown } | null)?.requests;
  if (!Array.isArray(requests) || !requests.every(isEntry)) {
    throw new Refusal(`${REQUESTS_FILE} is not a request manifest track wrote: restore it from git, or delete it to forget past requests.`);
  }
  return { schemaVersion: 1, requests };
}

function isEntry(value: unknown): value is RequestEntry {
  const e = value as Record<string, unknown> | null;
  return (
    typeof e === 'object' && e !== null &&
    typeof e['owner'] === 'string' && typeof e['name'] === 'string' && typeof e['meeting'] === 'string' && typeof e['reply_by'] === 'string' &&
    typeof e['made'] === 'string' && typeof e['file'] === 'string' && Array.isArray(e['items']) &&
    (e['returned'] === undefined || typeof e['returned'] === 'string')
  );
}

/** The manifest as its file holds it: one request per line, so a git diff shows who was asked and who replied. */
export function requestsText(manifest: RequestManifest): string {
  const lines = manifest.requests.map((r) => `    ${JSON.stringify(r)}`);
  return `{\n  "schemaVersion": 1,\n  "requests": [${lines.length > 0 ? `\n${lines.join(',\n')}\n  ` : ''}]\n}\n`;
}
