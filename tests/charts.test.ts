// Charts: the facts each one shows, its text alternative, its drawing, and
// what a paper does with it in each format. (In print: the status summary's
// PDF, in tests/report-pdf.test.ts.)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { report } from '../src/commands/report.js';
import { colourHex, contrastRatio, NAMED_COLOURS } from '../src/records/colours.js';
import { loadConfig } from '../src/records/config.js';
import { STAGE_PRESETS } from '../src/records/stages.js';
import { loadWorkspace } from '../src/records/store/index.js';
import { chartMarkdown, figureIndex, newFigures } from '../src/report/charts/figures.js';
import { overdueAgeChart, overdueBucket, SERIES_COLOURS, stageMixChart, type ChartItem } from '../src/report/charts/model.js';
import { chartSvg, drawCharts } from '../src/report/charts/svg.js';
import { buildReportModel } from '../src/report/model.js';
import { meetingDatesUpTo, progressAt } from '../src/derive/progress.js';
import { exitCode } from '../src/cli/errors.js';
import { UnusableInput } from '../src/errors.js';
import { PROJECT_ROOT, SOURCE, item, skipTimingWhenBusy, workspace } from './helpers.js';

const TODAY = '2026-11-23';
const leeds = STAGE_PRESETS.leeds;
const GOLDEN = join(PROJECT_ROOT, 'tests', 'golden', 'charts');
const UPDATE = process.env['UPDATE_GOLDEN'] === '1';

function chartItem(stage: number | string, due: string | null = null, overdue = false): ChartItem {
  const s = leeds.find((x) => String(x.id) === String(stage));
  return { stage: s ? { id: s.id, label: s.label, closed: s.closed } : { id: stage, label: String(stage), closed: false }, open: !s?.closed, overdue, due };
}

describe('the stage mix', () => {
  it('counts items per stage in the scale order, in the stages\' colours, with unknown stages apart', () => {
    const chart = stageMixChart([chartItem(2), chartItem(2), chartItem(4), chartItem(9)], leeds, TODAY);
    expect(chart.series[0]!.values).toEqual([0, 2, 0, 1, 0, 0, 1]);
    expect(chart.series[0]!.point_colours!.slice(0, 3)).toEqual([NAMED_COLOURS['grey'], NAMED_COLOURS['green'], NAMED_COLOURS['red']]);
    expect(chart.rows[1]).toEqual(['2', 'Achieved (closed)', '2']);
    expect(chart.rows[6]).toEqual(['–', 'Stage missing or not on the scale', '1']);
    expect(chart.caption).toBe('Items by stage on 23 November 2026: 4 items, 2 open and 2 closed.');
    expect(chart.empty).toBeNull();
  });
  it('counts an item not yet assessed on the date apart from one whose stage is missing or not on the scale', () => {
    const notAssessed: ChartItem = { stage: { id: null, label: 'Not yet assessed', closed: false }, assessed: false, open: true, overdue: false, due: null };
    const chart = stageMixChart([chartItem(2), notAssessed, notAssessed, chartItem(9)], leeds, TODAY);
    expect(chart.rows.slice(6)).toEqual([['–', 'Not yet assessed', '2'], ['–', 'Stage missing or not on the scale', '1']]);
    expect(chart.categories.slice(6)).toEqual(['Not yet assessed', 'No stage on the scale']);
  });
  it('says why when there are no items', () => {
    const chart = stageMixChart([], leeds, TODAY);
    expect(chart.empty).toBe('There are no items to chart.');
    expect(chart.caption).toContain('there are no items to chart');
  });
});

describe('the age of overdue items', () => {
  it('puts each overdue item in a bucket by calendar months past its due date', () => {
    const at = (due: string) => overdueBucket(chartItem(4, due, true), '2026-11-23');
    expect(at('2026-08-24')).toBe(0); // 2 months 30 days
    expect(at('2026-08-23')).toBe(1); // 3 months exactly
    expect(at('2026-05-23')).toBe(2); // 6 months
    expect(at('2025-11-24')).toBe(2);
    expect(at('2025-11-23')).toBe(3); // 12 months
    expect(at('2026-08')).toBe(0); // a month counts as its last day: 31 August
    expect(overdueBucket(chartItem(4, '2020-01-01', false), TODAY)).toBe(-1);
  });
  it('counts the buckets and names them in the caption', () => {
    const chart = overdueAgeChart([chartItem(4, '2026-10-01', true), chartItem(5, '2020-01-01', true), chartItem(2)], TODAY);
    expect(chart.series[0]!.values).toEqual([1, 0, 0, 1]);
    expect(chart.caption).toBe('Open items past their due date on 23 November 2026, by how long: 2 items (1 under 3 months, 1 over 12 months).');
  });
});

describe('colours', () => {
  it('every named colour and series colour is dark enough on white paper (WCAG 4.5:1, above the 3:1 for graphics)', () => {
    for (const hex of [...Object.values(NAMED_COLOURS), ...Object.values(SERIES_COLOURS)]) expect(contrastRatio(hex, '#ffffff'), hex).toBeGreaterThanOrEqual(4.5);
  });
  it('reads names and hex colours, and nothing else', () => {
    expect(colourHex('Amber')).toBe(NAMED_COLOURS['amber']);
    expect(colourHex('#AbC')).toBe('#aabbcc');
    expect(colourHex('#1565c0')).toBe('#1565c0');
    expect(colourHex('reddish')).toBeUndefined();
    expect(colourHex('#12345')).toBeUndefined();
  });
  it('a stage colour that is not a colour is a config error at its line', () => {
    const root = workspace({ 'track.config.yaml': 'organisation: X\nstages:\n  - { id: 1, label: Open }\n  - id: 2\n    label: Done\n    closed: true\n    colour: sparkly\n' }, false);
    let error: unknown;
    try {
      loadConfig(root);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UnusableInput);
    expect(exitCode(error as UnusableInput)).toBe(2);
    const [d] = (error as UnusableInput).diagnostics;
    expect(d).toMatchObject({ rule: 'invalid-colour', file: 'track.config.yaml', line: 7, column: 13 });
    expect(d!.message).toContain('"sparkly" is not a colour');
  });
});

describe('drawing', () => {
  const chart = stageMixChart([chartItem(2), chartItem(3), chartItem(6)], leeds, TODAY);
  it('draws the same SVG every time, with ids of its own', () => {
    const a = chartSvg(chart, 'c1');
    const b = chartSvg(chart, 'c1');
    expect(a).toBe(b);
    expect(a).toMatch(/^<svg /);
    expect(a).not.toMatch(/\bzr\d+-/);
    expect(a).toContain('c1-');
  });
  it('labels each bar with its number and each stage by name, and describes itself for screen readers', () => {
    const svg = chartSvg(chart);
    expect(svg).toContain('aria-label="Items by stage. Items by stage on 23 November 2026: 3 items, 2 open and 1 closed."');
    expect(svg).toContain('>2 achieved</text>');
    expect(svg).toMatch(/>1<\/text>/);
    // the stage's colour, a dark outline and a pattern on top
    expect(svg).toContain(`fill="${NAMED_COLOURS['green']}"`);
    expect(svg).toContain('stroke="#212121"');
    expect(svg).toMatch(/<pattern /);
  });
  it('escapes the words it draws: a stage label cannot add markup to the page', () => {
    const hostile = [{ id: 'x', label: 'A & <script>alert(1)</script> "q"', closed: false, colour: 'red' }];
    const svg = chartSvg(stageMixChart([{ stage: { id: 'x', label: 'x', closed: false }, open: true, overdue: false, due: null }], hostile, TODAY));
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;');
  });
  it('an empty chart is drawn with the reason in it', () => {
    const svg = chartSvg(stageMixChart([], leeds, TODAY));
    expect(svg).toContain('There are no items to chart.');
  });
  it('gives several charts on one page ids that do not clash', () => {
    const [a, b] = drawCharts([chart, chart]);
    expect(a).toContain('chart1-');
    expect(b).toContain('chart2-');
    expect(b).not.toContain('chart1-');
  });
});

describe('the chart filter', () => {
  it('writes the caption and the numbers as a table; a placeholder only where the chart is drawn', () => {
    const chart = overdueAgeChart([chartItem(4, '2026-10-01', true)], TODAY);
    const md = chartMarkdown(chart);
    expect(md).not.toContain('![');
    expect(md).toContain('*Open items past their due date on 23 November 2026, by how long: 1 item (1 under 3 months).*');
    expect(md).toContain('| Past due | Items |\n| --- | ---: |\n| Under 3 months | 1 |');
    expect(chartMarkdown(chart, 'track-chart:ab/0')).toContain('![Overdue items by time past due](track-chart:ab/0)');
  });
  it('a placeholder counts only with this render\'s secret', () => {
    const figures = newFigures();
    figures.charts.push(stageMixChart([], leeds, TODAY));
    expect(figureIndex(`track-chart:${figures.nonce}/0`, figures)).toBe(0);
    expect(figureIndex(`track-chart:${figures.nonce}/1`, figures)).toBeUndefined();
    expect(figureIndex('track-chart:0000/0', figures)).toBeUndefined();
    expect(figureIndex(`track-chart:${figures.nonce}/0`, undefined)).toBeUndefined();
  });
  it('a record cannot place a chart; a template can, and Markdown gets only its text', async () => {
    const root = workspace({
      'records/cd/source.md': SOURCE,
      'records/cd/r1.md': item('title: One\nnumber: 1\nowners: [leeds-pct]\nstage: 4\ndue: 2026-01-31', 'Text ![x](track-chart:00/0) here.\n'),
      'templates/pic.md.liquid': '# Picture\n\n{{ charts.stage_mix | chart }}\n\n{% for s in sources %}{{ s.charts.overdue_age | chart }}{% endfor %}\n\n{% for i in items %}{{ i.body }}{% endfor %}\n',
    });
    const html = (await report({ root, today: TODAY, template: 'pic', format: 'html' })).content as string;
    expect(html.match(/<figure class="chart">\n<svg /g)).toHaveLength(2);
    expect(html).toContain('Text x here.');
    expect(html).not.toContain('track-chart:');
    const md = (await report({ root, today: TODAY, template: 'pic', format: 'md' })).content as string;
    expect(md).not.toContain('<svg');
    expect(md).not.toMatch(/!\[[^\]]*\]\(track-chart:[0-9a-f]{6,}/);
    expect(md).toContain('| 4 | Not achieved – progress made acceptable, continue monitoring | 1 |');
    expect(md).toContain('| 6 to 12 months | 1 |');
  });
  it('a template that gives the filter something else gets one clear message', async () => {
    const root = workspace({ 'records/cd/source.md': SOURCE, 'templates/bad.md.liquid': '{{ organisation | chart }}\n' });
    await expect(report({ root, today: TODAY, template: 'bad', format: 'md' })).rejects.toThrow(/templates\/bad\.md\.liquid:1:\d+: the chart filter takes a chart, such as charts\.stage_mix/);
  });
});

describe('charts of the example records (golden SVG)', () => {
  it('the status summary\'s charts', async () => {
    const ws = await loadWorkspace(PROJECT_ROOT);
    const model = buildReportModel(ws, { today: TODAY });
    for (const [name, chart] of Object.entries(model.charts)) {
      const svg = chartSvg(chart, name);
      const file = join(GOLDEN, `${name}.svg`);
      if (UPDATE) {
        mkdirSync(GOLDEN, { recursive: true });
        writeFileSync(file, svg);
      }
      expect(existsSync(file), `${file} is missing: run UPDATE_GOLDEN=1 npx vitest run tests/charts.test.ts`).toBe(true);
      expect(svg, `${file} differs: if meant, run UPDATE_GOLDEN=1 npx vitest run tests/charts.test.ts`).toBe(readFileSync(file, 'utf8'));
    }
  });
  it('the README\'s picture is the stage mix of the example records, small', async () => {
    const png = join(PROJECT_ROOT, 'docs', 'stage-mix.png');
    if (UPDATE) {
      const ws = await loadWorkspace(PROJECT_ROOT);
      const { svgToPng } = await import('../src/report/charts/png.js');
      writeFileSync(png, svgToPng(chartSvg(buildReportModel(ws, { today: TODAY }).charts.stage_mix), 640, 1));
    }
    expect(readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8')).toContain('](docs/stage-mix.png)');
    const bytes = readFileSync(png);
    expect([...bytes.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
    expect(bytes.length).toBeLessThan(40_000);
  });
});

describe('speed', () => {
  it('works out progress at a dozen meetings over 10,000 items in under a second', async (ctx) => {
    skipTimingWhenBusy(ctx);
    const example = await loadWorkspace(PROJECT_ROOT);
    const items = Array.from({ length: 10_000 }, (_, i) => {
      const from = example.items[i % example.items.length]!;
      return { ...from, id: `${from.id}-${i}` };
    });
    const big = { ...example, items };
    const dates = meetingDatesUpTo(example.meetings, TODAY, 12);
    progressAt({ ...example, items: items.slice(0, 500) }, dates); // the code's first, unoptimised run is not the chart's time
    const start = performance.now();
    const series = progressAt(big, dates);
    expect(performance.now() - start).toBeLessThan(1000);
    expect(series.all).toHaveLength(dates.length);
    expect(series.all.at(-1)!.open + series.all.at(-1)!.closed).toBe(10_000);
  });

  it('charts 10,000 items in under a second', (ctx) => {
    skipTimingWhenBusy(ctx);
    const items = Array.from({ length: 10_000 }, (_, i) => chartItem((i % 6) + 1, `20${String(10 + (i % 15)).padStart(2, '0')}-0${(i % 9) + 1}-15`, i % 3 === 0));
    chartSvg(stageMixChart(items.slice(0, 10), leeds, TODAY)); // the library's first load is not the chart's time
    const start = performance.now();
    drawCharts([stageMixChart(items, leeds, TODAY), overdueAgeChart(items, TODAY)]);
    expect(performance.now() - start).toBeLessThan(1000);
  });
});


describe('progress at each meeting', () => {
  const files = (meetings: string | null) => ({
    'records/cd/source.md': SOURCE,
    'records/cd/r1.md': item('title: One\nnumber: 1\nowners: [leeds-pct]\ndue: 2008-02-29\nstage: 2\nupdates:\n  - date: 2008-01-10\n    stage: 4\n    note: Started.\n  - date: 2008-03-10\n    stage: 2\n    note: Done.'),
    'records/cd/r2.md': item('title: Two\nnumber: 2\nowners: [leeds-pct]\ndue: 2008-03-31\nstage: 4\nupdates:\n  - date: 2008-01-10\n    stage: 4\n    note: Started.'),
    ...(meetings !== null ? { 'meetings.yaml': meetings } : {}),
  });

  it('counts open, closed and overdue as the records stood at each meeting, up to the paper\'s date', async () => {
    const ws = await loadWorkspace(workspace(files('- date: 2008-01-15\n- date: 2008-03\n  tentative: true\n- date: 2008-04-15\n- date: 2009-01-15\n')));
    const chart = buildReportModel(ws, { today: '2008-06-01' }).charts.progress;
    expect(chart.empty).toBeNull();
    expect(chart.rows).toEqual([
      ['15 January 2008', '2', '0', '0'],
      ['March 2008', '1', '1', '0'], // r1 closed on 10 March; a month-precision meeting counts as its last day
      ['15 April 2008', '1', '1', '1'], // r2 past its due date of 31 March
    ]);
    expect(chart.caption).toBe('Open, closed and overdue items at each meeting from 15 January 2008 to 15 April 2008: 1 open, 1 closed and 1 overdue at the last.');
    expect(chart.series.map((s) => s.values)).toEqual([[2, 1, 1], [0, 1, 1], [0, 0, 1]]);
    // …and the same for the source's own chart
    expect(buildReportModel(ws, { today: '2008-06-01' }).sources[0]!.charts.progress.rows).toEqual(chart.rows);
  });

  it('no meetings, or none yet: an empty chart whose caption says why', async () => {
    const none = buildReportModel(await loadWorkspace(workspace(files(null))), { today: '2008-06-01' }).charts.progress;
    expect(none.empty).toBe('meetings.yaml lists no meetings, so there are no dates to chart progress at.');
    expect(none.caption).toContain('meetings.yaml lists no meetings');
    expect(chartSvg(none)).toContain('meetings.yaml lists no meetings');
    const later = buildReportModel(await loadWorkspace(workspace(files('- date: 2009-01-15\n'))), { today: '2008-06-01' }).charts.progress;
    expect(later.empty).toBe('No meeting in meetings.yaml falls on or before 1 June 2008, so there are no dates to chart progress at.');
    expect(chartMarkdown(later)).not.toContain('| Meeting |');
  });
});
