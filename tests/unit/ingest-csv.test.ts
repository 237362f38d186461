import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openCsv, type CsvRow } from '../../scripts/ingest/csv.ts';
import { parseSourceConfig } from '../../scripts/ingest/config.ts';

let counter = 0;
const dir = mkdtempSync(join(tmpdir(), 'glassbox-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function readAll(bytes: Buffer, chunkSize?: number, encoding?: string): Promise<{ header: string[]; rows: CsvRow[] }> {
  const path = join(dir, `f${(counter += 1)}.csv`);
  writeFileSync(path, bytes);
  const f = await openCsv(path, { ...(chunkSize ? { chunkSize } : {}), ...(encoding ? { encoding } : {}) });
  const rows: CsvRow[] = [];
  for await (const b of f.batches) rows.push(...b);
  return { header: f.header, rows };
}

describe('openCsv(path, opts)', () => {
  const text = '\ufeff编号,内容,电话\r\n1,"多行\r\n内容，含""引号""",13812345678\r\n2,深圳市福田区,\r\n3,缺\r\n';
  it('strips the BOM, handles CRLF, quoted newlines and quotes, and numbers data rows from 1', async () => {
    const { header, rows } = await readAll(Buffer.from(text, 'utf8'));
    expect(header).toEqual(['编号', '内容', '电话']);
    expect(rows).toEqual([
      { row: 1, fields: ['1', '多行\r\n内容，含"引号"', '13812345678'] },
      { row: 2, fields: ['2', '深圳市福田区', ''] },
      { row: 3, fields: ['3', '缺'] },
    ]);
  });
  it('gives the same rows for every chunk size (three-byte characters cut across chunks)', async () => {
    const whole = await readAll(Buffer.from(text, 'utf8'));
    for (const size of [1, 2, 3, 4, 5, 8, 13]) expect(await readAll(Buffer.from(text, 'utf8'), size)).toEqual(whole);
  });
  it('reads LF files without a final newline', async () => {
    const { rows } = await readAll(Buffer.from('a,b\nx,y\nz,w', 'utf8'), 3);
    expect(rows.map((r) => r.fields)).toEqual([['x', 'y'], ['z', 'w']]);
  });
  it('fails naming the file when bytes are not valid UTF-8', async () => {
    await expect(readAll(Buffer.from([0x61, 0x2c, 0x62, 0x0a, 0xc4, 0xe3, 0x0a]))).rejects.toThrow(/not valid utf-8/);
  });
  it('decodes GB18030 when declared', async () => {
    const gb = Buffer.from([0xb1, 0xe0, 0xba, 0xc5, 0x0a, 0xc4, 0xe3, 0xba, 0xc3, 0x0a]); // 编号 / 你好
    const { header, rows } = await readAll(gb, 1, 'gb18030');
    expect(header).toEqual(['编号']);
    expect(rows[0]?.fields).toEqual(['你好']);
  });
});

describe('parseSourceConfig(file, data)', () => {
  const base = {
    name: 'x', kind: 'requests', format: 'csv', path: 'raw/x.csv', timezone: 'Asia/Shanghai',
    columns: { 编号: 'id', 时间: 'submittedAt', 部门: 'department', 状态: 'status' },
    dateFormats: { default: 'YYYY-MM-DD' }, values: { status: { 办结: 'closed' } }, defaults: { category: 'x' },
  };
  it('accepts a complete description', () => {
    expect(parseSourceConfig('x.yaml', base).encoding).toBe('utf-8');
  });
  it('fails naming the file, the key path and a hint', () => {
    expect(() => parseSourceConfig('data/sources/x.yaml', { ...base, columns: { ...base.columns, 电话: 'telephone' } })).toThrow(
      /data\/sources\/x\.yaml: invalid source description\n {2}key "columns\.电话": .*\(hint: raw column name → one of: id, /,
    );
    expect(() => parseSourceConfig('x.yaml', { ...base, values: {} })).toThrow(/key "values\.status": column "状态" maps to "status", which needs a value map/);
    expect(() => parseSourceConfig('x.yaml', { ...base, dateFormats: { default: 'DD/MM' } })).toThrow(/key "dateFormats\.时间": date format "DD\/MM": needs a year/);
    expect(() => parseSourceConfig('x.yaml', { ...base, values: { status: { 办结: 'done' } } })).toThrow(/key "values\.status\.办结"/);
  });
});
