/**
 * Feedback sources (差评整改台账) read like every other source: real CSV bytes in two files of a
 * glob path, every reason a row can be quarantined for, its column and excerpt, the full raw
 * row for the data steward, and the records published.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestAll, type IngestResult } from '../../scripts/ingest/index.ts';
import { departments, guides } from '../fixtures/ingest/guides.ts';

const fixtures = new URL('../fixtures/ingest/raw/', import.meta.url).pathname;
const sourcesDir = new URL('../../data/sources/', import.meta.url).pathname;

/** Ids of the fixture exports: published, and quarantined by a check (closed-before-opened). */
const HOTLINE = '12345-20250101-000001';
const IN_BOTH = '12345-20250102-000002';
const HALL = 'SQ-2025-0000001';
const QUARANTINED = '12345-20250103-000004';

const HEADER = '整改编号,评价编号,业务编号,接收时间,核实时间,处理结果,办结时间,回访时间';
/** A feedback row; `over` replaces fields by column. */
function row(id: string, target: string, over: Partial<Record<'received' | 'verified' | 'outcome' | 'outcomeAt' | 'calledBack', string>> = {}): string {
  const f = { received: '2025-01-05 10:00:00', verified: '2025-01-06 10:00:00', outcome: '已整改', outcomeAt: '2025-01-07 10:00:00', calledBack: '2025-01-08 10:00:00', ...over };
  return [id, `PJ-${id}`, target, f.received, f.verified, f.outcome, f.outcomeAt, f.calledBack].join(',');
}

let dataDir = '';
let result: IngestResult;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'glassbox-feedback-'));
  mkdirSync(join(dataDir, 'sources'));
  for (const f of ['hotline-12345.yaml', 'service-hall.yaml']) cpSync(join(sourcesDir, f), join(dataDir, 'sources', f));
  cpSync(fixtures, join(dataDir, 'raw'), { recursive: true });
  // A second request source holding one id of the first: a reference to it is ambiguous.
  const hotlineYaml = readFileSync(join(sourcesDir, 'hotline-12345.yaml'), 'utf8');
  writeFileSync(join(dataDir, 'sources', 'hotline-two.yaml'), hotlineYaml.replace('name: hotline-12345', 'name: hotline-two').replace('path: raw/hotline-12345.csv', 'path: raw/hotline-two.csv'));
  const lines = readFileSync(join(fixtures, 'hotline-12345.csv'), 'utf8').split('\r\n');
  const copied = lines.find((l) => l.startsWith(`${IN_BOTH},`));
  if (!copied) throw new Error(`fixture row ${IN_BOTH} not found`);
  writeFileSync(join(dataDir, 'raw', 'hotline-two.csv'), `${lines[0]}\r\n${copied}\r\n`);
  const feedbackYaml = readFileSync(join(sourcesDir, 'feedback.yaml'), 'utf8')
    .replace('path: raw/feedback.csv', 'path: raw/feedback-*.csv')
    .replace(/targets: \[[^\]]*\]/, 'targets: [hotline-12345, hotline-two, service-hall]');
  writeFileSync(join(dataDir, 'sources', 'feedback.yaml'), feedbackYaml);
  const a = [
    row('ZG-1', HOTLINE), // 1 published
    row('ZG-2', HALL, { outcome: '已解释说明' }), // 2 published, the other source
    row('ZG-3', HOTLINE, { received: '2025-13-01 10:00:00' }), // 3 unparsable receivedAt
    row('ZG-4', HOTLINE, { verified: '昨天', calledBack: '2027-01-01 10:00:00' }), // 4 the first bad step: verifiedAt
    row('ZG-5', ''), // 5 no target
    row('ZG-6', HOTLINE, { received: '' }), // 6 not received
    row('ZG-7', HOTLINE, { outcome: '已处理' }), // 7 unknown outcome
    row('ZG-8', HOTLINE, { outcome: '' }), // 8 outcomeAt without an outcome
    row('ZG-9', HOTLINE, { verified: '2025-01-04 09:00:00' }), // 9 verified before received
  ];
  const b = [
    row('ZG-10', IN_BOTH), // 1 ambiguous
    row('ZG-11', QUARANTINED), // 2 a quarantined case
    row('ZG-12', '12345-20990101-000001'), // 3 no such case
    'ZG-13,PJ-ZG-13,12345-20250101-000001', // 4 malformed
    row('ZG-1', HOTLINE), // 5 the first file's row 1 again
    row('ZG-14', HOTLINE, { outcome: '', outcomeAt: '', calledBack: '' }), // 6 published, in progress
  ];
  writeFileSync(join(dataDir, 'raw', 'feedback-a.csv'), `${HEADER}\n${a.join('\n')}\n`);
  writeFileSync(join(dataDir, 'raw', 'feedback-b.csv'), `${HEADER}\r\n${b.join('\r\n')}\r\n`);
  result = await ingestAll({ dataDir, asOf: '2026-10-31', timezone: 'Asia/Shanghai', departments: departments(), guides });
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('ingestAll(opts) with a feedback source over two files', () => {
  it('quarantines each bad row with its reason and the raw column at fault', () => {
    const fb = result.quarantined.filter((q) => q.source === 'feedback');
    expect(fb.map((q) => `${q.file}:${q.row}:${q.column}:${q.reason}`)).toEqual([
      'raw/feedback-a.csv:3:接收时间:unparsable-date',
      'raw/feedback-a.csv:4:核实时间:unparsable-date',
      'raw/feedback-a.csv:5:业务编号:missing-field',
      'raw/feedback-a.csv:6:接收时间:missing-field',
      'raw/feedback-a.csv:7:处理结果:invalid-value',
      'raw/feedback-a.csv:8:处理结果:missing-field',
      'raw/feedback-a.csv:9:接收时间:closed-before-opened',
      'raw/feedback-b.csv:1:业务编号:ambiguous-reference',
      'raw/feedback-b.csv:2:业务编号:reference-quarantined',
      'raw/feedback-b.csv:3:业务编号:unknown-reference',
      'raw/feedback-b.csv:4::malformed-row',
      'raw/feedback-b.csv:5:整改编号:duplicate-row',
    ]);
    const report = result.sources.find((s) => s.source === 'feedback');
    expect(report).toMatchObject({ kind: 'feedback', rowsIn: 15, published: 3, quarantined: 12 });
    expect(report?.byReason).toEqual({
      'ambiguous-reference': 1,
      'closed-before-opened': 1,
      'duplicate-row': 1,
      'invalid-value': 1,
      'malformed-row': 1,
      'missing-field': 3,
      'reference-quarantined': 1,
      'unknown-reference': 1,
      'unparsable-date': 2,
    });
  });

  it('reports a future step as future-date', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'glassbox-feedback-future-'));
    try {
      cpSync(dataDir, dir, { recursive: true });
      writeFileSync(join(dir, 'raw', 'feedback-a.csv'), `${HEADER}\n${row('ZG-1', HOTLINE, { calledBack: '2026-11-01 00:00:00' })}\n${row('ZG-2', HOTLINE, { calledBack: '2026-10-31 23:59:59' })}\n`);
      writeFileSync(join(dir, 'raw', 'feedback-b.csv'), `${HEADER}\n`);
      const r = await ingestAll({ dataDir: dir, asOf: '2026-10-31', timezone: 'Asia/Shanghai', departments: departments(), guides });
      const fb = r.quarantined.filter((q) => q.source === 'feedback');
      expect(fb.map((q) => `${q.row}:${q.column}:${q.reason}`)).toEqual(['1:回访时间:future-date']);
      expect([...(r.feedback ?? [])].map((f) => f.calledBackAt)).toEqual([Date.UTC(2026, 9, 31, 15, 59, 59)]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('shows the same excerpt as other sources and keeps the full raw row for the data steward only', () => {
    const q = result.quarantined.find((x) => x.source === 'feedback' && x.row === 7);
    expect(q?.excerpt).toBe(`整改编号=ZG-7; 业务编号=${HOTLINE}; 接收时间=2025-01-05 10:00:00; 核实时间=2025-01-06 10:00:00; 办结时间=2025-01-07 10:00:00; 回访时间=2025-01-08 10:00:00; 处理结果=已处理`);
    const raw = result.rawRows?.find((x) => x.source === 'feedback' && x.file === 'raw/feedback-b.csv' && x.row === 4);
    expect(raw?.raw).toBe(`整改编号=ZG-13; 评价编号=PJ-ZG-13; 业务编号=${HOTLINE}; 接收时间=; 核实时间=; 处理结果=; 办结时间=; 回访时间=`);
  });

  it('publishes the good rows with their target source, steps and outcome', () => {
    const records = [...(result.feedback ?? [])];
    const at = (s: string): number => Date.UTC(2025, 0, Number(s.slice(8, 10)), Number(s.slice(11, 13)) - 8);
    expect(records).toEqual([
      { source: 'feedback', targetSource: 'hotline-12345', target: HOTLINE, receivedAt: at('2025-01-05 10'), verifiedAt: at('2025-01-06 10'), outcome: 'rectified', outcomeAt: at('2025-01-07 10'), calledBackAt: at('2025-01-08 10') },
      { source: 'feedback', targetSource: 'service-hall', target: HALL, receivedAt: at('2025-01-05 10'), verifiedAt: at('2025-01-06 10'), outcome: 'explained', outcomeAt: at('2025-01-07 10'), calledBackAt: at('2025-01-08 10') },
      { source: 'feedback', targetSource: 'hotline-12345', target: HOTLINE, receivedAt: at('2025-01-05 10'), verifiedAt: at('2025-01-06 10'), outcome: null, outcomeAt: null, calledBackAt: null },
    ]);
  });
});
