// Charts placed by a template: `{{ charts.stage_mix | chart }}` writes the
// chart's caption and its numbers as a Markdown table (the text alternative,
// and all that Markdown output carries), and, for formats that draw, a
// placeholder image that the HTML and Word renderers replace with the chart.
// The placeholder holds a per-render secret, so no record can forge one.

import { randomBytes } from 'node:crypto';
import type { Liquid } from 'liquidjs';
import type { ChartModel } from './model.js';
import { tableCell as cell } from '../filters.js';

/** The charts one render placed, in order, and the secret their placeholders carry. */
export interface Figures {
  nonce: string;
  charts: ChartModel[];
}

export function newFigures(): Figures {
  return { nonce: randomBytes(9).toString('hex'), charts: [] };
}

const PLACEHOLDER_RE = /^track-chart:([0-9a-f]+)\/(\d+)$/;

/** The index of the chart an image's address stands for, or undefined when it is not one of this render's placeholders. */
export function figureIndex(href: string, figures: Figures | undefined): number | undefined {
  const match = figures ? PLACEHOLDER_RE.exec(href) : null;
  if (!match || match[1] !== figures!.nonce) return undefined;
  const index = Number(match[2]);
  return index < figures!.charts.length ? index : undefined;
}

const numeric = (value: string) => /^-?[\d,]+(\.\d+)?$/.test(value);

/** A chart's text alternative as Markdown: its caption, then its numbers as a table. */
export function chartMarkdown(chart: ChartModel, placeholder?: string): string {
  const parts: string[] = [];
  if (placeholder !== undefined) parts.push(`![${cell(chart.title).replace(/[[\]]/g, '')}](${placeholder})`);
  parts.push(`*${chart.caption.replace(/([*_\\])/g, '\\$1')}*`);
  if (chart.rows.length > 0) {
    const right = chart.columns.map((_, i) => i > 0 && chart.rows.every((r) => numeric(r[i] ?? '')));
    const table = [
      `| ${chart.columns.map(cell).join(' | ')} |`,
      `| ${right.map((r) => (r ? '---:' : '---')).join(' | ')} |`,
      ...chart.rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
    ];
    parts.push(table.join('\n'));
  }
  return `\n\n${parts.join('\n\n')}\n\n`;
}

function isChart(value: unknown): value is ChartModel {
  return typeof value === 'object' && value !== null && 'kind' in value && 'caption' in value && 'rows' in value && 'series' in value;
}

/** The `chart` filter: a chart of the report model, placed where the template says. */
export function registerChartFilter(liquid: Liquid, figures: Figures | undefined): void {
  liquid.registerFilter('chart', (value: unknown) => {
    if (!isChart(value)) {
      throw new Error('the chart filter takes a chart, such as charts.stage_mix, charts.progress or charts.overdue_age (or a source\'s own, source.charts.stage_mix)');
    }
    if (!figures) return chartMarkdown(value);
    figures.charts.push(value);
    return chartMarkdown(value, `track-chart:${figures.nonce}/${figures.charts.length - 1}`);
  });
}
