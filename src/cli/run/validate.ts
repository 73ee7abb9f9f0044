import { validate } from '../../commands/validate.js';
import type { CliContext } from '../context.js';
import { diagnosticsGithub, diagnosticsJson, diagnosticsMarkdown, formatDiagnosticsText } from '../diagnostics.js';
import { workspacePrefix } from '../repository.js';
import { plural } from '../format.js';
import { palette } from '../terminal.js';
import { terminalText } from '../safe-text.js';


export async function run(ctx: CliContext): Promise<number> {
  const root = ctx.root();
  const format = ctx.opts['format'] as 'text' | 'json' | 'github' | 'markdown';
  const result = await validate({ root, today: ctx.today, strict: ctx.opts['strict'] === true });
  if (result.note) ctx.stderr.write(`${result.note}\n`);
  if (format === 'json') {
    for (const part of diagnosticsJson(result.diagnostics)) ctx.stdout.write(part);
  } else if (format === 'github') {
    // Control characters from records are shown escaped in a CI log too.
    for (const part of diagnosticsGithub(result.diagnostics, workspacePrefix(root, ctx.env))) ctx.stdout.write(terminalText(part));
    ctx.stderr.write(`${plural(result.errors, 'error')}, ${plural(result.warnings, 'warning')} in ${plural(result.files, 'file')}\n`);
  } else if (format === 'markdown') {
    const summary = `${plural(result.errors, 'error')}, ${plural(result.warnings, 'warning')} in ${plural(result.files, 'file')}`;
    ctx.stdout.write(diagnosticsMarkdown(result.diagnostics, summary, workspacePrefix(root, ctx.env)));
  } else {
    const c = palette(ctx.color);
    // As the contract has it, one line per problem; on a terminal (or with --pretty), its line, a caret and a hint under it.
    const pretty = (ctx.opts['pretty'] as boolean | undefined) ?? ctx.stdout.isTTY === true;
    for (const part of formatDiagnosticsText(result.diagnostics, { color: ctx.color, hints: pretty, ...(pretty ? { sources: result.sources } : {}) })) ctx.stdout.write(terminalText(part, ctx.color));
    const summary = `${plural(result.errors, 'error')}, ${plural(result.warnings, 'warning')} in ${plural(result.files, 'file')}`;
    ctx.stdout.write(terminalText(`${result.errors > 0 ? c.red(summary) : result.warnings > 0 ? c.yellow(summary) : c.green(summary)}\n`, ctx.color));
  }
  return result.ok ? 0 : 1;
}
