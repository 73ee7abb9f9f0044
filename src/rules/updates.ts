// Rules on an item's stage and its updates.

import { compareDates, formatUkDate, startDay } from '../records/dates.js';
import type { Update } from '../records/model.js';
import { findStage, stageChoices } from '../records/stages.js';
import { newestUpdate } from '../derive/facts.js';
import { problemAt, updateIndex, type Rule } from './rule.js';

export const unknownStage: Rule = {
  id: 'unknown-stage',
  severity: 'error',
  description: "A stage (of the item, or of an update) is not on the workspace's stage scale.",
  checkItem(item, facts, ctx, out) {
    const stages = ctx.config.stages;
    const hint = () => `expected one of: ${stageChoices(stages)}`;
    if (item.stage !== undefined && !facts.stage) {
      out.push(problemAt(unknownStage, item.path, ['stage'], `the stage ${JSON.stringify(item.stage)} is not on the stage scale`, hint()));
    }
    for (let i = 0; i < item.updates.length; i++) {
      const u = item.updates[i]!;
      const at = updateIndex(item, i);
      if (u.stage !== undefined && !findStage(stages, u.stage)) {
        out.push(problemAt(unknownStage, item.path, ['updates', at, 'stage'], `update ${at + 1}: the stage ${JSON.stringify(u.stage)} is not on the stage scale`, hint()));
      }
      if (u.proposedStage !== undefined && !findStage(stages, u.proposedStage)) {
        out.push(problemAt(unknownStage, item.path, ['updates', at, 'proposed_stage'], `update ${at + 1}: the proposed stage ${JSON.stringify(u.proposedStage)} is not on the stage scale`, hint()));
      }
    }
  },
};

export const stageMismatch: Rule = {
  id: 'stage-mismatch',
  severity: 'error',
  description: "The newest update that carries `stage` names a different stage from the item's `stage`.",
  checkItem(item, _facts, _ctx, out) {
    if (item.stage === undefined) return;
    const i = newestUpdate(item.updates, (u) => u.stage !== undefined);
    if (i < 0) return;
    const agreed = item.updates[i]!.stage!;
    if (String(agreed).toLowerCase() !== String(item.stage).toLowerCase()) {
      out.push(
        problemAt(stageMismatch, item.path, ['stage'], `the item is at stage ${String(item.stage)}, but its newest agreed update (${formatUkDate(item.updates[i]!.date)}) sets stage ${String(agreed)}`, `make "stage:" ${String(agreed)}, or add an update that records the change`),
      );
    }
  },
};

export const updateOrder: Rule = {
  id: 'update-order',
  severity: 'error',
  description: 'Updates are not in date order (oldest first).',
  checkItem(item, _facts, _ctx, out) {
    for (let i = 1; i < item.updates.length; i++) {
      const before = item.updates[i - 1]!;
      const update = item.updates[i]!;
      if (compareDates(update.date, before.date) < 0) {
        const at = updateIndex(item, i);
        out.push(problemAt(updateOrder, item.path, ['updates', at, 'date'], `update ${at + 1} (${formatUkDate(update.date)}) comes after an update dated ${formatUkDate(before.date)}`, 'keep updates oldest first: move this one up'));
      }
    }
  },
};

export const stageAndProposed: Rule = {
  id: 'stage-and-proposed',
  severity: 'error',
  description: 'An update has both `stage` (agreed) and `proposed_stage` (not yet agreed).',
  checkItem(item, _facts, _ctx, out) {
    item.updates.forEach((u, i) => {
      if (u.stage !== undefined && u.proposedStage !== undefined) {
        const at = updateIndex(item, i);
        out.push(problemAt(stageAndProposed, item.path, ['updates', at, 'proposed_stage'], `update ${at + 1} has both a stage and a proposed stage`, 'keep "stage" if the board agreed it, or "proposed_stage" if only the owner reports it', 'key'));
      }
    });
  },
};

export const newDueWithoutReason: Rule = {
  id: 'new-due-without-reason',
  severity: 'error',
  description: 'An update moves the target date (`new_due`) without a `reason`.',
  checkItem(item, _facts, _ctx, out) {
    item.updates.forEach((u, i) => {
      if (u.newDue !== undefined && !u.reason?.trim()) {
        const at = updateIndex(item, i);
        out.push(problemAt(newDueWithoutReason, item.path, ['updates', at, 'new_due'], `update ${at + 1} moves the target date to ${formatUkDate(u.newDue)} without a reason`, 'add "reason:" to the update, saying why the date moved', 'key'));
      }
    });
  },
};

export const dueMismatch: Rule = {
  id: 'due-mismatch',
  severity: 'error',
  description: "The item's `due` differs from the newest `new_due` in its updates.",
  checkItem(item, _facts, _ctx, out) {
    const at = newestUpdate(item.updates, (u) => u.newDue !== undefined);
    const moved: Update | undefined = at >= 0 ? item.updates[at] : undefined;
    if (moved && moved.newDue !== item.due) {
      out.push(
        problemAt(dueMismatch, item.path, ['due'], `"due" is ${item.due !== undefined ? formatUkDate(item.due) : 'missing'}, but the newest update that moved it (${formatUkDate(moved.date)}) set ${formatUkDate(moved.newDue!)}`, `make "due:" ${moved.newDue}, or add an update with new_due and a reason`, item.due === undefined ? 'key' : 'value'),
      );
    }
  },
};

export const previousDueMismatch: Rule = {
  id: 'previous-due-mismatch',
  severity: 'error',
  description: 'An update\'s `previous_due` differs from the target date it replaced (the `new_due` before it), or stands without a `new_due`.',
  checkItem(item, _facts, _ctx, out) {
    // The date in force before each move; unknown before the first move (the
    // item's first `due` is not kept apart from the newest one).
    let inForce: string | undefined;
    for (let i = 0; i < item.updates.length; i++) {
      const u = item.updates[i]!;
      const at = updateIndex(item, i);
      if (u.previousDue !== undefined && u.newDue === undefined) {
        out.push(problemAt(previousDueMismatch, item.path, ['updates', at, 'previous_due'], `update ${at + 1} has a previous_due (${u.previousDue}) but no new_due`, 'previous_due records the date a new_due replaces: add the new_due, or remove previous_due', 'key'));
      } else if (u.previousDue !== undefined && inForce !== undefined && u.previousDue !== inForce) {
        out.push(problemAt(previousDueMismatch, item.path, ['updates', at, 'previous_due'], `update ${at + 1} says the date it replaces was ${formatUkDate(u.previousDue)}, but the update before moved it to ${formatUkDate(inForce)}`, `make "previous_due:" ${inForce}`));
      }
      if (u.newDue !== undefined) inForce = u.newDue;
    }
  },
};

export const futureUpdate: Rule = {
  id: 'future-update',
  severity: 'warning',
  description: 'An update is dated after today.',
  checkItem(item, _facts, ctx, out) {
    item.updates.forEach((u, i) => {
      if (startDay(u.date) > ctx.facts.todayDay) {
        const at = updateIndex(item, i);
        out.push(problemAt(futureUpdate, item.path, ['updates', at, 'date'], `update ${at + 1} is dated ${formatUkDate(u.date)}, after today (${formatUkDate(ctx.facts.today)})`, 'check the year and month of the date'));
      }
    });
  },
};
