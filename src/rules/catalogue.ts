// Every rule id track reports, in one place: the loader's reading rules, the
// rules over the model, and the git-backed ones. docs/rules.md lists exactly
// these (tests/rules.test.ts checks it row by row).

import { READING_RULES, type RuleInfo } from '../records/reading-rules.js';
import { RULES } from './index.js';

export type RuleGroup = 'reading' | 'records' | 'history';

export interface CatalogueEntry extends RuleInfo {
  group: RuleGroup;
}

const info = ({ id, severity, description }: RuleInfo): RuleInfo => ({ id, severity, description });

export const CATALOGUE: readonly CatalogueEntry[] = [
  ...READING_RULES.map((r) => ({ ...info(r), group: 'reading' as const })),
  ...RULES.map((r) => ({ ...info(r), group: r.needsHistory ? ('history' as const) : ('records' as const) })),
];
