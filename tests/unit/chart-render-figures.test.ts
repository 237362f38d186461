// Renders the newer chart components through Astro's container API and reads the HTML:
// a complete figure (caption, labelled SVG, legend, closed table, links), nulls never drawn as zero.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChartRenderer, type ChartRenderer } from './chart-renderer.ts';
import type * as ParetoModule from '../../src/lib/chart-pareto.ts';

let renderer: ChartRenderer;
const render = (name: string, props: Record<string, unknown>): Promise<string> => renderer.render(name, props);

beforeAll(async () => {
  renderer = await startChartRenderer();
});

afterAll(async () => {
  await renderer?.close();
});

const count = (html: string, re: RegExp) => html.match(re)?.length ?? 0;
/** Visible text only (tags stripped), to check no "NaN", "null" or "undefined" leaks. */
const text = (html: string) => html.replace(/<style[^]*?<\/style>/g, '').replace(/<[^>]+>/g, ' ');

/** The structure every figure shares. */
function expectFigure(html: string, id: string, title: string, tableRows: number) {
  expect(html).toMatch(new RegExp(`^<figure id="${id}" class="chart"`));
  expect(html).toContain(`id="${id}-title"`);
  expect(html).toContain(`id="${id}-summary"`);
  expect(html).toMatch(new RegExp(`<svg viewBox="0 0 [\\d.]+ [\\d.]+" width="100%" role="img" aria-labelledby="${id}-title ${id}-summary"[^>]*><title>${title}</title>`));
  expect(html).toContain('<ul class="chart-legend"');
  expect(html).toMatch(/<details class="chart-data"[^>]*><summary/);
  expect(html).not.toMatch(/<details[^>]* open/);
  expect(count(html, /<caption/g)).toBe(1);
  expect(count(html, /<tbody[^]*?<\/tbody>/g)).toBe(1);
  expect(count(html.slice(html.indexOf('<tbody')), /<th scope="row"/g)).toBe(tableRows);
  expect(html).toContain(`href="#${id}"`);
  expect(html).not.toContain('<script');
  expect(html).not.toContain('data-astro-cid'); // styles are global (src/styles/charts.css), see chart-render.test.ts
  expect(text(html)).not.toMatch(/\bNaN\b|\bnull\b|\bundefined\b|\[object/);
  for (const n of [...html.matchAll(/ (?:x|y|x1|x2|y1|y2|cx|cy|width|height)="(-?[\d.]+)"/g)].map((m) => m[1] ?? '')) expect(n).toMatch(/^-?\d+(\.\d)?$/);
}

describe('DivergingBars.astro', () => {
  it('renders five levels per row, a labelled gap for a suppressed row, and the full table', async () => {
    const html = await render('DivergingBars', {
      id: 'sat',
      title: '各部门好差评',
      summary: '多数部门的满意评价占多数。',
      locale: 'zh-CN',
      rowHeader: '部门',
      csvHref: '/data/satisfaction.csv',
      rows: [
        { key: 'tax', label: '税务局', values: [12, 30, 80, 300, 420] },
        { key: 'housing', label: '住建局', values: null },
        { key: 'police', label: '公安局', values: [40, 60, 100, 200, 150] },
      ],
    });
    expectFigure(html, 'sat', '各部门好差评', 3);
    expect(count(html, /<g class="segment"/g)).toBe(10);
    expect(html).toContain('已隐去（样本过小）');
    for (const level of ['非常不满意', '不满意', '基本满意', '满意', '非常满意']) expect(html).toContain(`>${level}</th>`);
    expect(html).toMatch(/住建局<\/th>(<td[^>]*>—<\/td>){6}/);
    expect(html).toContain('href="/data/satisfaction.csv"');
    expect(html).toContain('下载 CSV');
    expect(html).not.toContain('下载 JSON');
    expect(html).toContain('class="centre"');
  });
});

describe('Histogram.astro', () => {
  it('draws counted bins, hatches a suppressed one, and labels both limits', async () => {
    const html = await render('Histogram', {
      id: 'ttc',
      title: 'Time to close',
      summary: 'Most requests closed within the promised 5 working days.',
      locale: 'en',
      promisedDays: 5,
      statutoryDays: 20,
      jsonHref: '/data/ttc.json',
      svgHref: '/charts/ttc.svg',
      bins: [
        { from: 0, to: 0, count: 120 },
        { from: 1, to: 2, count: 300 },
        { from: 3, to: 5, count: 250 },
        { from: 6, to: 10, count: null },
        { from: 11, to: 20, count: 40 },
        { from: 21, to: null, count: 7 },
      ],
    });
    expectFigure(html, 'ttc', 'Time to close', 6);
    expect(count(html, /<g class="bars"[^]*?<\/g>\s*<g class="axis/g)).toBe(1);
    expect(count(html, /<rect [^>]*fill="#(0072B2|D55E00)"[^>]*><title>/g)).toBe(5);
    expect(count(html, /<g class="gap"/g)).toBe(1);
    expect(html).toContain('id="ttc-hatch"');
    expect(html).toContain('Promised limit 5 working days');
    expect(html).toContain('Statutory limit 20 working days');
    expect(html).toContain('Closed within the promised limit');
    expect(html).toContain('>21 or more<');
    expect(html).toMatch(/6–10<\/th><td[^>]*>—<\/td><td[^>]*>—<\/td>/);
    expect(html).toContain('href="/data/ttc.json"');
    expect(html).toContain('href="/charts/ttc.svg"');
    expect(html).not.toContain('Download CSV');
  });
});

describe('DotPlot.astro', () => {
  it('draws a dot and whiskers per estimate, a dash row with a note, and the reference line', async () => {
    const html = await render('DotPlot', {
      id: 'dept-sat',
      title: 'Satisfaction by department',
      summary: 'Tax is above the city value.',
      locale: 'en',
      valueFormat: 'percent',
      reference: { value: 0.88, label: 'City' },
      rowHeader: 'Department',
      rows: [
        { key: 'tax', label: 'Tax', estimate: 0.93, low: 0.9, high: 0.95 },
        { key: 'housing', label: 'Housing', estimate: null, low: null, high: null },
        { key: 'transport', label: 'Transport', estimate: 0.84, low: 0.79, high: 0.88 },
        { key: 'parks', label: 'Parks', estimate: 0.9, low: null, high: null },
      ],
    });
    expectFigure(html, 'dept-sat', 'Satisfaction by department', 4);
    expect(count(html, /<circle /g)).toBe(3 + 1); // 3 rows + legend swatch
    expect(count(html, /class="whisker"/g)).toBe(2);
    expect(html).toMatch(/<text class="muted"[^>]*>—<\/text>/);
    expect(html).toContain('“—” means no estimate');
    expect(html).toContain('City 88%');
    expect(html).toMatch(/Housing<\/th><td[^>]*>—<\/td><td[^>]*>—<\/td><td[^>]*>—<\/td>/);
  });
});

describe('Pyramid.astro', () => {
  it('draws back-to-back bars with tier IV on top and a dash for a suppressed share', async () => {
    const html = await render('Pyramid', {
      id: 'pyr',
      title: 'Client pyramid',
      summary: 'Tier IV is 3% of requests but takes 30% of effort.',
      locale: 'en',
      tiers: [
        { key: 'I', label: 'Tier I', requests: 0.62, effort: 0.22 },
        { key: 'II', label: 'Tier II', requests: 0.24, effort: 0.23 },
        { key: 'III', label: 'Tier III', requests: 0.11, effort: 0.25 },
        { key: 'IV', label: 'Tier IV', requests: 0.03, effort: null },
      ],
    });
    expectFigure(html, 'pyr', 'Client pyramid', 4);
    expect(count(html, /<rect [^>]*><title>/g)).toBe(7);
    const tiers = [...html.matchAll(/font-weight="700"[^>]*>(Tier [IV]+)</g)].map((m) => m[1]);
    expect(tiers).toEqual(['Tier IV', 'Tier III', 'Tier II', 'Tier I']);
    expect(html).toMatch(/Tier IV<\/th><td[^>]*>3%<\/td><td[^>]*>—<\/td>/);
  });
});

describe('ParetoCurve.astro', () => {
  it('draws the curve, the equality diagonal and the 80/20 guide, with deciles in the table', async () => {
    const { paretoCurve } = (await renderer.load('/src/lib/chart-pareto.ts')) as typeof ParetoModule;
    const efforts = Array.from({ length: 500 }, (_, i) => (i % 5 === 0 ? 20 : 1 + (i % 3)));
    const html = await render('ParetoCurve', { id: 'pareto', title: '工作量集中度', summary: '少数案件占用大部分工作量。', locale: 'zh-CN', points: paretoCurve(efforts) });
    expectFigure(html, 'pareto', '工作量集中度', 10);
    expect(count(html, /class="curve"/g)).toBe(1);
    expect(count(html, /class="equality"/g)).toBe(1);
    expect(count(html, /class="ref-8020"/g)).toBe(1);
    expect(html).toContain('80/20 参考线');
    expect(html).toMatch(/工作量最多的 20% 案件占 [\d.]+% 的工作量/);
  });
  it('says no data for an empty curve', async () => {
    const html = await render('ParetoCurve', { id: 'p0', title: 'Effort', summary: 'Suppressed.', locale: 'en', points: [] });
    expect(html).toContain('No data');
    expect(html).not.toContain('class="curve"');
    expect(text(html)).not.toMatch(/NaN|undefined|null/);
  });
});

describe('Heatmap.astro', () => {
  it('prints a value in every cell and hatches suppressed ones', async () => {
    const html = await render('Heatmap', {
      id: 'mix',
      title: 'Requests by client and need',
      summary: 'Individuals mostly ask for certificates.',
      locale: 'en',
      rowHeader: 'Client type',
      rows: [
        { key: 'person', label: 'Individual' },
        { key: 'business', label: 'Business' },
        { key: 'ngo', label: 'Organisation' },
      ],
      columns: [
        { key: 'cert', label: 'Certificate' },
        { key: 'licence', label: 'Licence' },
        { key: 'complaint', label: 'Complaint' },
        { key: 'info', label: 'Information' },
      ],
      values: [
        [5400, 320, 780, 1200],
        [410, 2600, null, 90],
        [null, 45, 12, 0],
      ],
    });
    expectFigure(html, 'mix', 'Requests by client and need', 3);
    expect(count(html, /<g class="cell"/g)).toBe(10);
    expect(count(html, /<g class="cell suppressed"/g)).toBe(2);
    expect(count(html, /fill="url\(#mix-hatch\)"/g)).toBe(3); // 2 cells + legend
    expect(html).toContain('>5,400</text>');
    expect(count(html, /style="fill:#(000000|ffffff)"/g)).toBe(12);
    expect(html).toContain('Suppressed (too few cases)');
  });
});

describe('CalendarHeatmap.astro', () => {
  it('lays out a year of days with month labels, a legend and a month × day table', async () => {
    const values: Record<string, number | null> = {};
    for (let d = Date.UTC(2025, 0, 1); d <= Date.UTC(2025, 11, 31); d += 86_400_000) {
      const date = new Date(d);
      const wd = date.getUTCDay();
      values[date.toISOString().slice(0, 10)] = wd === 0 || wd === 6 ? 0 : 150 + (date.getUTCDate() % 9) * 20;
    }
    values['2025-05-01'] = null;
    delete values['2025-10-02'];
    const html = await render('CalendarHeatmap', { id: 'daily', title: '每日申请量', summary: '工作日申请量明显高于周末。', locale: 'zh-CN', values, start: '2025-01-01', end: '2025-12-31' });
    expectFigure(html, 'daily', '每日申请量', 12);
    expect(count(html, /<rect class="day /g)).toBe(365);
    expect(count(html, /class="day suppressed"/g)).toBe(1);
    expect(count(html, /class="day missing"/g)).toBe(1);
    for (const m of ['1月', '6月', '12月']) expect(html).toContain(`>${m}</text>`);
    expect(html).toContain('>周一</text>');
    expect(html).toContain('>少<');
    expect(html).toContain('2025年5月1日周四: — 已隐去（样本过小）');
    expect(count(html, /<th scope="col"/g)).toBe(32);
  });
});

describe('ChartTools.astro', () => {
  it('renders only the permalink when no download is given', async () => {
    const html = await render('ChartTools', { id: 'x', locale: 'en' });
    expect(count(html, /<a /g)).toBe(1);
    expect(html).toContain('href="#x"');
    expect(html).toContain('Link to this chart');
  });
  it('renders each given download with its type', async () => {
    const html = await render('ChartTools', { id: 'x', locale: 'zh-CN', csvHref: '/a.csv', jsonHref: '/a.json', svgHref: '/a.svg' });
    expect(count(html, /<a /g)).toBe(4);
    expect(html).toContain('type="text/csv"');
    expect(html).toContain('下载 SVG 图');
  });
});
