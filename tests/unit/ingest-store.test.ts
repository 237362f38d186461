import { describe, expect, it } from 'vitest';
import type { CanonicalRequest, Identifiers } from '../../scripts/ingest/canonical.ts';
import { hashString, hex64 } from '../../scripts/ingest/hash.ts';
import { requesterHash, RequestStore } from '../../scripts/ingest/store.ts';
import { StringSet } from '../../scripts/ingest/string-set.ts';

const none: Identifiers = { name: null, phone: null, idNumber: null, email: null, address: null };

/** A made-up hotline case; `over` replaces fields. */
function hotline(id: string, over: Partial<CanonicalRequest> = {}): CanonicalRequest {
  return {
    id, source: 'hotline-12345', department: 'hrss', service: null, category: 'complaint', needType: 'complaint', clientType: 'citizen', tier: 3,
    channel: 'phone', submittedAt: Date.UTC(2025, 0, 1, 1, 0, 0), acceptedAt: Date.UTC(2025, 0, 1, 1, 5, 0), closedAt: Date.UTC(2025, 0, 3, 2, 0, 0),
    dueAt: Date.UTC(2025, 0, 8, 1, 0, 0), status: 'closed', rating: 5, ratingComment: '问题解决了，回访电话13812345678',
    description: '反映单位拖欠工资三个月，联系电话13812345678，我叫张伟', district: '云台区', requesterKey: null, visits: null, effortMinutes: 35,
    timezone: 'Asia/Shanghai', ...over,
  };
}

/** What the store gives back for `r` pushed with `ids`: no free text, the requester hash as hex. */
function expected(r: CanonicalRequest, ids: Identifiers, marks: string | null = null): CanonicalRequest {
  const h = requesterHash(ids);
  return { ...r, description: marks, ratingComment: null, requesterKey: h ? hex64(h.hi, h.lo) : null };
}

const zhang: Identifiers = { ...none, name: '张伟', phone: '13812345678', idNumber: '110101199003071234' };

const cases: [CanonicalRequest, Identifiers][] = [
  [hotline('12345-20250101-000001'), zhang],
  [hotline('12345-20250102-000002', { department: 'healthcare-security', clientType: 'enterprise', channel: 'mobile', status: 'open', closedAt: null, effortMinutes: null, rating: null, ratingComment: null, district: '青禾区' }), { ...none, name: '王芳', phone: '139 0000 1111' }],
  [hotline('SQ-2025-0000001', { source: 'service-hall', service: 'business-registration', category: 'business', needType: 'application', channel: 'in_person', tier: 2, visits: 1, effortMinutes: null, rating: 3, dueAt: null, district: null }), { ...none, idNumber: '11010519851224002X' }],
  [hotline('受理号-二〇二五-甲-0001', { source: 'service-hall', service: 'business-registration', category: 'business', acceptedAt: null, closedAt: null, status: 'open', visits: 0, rating: null }), none],
  // Instants with milliseconds, before 1931 and after 2068; a fractional effort; a zero effort.
  [hotline('ms', { submittedAt: Date.UTC(2025, 5, 1, 1, 2, 3, 456), closedAt: Date.UTC(2070, 0, 1), acceptedAt: Date.UTC(1900, 0, 1), effortMinutes: 12.5 }), none],
  [hotline('zero', { effortMinutes: 0, visits: 0 }), none],
  // Lone surrogate (UTF-8 cannot hold it), an empty id, emoji, a very long id.
  [hotline('bad\ud800id'), none],
  [hotline(''), none],
  [hotline('工单😀-1'), none],
  [hotline(`long-${'x'.repeat(400_000)}`), none],
];

describe('RequestStore.push(r, requester) and get(i)', () => {
  it('gives back every field as pushed (nulls, Chinese ids, odd values), without free text', () => {
    const store = new RequestStore();
    for (const [r, ids] of cases) store.push(r, requesterHash(ids));
    expect(store.length).toBe(cases.length);
    cases.forEach(([r, ids], i) => {
      expect(store.get(i)).toStrictEqual(expected(r, ids));
      // Same key order as the mapper builds (JSON of a request does not change).
      expect(Object.keys(store.get(i))).toEqual(Object.keys(r));
    });
  });

  it('keeps values exact after a column widens (many distinct codes, sub-second instants, -0)', () => {
    const store = new RequestStore();
    const rs: CanonicalRequest[] = [];
    for (let i = 0; i < 70_000; i++) {
      const r = hotline(`H-${i}`, {
        district: `区${i % 300}`,
        department: `dept-${i % 70_000}`,
        tier: (1 + (i % 4)) as 1 | 2 | 3 | 4,
        submittedAt: Date.UTC(2025, 0, 1) + i * 60_000 + (i === 50_000 ? 7 : 0),
        visits: i === 60_000 ? -0 : i % 3 === 0 ? null : i % 5,
        effortMinutes: i === 40_000 ? 100_000 : i === 45_000 ? 1.5 : i % 7 === 0 ? null : i % 600,
      });
      rs.push(r);
      store.push(r, null);
    }
    for (const i of [0, 1, 7, 255, 256, 32_767, 32_768, 40_000, 45_000, 49_999, 50_000, 60_000, 69_999]) {
      expect(store.get(i)).toStrictEqual(expected(rs[i] ?? hotline('?'), none));
    }
    expect(Object.is(store.get(60_000).visits, -0)).toBe(true);
  });

  it('stores the description stand-in it is given, never the description', () => {
    const store = new RequestStore();
    store.push(cases[0]?.[0] ?? hotline('x'), null, '拖欠\u0000[电话]');
    store.push(hotline('y'), null);
    expect(store.get(0).description).toBe('拖欠\u0000[电话]');
    expect(store.get(1).description).toBeNull();
  });

  it('throws on a row out of range', () => {
    const store = new RequestStore();
    store.push(hotline('a'), null);
    expect(() => store.get(1)).toThrow(RangeError);
    expect(() => store.setRating(-1, 3)).toThrow(RangeError);
  });
});

describe('RequestStore column readers', () => {
  it('agree with get(i)', () => {
    const store = new RequestStore();
    for (const [r, ids] of cases) store.push(r, requesterHash(ids));
    for (let i = 0; i < store.length; i++) {
      const r = store.get(i);
      expect(store.submittedAt(i)).toBe(r.submittedAt);
      expect(store.hasRequester(i)).toBe(r.requesterKey !== null);
      expect(store.hasRequester(i) ? hex64(store.requesterHi(i), store.requesterLo(i)) : null).toBe(r.requesterKey);
      expect(store.serviceOrCategory(i)).toBe(r.service ?? `category:${r.category}`);
      expect(store.sourceNames()[store.sourceIndex(i)]).toBe(r.source);
      expect(store.ratingOf(i)).toBe(r.rating ?? 0);
    }
    expect(store.sourceNames()).toEqual(['hotline-12345', 'service-hall']);
    expect([...store.departmentValues()].sort()).toEqual(['healthcare-security', 'hrss']);
    expect([...store.categoryValues()].sort()).toEqual(['business', 'complaint']);
  });

  it('setRating(i, rating) attaches and replaces a rating', () => {
    const store = new RequestStore();
    store.push(hotline('a', { rating: null }), null);
    store.setRating(0, 2);
    expect(store.get(0).rating).toBe(2);
    store.setRating(0, 5);
    expect(store.get(0).rating).toBe(5);
  });

  it('tells a requester whose hash is (0, 0) from none', () => {
    const store = new RequestStore();
    store.push(hotline('a'), { hi: 0, lo: 0 });
    store.push(hotline('b'), null);
    expect(store.hasRequester(0)).toBe(true);
    expect(store.hasRequester(1)).toBe(false);
  });
});

describe('RequestStore.find(source, id)', () => {
  it('finds each id in its own source only, exactly', () => {
    const store = new RequestStore();
    for (const [r, ids] of cases) store.push(r, requesterHash(ids));
    cases.forEach(([r], i) => expect(store.find(r.source, r.id)).toBe(i));
    expect(store.find('service-hall', '12345-20250101-000001')).toBe(-1);
    expect(store.find('ratings', '12345-20250101-000001')).toBe(-1);
    expect(store.find('hotline-12345', '12345-20250101-00000')).toBe(-1);
    expect(store.find('hotline-12345', '12345-20250101-0000011')).toBe(-1);
    expect(store.find('hotline-12345', ' 12345-20250101-000001')).toBe(-1);
    // The lone surrogate and its UTF-8 replacement are different ids.
    expect(store.find('hotline-12345', 'bad\ufffdid')).toBe(-1);
    expect(store.find('hotline-12345', 'bad\ud800id')).toBe(6);
    expect(store.find('hotline-12345', 'x'.repeat(400_000))).toBe(-1);
  });

  it('has no false hits among 200,000 ids in two sources (the same id in both is two rows)', () => {
    const store = new RequestStore();
    const n = 100_000;
    for (let i = 0; i < n; i++) store.push(hotline(`12345-2025${String(i).padStart(8, '0')}`), null);
    for (let i = 0; i < n; i++) store.push(hotline(i % 2 ? `SQ-2025-${String(i).padStart(7, '0')}` : `12345-2025${String(i).padStart(8, '0')}`, { source: 'service-hall' }), null);
    let wrong = 0;
    for (let i = 0; i < n; i++) {
      if (store.find('hotline-12345', `12345-2025${String(i).padStart(8, '0')}`) !== i) wrong++;
      if (store.find('service-hall', i % 2 ? `SQ-2025-${String(i).padStart(7, '0')}` : `12345-2025${String(i).padStart(8, '0')}`) !== n + i) wrong++;
      if (store.find('hotline-12345', `12345-2025${String(n + i).padStart(8, '0')}`) !== -1) wrong++;
      if (store.find('service-hall', `SQ-2025-${String(i).padStart(7, '0')}x`) !== -1) wrong++;
    }
    expect(wrong).toBe(0);
    // The memory budget (ids of 18 bytes here): 46 bytes of columns, the id bytes and offsets, and the id
    // table (5–11 bytes). Here the last chunk of each column is 1/7 empty and the table has just doubled,
    // so 84; at 10 million requests it is 70–78.
    expect(store.memoryBytes() / store.length).toBeLessThan(90);
  });
});

describe('RequestStore.find(source, id) then push(r)', () => {
  it('a push right after a missed find takes its probe; lookups answer as a Map would, whatever comes between', () => {
    const store = new RequestStore();
    /** The reference: source → id → row. */
    const rows = new Map<string, Map<string, number>>([['hotline-12345', new Map()], ['service-hall', new Map()]]);
    let seed = 12345;
    const next = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    // ASCII (short, and longer than the heap's JavaScript path), Chinese, ASCII then Chinese, a lone surrogate, empty.
    const idOf = (n: number): string =>
      [`12345-2025${String(n).padStart(8, '0')}`, `L-${'x'.repeat(60)}-${n}`, `受理号-${n}`, `SQ-${n}-工`, `odd\ud800${n}`, n % 50 === 0 ? '' : `H-${n}`][n % 6] ?? '';
    const sourceOf = (n: number): string => (n % 7 < 4 ? 'hotline-12345' : 'service-hall');
    const push = (source: string, id: string): void => {
      const known = rows.get(source) ?? new Map<string, number>();
      if (known.has(id)) return;
      known.set(id, store.push(hotline(id, { source }), null));
    };
    let wrong = 0;
    const check = (source: string, id: string): void => {
      if (store.find(source, id) !== (rows.get(source)?.get(id) ?? -1)) wrong++;
    };
    for (let k = 0; k < 60_000; k++) {
      const n = next(40_000);
      const source = sourceOf(n);
      const id = idOf(n);
      const other = idOf(next(40_000));
      switch (k % 6) {
        case 0: // As ingest does: look up, then push the id looked up.
          check(source, id);
          push(source, id);
          break;
        case 1: // A push of another id after the lookup.
          check(source, id);
          push(source, other);
          break;
        case 2: // Two lookups, then a push of the first id.
          check(source, id);
          check(source, other);
          push(source, id);
          break;
        case 3: // The id looked up in the other source, then pushed in this one.
          check(source === 'hotline-12345' ? 'service-hall' : 'hotline-12345', id);
          push(source, id);
          break;
        case 4: // A push without a lookup.
          push(source, id);
          break;
        default: // A lookup only (often a hit).
          check(source, id);
      }
    }
    expect(store.length).toBeGreaterThan(20_000);
    for (const [source, ids] of rows) {
      for (const [id, row] of ids) {
        if (store.find(source, id) !== row || store.get(row).id !== id || store.get(row).source !== source) wrong++;
      }
    }
    for (let n = 40_000; n < 41_000; n++) check(sourceOf(n), idOf(n));
    expect(wrong).toBe(0);
  });
});

describe('RequestStore.idOf(i) and requesterKeyOf(i)', () => {
  it('idOf(i) and requesterKeyOf(i) are the id and requester key of get(i)', () => {
    const store = new RequestStore();
    for (const [r, ids] of cases) store.push(r, requesterHash(ids));
    for (let i = 0; i < store.length; i++) {
      expect(store.idOf(i)).toBe(store.get(i).id);
      expect(store.requesterKeyOf(i)).toBe(store.get(i).requesterKey);
    }
  });
});

describe('requesterHash(ids)', () => {
  it('is the 64-bit hash of the key material, null without one', () => {
    const h = requesterHash(zhang);
    expect(h).toEqual(hashString('id:110101199003071234', { hi: 0, lo: 0 }));
    expect(requesterHash({ ...none, name: '张伟' })).toBeNull();
  });
});

describe('hashString(s, out)', () => {
  it('has two independent halves: no collision of either among 200,000 similar ids', () => {
    const his = new Set<number>();
    const los = new Set<number>();
    const out = { hi: 0, lo: 0 };
    for (let i = 0; i < 200_000; i++) {
      hashString(`12345-2025${String(i).padStart(8, '0')}`, out);
      his.add(out.hi);
      los.add(out.lo);
    }
    // 32-bit halves: about 5 chance collisions expected each among 200,000 values.
    expect(his.size).toBeGreaterThan(200_000 - 30);
    expect(los.size).toBeGreaterThan(200_000 - 30);
  });
});

describe('StringSet.add(s), has(s), size and iteration', () => {
  it('holds exactly what a Set<string> holds, for 200,000 made-up identifier values with repeats', () => {
    const set = new StringSet();
    const reference = new Set<string>();
    const surnames = ['张', '王', '李', '赵', '欧阳'];
    for (let i = 0; i < 300_000; i++) {
      const n = i % 3 === 2 ? (i * 7919) % 200_000 : i % 200_000;
      const v = n % 4 === 0 ? `${surnames[n % 5] ?? ''}${String.fromCharCode(0x4e00 + (n % 2000))}${n % 7 ? '' : '明'}` : n % 4 === 1 ? `13${String(n).padStart(9, '0')}` : n % 4 === 2 ? `1101011990${String(n).padStart(8, '0')}` : `幸福里小区${n}号楼`;
      set.add(v);
      reference.add(v);
    }
    for (const v of ['', 'a\ud800b', 'x'.repeat(30_000), '']) {
      set.add(v);
      reference.add(v);
    }
    expect(set.size).toBe(reference.size);
    expect([...set].sort()).toEqual([...reference].sort());
    for (const v of reference) if (!set.has(v)) throw new Error(`missing ${v}`);
    for (const v of ['张', '13000000000x', 'a\udc00b', 'x'.repeat(30_001), '幸福里小区3号']) expect(set.has(v)).toBe(reference.has(v));
    // About 30 bytes a value here, where a Set<string> of fresh strings takes about 200.
    expect(set.memoryBytes() / set.size).toBeLessThan(40);
  });
});
