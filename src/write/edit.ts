// Minimal edits of an item's frontmatter: the `yaml` parser finds where each
// node lies, and the new text is spliced in there, so every other byte
// (comments, quoting, spacing, key order, line endings, the body) stays.

import { isMap, isScalar, isSeq, parseDocument, visit, type Node, type Pair, type YAMLMap } from 'yaml';
import type { StageId } from '../records/model.js';
import { scalar, scalarLike, textLines, dateScalar } from './scalar.js';
import { frontmatterRange, type RecordText } from './text.js';

/** An edit the writer will not make, with the reason in plain words. */
export class RefusedEdit extends Error {
  override name = 'RefusedEdit';
}

export interface UpdateEntry {
  date: string;
  stage?: StageId;
  proposedStage?: StageId;
  by?: string;
  newDue?: string;
  /** The target date `newDue` replaces. */
  previousDue?: string;
  reason?: string;
  note: string;
}

export interface ItemEdit {
  stage?: StageId;
  due?: string;
  response?: string;
  reportBack?: string;
  /** Goes into the list in date order: after every update dated on or before it. */
  update?: UpdateEntry;
}

interface Splice {
  at: number;
  remove: number;
  insert: string;
}

/** The text of an item with `edit` applied; throws RefusedEdit when it cannot be done safely. */
export function editItem(record: RecordText, edit: ItemEdit): string {
  const { text, eol } = record;
  const range = frontmatterRange(text);
  if (!range) throw new RefusedEdit('the file has no frontmatter between two "---" lines');
  const yamlText = text.slice(range.start, range.end);
  // The `yaml` parser does not take a lone "\r" as a line break; offsets before it are the same.
  const doc = parseDocument(yamlText.replace(/\r$/, ''), { keepSourceTokens: true, schema: 'core', uniqueKeys: false });
  if (doc.errors.length > 0) {
    throw new RefusedEdit('its frontmatter is not valid YAML; fix it by hand first (run "track validate" to see where)');
  }
  const map = doc.contents;
  if (!isMap(map) || map.flow || map.items.length === 0) {
    throw new RefusedEdit('its frontmatter is not a list of "key: value" lines; fix it by hand first');
  }
  const at = new Frontmatter(yamlText, map, eol);
  const splices: Splice[] = [];
  if (edit.stage !== undefined) splices.push(...at.setValue('stage', edit.stage, ['updates']));
  if (edit.response !== undefined) splices.push(...at.setValue('response', edit.response, ['due', 'report_back', 'stage', 'updates']));
  if (edit.due !== undefined) splices.push(...at.setValue('due', edit.due, ['report_back', 'stage', 'updates']));
  if (edit.reportBack !== undefined) splices.push(...at.setValue('report_back', edit.reportBack, ['stage', 'updates']));
  if (edit.update) splices.push(...at.appendUpdate(edit.update));
  let out = yamlText;
  for (const s of splices.sort((a, b) => b.at - a.at)) out = out.slice(0, s.at) + s.insert + out.slice(s.at + s.remove);
  return text.slice(0, range.start) + out + text.slice(range.end);
}

class Frontmatter {
  private readonly keyIndent: string;

  constructor(
    private readonly yaml: string,
    private readonly map: YAMLMap,
    private readonly eol: string,
  ) {
    this.keyIndent = ' '.repeat(this.column(start(map.items[0]!.key as Node)));
  }

  private pair(key: string): Pair | undefined {
    return this.map.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
  }

  private lineStart(offset: number): number {
    return this.yaml.lastIndexOf('\n', offset - 1) + 1;
  }

  private column(offset: number): number {
    return offset - this.lineStart(offset);
  }

  /** Offset just before the line break that ends the line holding `offset`. */
  private lineEnd(offset: number): number {
    const lf = this.yaml.indexOf('\n', offset);
    const end = lf === -1 ? this.yaml.length : lf;
    return this.yaml[end - 1] === '\r' ? end - 1 : end;
  }

  /** Offset of the line after the one holding `offset` (or `offset` itself at a line start). */
  private nextLine(offset: number): number {
    if (offset === 0 || this.yaml[offset - 1] === '\n') return offset;
    const lf = this.yaml.indexOf('\n', offset);
    return lf === -1 ? this.yaml.length : lf + 1;
  }

  /**
   * Whole lines inserted at a line start, or at the end of the YAML, which
   * stops short of the line break before "---" (and after a CRLF file's "\r").
   */
  private insertLines(at: number, lines: string[]): Splice {
    const { yaml, eol } = this;
    const end = yaml.endsWith('\r') ? yaml.length - 1 : yaml.length;
    if (at < end) return { at, remove: 0, insert: lines.map((l) => l + eol).join('') };
    if (yaml.endsWith('\r')) return { at: yaml.length, remove: 0, insert: `\n${lines.join(eol)}\r` };
    // After the last line, even a blank one: a trailing blank line stays a line of its own.
    return { at: yaml.length, remove: 0, insert: (yaml === '' ? '' : eol) + lines.join(eol) };
  }

  /** The offset before the spaces that lead up to `offset`. */
  private backOverSpaces(offset: number): number {
    let from = offset;
    while (from > 0 && (this.yaml[from - 1] === ' ' || this.yaml[from - 1] === '\t')) from--;
    return from;
  }

  /** Whether an alias in the frontmatter repeats the anchor `name`. */
  private aliased(name: string): boolean {
    let found = false;
    visit(this.map, {
      Alias: (_, alias) => {
        if (alias.source === name) found = true;
        return found ? visit.BREAK : undefined;
      },
    });
    return found;
  }

  /** Replace a top-level scalar, or add the key before the first of `before` (else at the end). */
  setValue(key: string, value: StageId, before: string[]): Splice[] {
    const pair = this.pair(key);
    if (!pair) {
      const anchor = before.map((k) => this.pair(k)).find((p) => p !== undefined);
      const at = anchor ? this.lineStart(start(anchor.key as Node)) : this.yaml.length;
      return [this.insertLines(at, [`${this.keyIndent}${key}: ${valueText(key, value)}`])];
    }
    const node = pair.value;
    if (node === null || (isScalar(node) && node.value === null)) {
      if (node?.range && node.range[1] > node.range[0]) return [{ at: node.range[0], remove: node.range[1] - node.range[0], insert: valueText(key, value) }];
      // Nothing after the colon but perhaps a comment: the value goes straight after "key:".
      const at = this.yaml.indexOf(':', (pair.key as Node).range![1]) + 1;
      return [{ at, remove: 0, insert: ` ${valueText(key, value)}` }];
    }
    if (!isScalar(node) || !node.range || node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
      throw new RefusedEdit(`its "${key}" is not a single value; edit it by hand`);
    }
    // "stage: &s 4" repeated as "*s" in an update: changing the one would silently change the other, history included.
    if (node.anchor && this.aliased(node.anchor)) {
      throw new RefusedEdit(`its "${key}" is named &${node.anchor} and repeated elsewhere as *${node.anchor}, so changing it would change those too; write the value out in full where *${node.anchor} stands, then try again`);
    }
    return [{ at: node.range[0], remove: node.range[1] - node.range[0], insert: node.type === 'PLAIN' ? valueText(key, value) : scalarLike(value, node.type) }];
  }

  appendUpdate(update: UpdateEntry): Splice[] {
    const pair = this.pair('updates');
    if (!pair) {
      const lines = [`${this.keyIndent}updates:`, ...entryLines(update, `${this.keyIndent}  - `, `${this.keyIndent}    `)];
      return [this.insertLines(this.yaml.length, lines)];
    }
    const keyEnd = this.lineEnd(start(pair.key as Node));
    const node = pair.value;
    const blockAfterKey = (removeFrom = keyEnd, remove = 0): Splice[] => {
      const lines = entryLines(update, `${this.keyIndent}  - `, `${this.keyIndent}    `);
      const at = this.lineEnd(removeFrom);
      return [
        { at, remove: 0, insert: lines.map((l) => this.eol + l).join('') },
        ...(remove > 0 ? [{ at: removeFrom, remove, insert: '' }] : []),
      ];
    };
    if (node === null || (isScalar(node) && node.value === null)) {
      const [from, to] = node?.range ?? [keyEnd, keyEnd];
      // An explicit "~" or "null" goes, with the spaces before it; an empty value leaves any comment alone.
      const cut = to > from ? this.backOverSpaces(from) : from;
      return blockAfterKey(cut, to - cut);
    }
    if (!isSeq(node) || !node.range) throw new RefusedEdit('its "updates" is not a list; edit it by hand');
    if (node.flow) {
      if (node.items.length === 0) {
        // "updates: []" becomes a block list: drop the "[]" and the spaces before it.
        const from = this.backOverSpaces(node.range[0]);
        return blockAfterKey(from, node.range[1] - from);
      }
      const later = laterEntry(node.items, update.date);
      if (later?.range) return [{ at: later.range[0], remove: 0, insert: `${flowEntry(update)}, ` }];
      const last = node.items[node.items.length - 1] as Node | null;
      if (!last?.range) throw new RefusedEdit('its "updates" list is written in a way track cannot add to; edit it by hand');
      return [{ at: last.range[1], remove: 0, insert: `, ${flowEntry(update)}` }];
    }
    const first = node.items[0] as Node;
    const dash = this.column(node.range[0]);
    const content = isMap(first) && first.range ? Math.max(this.column(first.range[0]), dash + 2) : dash + 2;
    const lines = entryLines(update, `${' '.repeat(dash)}-${' '.repeat(content - dash - 1)}`, ' '.repeat(content));
    // A back-dated update goes before the first one dated after it, at the start of that entry's "-" line.
    const later = laterEntry(node.items, update.date);
    if (later?.range) return [this.insertLines(this.lineStart(later.range[0]), lines)];
    return [this.insertLines(this.nextLine(node.range[1]), lines)];
  }
}

/** Keys whose values are dates: written plain, as the records contract writes dates. */
const DATE_KEYS = new Set(['due', 'report_back', 'date', 'new_due', 'previous_due']);

function valueText(key: string, value: StageId): string {
  return DATE_KEYS.has(key) && typeof value === 'string' ? dateScalar(value) : scalar(value);
}

/** The first entry of an updates list dated after `date` (entries whose date cannot be read are passed over). */
function laterEntry(items: readonly unknown[], date: string): Node | undefined {
  for (const entry of items) {
    if (!isMap(entry)) continue;
    const value = entry.get('date', true);
    const text = isScalar(value) ? String(value.value) : undefined;
    if (text !== undefined && text > date) return entry as Node;
  }
  return undefined;
}

function start(node: Node): number {
  return node.range?.[0] ?? 0;
}

/** An update as block lines: the first after `dash` ("  - "), the rest at `indent`. */
function entryLines(update: UpdateEntry, dash: string, indent: string): string[] {
  const fields: string[] = [`date: ${dateScalar(update.date)}`];
  if (update.stage !== undefined) fields.push(`stage: ${scalar(update.stage)}`);
  if (update.proposedStage !== undefined) fields.push(`proposed_stage: ${scalar(update.proposedStage)}`);
  if (update.by !== undefined) fields.push(`by: ${scalar(update.by)}`);
  if (update.newDue !== undefined) fields.push(`new_due: ${dateScalar(update.newDue)}`);
  if (update.previousDue !== undefined) fields.push(`previous_due: ${dateScalar(update.previousDue)}`);
  const lines = [dash + fields[0]!, ...fields.slice(1).map((f) => indent + f)];
  if (update.reason !== undefined) lines.push(...textLines('reason', update.reason, indent));
  lines.push(...textLines('note', update.note, indent));
  return lines;
}

/** An update as one flow mapping, for a file that writes its updates as [ … ]. */
function flowEntry(update: UpdateEntry): string {
  const fields: [string, StageId | undefined][] = [
    ['date', update.date],
    ['stage', update.stage],
    ['proposed_stage', update.proposedStage],
    ['by', update.by],
    ['new_due', update.newDue],
    ['previous_due', update.previousDue],
    ['reason', update.reason?.replace(/\s+$/, '')],
    ['note', update.note.replace(/\r\n?/g, '\n').replace(/\s+$/, '')],
  ];
  return `{ ${fields.filter(([, v]) => v !== undefined).map(([k, v]) => `${k}: ${DATE_KEYS.has(k) && typeof v === 'string' ? dateScalar(v, true) : scalar(v!, true)}`).join(', ')} }`;
}
