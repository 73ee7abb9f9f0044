// `track report TEMPLATE`: the report model rendered by a template to
// Markdown, then HTML, then PDF. Returns the paper; never prints.

import { countBySeverity, type Diagnostic } from '../records/diagnostic.js';
import { MARKDOWN_RULE } from '../records/markdown-limits.js';
import { dateProblem } from '../records/dates.js';
import { ExitError } from '../errors.js';
import { loadWorkspace } from '../records/store/index.js';
import { readHistory, workspaceProblems } from './problems.js';
import { buildReportModel } from '../report/model.js';
import { findTemplate, renderTemplate, type TemplateInfo } from '../report/engine.js';
import { htmlPaper, type DrawnFigures } from '../report/render-html.js';
import { newFigures, type Figures } from '../report/charts/figures.js';

export type ReportFormat = 'md' | 'html' | 'pdf' | 'docx';

export interface ReportOptions {
  root: string;
  today: string;
  template: string;
  format: ReportFormat;
  source?: string;
  /** YYYY-MM-DD or YYYY-MM of a meeting in meetings.yaml. */
  meeting?: string;
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
}

/** Text the Markdown renderer cannot take is never given to it: the paper is refused, naming the files. */
function refuseUnrenderable(diagnostics: readonly Diagnostic[]): void {
  const bombs = diagnostics.filter((d) => d.rule === MARKDOWN_RULE);
  if (bombs.length === 0) return;
  const files = [...new Set(bombs.map((d) => d.file))];
  throw new ExitError(1, `No paper: the text of ${files.join(', ')} is too complex to render (rule ${MARKDOWN_RULE}); simplify it and run the command again.`, bombs);
}

export async function report(options: ReportOptions): Promise<ReportResult> {
  const progress = options.onProgress ?? (() => undefined);
  if (options.meeting !== undefined) {
    const problem = dateProblem(options.meeting);
    if (problem) throw new ExitError(2, `--meeting ${problem.message}: ${problem.hint}.`);
  }
  const template = findTemplate(options.root, options.template);
  progress('reading the records');
  const history = readHistory(options.root);
  const workspace = await loadWorkspace(options.root);
  const diagnostics = (await workspaceProblems(workspace, options.today, history)).diagnostics;
  const problems = countBySeverity(diagnostics);
  if (options.format !== 'md') refuseUnrenderable(diagnostics);
  const model = buildReportModel(workspace, {
    today: options.today,
    problems,
    ...(options.source !== undefined ? { source: options.source } : {}),
    ...(options.meeting !== undefined ? { meeting: options.meeting } : {}),
  });
  progress(`rendering ${template.name}`);
  // Markdown carries each chart as its caption and table; the other formats draw it too.
  const figures = options.format === 'md' ? undefined : newFigures();
  const markdown = await renderTemplate(template, model, {
    root: options.root,
    config: workspace.config,
    ...(options.renderLimitMs !== undefined ? { renderLimitMs: options.renderLimitMs } : {}),
    ...(figures ? { figures } : {}),
  });
  const result = { template, format: options.format, items: model.items.length, problems };
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
