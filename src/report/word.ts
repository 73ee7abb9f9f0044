// --format docx: the house style read, the placed charts drawn as SVG with a
// PNG beside each, then the Word document. Only this path loads docx, resvg
// and the charting library.

import type { Figures } from './charts/figures.js';
import { readReferenceStyles } from './reference-docx.js';
import { docxPaper, type DocxFigure } from './render-docx.js';

export interface WordPaperOptions {
  root: string;
  organisation: string;
  /** Used when the paper has no heading. */
  fallbackTitle: string;
}

export async function wordPaper(markdown: string, figures: Figures, options: WordPaperOptions): Promise<Buffer> {
  const reference = readReferenceStyles(options.root);
  const drawn: DocxFigure[] = [];
  if (figures.charts.length > 0) {
    const [{ drawCharts, chartHeight, CHART_WIDTH }, { svgToPng }] = await Promise.all([import('./charts/svg.js'), import('./charts/png.js')]);
    const svgs = drawCharts(figures.charts);
    figures.charts.forEach((chart, i) => {
      const svg = svgs[i]!;
      drawn.push({ svg, png: svgToPng(svg, CHART_WIDTH), width: CHART_WIDTH, height: chartHeight(chart), title: chart.title, description: chart.caption });
    });
  }
  const heading = /^#\s+(.+)$/m.exec(markdown)?.[1]?.replace(/[*_`\\]/g, '').trim();
  return docxPaper(markdown, {
    organisation: options.organisation,
    title: heading || options.fallbackTitle,
    figures: { figures, drawn },
    ...(reference ? { reference } : {}),
  });
}
