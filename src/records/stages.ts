// Stage scales: the three presets of the spec, and lookups by id.

import type { Stage, StageId } from './model.js';

export const STAGE_PRESETS: Record<'leeds' | 'rag' | 'pac', Stage[]> = {
  // Leeds-style scrutiny recommendation tracking (seed 003).
  leeds: [
    { id: 1, label: 'Stop monitoring or determine whether any further action is required', closed: true, colour: 'grey', short: 'stop monitoring' },
    { id: 2, label: 'Achieved', closed: true, colour: 'green', short: 'achieved' },
    { id: 3, label: 'Not achieved – obstacle', closed: false, colour: 'red', short: 'not achieved – obstacle' },
    { id: 4, label: 'Not achieved – progress made acceptable, continue monitoring', closed: false, colour: 'amber', short: 'not achieved – progress made acceptable' },
    { id: 5, label: 'Not achieved – progress made not acceptable, continue monitoring', closed: false, colour: 'red', short: 'not achieved – progress made not acceptable' },
    { id: 6, label: 'Not for review this session', closed: false, colour: 'grey', short: 'not for review this session' },
  ],
  rag: [
    { id: 'red', label: 'Red', closed: false, colour: 'red' },
    { id: 'amber', label: 'Amber', closed: false, colour: 'amber' },
    { id: 'green', label: 'Green', closed: false, colour: 'green' },
    { id: 'complete', label: 'Complete', closed: true, colour: 'blue' },
  ],
  // UK Treasury Minutes progress on Public Accounts Committee recommendations.
  pac: [
    { id: 'work-in-progress', label: 'Work in progress', closed: false, colour: 'amber' },
    { id: 'implemented', label: 'Implemented', closed: true, colour: 'green' },
    { id: 'not-implemented', label: 'Not implemented', closed: true, colour: 'red' },
    { id: 'superseded', label: 'Superseded', closed: true, colour: 'grey' },
  ],
};

/** Stage ids compare as text, so `stage: 2` and `--stage 2` name the same stage. */
export function stageKey(id: StageId): string {
  return String(id).toLowerCase();
}

const indexes = new WeakMap<readonly Stage[], Map<string, Stage>>();

export function findStage(stages: readonly Stage[], id: StageId | undefined): Stage | undefined {
  if (id === undefined) return undefined;
  let index = indexes.get(stages);
  if (!index) indexes.set(stages, (index = new Map(stages.map((s) => [stageKey(s.id), s]))));
  return index.get(stageKey(id));
}

/**
 * A stage as a person names it (a flag, a workbook cell, an import's status
 * word): its id, its label or its short wording, in any case. Record files
 * name stages by id alone (`findStage`).
 */
export function stageFromInput(stages: readonly Stage[], value: StageId): Stage | undefined {
  const byId = findStage(stages, value);
  if (byId) return byId;
  const wanted = normaliseWording(String(value));
  if (wanted === '') return undefined;
  return stages.find((s) => normaliseWording(s.label) === wanted || (s.short !== undefined && normaliseWording(s.short) === wanted));
}

/** Case, spacing and the dash typed for "–" do not matter. */
function normaliseWording(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, ' ').replace(/ [-‐‑‒—] /g, ' – ');
}

/** "expected one of: 1, 2, 3, 4, 5, 6" */
export function stageChoices(stages: readonly Stage[]): string {
  return stages.map((s) => String(s.id)).join(', ');
}
