// An item as it was at some commit: file bytes into the model, by the one parser.

import { decodeText } from '../records/frontmatter.js';
import type { Item } from '../records/model.js';
import { parseItemText } from '../records/parse.js';
import { RECORDS_DIR, SOURCE_FILE } from '../records/tree.js';

/** A version of an item file: the item, or why it could not be read then. */
export type ItemVersion = { item: Item } | { problem: string };

const ITEM_PATH = /^records\/([^/]+)\/([^/]+)\.md$/;

/** The id of the item a workspace-relative path holds, or undefined for anything else. */
export function itemIdOf(path: string): string | undefined {
  const match = ITEM_PATH.exec(path);
  if (!match || `${match[2]}.md` === SOURCE_FILE) return undefined;
  return `${match[1]!.toLowerCase()}/${match[2]!.toLowerCase()}`;
}

/** Whether a path is an item file directly in a source folder. */
export function isItemPath(path: string): boolean {
  return path.startsWith(`${RECORDS_DIR}/`) && itemIdOf(path) !== undefined;
}

export function parseVersion(bytes: Uint8Array, path: string, extraFields: readonly string[]): ItemVersion {
  const id = itemIdOf(path) ?? path;
  const decoded = decodeText(bytes);
  if ('problem' in decoded) return { problem: decoded.problem.message };
  const parsed = parseItemText(decoded.text, path, id, id.split('/')[0]!, extraFields);
  if (!parsed.item) return { problem: parsed.diagnostics[0]?.message ?? 'the file could not be read' };
  return { item: parsed.item };
}
