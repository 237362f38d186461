import { describe, expect, it } from 'vitest';
import type { CanonicalRequest } from '../../scripts/ingest/canonical.ts';
import { IdShapes, MAX_SHAPES } from '../../scripts/ingest/id-shapes.ts';
import { RequestStore } from '../../scripts/ingest/store.ts';

/** A made-up case of `source` with `id`. */
function request(id: string, source = 'hotline-12345'): CanonicalRequest {
  return {
    id, source, department: 'hrss', service: null, category: 'complaint', needType: 'complaint', clientType: 'citizen', tier: 1,
    channel: 'phone', submittedAt: Date.UTC(2025, 0, 1, 1, 0, 0), acceptedAt: null, closedAt: null, dueAt: null, status: 'open', rating: null,
    ratingComment: null, description: null, district: null, requesterKey: null, visits: null, effortMinutes: null, timezone: 'Asia/Shanghai',
  };
}

/** Real-looking ids: prefixes and numbers as exports write them, and the awkward ones. */
const ids = [
  '12345-20241101-000001', '12345-20241101-000002', '12345-20241102-000001', 'SQ-2025-0000001', 'SQ-2025-0068627',
  // Only digits; leading zeros; the same number with other zero padding.
  '12345', '0', '00', '007', '7', '0007', '000000000', '999999999', '1000000000',
  // Digit runs longer than the number holds (9), beyond 2^53, beyond 2^64.
  '9007199254740993', '12345678901234567890123', '00000000000000000000', 'SR-2025-00012345678901',
  // Mixed prefixes, non-ASCII, fullwidth digits (not ASCII: text), a lone surrogate in the prefix, emoji.
  '受理号-二〇二五-甲-0001', '工单１２３', '工单123', 'x\ud800123', 'bad\ud800id', '工单😀-1', '😀9',
  // No digits at the end; digits then a letter; empty; spaces.
  'H-abc', 'A1B', '', ' 1', '1 ', '-1', '1.5', 'e10',
];

describe('IdShapes.parse(id), code(id) and text(shape, n)', () => {
  it('split an id into prefix and last 9 digits at most, and give it back exactly', () => {
    const shapes = new IdShapes();
    for (const id of ids) {
      if (!shapes.parse(id)) {
        expect(/[0-9]$/.test(id), id).toBe(false);
        continue;
      }
      const digits = /[0-9]{1,9}$/.exec(id)?.[0] ?? '';
      expect(shapes.number, id).toBe(Number(digits));
      const shape = shapes.code(id);
      expect(shapes.text(shape, shapes.number), id).toBe(id);
    }
    // "007" and "7" differ in their digit count only: two shapes.
    shapes.parse('007');
    const a = shapes.code('007');
    shapes.parse('7');
    expect(shapes.code('7')).not.toBe(a);
  });
});

describe('RequestStore with shaped ids: idOf(i) and find(source, id)', () => {
  it('round-trips real-looking and awkward ids exactly, and finds each in its own source only', () => {
    const store = new RequestStore();
    for (const id of ids) store.push(request(id), null);
    for (const id of ids) store.push(request(id, 'service-hall'), null);
    ids.forEach((id, i) => {
      expect(store.idOf(i), id).toBe(id);
      expect(store.get(ids.length + i).id, id).toBe(id);
      expect(store.find('hotline-12345', id), id).toBe(i);
      expect(store.find('service-hall', id), id).toBe(ids.length + i);
    });
    // Near misses: a zero more or less, another digit, another prefix, a surrogate replaced.
    for (const miss of ['0000', '07', '00007', '1234', '123456', '12345-20241101-00001', '12345-20241101-0000001', '12345-20241101-000003', 'SQ-2025-0068628', 'SQ-2024-0068627', '9007199254740992', '1234567890123456789012', 'x\ufffd123', 'x\ud800124', '000000000000000000000', '工单1234']) {
      expect(store.find('hotline-12345', miss), miss).toBe(-1);
    }
    expect(store.find('ratings', '12345')).toBe(-1);
  });

  it('answers as a Map would, with 60,000 ids of mixed forms looked up and pushed as ingest does', () => {
    const store = new RequestStore();
    const rows = new Map<string, number>();
    let seed = 7;
    const next = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    const forms = [
      (n: number) => `12345-2024${String(1 + (n % 12)).padStart(2, '0')}${String(1 + (n % 28)).padStart(2, '0')}-${String(n).padStart(6, '0')}`,
      (n: number) => `SQ-2025-${String(n).padStart(7, '0')}`,
      (n: number) => String(n),
      (n: number) => String(n).padStart(12, '0'),
      (n: number) => `${n}`.repeat(3),
      (n: number) => `受理-${n % 5 ? n : '甲'}`,
      (n: number) => `ref-${n}-x`,
    ];
    let wrong = 0;
    for (let k = 0; k < 60_000; k++) {
      const n = next(30_000);
      const id = (forms[n % forms.length] ?? String)(n);
      const found = store.find('hotline-12345', id);
      if (found !== (rows.get(id) ?? -1)) wrong++;
      if (found < 0) rows.set(id, store.push(request(id), null));
    }
    for (const [id, row] of rows) if (store.find('hotline-12345', id) !== row || store.idOf(row) !== id) wrong++;
    expect(wrong).toBe(0);
  });

  it('keeps ids as text once the shape dictionary is full, and still finds them all', () => {
    const store = new RequestStore();
    const n = MAX_SHAPES + 2_000;
    // A new prefix each: the last 2,000 shapes find no room.
    const idAt = (i: number): string => `p${i}-${String(i % 100).padStart(3, '0')}`;
    for (let i = 0; i < n; i++) store.push(request(idAt(i)), null);
    // A known shape still takes new numbers; a new shape is text from now on, a known one not.
    store.push(request('p5-999'), null);
    store.push(request('q-1'), null);
    let wrong = 0;
    for (let i = 0; i < n; i++) if (store.find('hotline-12345', idAt(i)) !== i || store.idOf(i) !== idAt(i)) wrong++;
    expect(wrong).toBe(0);
    expect(store.find('hotline-12345', 'p5-999')).toBe(n);
    expect(store.find('hotline-12345', 'q-1')).toBe(n + 1);
    expect(store.idOf(n + 1)).toBe('q-1');
    expect(store.find('hotline-12345', 'q-2')).toBe(-1);
    expect(store.find('hotline-12345', `p${n - 1}-000`)).toBe(-1);
  });

  it('holds a shaped id in 5 bytes where its text takes over 20 (21-character ids)', () => {
    const shaped = new RequestStore();
    const text = new RequestStore();
    const n = 4 * 32_768;
    for (let i = 0; i < n; i++) {
      const id = `12345-2024${String(1 + (i >> 12)).padStart(4, '0')}-${String(i & 4095).padStart(6, '0')}`;
      shaped.push(request(id), null);
      // The same length, ending in a letter: held as UTF-8 text.
      text.push(request(`${id.slice(0, -1)}x`), null);
    }
    expect(shaped.idOf(n - 1)).toBe('12345-20240032-004095');
    expect(text.idOf(n - 1)).toBe('12345-20240032-00409x');
    // Text: 21 bytes + 2 of length in the heap (1 MiB chunks) + 4 of start; shaped: 1 of shape + 4 of number.
    expect((text.memoryBytes() - shaped.memoryBytes()) / n).toBeGreaterThan(20);
  });
});

describe('RequestStore.endIngest()', () => {
  it('frees the id table; find and push rebuild it and answer as before', () => {
    const store = new RequestStore();
    const idAt = (i: number): string => (i % 3 === 0 ? `SQ-2025-${String(i).padStart(7, '0')}` : i % 3 === 1 ? `ref-${i}-x` : `受理${i}`);
    for (let i = 0; i < 5_000; i++) store.push(request(idAt(i)), null);
    const before = store.memoryBytes();
    store.endIngest();
    expect(store.memoryBytes()).toBeLessThan(before);
    for (let i = 0; i < 5_000; i += 7) expect(store.find('hotline-12345', idAt(i))).toBe(i);
    expect(store.find('hotline-12345', idAt(5_000))).toBe(-1);
    store.endIngest();
    // A push first: the table is rebuilt with every row, the new one included.
    store.push(request(idAt(5_000)), null);
    for (let i = 0; i <= 5_000; i += 7) expect(store.find('hotline-12345', idAt(i))).toBe(i);
    expect(store.find('hotline-12345', idAt(5_000))).toBe(5_000);
    expect(store.idOf(5_000)).toBe(idAt(5_000));
  });
});
