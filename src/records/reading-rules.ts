// The rules the loader applies while it reads files: records/ finds these
// problems (it is below rules/), and rules/catalogue.ts lists them with the rest.

import type { Severity } from './diagnostic.js';

/** A rule's id, severity and one line for docs/rules.md. */
export interface RuleInfo {
  id: string;
  severity: Severity;
  description: string;
}

/** Rules the loader applies while reading files; documented beside the others. */
export const READING_RULES: readonly RuleInfo[] = [
  { id: 'unreadable', severity: 'error', description: 'A file cannot be read (missing, a folder, or no permission).' },
  { id: 'encoding', severity: 'error', description: 'A file is not valid UTF-8 text.' },
  { id: 'merge-conflict', severity: 'error', description: 'A file holds git merge-conflict markers (<<<<<<<, =======, >>>>>>>).' },
  { id: 'no-frontmatter', severity: 'error', description: 'A record does not start with YAML frontmatter between two "---" lines.' },
  { id: 'frontmatter-language', severity: 'error', description: 'Frontmatter in a language other than YAML (such as ---js): refused, never run.' },
  { id: 'yaml-syntax', severity: 'error', description: 'The YAML cannot be parsed.' },
  { id: 'duplicate-key', severity: 'error', description: 'A key appears twice in one mapping.' },
  { id: 'yaml-tag', severity: 'error', description: 'A custom YAML tag (!something) is used.' },
  { id: 'yaml-alias', severity: 'error', description: 'Too many YAML aliases (a likely attempt to exhaust memory), or an alias inside the value it names (a value with no end).' },
  { id: 'missing-key', severity: 'error', description: 'A required key is missing.' },
  { id: 'wrong-type', severity: 'error', description: 'A value has the wrong type (text, number, list).' },
  { id: 'invalid-value', severity: 'error', description: 'A value is not one of those allowed (kind, response, …).' },
  { id: 'unknown-key', severity: 'error', description: 'A key is not in the record format nor in extra_fields; the message suggests the nearest.' },
  { id: 'invalid-date', severity: 'error', description: 'A date is not YYYY-MM-DD or YYYY-MM, or is impossible (2008-02-30).' },
  { id: 'bad-name', severity: 'error', description: 'A file or folder name under records/ is outside [a-z0-9][a-z0-9-]*.' },
  { id: 'no-source', severity: 'error', description: 'A folder of items has no source.md.' },
  { id: 'duplicate-stage', severity: 'error', description: "Two stages of the config's stage scale have the same id (the config cannot be used)." },
  { id: 'invalid-colour', severity: 'error', description: "A stage's colour in the config is neither a colour name (red, amber, orange, yellow, green, teal, blue, purple, pink, brown, grey, black) nor a hex colour such as #1565c0 (the config cannot be used)." },
  { id: 'markdown-too-complex', severity: 'error', description: 'A body, note or reason nests deeper than 32 levels (block quotes, list markers, indentation), has over 1,000 emphasis marks (* or _) in one paragraph, or is over 100,000 characters: more than the Markdown renderer takes. Papers refuse it.' },
  { id: 'unsafe-file', severity: 'error', description: 'An entry under records/ is a symbolic link leading outside the workspace (or to nothing), or a FIFO, socket or device: it is never opened.' },
  { id: 'misplaced-file', severity: 'error', description: 'A record file is where track does not read it (records/ itself, or a sub-folder of a source).' },
];

