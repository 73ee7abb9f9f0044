// `track report TEMPLATE`: the report model rendered by a template to
// Markdown, then HTML, then PDF. A paper is complete or refused: when a record
// it draws on cannot be read, there is no paper (unless allowIncomplete, and
// then it says at its top what is missing). Returns the paper; never prints.

import { countBySeverity, type Diagnostic } from '../records/diagnostic.js';
import { checkDateOption } from '../records/dates.js';
import { placeDiagnostics, SourceLines } from '../records/locate.js';
import { NONE, type Source, type Workspace } from '../records/model.js';
import { namesOfPath } from '../records/tree.js';
import { Refusal } from '../errors.js';
import { loadWorkspace } from '../records/store/index.js';
import { readHistory, workspaceProblems } from './problems.js';
import { buildReportModel, resolveSource, type ReportModel } from '../report/model.js';
import { findTemplate, renderTemplate, type TemplateInfo } from '../report/engine.js';
import { htmlPaper, type DrawnFigures } from '../report/render-html.js';
import { newFigures, type Figures } from '../report/charts/figures.js';
import { incompleteNotice } from '../report/notice.js';

export type ReportFormat = 'md' | 'html' | 'pdf' | 'docx';

export interface ReportOptions {
  root: string;
  today: string;
  template: string;
  format: ReportFormat;
  source?: string;
  /** YYYY-MM-DD or YYYY-MM of a meeting in meetings.yaml. */
  meeting?: string;
  /** Write the paper even when records it draws on cannot be read, naming them at its top. */
  allowIncomplete?: boolean;
  /** Told each step of long work, for a progress line. */
  onProgress?: (step: string) => void;
  env?: NodeJS.ProcessEnv;
  renderLimitMs?: number;
}

export interface ReportResult {
  template: TemplateInfo;
  format: ReportFormat;
  /** Text for md and html; bytes for pdf and docx. */
  content: string | Buffer;
  /** Items the paper covers. */
  items: number;
  problems: { errors: number; warnings: number };
  /** The model the paper was rendered from (for other renderers and tests). */
  model: ReportModel;
  /** Things to say on stderr: the paper is dated today, or it is incomplete. */
  notices: string[];
}

/**
 * What keeps the files a paper draws on from being told whole: any reading
 * error (a record missing or partly read), and, of the rules' problems
 * (`ruled`), a stage not on the scale, as the paper could not say where the
 * item stands.
 */
export function unreadableRecords(workspace: Workspace, sourceId: string | undefined, ruled: readonly Diagnostic[] = []): Diagnostic[] {
  const inScope = (file: string) =>
    file === 'meetings.yaml' || (sourceId === undefined ? file.startsWith('records/') : file.startsWith(`records/${sourceId}/`));
  const found = workspace.diagnostics.filter((d) => d.severity === 'error' && inScope(d.file));
  found.push(...ruled.filter((d) => d.rule === 'unknown-stage' && inScope(d.file)));
  for (const path of workspace.unreadable) {
    if (inScope(path) && !found.some((d) => d.file === path)) {
      found.push({ rule: 'unreadable', severity: 'error', file: path, line: 0, column: 0, message: 'this record could not be read' });
    }
  }
  return found;
}

/** Text the Markdown renderer cannot take is never given to it: the paper is refused, naming the files. */
/**
 * The workspace without the records in `files`: their items left out, a
 * source's own text emptied. A source.md that could not be read at all still
 * has its items reported, under a stand-in named by its folder (the notice
 * at the top says what is missing): they were read, and leaving them out
 * would empty the paper without a word.
 */
function withoutFiles(workspace: Workspace, files: ReadonlySet<string>): Workspace {
  const known = new Set(workspace.sources.map((s) => s.id));
  const standIns: Source[] = [];
  for (const path of files) {
    const names = namesOfPath(path);
    if (names?.kind !== 'source' || known.has(names.source) || !workspace.items.some((i) => i.source === names.source)) continue;
    known.add(names.source);
    standIns.push({ id: names.source, path, title: names.source, kind: 'other', attendees: NONE, body: '' });
  }
  return {
    ...workspace,
    items: workspace.items.filter((i) => !files.has(i.path)),
    sources: [...workspace.sources.map((s) => (files.has(s.path) ? { ...s, body: '' } : s)), ...standIns].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  };
}

export async function report(options: ReportOptions): Promise<ReportResult> {
  const progress = options.onProgress ?? (() => undefined);
  checkDateOption('meeting', options.meeting);
  const template = findTemplate(options.root, options.template);
  progress('reading the records');
  const history = readHistory(options.root);
  // Positions, so a record that cannot be read is named with its line.
  const workspace = await loadWorkspace(options.root);
  const sourceId = options.source !== undefined ? resolveSource(workspace, options.source) : undefined;
  const found = await workspaceProblems(workspace, options.today, history);
  const missing = placeDiagnostics(unreadableRecords(workspace, sourceId, found.diagnostics), new SourceLines(workspace.root, workspace.frontmatter));
  if (missing.length > 0 && options.allowIncomplete !== true) {
    const files = [...new Set(missing.map((d) => d.file))];
    throw new Refusal(
      (flag) =>
        `No paper was written: ${files.length === 1 ? `${files[0]} cannot be read or rendered` : `${files.length} records cannot be read or rendered (${files.join(', ')})`}, so the paper would leave things out. Fix ${files.length === 1 ? 'it' : 'them'} (track validate shows where), or give ${flag('allowIncomplete')} to write it with a notice naming what is missing.`,
      missing,
    );
  }
  // With allowIncomplete, what cannot be read is left out, never half-used (a Markdown bomb never reaches marked).
  const complete = missing.length > 0 ? withoutFiles(workspace, new Set(missing.map((d) => d.file))) : workspace;
  const problems = countBySeverity(found.diagnostics);
  const model = buildReportModel(complete, {
    today: options.today,
    problems,
    ...(sourceId !== undefined ? { source: sourceId } : {}),
    ...(options.meeting !== undefined ? { meeting: options.meeting } : {}),
    missing: missingFiles(missing),
  });
  progress(`rendering ${template.name}`);
  // Markdown carries each chart as its caption and table; the other formats draw it too.
  const figures = options.format === 'md' ? undefined : newFigures();
  const rendered = await renderTemplate(template, model, {
    root: options.root,
    config: workspace.config,
    ...(options.renderLimitMs !== undefined ? { renderLimitMs: options.renderLimitMs } : {}),
    ...(figures ? { figures } : {}),
  });
  // The notice is the paper's, not the template's: no template can leave it out.
  const markdown = model.missing.length > 0 ? `${incompleteNotice(model.missing)}\n${rendered}` : rendered;
  const notices = [...(model.notice ? [model.notice] : []), ...(model.missing.length > 0 ? [`Note: the paper is incomplete: ${model.missing.length === 1 ? 'one record' : `${model.missing.length} records`} could not be read and ${model.missing.length === 1 ? 'is' : 'are'} named at its top.`] : [])];
  const result = { template, format: options.format, items: model.items.length, problems, model, notices };
  if (options.format === 'md') return { ...result, content: markdown };
  if (options.format === 'docx') {
    progress('writing the Word document');
    const { wordPaper } = await import('../report/word.js');
    return { ...result, content: await wordPaper(markdown, figures!, { root: options.root, organisation: workspace.config.organisation, fallbackTitle: template.name }) };
  }
  const drawn = await drawFigures(figures!);
  const html = htmlPaper(markdown, { organisation: workspace.config.organisation, root: options.root, fallbackTitle: template.name, figures: drawn });
  if (options.format === 'html') return { ...result, content: html };
  const { printPdf } = await import('../report/pdf.js');
  return { ...result, content: await printPdf(html, { onProgress: progress, ...(options.env ? { env: options.env } : {}) }) };
}

/** The placed charts as SVG; the charting library is loaded only when a paper has a chart. */
async function drawFigures(figures: Figures): Promise<DrawnFigures> {
  if (figures.charts.length === 0) return { figures, svgs: [] };
  const { drawCharts } = await import('../report/charts/svg.js');
  return { figures, svgs: drawCharts(figures.charts) };
}

function missingFiles(diagnostics: readonly Diagnostic[]): { path: string; problem: string }[] {
  const byFile = new Map<string, string>();
  for (const d of diagnostics) if (!byFile.has(d.file)) byFile.set(d.file, d.line > 0 ? `line ${d.line}: ${d.message}` : d.message);
  return [...byFile].map(([path, problem]) => ({ path, problem }));
}
