import { describe, expect, it } from 'vitest';
import { FeedbackTable, type FeedbackRecord } from '../../scripts/ingest/feedback.ts';
import type { CanonicalRequest } from '../../scripts/ingest/canonical.ts';
import { firstFeedbackByRow, firstFeedbackOf } from '../../scripts/measure/enrich.ts';
import { random } from './random.ts';

describe('FeedbackTable', () => {
  it('gives back every record as pushed, in order, the target read from the store row', () => {
    const ids = ['12345-20250110-000001', 'SQ-2025-0000042', '7', 'Ａ-１'];
    const rnd = random(5);
    const pushed: { record: FeedbackRecord; row: number }[] = [];
    const table = new FeedbackTable((row) => ids[row] ?? '');
    const at = (): number | null => (rnd() < 0.3 ? null : 1_700_000_000_000 + Math.floor(rnd() * 1e10));
    for (let i = 0; i < 500; i++) {
      const row = Math.floor(rnd() * ids.length);
      const outcomes = [null, 'rectified', 'explained'] as const;
      const record: FeedbackRecord = {
        source: i % 7 === 0 ? 'feedback-b' : 'feedback',
        targetSource: i % 3 === 0 ? 'service-hall' : 'hotline',
        target: ids[row] ?? '',
        receivedAt: 1_700_000_000_000 + i * 1000,
        verifiedAt: at(),
        outcome: outcomes[i % 3] ?? null,
        outcomeAt: at(),
        calledBackAt: at(),
      };
      pushed.push({ record, row });
      table.push({ source: record.source, targetSource: record.targetSource, receivedAt: record.receivedAt, verifiedAt: record.verifiedAt, outcome: record.outcome, outcomeAt: record.outcomeAt, calledBackAt: record.calledBackAt }, row);
    }
    expect(table.length).toBe(500);
    expect([...table]).toEqual(pushed.map((p) => p.record));
    // Nulls come back as null (not NaN), and a second pass gives the same records.
    expect([...table].some((r) => r.verifiedAt === null)).toBe(true);
    expect([...table]).toEqual([...table]);
  });
});

describe('firstFeedbackByRow', () => {
  it('finds, for every row, the same first feedback as firstFeedbackOf finds by source and id (ties: the record read first)', () => {
    // Rows of a made-up store: (source, id), distinct per row.
    const rows = Array.from({ length: 300 }, (_, i) => ({ source: i % 4 === 0 ? 'service-hall' : 'hotline', id: i % 4 === 0 ? `SQ-2025-${String(i).padStart(7, '0')}` : `12345-20250110-${String(i).padStart(6, '0')}` }));
    const rnd = random(9);
    const table = new FeedbackTable((row) => rows[row]?.id ?? '');
    for (let i = 0; i < 2000; i++) {
      // A few rows get many records; receivedAt from a small range, so ties are common.
      const row = rnd() < 0.5 ? Math.floor(rnd() * 10) : Math.floor(rnd() * rows.length);
      const outcome = (['rectified', 'explained', null] as const)[i % 3] ?? null;
      table.push({ source: 'feedback', targetSource: rows[row]?.source ?? '', receivedAt: 1_760_000_000_000 + Math.floor(rnd() * 50) * 60_000, verifiedAt: null, outcome, outcomeAt: i % 5 === 0 ? null : 1_760_500_000_000 + i, calledBackAt: null }, row);
    }
    const bySourceAndId = firstFeedbackOf(table);
    const byRow = firstFeedbackByRow(table);
    let found = 0;
    rows.forEach((r, row) => {
      const request = { source: r.source, id: r.id } as CanonicalRequest;
      const want = bySourceAndId(request, -1);
      expect(byRow(request, row)).toEqual(want);
      if (want) found++;
    });
    expect(found).toBeGreaterThan(200);
  });
});
