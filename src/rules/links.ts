// Rules across items: numbers within a source, related ids, owners.

import type { Diagnostic } from '../records/diagnostic.js';
import { sortById } from '../records/assemble.js';
import { resolveRelated } from '../records/ids.js';
import { partyId } from '../records/registers.js';
import { problemAt, type IndexedItem, type Rule } from './rule.js';

export const duplicateNumber: Rule = {
  id: 'duplicate-number',
  severity: 'error',
  description: 'Two items of one source have the same `number`.',
  checkAll(items) {
    const out: Diagnostic[] = [];
    const byNumber = new Map<string, IndexedItem[]>();
    for (const item of items) {
      if (item.number === undefined) continue;
      const key = `${item.source}\u0000${String(item.number).toLowerCase()}`;
      const same = byNumber.get(key);
      if (same) same.push(item);
      else byNumber.set(key, [item]);
    }
    for (const same of byNumber.values()) {
      if (same.length < 2) continue;
      // The first in the workspace's order keeps the number; each after it is reported.
      sortById(same);
      for (const item of same.slice(1)) {
        out.push(problemAt(duplicateNumber, item.path, ['number'], `number ${String(item.number)} is already used by ${same[0]!.id} in the same source`, 'give each item of a source its own number'));
      }
    }
    return out;
  },
};

export const unknownRelated: Rule = {
  id: 'unknown-related',
  severity: 'error',
  description: 'A `related` id names no item.',
  checkAll(items) {
    const out: Diagnostic[] = [];
    let byId: Map<string, IndexedItem> | undefined;
    for (const item of items) {
      item.related.forEach((ref, i) => {
        byId ??= new Map(items.map((it) => [it.id, it]));
        if (!resolveRelated(byId, item, ref)) {
          out.push(problemAt(unknownRelated, item.path, ['related', i], `the related id "${ref}" names no item`, `use an item id, such as ${item.id}; within the same source its file name is enough`));
        }
      });
    }
    return out;
  },
};

export const unknownOwner: Rule = {
  id: 'unknown-owner',
  severity: 'error',
  description: 'An owner is in neither the bodies nor the people register (checked when the registers are not empty).',
  checkItem(item, _facts, ctx, out) {
    if (ctx.registers.empty) return;
    item.owners.forEach((owner, i) => {
      if (ctx.registers.resolve(owner)) return;
      const { bodies, people } = ctx.config;
      const known = [...bodies.map((b) => b.id), ...people.map((p) => p.id)];
      const shown = known.slice(0, 8).join(', ') + (known.length > 8 ? ', …' : '');
      out.push(problemAt(unknownOwner, item.path, ['owners', i], `the owner "${owner}" is not in the bodies or people of track.config.yaml`, `use a registered id (${shown}), or add it to the registers`));
    });
  },
};

export const ambiguousOwner: Rule = {
  id: 'ambiguous-owner',
  severity: 'error',
  description: 'An owner names more than one body or person of the registers (a name or alias shared by a body and a person); write the id.',
  checkItem(item, _facts, ctx, out) {
    if (ctx.registers.empty) return;
    item.owners.forEach((owner, i) => {
      const parties = ctx.registers.clashes(owner);
      if (parties.length < 2) return;
      const named = parties.map((p) => (p.kind === 'body' ? `the body ${p.body.id}` : `the person ${p.person.id}`)).join(' and ');
      out.push(problemAt(ambiguousOwner, item.path, ['owners', i], `the owner "${owner}" names both ${named} in track.config.yaml`, `write the id of the one meant (${parties.map(partyId).join(' or ')})`));
    });
  },
};
