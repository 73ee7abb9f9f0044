// The git-backed rule: a target date moved in history with no update saying
// why, the move that turns a red item green without anyone noticing. The
// moves come from history/ through the rule context; without git there are none.

import { formatUkDate } from '../records/dates.js';
import type { Update } from '../records/model.js';
import { problemAt, type Rule } from './rule.js';

const explains = (updates: readonly Update[], due: string) => updates.some((u) => u.newDue === due && u.reason?.trim());

const shortHash = (hash: string) => hash.slice(0, 7);

export const dueMovedSilently: Rule = {
  id: 'due-moved-silently',
  severity: 'error',
  needsHistory: true,
  description: 'A commit changed an item\'s `due` and no update (then, or added since) gives that date as `new_due` with a `reason`: "the target date moved from 30 June 2008 to 31 December 2008 in commit a1b2c3d with no reason". Fix it by adding an update with `new_due` and `reason` for that date.',
  checkItem(item, _facts, ctx, out) {
    for (const move of ctx.history?.dueMovesOf(item.path) ?? []) {
      // Explained then, or since: a later update may record the reason for an old move.
      if (explains(move.updatesThen, move.to) || explains(item.updates, move.to)) continue;
      out.push(
        problemAt(
          dueMovedSilently,
          item.path,
          ['due'],
          `the target date moved from ${formatUkDate(move.from)} to ${formatUkDate(move.to)} in commit ${shortHash(move.commit.hash)} with no reason (${move.commit.author}, ${formatUkDate(move.commit.authorDate)})`,
          `add an update with "new_due: ${move.to}" and a "reason:" saying why the date moved, so the board can see it`,
        ),
      );
    }
  },
};
