import { describe, expect, it } from 'vitest';
import { FeedbackTable, type FeedbackRecord } from '../../scripts/ingest/feedback.ts';
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
