// The parsing half of loading a workspace: the config, meetings.yaml and each
// record file into the model plus diagnostics (YAML, zod). Only the store
// (store/index.ts, the one way in) calls it, and only for what its cache
// does not hold, so a run on unchanged files never loads a parser.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from './config.js';
import type { Config, Meeting } from './model.js';
import type { LoadedMeetings } from './assemble.js';
import { parseItem, parseSource, type ParsedRecord } from './parse.js';
import { placeProblems, readFileText, readYamlFile, textOf, type FileRead } from './read.js';
import { MEETINGS_FILE, type RecordFileRef } from './tree.js';
import { check, meetingsSchema } from './schema.js';

export { loadConfig };

/** Read and parse one record file; `opened` as for `readFileText`. */
export function readRecordFile(ref: RecordFileRef, config: Config, opened?: (fd: number) => number): ParsedRecord {
  return parseRecordFile(ref, config, readFileText(ref.absPath, opened));
}

/** Parse one record file as read; pure given the file and the config. */
export function parseRecordFile(ref: RecordFileRef, config: Config, read: FileRead): ParsedRecord {
  const text = textOf(read, ref.absPath, ref.path);
  return ref.kind === 'source' ? parseSource(text, ref.path, ref.id) : parseItem(text, ref.path, ref.id, ref.source, config.extraFields);
}

/** A meeting with only the keys meetings.yaml defines; undefined when it is not a mapping. */
function knownMeetingKeys(meeting: unknown): Record<string, unknown> | undefined {
  if (meeting === null || typeof meeting !== 'object' || Array.isArray(meeting)) return undefined;
  const keys = Object.keys(meetingsSchema.element.shape);
  return Object.fromEntries(Object.entries(meeting).filter(([key]) => keys.includes(key)));
}

export function loadMeetings(root: string): LoadedMeetings {
  const abs = join(root, MEETINGS_FILE);
  if (!existsSync(abs)) return { meetings: [], diagnostics: [] };
  const read = readYamlFile(abs, MEETINGS_FILE);
  if ('diagnostic' in read) return { meetings: [], diagnostics: [read.diagnostic] };
  const checked = check(meetingsSchema, read.data ?? []);
  if ('problems' in checked) {
    const diagnostics = placeProblems(MEETINGS_FILE, checked.problems, read.locator);
    // Keep the meetings that are fine on their own.
    // A meeting with a problem of its own is left out; one with only a key track does not know is kept, without it
    // (the key is still reported), so that one stray key does not make the next meeting vanish.
    const meetings = Array.isArray(read.data)
      ? read.data.flatMap((m) => {
          const one = check(meetingsSchema, [m]);
          if ('value' in one) return one.value;
          const known = knownMeetingKeys(m);
          const kept = known && check(meetingsSchema, [known]);
          return kept && 'value' in kept ? kept.value : [];
        })
      : [];
    return { meetings: meetings.map(toMeeting), diagnostics };
  }
  return { meetings: checked.value.map(toMeeting), diagnostics: [] };
}

function toMeeting(m: { date: string; body?: string | null; title?: string | null; tentative?: boolean | null }): Meeting {
  return {
    date: m.date,
    tentative: m.tentative ?? false,
    ...(m.body != null ? { body: m.body } : {}),
    ...(m.title != null ? { title: m.title } : {}),
  };
}
