import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Relation } from '../../scripts/anonymize/bounds.ts';
import { aggregateFamily, cellCounts, cellId } from '../../scripts/anonymize/cells.ts';
import { complementarySuppress, exposedAcrossReleases, reconcilePrior, REVISED, type PriorRelease } from '../../scripts/anonymize/suppress.ts';
import { prettyJson } from '../../scripts/publish/json.ts';
import { earlierRelease, loadReleaseSummaries } from '../../scripts/release/load.ts';
import { summarize, type ReleaseSummary } from '../../scripts/release/summary.ts';
import { priorRelease, recordId, suppressionRecord, type ReleaseCells } from '../../scripts/release/suppression.ts';
import { prng } from '../fixtures/anonymize/derived.ts';

const MIN_CELL = 10;
let tmp = '';
afterEach(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  tmp = '';
});

describe('recordId(id, release)', () => {
  // One id of every kind cellId makes: a kind added there without a place here fails this test.
  const kinds: Record<keyof typeof cellId, string[]> = {
    departmentMonth: [cellId.departmentMonth('market', '2026-09')],
    serviceMonth: [cellId.serviceMonth('bl', '2026-09')],
    cityMonth: [cellId.cityMonth('2026-09')],
    daily: [cellId.daily('all', '2026-09-01'), cellId.daily('market', '2026-09-01')],
    kpi: [cellId.kpi('routine_month', '2026-09'), cellId.kpi('priority_month', '2026-09'), cellId.kpi('channel', 'online'), cellId.kpi('client_type', 'person'), cellId.kpi('need_type', 'apply'), cellId.kpi('tier', '4')],
    departmentSummary: [cellId.departmentSummary('market')],
    departmentPrevious: [cellId.departmentPrevious('market')],
    serviceSummary: [cellId.serviceSummary('bl')],
    cityPeriod: [cellId.cityPeriod()],
    clientNeed: [cellId.clientNeed('person', 'apply')],
    closeBin: [cellId.closeBin('department', 'market', 3)],
    closed: [cellId.closed('city', 'all')],
  };

  it('keeps month and day cells, and gives period cells the release date', () => {
    expect(Object.keys(kinds).sort()).toEqual(Object.keys(cellId).sort());
    const shared = ['dm|market|2026-09', 'sm|bl|2026-09', 'cm|2026-09', 'dv|all|2026-09-01', 'dv|market|2026-09-01', 'k|routine_month|2026-09', 'k|priority_month|2026-09'];
    for (const id of Object.values(kinds).flat()) {
      expect(recordId(id, '2026-09-30'), id).toBe(shared.includes(id) ? id : `${id}@2026-09-30`);
    }
  });

  it('fails on an id of no known kind, naming where to add it', () => {
    expect(() => recordId('zz|market', '2026-09-30')).toThrow(/"zz\|market".*scripts\/release\/suppression\.ts/);
    expect(() => recordId('k|weekday|mon', '2026-09-30')).toThrow(/k\|weekday\|mon/);
  });
});

/** A made-up release: departments a..d, three services each; d so small that its summary is suppressed. */
function release(seed: number, months: readonly string[], period: { from: string; to: string }): ReleaseCells & { primary: ReadonlySet<string> } {
  const rand = prng(seed);
  const items: { department: string; service: string | null; month: string }[] = [];
  for (const d of ['a', 'b', 'c', 'd']) {
    for (const m of months) {
      for (const s of [0, 1, 2]) {
        const n = Math.floor(rand() * (d === 'd' ? 2 : 30));
        for (let i = 0; i < n; i++) items.push({ department: d, service: `${d}${s}`, month: m });
      }
    }
  }
  const services = ['a', 'b', 'c', 'd'].flatMap((d) => [0, 1, 2].map((s) => ({ service: `${d}${s}`, department: d })));
  const counts = cellCounts(items, new Set(services.map((s) => s.service)), period, { from: '2020-01', to: '2020-12' });
  const fam = aggregateFamily(
    {
      cityMonth: months.map((month) => ({ month })),
      departmentMonth: ['a', 'b', 'c', 'd'].flatMap((department) => months.map((month) => ({ department, month }))),
      serviceMonth: services.flatMap((s) => months.map((month) => ({ ...s, month }))),
      departmentSummary: ['a', 'b', 'c', 'd'].map((department) => ({ department })),
      serviceSummary: services,
    } as unknown as Parameters<typeof aggregateFamily>[0],
    counts,
    period,
    { from: '2020-01', to: '2020-12' },
  );
  // One sub-count, as closed requests follow their summary row.
  const followers = new Map([[cellId.closed('department', 'd'), cellId.departmentSummary('d')]]);
  fam.values.set(cellId.closed('department', 'd'), 0);
  fam.relations.push({ kind: 'le', total: cellId.departmentSummary('d'), parts: [cellId.closed('department', 'd')] });
  const sup = complementarySuppress(fam.values, fam.relations, MIN_CELL, undefined, { followers });
  return { values: fam.values, relations: fam.relations, followers, suppressed: sup.suppressed, primary: sup.primary };
}

const months = ['2026-07', '2026-08', '2026-09'];

describe('suppressionRecord(cells)', () => {
  it('records hidden cells with the sub-counts of hidden rows, relations holding one, and the counts they need, sorted', () => {
    const cells = release(3, months, { from: '2026-07', to: '2026-09' });
    const r = suppressionRecord(cells);
    expect(cells.suppressed.has(cellId.departmentSummary('d'))).toBe(true);
    expect(r.hidden).toEqual([...cells.suppressed, cellId.closed('department', 'd')].sort());
    expect(r.mayBeZero).toEqual([cellId.closed('department', 'd')]);
    for (const key of ['hidden', 'relations'] as const) expect(r[key]).toEqual([...r[key]].sort());
    expect(Object.keys(r.published)).toEqual(Object.keys(r.published).sort());
    // Every relation kept holds a hidden cell; every relation holding one is kept.
    const hidden = new Set(r.hidden);
    const holds = (x: Relation): boolean => [x.total, ...x.parts].some((id) => hidden.has(id));
    expect(r.relations.length).toBe(new Set(cells.relations.filter(holds).map((x) => `${x.total}|${x.parts.join(',')}|${x.kind}`)).size);
    // Month cells are all there; a period cell only when a kept relation needs it.
    for (const [id, v] of cells.values) {
      if (hidden.has(id)) expect(r.published[id]).toBeUndefined();
      else if (/^(cm|dm|sm)\|/.test(id)) expect(r.published[id], id).toBe(v);
    }
    const publishedSummaries = Object.keys(r.published).filter((id) => id.startsWith('ss|'));
    for (const id of publishedSummaries) expect(r.relations.some((line) => line.split(/ (?:=|>=|\+) /).includes(id)), id).toBe(true);
  });

  it('is the same whatever order the cells come in', () => {
    const cells = release(4, months, { from: '2026-07', to: '2026-09' });
    const shuffled: ReleaseCells = {
      values: new Map([...cells.values].reverse()),
      relations: [...cells.relations].reverse(),
      followers: cells.followers,
      suppressed: new Set([...cells.suppressed].reverse()),
    };
    expect(prettyJson(suppressionRecord(shuffled))).toBe(prettyJson(suppressionRecord(cells)));
  });

  it('refuses a cell id it could not read back', () => {
    const cells = release(4, months, { from: '2026-07', to: '2026-09' });
    const values = new Map(cells.values).set('zz|odd', 3);
    expect(() => suppressionRecord({ ...cells, values, relations: [...cells.relations, { kind: 'eq', total: 'zz|odd', parts: [] }], suppressed: new Set([...cells.suppressed, 'zz|odd']) })).toThrow(/zz\|odd/);
  });
});

describe('summary written → loaded → PriorRelease', () => {
  it('gives back the release as the next one must see it: period cells renamed, month cells shared', () => {
    const cells = release(5, months, { from: '2026-07', to: '2026-09' });
    const summary = summarize(new Map(), {}, '2026-09-30', '1.0', suppressionRecord(cells));
    tmp = mkdtempSync(join(tmpdir(), 'glassbox-releases-'));
    writeFileSync(join(tmp, '2026-09-30.json'), prettyJson(summary));
    const warnings: string[] = [];
    const loaded = earlierRelease(loadReleaseSummaries(tmp), '2026-10-31', tmp, (m) => warnings.push(m));
    expect(warnings).toEqual([]);
    expect(loaded?.release).toBe('2026-09-30');

    // The same PriorRelease built straight from the cells.
    const name = (id: string): string => (/^(cm|dm|sm|dv)\|/.test(id) ? id : `${id}@2026-09-30`);
    const hidden = new Set([...cells.suppressed, cellId.closed('department', 'd')]);
    const kept = cells.relations.filter((x) => [x.total, ...x.parts].some((id) => hidden.has(id)));
    const inKept = new Set(kept.flatMap((x) => [x.total, ...x.parts]));
    const expected: PriorRelease = {
      published: new Map([...cells.values].filter(([id]) => !hidden.has(id) && (/^(cm|dm|sm)\|/.test(id) || inKept.has(id))).map(([id, v]): [string, number] => [name(id), v])),
      hidden: new Set([...hidden].map(name)),
      relations: kept.map((x) => ({ kind: x.kind, total: name(x.total), parts: x.parts.map(name) })),
      protect: new Set([...cells.suppressed].map(name)),
      mayBeZero: new Set([name(cellId.closed('department', 'd'))]),
    };
    const prior = loaded?.prior as PriorRelease;
    expect(new Map([...prior.published].sort())).toEqual(new Map([...expected.published].sort()));
    expect([...prior.hidden].sort()).toEqual([...expected.hidden].sort());
    expect([...prior.protect].sort()).toEqual([...expected.protect].sort());
    expect([...(prior.mayBeZero ?? [])]).toEqual([...(expected.mayBeZero ?? [])]);
    const line = (x: Relation): string => JSON.stringify([x.kind, x.total, ...x.parts]);
    expect(prior.relations.map(line).sort()).toEqual([...new Set(expected.relations.map(line))].sort());
  });

  it('warns, and gives no prior, for a summary written before releases recorded their suppression', () => {
    tmp = mkdtempSync(join(tmpdir(), 'glassbox-releases-'));
    const old: ReleaseSummary = { release: '2026-09-30', methodologyVersion: '1.0', datasets: {} };
    writeFileSync(join(tmp, '2026-09-30.json'), prettyJson(old));
    writeFileSync(join(tmp, '2026-11-30.json'), prettyJson({ ...old, release: '2026-11-30' }));
    const warnings: string[] = [];
    const loaded = earlierRelease(loadReleaseSummaries(tmp), '2026-10-31', tmp, (m) => warnings.push(m));
    expect(loaded).toEqual({ release: '2026-09-30', prior: null });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('release 2026-09-30 has no suppression record: cells are protected within this release only');
    expect(earlierRelease(loadReleaseSummaries(tmp), '2026-09-30', tmp, () => {})).toBeNull();
  });

  it('names the file and the field of a damaged record', () => {
    const record = suppressionRecord(release(6, months, { from: '2026-07', to: '2026-09' }));
    expect(() => priorRelease({ ...record, published: { 'cm|2026-07': -1 } }, '2026-09-30', 'data/releases/2026-09-30.json')).toThrow(
      'data/releases/2026-09-30.json: "suppression.published" of "cm|2026-07" is -1, not a count',
    );
    expect(() => priorRelease({ ...record, relations: ['cm|2026-07 + dm|a|2026-07'] }, '2026-09-30', 'f.json')).toThrow(/f\.json: relation "cm\|2026-07 \+ dm\|a\|2026-07"/);
    expect(() => priorRelease({ ...record, hidden: 'x' }, '2026-09-30', 'f.json')).toThrow('f.json: "suppression.hidden" is not a list of cell ids');
  });
});

describe('exposedAcrossReleases and complementarySuppress(…, prior) — differencing two periods', () => {
  // Release A: period total over months 1–2, both published. Release B: period over months 2–3;
  // month 3 is small (4), and B alone would hide month 2 beside it, which A published.
  const a: ReleaseCells = {
    values: new Map([['pc', 35], ['cm|2026-08', 20], ['cm|2026-09', 15]]),
    relations: [{ kind: 'eq', total: 'pc', parts: ['cm|2026-08', 'cm|2026-09'] }],
    followers: new Map(),
    suppressed: new Set(),
  };
  const bValues = new Map([['pc', 19], ['cm|2026-09', 15], ['cm|2026-10', 4]]);
  const bRelations: Relation[] = [{ kind: 'eq', total: 'pc', parts: ['cm|2026-09', 'cm|2026-10'] }];
  // A's only relation holds no hidden cell, so its record keeps none: the months alone carry the attack.
  const prior = priorRelease(suppressionRecord(a), '2026-09-30', 'a.json');

  it('without prior, B hides month 2 and the two releases together give month 3 exactly', () => {
    const alone = complementarySuppress(bValues, bRelations, MIN_CELL);
    expect([...alone.suppressed].sort()).toEqual(['cm|2026-09', 'cm|2026-10']);
    expect(exposedAcrossReleases(bValues, bRelations, alone.suppressed, alone.primary, MIN_CELL, new Map(), prior)).toEqual([{ id: 'cm|2026-10', lo: 4, hi: 4 }]);
  });

  it('with prior, B hides its period total instead, and nothing is pinned', () => {
    const wired = complementarySuppress(bValues, bRelations, MIN_CELL, prior);
    expect(wired.suppressed.has('pc')).toBe(true);
    expect(exposedAcrossReleases(bValues, bRelations, wired.suppressed, wired.primary, MIN_CELL, new Map(), prior)).toEqual([]);
  });

  it('lets a hidden sub-count of A be 0, as the attacker knows it may be', () => {
    // A: a row of 3 requests (hidden) holds its closed requests (a sub-count, hidden with it); P hidden too.
    const withSub: PriorRelease = {
      published: new Map([['ds|x@A', 3]]),
      hidden: new Set(['dm|x|2026-09', 'cl|x@A']),
      relations: [{ kind: 'eq', total: 'ds|x@A', parts: ['dm|x|2026-09', 'cl|x@A'] }],
      protect: new Set(['dm|x|2026-09']),
      mayBeZero: new Set(['cl|x@A']),
    };
    const none = new Map<string, number>();
    // At least 1 closed request would pin the month to [1, 2]; it may be 0, so [1, 3] is as wide as minCell 3 asks.
    expect(exposedAcrossReleases(none, [], new Set(), new Set(), 3, new Map(), withSub)).toEqual([]);
    const asIfAtLeastOne: PriorRelease = { ...withSub, mayBeZero: new Set() };
    expect(exposedAcrossReleases(none, [], new Set(), new Set(), 3, new Map(), asIfAtLeastOne)).toEqual([{ id: 'dm|x|2026-09', lo: 1, hi: 2 }]);
  });

  it('keeps a cell A hid hidden in B, and treats a count B revised as another figure', () => {
    const hid: PriorRelease = { published: new Map([['cm|2026-09', 15]]), hidden: new Set(['cm|2026-08']), relations: [], protect: new Set(['cm|2026-08']) };
    const values = new Map([['cm|2026-08', 40], ['cm|2026-09', 16]]);
    expect(complementarySuppress(values, [], MIN_CELL, hid).suppressed).toEqual(new Set(['cm|2026-08']));
    const r = reconcilePrior({ ...hid, relations: [{ kind: 'eq', total: 'pc@2026-09-30', parts: ['cm|2026-08', 'cm|2026-09'] }] }, values);
    expect([...r.published]).toEqual([[`cm|2026-09${REVISED}`, 15]]);
    expect(r.relations[0]?.parts).toEqual(['cm|2026-08', `cm|2026-09${REVISED}`]);
  });
});
