// A chart of the report model drawn as SVG by Apache ECharts' server-side
// renderer: no browser, no DOM. Loaded only when a paper places a chart.
// Bars carry a dark outline and a pattern, lines a distinct symbol and dash,
// and every value is written beside its bar or point, so no reader depends
// on telling colours apart.

import { init, use } from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GraphicComponent, GridComponent, LegendComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { ChartModel } from './model.js';

// Only the parts drawn here, so the bundle carries a fraction of ECharts.
use([BarChart, LineChart, AriaComponent, GraphicComponent, GridComponent, LegendComponent, SVGRenderer]);

export const CHART_WIDTH = 640;
const FONT = 'Arial, Helvetica, Liberation Sans, sans-serif';
const INK = '#212121';
const RULE = '#9e9e9e';

export function chartHeight(chart: ChartModel): number {
  if (chart.empty) return 120;
  if (chart.kind === 'stage_mix') return 40 + 34 * chart.categories.length;
  return 300;
}

const base = (chart: ChartModel) => ({
  animation: false,
  // aria: ECharts writes the description as the SVG's aria-label, and draws patterns (decals) on the bars.
  aria: { enabled: true, label: { description: `${chart.title}. ${chart.caption}` }, decal: { show: chart.kind === 'stage_mix' } },
  textStyle: { fontFamily: FONT, fontSize: 12, color: INK },
  backgroundColor: '#ffffff',
});

const axisText = { color: INK, fontFamily: FONT, fontSize: 12 };
const axisLine = { lineStyle: { color: INK } };
const splitLine = { lineStyle: { color: '#e0e0e0' } };

function emptyOption(chart: ChartModel): object {
  return {
    ...base(chart),
    graphic: [
      { type: 'rect', left: 0, top: 0, shape: { width: CHART_WIDTH - 1, height: chartHeight(chart) - 1 }, style: { fill: '#ffffff', stroke: RULE, lineDash: [4, 4] } },
      { type: 'text', left: 'center', top: 'middle', style: { text: chart.empty, fill: INK, font: `14px ${FONT}`, width: CHART_WIDTH - 48, overflow: 'break', lineHeight: 20 } },
    ],
  };
}

// A pattern per stage, so two stages of one colour (two reds, two greys) still differ.
const PATTERN = 'rgba(255, 255, 255, 0.55)';
const DECALS = [
  { symbol: 'none' },
  { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [2, 5], rotation: Math.PI / 4, color: PATTERN },
  { symbol: 'circle', symbolSize: 0.7, dashArrayX: [[4, 4]], dashArrayY: [4, 2], color: PATTERN },
  { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [2, 5], rotation: -Math.PI / 4, color: PATTERN },
  { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [3, 4], rotation: 0, color: PATTERN },
  { symbol: 'triangle', symbolSize: 0.8, dashArrayX: [[5, 5]], dashArrayY: [5, 3], color: PATTERN },
  { symbol: 'rect', dashArrayX: [[2, 6]], dashArrayY: [8, 0], rotation: 0, color: PATTERN },
  { symbol: 'diamond', symbolSize: 0.8, dashArrayX: [[5, 5]], dashArrayY: [5, 3], color: PATTERN },
];

function stageMixOption(chart: ChartModel): object {
  const [series] = chart.series;
  return {
    ...base(chart),
    grid: { left: 8, right: 40, top: 12, bottom: 8, outerBoundsMode: 'same' },
    xAxis: { type: 'value', minInterval: 1, axisLabel: axisText, axisLine: { show: true, ...axisLine }, splitLine },
    yAxis: { type: 'category', inverse: true, data: chart.categories, axisLabel: axisText, axisLine, axisTick: { show: false } },
    series: [{
      type: 'bar',
      name: series!.name,
      barMaxWidth: 22,
      data: series!.values.map((value, i) => ({ value, itemStyle: { color: series!.point_colours?.[i] ?? series!.colour, decal: DECALS[i % DECALS.length] } })),
      itemStyle: { borderColor: INK, borderWidth: 1 },
      label: { show: true, position: 'right', color: INK, fontFamily: FONT, fontSize: 12, fontWeight: 'bold' },
    }],
  };
}

function overdueAgeOption(chart: ChartModel): object {
  const [series] = chart.series;
  return {
    ...base(chart),
    grid: { left: 8, right: 16, top: 28, bottom: 8, outerBoundsMode: 'same' },
    xAxis: { type: 'category', data: chart.categories, axisLabel: axisText, axisLine, axisTick: { alignWithLabel: true } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: axisText, axisLine: { show: true, ...axisLine }, splitLine, name: 'Items', nameTextStyle: axisText },
    series: [{
      type: 'bar',
      name: series!.name,
      barMaxWidth: 64,
      data: series!.values,
      itemStyle: { color: series!.colour, borderColor: INK, borderWidth: 1 },
      label: { show: true, position: 'top', color: INK, fontFamily: FONT, fontSize: 12, fontWeight: 'bold' },
    }],
  };
}

// Each line its own symbol and dash as well as its colour.
const LINE_LOOKS = [
  { symbol: 'circle', type: 'solid' },
  { symbol: 'rect', type: 'dashed' },
  { symbol: 'triangle', type: 'dotted' },
] as const;

function progressOption(chart: ChartModel): object {
  const many = chart.categories.length > 8;
  return {
    ...base(chart),
    legend: { top: 0, left: 'center', textStyle: axisText, itemWidth: 28 },
    grid: { left: 8, right: 32, top: 48, bottom: 8, outerBoundsMode: 'same' },
    xAxis: { type: 'category', data: chart.categories, boundaryGap: false, axisLabel: { ...axisText, rotate: many ? 40 : 0, interval: 0 }, axisLine },
    yAxis: { type: 'value', minInterval: 1, axisLabel: axisText, axisLine: { show: true, ...axisLine }, splitLine, name: 'Items', nameTextStyle: axisText },
    series: chart.series.map((s, i) => ({
      type: 'line',
      name: s.name,
      // With many meetings only the latest values are written, so the labels do not crowd (the table has them all).
      data: many ? s.values.map((value, j) => (j === s.values.length - 1 ? { value, label: { show: true } } : value)) : s.values,
      color: s.colour,
      symbol: LINE_LOOKS[i % 3]!.symbol,
      symbolSize: 8,
      lineStyle: { width: 2.5, type: LINE_LOOKS[i % 3]!.type, color: s.colour },
      itemStyle: { color: s.colour, borderColor: INK, borderWidth: 1 },
      // Values written at each point when there are few; always at the last, with the series' name.
      label: { show: !many, position: i === 0 ? 'top' : i === 1 ? 'right' : 'bottom', color: INK, fontFamily: FONT, fontSize: 11 },
    })),
  };
}

function option(chart: ChartModel): object {
  if (chart.empty) return emptyOption(chart);
  const drawn = (chart.kind === 'stage_mix' ? stageMixOption(chart) : chart.kind === 'overdue_age' ? overdueAgeOption(chart) : progressOption(chart)) as { series: object[] };
  // A paper is not interactive: no hover styles in the SVG.
  return { ...drawn, series: drawn.series.map((s) => ({ ...s, silent: true, emphasis: { disabled: true } })) };
}

/**
 * ECharts numbers its instances and style classes across the process
 * ("zr3-cls-41") in ids, classes and pattern references. Renumbered here in
 * order of first use under `prefix`, the same chart gives the same bytes and
 * several charts in one page keep apart. (tests/charts.test.ts fails if the
 * library's naming changes.)
 */
function renumber(svg: string, prefix: string): string {
  const seen = new Map<string, string>();
  const counts = new Map<string, number>();
  return svg.replace(/\bzr\d+-([a-z]+-?)(\d+)\b/g, (whole, kind: string) => {
    let name = seen.get(whole);
    if (name === undefined) {
      const n = counts.get(kind) ?? 0;
      counts.set(kind, n + 1);
      seen.set(whole, (name = `${prefix}-${kind}${n}`));
    }
    return name;
  });
}

const escapeAttribute = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The chart as one SVG element, an image with its caption as its accessible name. */
export function chartSvg(chart: ChartModel, prefix = 'chart'): string {
  const instance = init(null, null, { renderer: 'svg', ssr: true, width: CHART_WIDTH, height: chartHeight(chart) });
  try {
    instance.setOption(option(chart) as Parameters<typeof instance.setOption>[0]);
    const svg = renumber(instance.renderToSVGString(), prefix);
    const label = escapeAttribute(`${chart.title}. ${chart.caption}`);
    return svg.replace(/^<svg /, `<svg role="img" aria-label="${label}" `);
  } finally {
    instance.dispose();
  }
}

/** Every chart a paper placed, drawn, each with ids of its own. */
export function drawCharts(charts: readonly ChartModel[]): string[] {
  return charts.map((chart, i) => chartSvg(chart, `chart${i + 1}`));
}
