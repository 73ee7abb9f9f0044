// Each command's printer, imported only when that command runs, so
// `track status` never loads the template, PDF or spreadsheet code.

import type { CliContext } from './context.js';

/** Prints a command's result and returns the exit code. */
export type Runner = (ctx: CliContext) => Promise<number>;

type Loader = () => Promise<{ run: Runner }>;

export const RUNNERS: Record<string, Loader> = {
  validate: () => import('./run/validate.js'),
  schema: () => import('./run/schema.js'),
  status: () => import('./run/status.js'),
  list: () => import('./run/list.js'),
  show: () => import('./run/show.js'),
  init: () => import('./run/init.js'),
  new: () => import('./run/new.js'),
  'new-source': () => import('./run/new-source.js'),
  update: () => import('./run/update.js'),
  log: () => import('./run/log.js'),
  changes: () => import('./run/changes.js'),
  report: () => import('./run/report.js'),
  templates: () => import('./run/templates.js'),
  export: () => import('./run/export.js'),
  import: () => import('./run/import.js'),
  doctor: () => import('./run/doctor.js'),
  request: () => import('./run/request.js'),
  collect: () => import('./run/collect.js'),
  confirm: () => import('./run/confirm.js'),
  lsp: () => import('./run/lsp.js'),
};
