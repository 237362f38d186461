/**
 * The promise, tested: reading only dist/data/ (as a journalist would after downloading), recompute
 * the headline figures of the home page and of every department page and check that the built pages
 * show them; check the checksums, the release copies, the dictionary and the Table Schema keys.
 */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';

const dist = 'dist';
const data = join(dist, 'data');
if (!existsSync(join(data, 'meta.json'))) throw new Error(`${data}/meta.json is missing: run "npm run build" before the browser tests`);
type Row = Record<string, string>;

const csv = (name: string): Row[] => Papa.parse<Row>(readFileSync(join(data, name), 'utf8'), { header: true, skipEmptyLines: true }).data;
const num = (v: string | undefined): number | null => (v === undefined || v === '' ? null : Number(v));
const html = (path: string): string => readFileSync(join(dist, path, 'index.html'), 'utf8');

/** The text shown in the element marked data-figure="<name>" (its value <dd>), or null when absent. */
function shown(page: string, figure: string): string | null {
  const at = page.indexOf(`data-figure="${figure}"`);
  if (at < 0) return null;
  const dd = /<dd class="kpi-value">([\s\S]*?)<\/dd>/.exec(page.slice(at));
  return dd ? (dd[1] ?? '').replace(/<[^>]+>/g, '').trim() : null;
}

/** The number a page shows: "105,303" -> 105303, "87.1%" -> 87.1, "2 个工作日" -> 2; null for "—". */
function parseShown(text: string): number | null {
  const m = /-?[\d,]+(?:\.\d+)?/.exec(text);
  return m ? Number(m[0].replace(/,/g, '')) : null;
}

/** Asserts the page shows `value` as a figure of `kind` (percent: one decimal; others: at most one decimal). */
function expectShown(page: string, figure: string, value: number | null, kind: 'percent' | 'number', where: string): void {
  const text = shown(page, figure);
  expect(text, `${where}: no data-figure="${figure}"`).not.toBeNull();
  const got = parseShown(text ?? '');
  if (value === null) return void expect(got, `${where} ${figure}`).toBeNull();
  const want = kind === 'percent' ? Math.round(value * 1000) / 10 : Math.round(value * 10) / 10;
  expect(got, `${where} ${figure}: page shows "${text}", the data give ${value}`).toBeCloseTo(want, 6);
}

const sum = (rows: Row[], k: string): number => rows.reduce((s, r) => s + (num(r[k]) ?? 0), 0);
const share = (a: number, b: number): number | null => (b > 0 ? Math.round((a / b) * 10000) / 10000 : null);

describe('recompute every headline figure from dist/data/ alone', () => {
  const meta = JSON.parse(readFileSync(join(data, 'meta.json'), 'utf8')) as { period: { from: string; to: string }; lastMonth: string; release: string };
  const inPeriod = (r: Row) => (r['month'] ?? '') >= meta.period.from && (r['month'] ?? '') <= meta.period.to;

  it('home pages (/ and /en/) show the city totals of city-month.csv over the period', () => {
    const rows = csv('city-month.csv').filter(inPeriod);
    expect(rows.every((r) => r['requests'] !== '')).toBe(true);
    const requests = sum(rows, 'requests');
    const city = csv('kpis.csv').find((r) => r['dimension'] === 'city');
    expect(requests, 'city-month.csv and kpis.csv agree on the period total').toBe(num(city?.['requests']));
    const last = csv('city-month.csv').find((r) => r['month'] === meta.lastMonth);
    for (const path of ['', 'en']) {
      const page = html(path);
      expectShown(page, 'requests', requests, 'number', `/${path}`);
      expectShown(page, 'on_time_rate', share(sum(rows, 'on_time'), sum(rows, 'due_n')), 'percent', `/${path}`);
      expectShown(page, 'satisfaction_rate', share(sum(rows, 'satisfied'), sum(rows, 'rated')), 'percent', `/${path}`);
      expectShown(page, 'median_wd_last_month', num(last?.['median_wd']), 'number', `/${path}`);
    }
  });

  it('every department page shows figures recomputed from department-month.csv, department-summary.csv and kpis.csv', () => {
    const departments = csv('departments.csv');
    expect(departments.length).toBeGreaterThan(0);
    const months = csv('department-month.csv').filter(inPeriod);
    const summary = csv('department-summary.csv');
    const kpis = csv('kpis.csv').filter((r) => r['dimension'] === 'department');
    for (const d of departments) {
      const id = d['id'] ?? '';
      const own = months.filter((r) => r['department'] === id);
      const complete = own.every((r) => r['requests'] !== '');
      const s = summary.find((r) => r['department'] === id);
      const k = kpis.find((r) => r['key'] === id);
      for (const path of [`departments/${id}`, `en/departments/${id}`]) {
        const page = html(path);
        // Sums of the monthly counts are the period figures unless a month was suppressed.
        expectShown(page, 'requests', complete ? sum(own, 'requests') : num(s?.['requests']), 'number', path);
        expectShown(page, 'on_time_rate', complete ? share(sum(own, 'on_time'), sum(own, 'due_n')) : num(s?.['on_time_rate']), 'percent', path);
        expectShown(page, 'satisfaction_rate', complete ? share(sum(own, 'satisfied'), sum(own, 'rated')) : num(s?.['satisfaction_rate']), 'percent', path);
        expectShown(page, 'median_wd', num(s?.['median_wd']), 'number', path);
        expectShown(page, 'p90_wd', num(s?.['p90_wd']), 'number', path);
        expectShown(page, 'rectification_rate', num(k?.['rectification_rate']), 'percent', path);
        expectShown(page, 'open', num(k?.['open']), 'number', path);
        expectShown(page, 'digital_rate', num(k?.['digital_rate']), 'percent', path);
      }
    }
  });

  it('chart captions count every case, in bins and days shown or hidden, and give an exact share only when it is one', () => {
    const kpis = csv('kpis.csv');
    const kpi = (dimension: string, key: string) => kpis.find((r) => r['dimension'] === dimension && r['key'] === key);
    const bins = csv('close-histogram.csv');
    const daily = csv('daily-volume.csv');
    /** The caption of chart `id` on `page`, tags removed. */
    const caption = (page: string, id: string): string => {
      const m = new RegExp(`id="${id}-summary">([^<]*)<`).exec(page);
      expect(m, `${id}: no caption`).not.toBeNull();
      return m?.[1] ?? '';
    };
    const numbers = (text: string): number[] => [...text.matchAll(/\d[\d,]*(?:\.\d+)?/g)].map((m) => Number(m[0].replace(/,/g, '')));
    let exactShares = 0;
    let lowerBounds = 0;
    for (const svc of csv('services.csv')) {
      const id = svc['id'] ?? '';
      const text = caption(html(`en/services/${id}`), `svc-${id}-close`);
      const closed = num(kpi('service', id)?.['closed']);
      if (closed === null || closed === 0) continue;
      const limit = /within the promised limit of (\d+) working day/.exec(text);
      if (!limit) {
        expect(numbers(text)[0], `${id}: ${text}`).toBe(closed);
        continue;
      }
      // "[At least ]X% of N closed cases were closed within the promised limit of L working days …"
      const [share = NaN, n = NaN] = numbers(text);
      expect(n, `${id}: ${text}`).toBe(closed);
      const mine = bins.filter((r) => r['scope'] === 'service' && r['key'] === id && r['bin_to'] !== '' && Number(r['bin_to']) <= Number(limit[1]));
      const within = sum(mine, 'requests');
      if (text.startsWith('At least')) {
        expect(mine.some((r) => r['requests'] === ''), `${id}: a lower bound only when a bin within the limit is hidden`).toBe(true);
        expect(share, `${id}: ${text}`).toBeCloseTo(Math.floor((within / closed) * 1000) / 10, 0);
        lowerBounds += 1;
      } else {
        expect(mine.every((r) => r['requests'] !== ''), `${id}: an exact share needs every bin within the limit`).toBe(true);
        expect(share, `${id}: ${text}`).toBeCloseTo(Math.round((within / closed) * 1000) / 10, 6);
        exactShares += 1;
      }
    }
    expect(exactShares, 'some captions give an exact share').toBeGreaterThan(0);
    for (const d of csv('departments.csv')) {
      const id = d['id'] ?? '';
      const text = caption(html(`en/departments/${id}`), `dept-${id}-daily`);
      expect(numbers(text.replace(/12 months/, ''))[0], `${id}: ${text}`).toBe(num(kpi('department', id)?.['requests']));
      const hiddenDays = daily.filter((r) => r['scope'] === 'department' && r['key'] === id && r['requests'] === '').length;
      if (hiddenDays > 0) expect(text, id).toContain(`${hiddenDays.toLocaleString('en')} days are not shown`);
    }
    // Reported so a sample without hidden bins within a limit is visible in the log (not a failure).
    if (lowerBounds === 0) console.log('recompute: no service caption needed a lower bound in this build');
  });

  it('SHA256SUMS matches every file, and latest/ holds the same bytes as releases/<release>/', () => {
    const check = (dir: string) => {
      const lines = readFileSync(join(dir, 'SHA256SUMS'), 'utf8').trim().split('\n');
      expect(lines.length).toBeGreaterThan(10);
      for (const line of lines) {
        const [hash, name = ''] = line.split('  ');
        expect(createHash('sha256').update(readFileSync(join(dir, name))).digest('hex'), `${dir}/${name}`).toBe(hash);
      }
    };
    check(data);
    const release = join(data, 'releases', meta.release);
    check(release);
    const names = readdirSync(release).sort();
    expect(readdirSync(join(data, 'latest')).sort()).toEqual(names);
    for (const n of names) expect(readFileSync(join(data, 'latest', n)).equals(readFileSync(join(release, n))), n).toBe(true);
  });

  it('every published column is in the dictionary and every dictionary entry is in the data', () => {
    const dict = JSON.parse(readFileSync(join(data, 'dictionary.json'), 'utf8')) as Record<string, { columns: { name: string }[] }>;
    const tables = readdirSync(data).filter((f) => /^[a-z0-9-]+\.csv$/.test(f)).map((f) => f.slice(0, -4));
    expect(tables.sort()).toEqual(Object.keys(dict).sort());
    for (const t of tables) {
      const header = readFileSync(join(data, `${t}.csv`), 'utf8').split('\r\n')[0]?.split(',');
      expect(header, t).toEqual(dict[t]?.columns.map((c) => c.name));
    }
  });

  it('the rows keep the primary keys, foreign keys and constraints that datapackage.json declares', () => {
    interface Field { name: string; constraints?: { required?: boolean; minimum?: number; maximum?: number; enum?: string[] } }
    const pkg = JSON.parse(readFileSync(join(data, 'datapackage.json'), 'utf8')) as {
      resources: { name: string; path: string; schema: { fields: Field[]; primaryKey?: string[]; foreignKeys?: { fields: string[]; reference: { resource: string; fields: string[] } }[] } }[];
    };
    const rowsOf = new Map(pkg.resources.map((r) => [r.name, csv(r.path)]));
    for (const r of pkg.resources) {
      const rows = rowsOf.get(r.name) ?? [];
      const pk = r.schema.primaryKey;
      if (pk) expect(new Set(rows.map((x) => pk.map((k) => x[k]).join('|'))).size, `${r.name} primary key`).toBe(rows.length);
      for (const fk of r.schema.foreignKeys ?? []) {
        const target = new Set((rowsOf.get(fk.reference.resource) ?? []).map((x) => fk.reference.fields.map((k) => x[k]).join('|')));
        const missing = rows.filter((x) => !target.has(fk.fields.map((k) => x[k]).join('|')));
        expect(missing.length, `${r.name} -> ${fk.reference.resource}`).toBe(0);
      }
      for (const f of r.schema.fields) {
        const c = f.constraints;
        if (!c) continue;
        for (const x of rows) {
          const v = x[f.name] ?? '';
          if (c.required) expect(v, `${r.name}.${f.name} required`).not.toBe('');
          if (v === '') continue;
          if (c.minimum !== undefined) expect(Number(v), `${r.name}.${f.name}`).toBeGreaterThanOrEqual(c.minimum);
          if (c.maximum !== undefined) expect(Number(v), `${r.name}.${f.name}`).toBeLessThanOrEqual(c.maximum);
          if (c.enum) expect(c.enum, `${r.name}.${f.name}`).toContain(v);
        }
      }
    }
  });
});
