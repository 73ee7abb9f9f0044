// Finding the workspace and reading track.config.yaml.

import { join } from 'node:path';
import { UnusableInput } from '../errors.js';
import { CONFIG_FILE } from './root.js';
import type { Config, Stage } from './model.js';
import { placeProblems, readYamlFile } from './read.js';
import { asList, check, configSchema } from './schema.js';
import { STAGE_PRESETS } from './stages.js';
import { colourChoices, colourHex } from './colours.js';
import type { Diagnostic } from './diagnostic.js';

export { CONFIG_FILE, findWorkspaceRoot, resolveWorkspaceRoot } from './root.js';

export const DEFAULT_STALE_AFTER_DAYS = 120;
export const DEFAULT_RESPONSE_DAYS = 61;

/** Read and check the config; any problem in it stops the command (UnusableInput). */
export function loadConfig(root: string): Config {
  const path = join(root, CONFIG_FILE);
  const read = readYamlFile(path, CONFIG_FILE);
  const fail = (diagnostics: Diagnostic[]) => {
    const n = diagnostics.length;
    return new UnusableInput(`${CONFIG_FILE} has ${n === 1 ? 'a problem' : `${n} problems`}; fix ${n === 1 ? 'it' : 'them'} and run the command again.`, diagnostics);
  };
  if ('diagnostic' in read) throw fail([read.diagnostic]);
  const checked = check(configSchema, read.data ?? {});
  if ('problems' in checked) throw fail(placeProblems(CONFIG_FILE, checked.problems, read.locator));
  const data = checked.value;

  const stages: Stage[] =
    data.stages == null || typeof data.stages === 'string'
      ? STAGE_PRESETS[data.stages ?? 'leeds']
      : data.stages.map((s) => ({ id: s.id, label: s.label, closed: s.closed ?? false, ...(s.colour ? { colour: s.colour } : {}), ...(s.short ? { short: s.short } : {}) }));

  const duplicates = stages.filter((s, i) => stages.findIndex((t) => String(t.id) === String(s.id)) !== i);
  if (duplicates.length > 0) {
    const index = stages.indexOf(duplicates[0]!);
    const { line, column } = read.locator.locate(['stages', index, 'id']);
    throw fail([
      { rule: 'duplicate-stage', severity: 'error', file: CONFIG_FILE, line, column, message: `the stage id ${String(duplicates[0]!.id)} is used twice`, hint: 'give each stage its own id' },
    ]);
  }

  const badColour = stages.findIndex((s) => s.colour !== undefined && colourHex(s.colour) === undefined);
  if (badColour >= 0) {
    const { line, column } = read.locator.locate(['stages', badColour, 'colour']);
    throw fail([
      {
        rule: 'invalid-colour', severity: 'error', file: CONFIG_FILE, line, column,
        message: `the stage colour "${stages[badColour]!.colour!}" is not a colour`,
        hint: `use one of ${colourChoices()}, or a hex colour such as #1565c0`,
      },
    ]);
  }

  return {
    path,
    organisation: data.organisation,
    stages,
    staleAfterDays: data.stale_after_days ?? DEFAULT_STALE_AFTER_DAYS,
    responseDays: data.response_days ?? DEFAULT_RESPONSE_DAYS,
    bodies: (data.bodies ?? []).map((b) => ({ id: b.id, name: b.name, aliases: asList(b.aliases) })),
    people: (data.people ?? []).map((p) => ({
      id: p.id,
      name: p.name,
      aliases: asList(p.aliases),
      ...(p.role ? { role: p.role } : {}),
      ...(p.body ? { body: p.body } : {}),
      ...(p.email ? { email: p.email } : {}),
      ...(p.phone != null ? { phone: String(p.phone) } : {}),
    })),
    report: data.report?.author ? { author: data.report.author } : {},
    extraFields: data.extra_fields ?? [],
  };
}
