/**
 * Runs the whole pipeline (real ingest, anonymize, measure, publish) on the fixture city in
 * tests/fixtures/city and checks published figures against values computed by hand.
 *
 * Fixture (asOf 2026-02-28, months 2025-12..2026-02, minCell 2, k 2; calendar: 2026-01-01..03 off,
 * Sun 01-04 make-up; Spring Festival 02-15..23 off, Sat 02-14 and Sat 02-28 make-up):
 *
 *   id   month  dept   service  channel    status    wd  due (promised)     on time  rating
 *   A01  01     market BL       online     closed     2  01-12 (5 wd)       yes      5
 *   A02  01     market BL       online     closed     5  01-12              yes      4
 *   A03  01     market BL       in_person  closed     6  01-13              no       2
 *   A04  01     market BL       online     open       -  01-15              -        -
 *   A05  01     market BL       mobile     closed     1  01-09 (from Sun)   yes      -
 *   A06  02     market BL       online     closed     2  02-27              yes      5
 *   A07  02     market BL       online     closed     3  02-28 (holiday)    yes      -
 *   A08  02     market BL       online     closed     9  02-09              no       -
 *   A09  01     market -        phone      closed     0  none               -        -
 *   A10  02     market -        phone      closed     1  none               -        -
 *   B00  12     hrss   PQ       online     closed     2  2026-01-08 (10 nd) yes      -
 *   B01  01     hrss   PQ       online     closed     4  01-15              yes      3
 *   B02  01     hrss   PQ       online     closed     8  01-20              no       1
 *   B03  01     hrss   PQ       in_person  closed     0  01-29              yes      4
 *   B07  01     hrss   PQ       online/ent rejected   1  02-01              yes      -
 *   B04  02     hrss   PQ       online     closed     6  02-20              no       -
 *   B05  02     hrss   PQ       online     closed     1  02-21              yes      -
 *   B06  02     hrss   PQ       online     open       -  03-08              -        -
 *   X01  defect: 申请时间 2026-02-30 does not exist -> quarantined (unparsable-date)
 *   R08  rating for unknown case Z99 -> quarantined (unknown-reference)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { CityMonthRow, ClientNeedRow, DepartmentMonthRow, DepartmentSummaryRow, KpiRow, QualityReport, ReplyRow, RequestRecord, ScoreRow, ServiceSummaryRow } from '../../src/lib/published.ts';
import { runPipeline } from '../../scripts/publish/pipeline.ts';

const fixture = join(import.meta.dirname, '../fixtures/city');
const env = { GLASSBOX_FIXTURE_SECRET: 'fixture-secret-for-tests-only-0123456789abcdef' };
let tmp = '';
let out = '';
let priv = '';

function json<T>(name: string): T {
  return JSON.parse(readFileSync(join(out, name), 'utf8')) as T;
}

/** Every file under `dir` (release folders, api/ and open311/ included), as sorted relative paths. */
const filesIn = (dir: string): string[] => readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((n) => statSync(join(dir, n)).isFile()).sort();

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'glassbox-pipeline-'));
  out = join(tmp, 'public', 'data');
  priv = join(tmp, 'private');
  await runPipeline({ dataDir: fixture, outDir: out, privateDir: priv, root: tmp, env });
});

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('runPipeline on the fixture city', () => {
  it('accounts for every input row in quality.json', () => {
    const q = json<QualityReport>('quality.json');
    const bySource = Object.fromEntries(q.sources.map((s) => [s.source, s]));
    // applications: 19 rows = 18 published + 1 quarantined; ratings: 8 = 7 attached + 1 quarantined.
    expect(bySource['applications']).toMatchObject({ rows_in: 19, published: 18, quarantined: 1, by_reason: { 'unparsable-date': 1 } });
    expect(bySource['ratings']).toMatchObject({ rows_in: 8, published: 7, quarantined: 1, by_reason: { 'unknown-reference': 1 } });
    for (const s of q.sources) expect(s.rows_in).toBe(s.published + s.quarantined);
    // feedback: 3 rows = 2 published (F1 -> A03, F2 -> B02) + 1 quarantined (F3 -> unknown case Z99).
    expect(bySource['feedback']).toMatchObject({ rows_in: 3, published: 2, quarantined: 1, by_reason: { 'unknown-reference': 1 } });
    expect(q.totals).toEqual({ rows_in: 30, published: 27, quarantined: 3 });
    // Cells of 1 request: hrss×2025-12, pension-query×2025-12, city×2025-12 (primary); hrss×2025-12 = city×2025-12 − 0
    // would then be recoverable from hrss's period total, so complementary suppression hides hrss×2026-02, then
    // market×2026-02 (month total), market×2026-01 (market's total) and hrss×2026-01 (month total).
    // Every published table takes part (kpis, client-need, daily-volume, close-histogram): this city's days hold 1–2
    // requests and its time-to-close bins 1–4, so the days and bins of 1 are primary cells (63 in all) and, since each
    // month's days add up to the month and each scope's bins to its closed count, the months, department and city
    // totals, the service summaries and most kpis rows must go too (31 complementary cells): 94 cells.
    expect(q.suppressed_cells).toBe(94);
    expect(q.privacy).toMatchObject({ primary_cells: 63, complementary_cells: 31 });
    // Every department-month cell holding requests is suppressed, so no record may be published (a recount would reveal them).
    expect(q.withheld_for_k).toBe(18);
  });

  it('publishes city-month figures computed by hand', () => {
    const rows = json<CityMonthRow[]>('city-month.json');
    expect(rows.map((r) => r.month)).toEqual(['2025-12', '2026-01', '2026-02']);
    // 2025-12: only B00 -> suppressed entirely.
    expect(Object.values(rows[0] ?? {}).filter((v) => v !== null)).toEqual(['2025-12']);
    // 2026-01: A01-A05, A09, B01-B03, B07 = 10 requests; 9 closed with wd [0,0,1,1,2,4,5,6,8]:
    // median = 5th = 2, p90 = ceil(8.1) = 9th = 8; due 8, on time 6 -> 0.75;
    // ratings 5,4,2,3,1,4: 6 rated, 3 satisfied -> 0.5, mean 19/6 = 3.17.
    // Both are now suppressed (complementary): the days of each month, all of 1 or 2 requests, add up to them.
    // (Unsuppressed they would be: requests 10, ch_online 6, ch_mobile 1, ch_phone 1, ch_in_person 2, ch_other 0, closed 9,
    // median_wd 2, p90_wd 8, due_n 8, on_time 6, on_time_rate 0.75, rated 6, satisfied 3, satisfaction_rate 0.5, mean_rating 3.17.)
    expect(Object.values(rows[1] ?? {}).filter((v) => v !== null)).toEqual(['2026-01']);
    // 2026-02: A06-A08, A10, B04-B06 = 7; 6 closed, wd [1,1,2,3,6,9]: median (2+3)/2 = 2.5, p90 = ceil(5.4) = 6th = 9;
    // due 5 (A06, A07, A08, B04, B05), on time 3 -> 0.6; one rating (A06) < minCell -> rates null.
    // (Unsuppressed: requests 7, closed 6, median_wd 2.5, p90_wd 9, due_n 5, on_time 3, on_time_rate 0.6, rated 1, rates null.)
    expect(Object.values(rows[2] ?? {}).filter((v) => v !== null)).toEqual(['2026-02']);
  });

  it('publishes department summaries computed by hand', () => {
    const rows = json<DepartmentSummaryRow[]>('department-summary.json');
    expect(rows.map((r) => r.department)).toEqual(['hrss', 'market']);
    // hrss: B00-B07 = 8; 7 closed, wd [0,1,1,2,4,6,8]: median 2, p90 = ceil(6.3) = 7th = 8;
    // due 7, on time 5 (B00, B01, B03, B05, B07) -> 5/7 = 0.7143; ratings 3,1,4 -> 1/3 = 0.3333, mean 2.67.
    // Both summaries are now suppressed (complementary): each department's days and time-to-close bins, all of 1–4
    // requests, add up to them. (Unsuppressed hrss: requests 8, closed 7, median_wd 2, p90_wd 8, due_n 7, on_time 5,
    // on_time_rate 0.7143, rated 3, satisfied 1, satisfaction_rate 0.3333, mean_rating 2.67, prev_requests 0.)
    expect(rows[0]).toMatchObject({ period_from: '2025-03', period_to: '2026-02', requests: null, closed: null, median_wd: null, on_time_rate: null, prev_requests: 0 });
    // market: A01-A10 = 10; 9 closed, wd [0,1,1,2,2,3,5,6,9]: median 2, p90 9; due 7 (A09, A10 have no guide),
    // on time 5 -> 0.7143; ratings 5,4,2,5 -> 3/4 = 0.75, mean 4.
    // (Unsuppressed market: requests 10, closed 9, median_wd 2, p90_wd 9, due_n 7, on_time 5, on_time_rate 0.7143, rated 4, satisfied 3, satisfaction_rate 0.75, mean_rating 4.)
    expect(rows[1]).toMatchObject({ requests: null, closed: null, median_wd: null, satisfaction_rate: null });
  });

  it('publishes service summaries and zero rows for empty months', () => {
    const svc = json<ServiceSummaryRow[]>('service-summary.json');
    // business-licence: A01-A08 = 8; 7 closed, wd [1,2,2,3,5,6,9]: median 3, p90 9; on time 5/7.
    // Now suppressed (complementary): its time-to-close bins (1–2 each) add up to its closed count, which its row publishes.
    // (Unsuppressed: requests 8, closed 7, median_wd 3, p90_wd 9, on_time_rate 0.7143, satisfaction_rate 0.75.)
    expect(svc[0]).toMatchObject({ service: 'business-licence', department: 'market', requests: null, closed: null, median_wd: null, satisfaction_rate: null });
    const dm = json<DepartmentMonthRow[]>('department-month.json');
    expect(dm.map((r) => `${r.department}:${r.month}:${String(r.requests)}`)).toEqual([
      'hrss:2025-12:null', 'hrss:2026-01:null', 'hrss:2026-02:null', 'market:2025-12:0', 'market:2026-01:null', 'market:2026-02:null',
    ]);
  });

  it('publishes k-anonymous records only', () => {
    const recs = gunzipSync(readFileSync(join(out, 'requests.jsonl.gz'))).toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as RequestRecord);
    // Every cell is suppressed in this tiny city (see quality.json above): no record is published.
    expect(recs).toHaveLength(0);
    const groups = new Map<string, number>();
    for (const r of recs) {
      const key = [r.department, r.service, r.month, r.channel, r.client_type].join('|');
      groups.set(key, (groups.get(key) ?? 0) + 1);
    }
    for (const n of groups.values()) expect(n).toBeGreaterThanOrEqual(2);
    expect(gunzipSync(readFileSync(join(out, 'requests.csv.gz'))).toString('utf8')).toBe(readFileSync(join(out, 'requests.csv'), 'utf8'));
  });

  it('leaks no fixture name, phone or ID number into any public file', () => {
    const raw = readFileSync(join(fixture, 'raw/applications.csv'), 'utf8').split('\n').slice(1).filter(Boolean);
    const secrets = raw.flatMap((line) => line.split(',').slice(8, 11)).filter((v) => v.length > 0);
    expect(secrets.length).toBeGreaterThan(40);
    for (const name of filesIn(out)) {
      const bytes = readFileSync(join(out, name));
      const text = name.endsWith('.gz') ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
      for (const s of secrets) expect(text.includes(s), `${s} in ${name}`).toBe(false);
    }
    const ids = JSON.parse(readFileSync(join(priv, 'identifier-values.json'), 'utf8')) as string[];
    expect(ids).toContain('13900001001');
    // The steward's private file keeps the whole raw row of the defect.
    expect(readFileSync(join(priv, 'quarantine-full.csv'), 'utf8')).toContain('申请人=尤雪松');
  });

  it('is byte-identical when run again', async () => {
    const again = join(tmp, 'again');
    await runPipeline({ dataDir: fixture, outDir: join(again, 'data'), privateDir: join(tmp, 'private2'), root: tmp, env });
    const names = filesIn(out);
    expect(filesIn(join(again, 'data'))).toEqual(names);
    for (const n of names) expect(readFileSync(join(again, 'data', n)).equals(readFileSync(join(out, n))), n).toBe(true);
  });
});

/*
 * The public's measures (kpis, scores), by hand. Period 2025-03..2026-02 holds all 18 requests.
 * Bad reviews: A03 (level 2, market) and B02 (level 1, hrss).
 *   F1: A03 received Thu 01-15, rectified Fri 01-30 = 11 working days (01-16, 01-19..23, 01-26..30) <= 15 -> in time; called back.
 *   F2: B02 received Thu 01-22, explained Thu 02-26 = 01-23, 01-26..30, 02-02..06, 02-09..13 = 16 by 02-13 -> late; no call-back.
 * Tiers (fixture segments.yaml): IV enterprise = B07 (1, suppressed); III in person = A03, B03; I no service = A09, A10; II the other 13.
 * Scores (weights 30/25/15/10/10/10; rectification has 1 bad review per department < minCell 2 -> drops out, weights sum 85;
 * guides: both fixture guides pass 1 of 5 checks (English summary) -> 0.2; no repeat contacts -> 1):
 *   market: (30×5/7 + 25×3/4 + 10×7/10 + 10×0.2 + 10×1) / 85 = 59.179/85 = 69.6
 *   hrss:   (30×5/7 + 25×1/3 + 10×7/8 + 10×0.2 + 10×1) / 85 = 50.512/85 = 59.4
 * Their intervals overlap, so both rank ranges are 1–2.
 */
describe('runPipeline on the fixture city: public measures', () => {
  it('publishes rectification and satisfaction with Wilson intervals for the city', () => {
    const city = json<KpiRow[]>('kpis.json').find((r) => r.dimension === 'city');
    // The city row is now suppressed (complementary): its months, days and bins are hidden, and 18 published would
    // give city×2025-12 = 18 − 10 − 7 = 1 away. Unsuppressed it would read:
    //   requests 18, closed 16, completed 15, rejected 1, open 2, rated 7, r1..r5 1,1,1,2,2, satisfied 4, satisfaction_rate 0.5714,
    //   bad 2, rectified 1, explained 1, resolved_in_limit 1, rectification_rate 0.5 [0.0945, 0.9055], called_back 1,
    //   callback_rate 0.5, repeat 0, response_rate 0.4375 (7 of 16), digital 14, digital_rate 0.7778, effort_hours 4.5 (18 × 15
    //   estimated minutes), effort_estimated_share 1.
    expect(city).toMatchObject({ dimension: 'city', key: 'all', requests: null, closed: null, satisfaction_rate: null, rectification_lo: null, effort_hours: null });
  });
  it('classifies tiers by the ordered rules and suppresses the single tier IV case', () => {
    const tiers = json<KpiRow[]>('kpis.json').filter((r) => r.dimension === 'tier');
    // Tier I (2) is now suppressed too (complementary): with the city row hidden it would still be the only unknown
    // beside tier IV in the routine/priority months of the period.
    expect(tiers.map((r) => [r.key, r.requests])).toEqual([['1', null], ['2', 13], ['3', 2], ['4', null]]);
    const need = json<ClientNeedRow[]>('client-need.json');
    // citizen × unknown (17) is now suppressed too: need type "unknown" = 18 would give enterprise × unknown = 1 away.
    expect(need.find((r) => r.client_type === 'citizen')?.requests).toBeNull();
    expect(need.find((r) => r.client_type === 'enterprise')?.requests).toBeNull();
  });
  it('scores departments with components, intervals and rank ranges', () => {
    const scores = Object.fromEntries(json<ScoreRow[]>('scores.json').map((r) => [r.department, r]));
    // Both departments' period cells are suppressed here (see department-summary above), so their scorecards publish no
    // case count and no figures: `cases` would give the suppressed total away. Unsuppressed they would be as computed
    // above: market cases 10, score 69.6, rank 1 (1–2), timeliness 0.7143, satisfaction 0.75, digital 0.7, guides 0.2,
    // repeat 1; hrss cases 8, score 59.4, rank 2 (1–2), satisfaction 0.3333, digital 0.875.
    for (const d of ['market', 'hrss']) {
      expect(scores[d]).toMatchObject({ cases: null, ranked: false, score: null, rank: null, timeliness: null, satisfaction: null, digital: null, score_version: '1.0' });
    }
  });
  it('publishes department replies', () => {
    expect(json<ReplyRow[]>('replies.json')).toEqual([{ department: 'market', date: '2026-03-05', about: 'timeliness', text_zh: '（虚构）我们正在缩短窗口办理时间。', text_en: '(Fictional) We are cutting counter times.' }]);
  });
});
