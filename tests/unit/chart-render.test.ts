// Renders the chart components through Astro's container API (inside a Vite server that
// has Astro's plugins) and reads the HTML: SVG present, no script, gaps kept, table complete.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChartRenderer, type ChartRenderer } from './chart-renderer.ts';

let renderer: ChartRenderer;
const render = (name: string, props: Record<string, unknown>): Promise<string> => renderer.render(name, props);

beforeAll(async () => {
  renderer = await startChartRenderer();
});

afterAll(async () => {
  await renderer?.close();
});

const month = (i: number) => `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
const all = (html: string, re: RegExp) => [...html.matchAll(re)].map((m) => m[1] ?? '');

describe('LineChart.astro', () => {
  it('renders an accessible SVG with gaps, end labels and a closed data table', async () => {
    const html = await render('LineChart', {
      id: 'on-time',
      title: 'On time',
      summary: 'On time rose from 80% to 92%.',
      locale: 'en',
      yFormat: 'percent',
      target: { from: 0.9, to: 1, label: 'Target 90%+' },
      series: [
        { key: 'online', label: 'Online', points: Array.from({ length: 24 }, (_, i) => ({ x: month(i), y: i === 5 ? null : 0.8 + i / 200 })) },
        { key: 'counter', label: 'Counter', points: [{ x: '2024-03', y: 0.85 }] },
        { key: 'phone', label: 'Phone', points: [{ x: '2024-01', y: null }] },
      ],
    });
    expect(html).toMatch(/^<figure id="on-time" class="chart"/);
    expect(html).toContain('aria-labelledby="on-time-title on-time-summary"');
    expect(html).toContain('id="on-time-title"');
    expect(html).toContain('id="on-time-summary"');
    expect(html).toMatch(/<svg viewBox="0 0 640 300" width="100%" role="img"[^>]*><title>On time<\/title>/);
    expect(html).not.toContain('<script');
    expect(html).not.toMatch(/<details[^>]* open/);
    // The null month splits the online line in two; the lone counter value is a dot.
    const paths = all(html, /<path d="([^"]+)"/g);
    expect(paths).toHaveLength(1);
    expect(paths[0]?.match(/M/g)).toHaveLength(2);
    for (const n of paths[0]?.match(/\d+(\.\d+)?/g) ?? []) expect(n).toMatch(/^\d+(\.\d)?$/);
    expect(html.match(/<circle /g)).toHaveLength(1);
    // Month labels thinned and localized; y ticks in percent; target band labelled.
    const ticks = all(html, /<text x="[\d.]+" y="18" text-anchor="middle"[^>]*>([^<]+)</g);
    expect(ticks[0]).toBe('Jan 2024');
    expect(ticks.length).toBeLessThanOrEqual(8);
    expect(html).toContain('>100%</text>');
    expect(html).toContain('Target 90%+');
    // Table: caption, scoped headers, a row per month, nulls as dashes.
    expect(html).toContain('<caption');
    expect(html.match(/<th scope="col"/g)).toHaveLength(4);
    expect(html.match(/<th scope="row"/g)).toHaveLength(24);
    expect(html).toMatch(/<time datetime="2024-06"[^>]*>Jun 2024<\/time><\/th><td[^>]*>—<\/td>/);
  });

  it('renders Chinese month labels and a no-data note for an all-null chart', async () => {
    const html = await render('LineChart', {
      id: 'days',
      title: '办结用时',
      summary: '暂无可公开的数据。',
      locale: 'zh-CN',
      yFormat: 'days',
      tableCaption: '各月办结用时（工作日）',
      series: [{ key: 'a', label: '全部', points: [{ x: '2025-03', y: null }] }],
    });
    expect(html).toContain('2025年3月');
    expect(html).toContain('暂无数据');
    expect(html).toContain('各月办结用时（工作日）');
    expect(html).not.toContain('<path');
  });

  it('is byte-identical across renders', async () => {
    const props = { id: 'a', title: 't', summary: 's', locale: 'en', yFormat: 'number', series: [{ key: 'a', label: 'A', points: [{ x: '2025-01', y: 1234.5678 }, { x: '2025-02', y: 99 }] }] };
    expect(await render('LineChart', props)).toBe(await render('LineChart', props));
  });
});

describe('StackedBars.astro', () => {
  it('stacks bars, flags suppressed months and lists the legend top of stack first', async () => {
    const html = await render('StackedBars', {
      id: 'channels',
      title: 'Requests by channel',
      summary: 'Most requests came online.',
      locale: 'en',
      categories: [
        { key: 'online', label: 'Online' },
        { key: 'counter', label: 'Counter' },
      ],
      rows: Array.from({ length: 24 }, (_, i) => ({ x: month(i), values: { online: 1000 + i * 10, counter: i === 3 ? null : 200 } })),
    });
    expect(html).toMatch(/^<figure id="channels" class="chart"/);
    expect(html).toContain('aria-labelledby="channels-title channels-summary"');
    expect(html.match(/<rect [^>]*stroke="#ffffff"/g)).toHaveLength(47); // 24 × 2 minus one suppressed
    expect(html.match(/class="flag"/g)).toHaveLength(1);
    expect(html).toContain('some values are suppressed');
    expect(all(html, /<li[^>]*><svg[^]*?<\/svg>([^<]+)<\/li>/g)).toEqual(['Counter', 'Online']);
    expect(html).toMatch(/Apr 2024<\/time><\/th><td[^>]*>1,030<\/td><td[^>]*>—<\/td>/);
    expect(html).not.toContain('<script');
  });
});

describe('Sparkline.astro', () => {
  it('renders a labelled 100×24 SVG with a broken line', async () => {
    const html = await render('Sparkline', { values: [0.8, null, 0.9, 0.95], label: 'On time, last 4 months', yFormat: 'percent' });
    expect(html).toMatch(/^<svg class="sparkline" viewBox="0 0 100 24" width="100" height="24" role="img" aria-label="On time, last 4 months"/);
    expect(all(html, /<path d="([^"]+)"/g)[0]?.match(/M/g)).toHaveLength(2);
  });
  it('draws a dashed placeholder when every value is null', async () => {
    const html = await render('Sparkline', { values: [null, null], label: 'No data' });
    expect(html).not.toContain('<path');
    expect(html).toContain('stroke-dasharray="2 3"');
  });
});

describe('chart components and scoped styles', () => {
  // Styles live in src/styles/charts.css: a scoped <style> would stamp a data-astro-cid-* attribute
  // on every element of every chart, a quarter of the bytes of a service page.
  it('renders LineChart, StackedBars and Sparkline without data-astro-cid attributes', async () => {
    const line = await render('LineChart', { id: 'a', title: 't', summary: 's', locale: 'en', yFormat: 'number', csvHref: '/a.csv', series: [{ key: 'a', label: 'A', points: [{ x: '2025-01', y: 1 }, { x: '2025-02', y: 2 }] }] });
    const bars = await render('StackedBars', { id: 'b', title: 't', summary: 's', locale: 'en', categories: [{ key: 'x', label: 'X' }], rows: [{ x: '2025-01', values: { x: 1 } }] });
    const spark = await render('Sparkline', { values: [1, 2], label: 'L' });
    for (const html of [line, bars, spark]) expect(html).not.toContain('data-astro-cid');
    expect(bars).toContain('<ul class="chart-legend stacked"');
  });
});
