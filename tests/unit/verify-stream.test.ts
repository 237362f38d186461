/**
 * The streaming personal-data scan against the whole-text scan it replaced: real files of the
 * repository with personal data planted in them, read in pieces of 1 to 50 bytes and scanned in
 * windows of 1 to 50 characters (cutting multi-byte characters, surrogate pairs and matches),
 * plain and gzip, must give the findings the whole text gives. The reference for known values is
 * the Set-based index the compact one replaced, kept here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { detectPatterns, EMAIL, emailMatches, KnownValues, type Finding } from '../../scripts/verify/detectors.ts';
import { scanDirectory } from '../../scripts/verify/scan.ts';
import { readStringArray } from '../../scripts/verify/string-array.ts';
import { TextScanner } from '../../scripts/verify/text-scanner.ts';
import { prettyStringLines } from '../../scripts/publish/index.ts';
import { random } from './random.ts';
import { scanInPieces } from './scan-in-pieces.ts';
import { removeTempTrees, tempTree } from './temp-tree.ts';

afterAll(removeTempTrees);

const folder = (files: Record<string, string | Buffer>): string => tempTree('glassbox-verify-stream-', files);

/** The Set-based KnownValues this index replaced: the reference semantics. */
class SetKnownValues {
  readonly #groups = new Map<number, Map<number, Set<string>>>();
  readonly size: number;
  constructor(values: Iterable<string>, minLength = 3) {
    const min = Math.max(3, minLength);
    let n = 0;
    for (const raw of values) {
      const v = raw.trim();
      if (v.length < min) continue;
      const key = SetKnownValues.#key(v, 0);
      let byLength = this.#groups.get(key);
      if (!byLength) this.#groups.set(key, (byLength = new Map()));
      let set = byLength.get(v.length);
      if (!set) byLength.set(v.length, (set = new Set()));
      if (!set.has(v)) {
        set.add(v);
        n++;
      }
    }
    this.size = n;
  }
  static #key(text: string, i: number): number {
    return (text.charCodeAt(i) * 65536 + text.charCodeAt(i + 1)) * 65536 + text.charCodeAt(i + 2);
  }
  find(text: string): Finding[] {
    const found: Finding[] = [];
    if (this.size === 0) return found;
    for (let i = 0; i + 2 < text.length; i++) {
      const byLength = this.#groups.get(SetKnownValues.#key(text, i));
      if (!byLength) continue;
      let best = '';
      for (const [length, set] of byLength) {
        if (length > best.length && i + length <= text.length) {
          const candidate = text.slice(i, i + length);
          if (set.has(candidate)) best = candidate;
        }
      }
      if (best) found.push({ kind: 'known-identifier', index: i, match: best });
    }
    return found;
  }
}

/** The whole-text scan of a file's bytes as scan.ts did it before streaming. */
function wholeText(bytes: Buffer, allow: readonly string[], known: SetKnownValues): Finding[] {
  let buf = bytes;
  if (buf.length > 2 && buf[0] === 0x1f && buf[1] === 0x8b) {
    try {
      buf = gunzipSync(buf);
    } catch {
      // not really gzip
    }
  }
  const text = buf.toString('utf8');
  return [...detectPatterns(text, allow), ...known.find(text)];
}

/** Appends the ISO 7064 MOD 11-2 check character to 17 digits. */
function withCheck(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((a, d, i) => a + Number(d) * (w[i] ?? 0), 0);
  return first17 + '10X98765432'[sum % 11];
}

const allow = ['example.org'];
const values = ['王建国', '临江区滨江路88号3栋502室', '临江区滨江路88号', '13800138000', 'chen.jing@163.com', ' 赵丽华 ', '李娜', 'Zoë Müller', '😀😀😀'];
const planted = [
  withCheck('35010219880315123'),
  '440304900307123',
  '13912345678',
  '+86 138 1234 5678',
  '139\n1234\n5678',
  '6222 0212 3456 7890 128',
  'chen.jing@163.com',
  'open-data@example.org',
  'a.very.long.local.part.of.an.address.that.runs.on@mail.sub.example.com',
  '粤BD12345',
  '京A·F0236',
  'E12345678',
  '91350100M000100Y43',
  '王建国',
  '临江区滨江路88号3栋502室',
  'Zoë Müller',
  '😀😀😀😀',
  '13800138000',
];

/** A real file of the repository with personal data planted at random places. */
function plantedText(source: string, rnd: () => number): string {
  let text = readFileSync(source, 'utf8');
  for (let k = 0; k < 24; k++) {
    const at = Math.floor(rnd() * text.length);
    const value = planted[Math.floor(rnd() * planted.length)] ?? '';
    text = text.slice(0, at) + value + text.slice(at);
  }
  return text;
}

const services = readdirSync('data/services')
  .filter((n) => n.endsWith('.md'))
  .sort()
  .slice(0, 3)
  .map((n) => join('data/services', n));

describe('emailMatches(text, from, onMatch)', () => {
  it('finds what EMAIL’s global search finds from `from`, on random text over the characters that matter', () => {
    const rnd = random(7);
    const alphabet = ['a', 'B', 'z', '1', '.', '-', '_', '%', '+', '@', '@', ' ', ',', '中', 'co', 'm'];
    for (let n = 0; n < 3000; n++) {
      const text = Array.from({ length: Math.floor(rnd() * 40) }, () => alphabet[Math.floor(rnd() * alphabet.length)] ?? '').join('');
      const from = Math.floor(rnd() * (text.length + 1));
      const re = new RegExp(EMAIL);
      re.lastIndex = from;
      const want: [number, string][] = [];
      for (let m = re.exec(text); m !== null; m = re.exec(text)) want.push([m.index, m[0]]);
      const got: [number, string][] = [];
      emailMatches(text, from, (index, match) => got.push([index, match]));
      expect(got, JSON.stringify([text, from])).toEqual(want);
    }
  });
});

describe('KnownValues(values).find(text)', () => {
  it('finds what the Set-based index found, and counts the same values, on random values and text', () => {
    const rnd = random(11);
    const alphabet = ['a', 'b', '临', '江', '1', '2', ' ', 'é', '\ud83d', '\ude00', '\u00a0'];
    const word = (max: number): string => Array.from({ length: Math.floor(rnd() * max) }, () => alphabet[Math.floor(rnd() * alphabet.length)] ?? '').join('');
    for (let n = 0; n < 300; n++) {
      const vals = Array.from({ length: Math.floor(rnd() * 30) }, () => word(9));
      const min = 3 + Math.floor(rnd() * 3);
      const text = word(400);
      const compact = new KnownValues(vals, min);
      const reference = new SetKnownValues(vals, min);
      expect(compact.size).toBe(reference.size);
      expect(compact.find(text), JSON.stringify([vals, text])).toEqual(reference.find(text));
    }
  });
});

describe('TextScanner(allowDomains, known).window(text, base, eof)', () => {
  it('gives detectPatterns + find on the whole text when it comes in windows of 1 to 50 characters', () => {
    const rnd = random(3);
    const known = new KnownValues(values);
    const reference = new SetKnownValues(values);
    for (const source of services) {
      const text = plantedText(source, rnd);
      const want = [...detectPatterns(text, allow), ...reference.find(text)];
      expect(want.length).toBeGreaterThan(15);
      for (const piece of [1, 2, 3, 5, 8, 13, 21, 34, 50, 1000]) {
        const scanner = new TextScanner(allow, known);
        let window = '';
        let base = 0;
        for (let at = 0; at < text.length; at += piece) {
          window += text.slice(at, at + piece);
          const need = scanner.window(window, base, false);
          window = window.slice(need - base);
          base = need;
        }
        scanner.window(window, base, true);
        expect(scanner.findings(), `${source} in windows of ${piece}`).toEqual(want);
      }
    }
  });

  it('decides pattern matches cut by a window end as the whole text does, on random digit runs, plates and emails', () => {
    const rnd = random(5);
    const alphabet = ['1', '3', '8', '0', '5', '6', '9', 'X', 'E', 'G', 'A', 'B', '.', '-', ' ', '\n', '+', '粤', '·', '@', 'm', 'co', '9135', '2026'];
    const known = new KnownValues(['13800', '粤B12', 'E1234']);
    const reference = new SetKnownValues(['13800', '粤B12', 'E1234']);
    for (let n = 0; n < 400; n++) {
      const text = Array.from({ length: 50 + Math.floor(rnd() * 300) }, () => alphabet[Math.floor(rnd() * alphabet.length)] ?? '').join('');
      const want = [...detectPatterns(text, allow), ...reference.find(text)];
      const scanner = new TextScanner(allow, known);
      scanInPieces(scanner, text, rnd);
      expect(scanner.findings(), text).toEqual(want);
    }
  });
});

describe('TextScanner(allowDomains, known).window(text, base, eof) — ID numbers and codes', () => {
  it('finds the ID numbers, passports and credit codes detectPatterns finds, glued to letters, digits and dots', () => {
    const rnd = random(17);
    const tokens = [withCheck('35010219880315123'), '440304900307123', 'E12345678', 'G87654321', '91350100M000100Y43', '', '.', 'a', 'Z', '1', ' ', ',', '中', 'x.', '0.'];
    const known = new KnownValues([]);
    let matched = 0;
    for (let n = 0; n < 400; n++) {
      const text = Array.from({ length: 5 + Math.floor(rnd() * 30) }, () => tokens[Math.floor(rnd() * tokens.length)] ?? '').join('');
      const want = detectPatterns(text, allow);
      matched += want.length;
      const scanner = new TextScanner(allow, known);
      scanInPieces(scanner, text, rnd);
      expect(scanner.findings(), text).toEqual(want);
    }
    expect(matched).toBeGreaterThan(200);
  });
});

describe('scanDirectory(root, { readBytes, pieceChars })', () => {
  const rnd = random(13);
  const texts = services.map((s) => plantedText(s, rnd));
  const big = texts.join('\n').repeat(3);
  const a = gzipSync(Buffer.from(texts[0] ?? ''));
  const b = gzipSync(Buffer.from(texts[1] ?? ''));
  // Bytes that are not UTF-8 (lone lead and continuation bytes, an encoded surrogate, 0xFF) between personal data.
  const invalid = Buffer.concat([
    Buffer.from('\ufeff王建国,'),
    Buffer.from([0xe4, 0xb8, 0x41, 0x80, 0xc3, 0xed, 0xa0, 0x80, 0xff, 0xf0, 0x9f, 0x98]),
    Buffer.from('13912345678 '),
    Buffer.from([0xf0, 0x9f, 0x98, 0x80, 0xe4]),
    Buffer.from('临江区滨江路88号3栋502室 chen.jing@163.com'),
  ]);
  const files: Record<string, Buffer> = {
    'a.md': Buffer.from(texts[0] ?? ''),
    'b.excel.csv': Buffer.from(`\ufeff${texts[1] ?? ''}`),
    'big.jsonl': Buffer.from(big),
    'big.jsonl.gz': gzipSync(Buffer.from(big)),
    'members.gz': Buffer.concat([a, b]),
    'padded.gz': Buffer.concat([a, Buffer.alloc(5), Buffer.from('13912345678')]),
    'truncated.gz': a.subarray(0, a.length - 10),
    'garbage.gz': Buffer.concat([a, Buffer.from('王建国')]),
    'invalid.txt': invalid,
    'latest/a.md': Buffer.from(texts[0] ?? ''),
    'logo.png': Buffer.from('王建国'),
    // The text of a.md, gzip: found by its text; then a text as long as a.md's but not the same.
    'twin.md.gz': gzipSync(Buffer.from(texts[0] ?? '')),
    'z-same-size.gz': gzipSync(Buffer.from(`13912345678${(texts[0] ?? '').slice(11)}`)),
  };
  const root = folder(files);
  const reference = new SetKnownValues(values);
  const want = Object.keys(files)
    .filter((f) => !f.endsWith('.png'))
    .sort()
    .flatMap((file) => wholeText(files[file] ?? Buffer.alloc(0), allow, reference).map((f) => ({ ...f, file })));

  it('finds in every file, plain or gzip, what the whole-text scan finds, in pieces of 1 to 50 bytes and characters', async () => {
    expect(want.filter((f) => f.file === 'big.jsonl.gz').length).toBeGreaterThan(50);
    expect(gunzipSync(files['z-same-size.gz'] ?? Buffer.alloc(0)).length).toBe(files['a.md']?.length);
    expect(want.filter((f) => f.file === 'invalid.txt').map((f) => f.kind)).toEqual(['mobile', 'email', 'known-identifier', 'known-identifier', 'known-identifier']);
    const known = new KnownValues(values);
    for (const [readBytes, pieceChars] of [
      [1, 1],
      [2, 3],
      [3, 50],
      [5, 7],
      [7, 1],
      [50, 20],
      [64, 2],
      [4096, 100],
      [undefined, undefined],
    ] as const) {
      const result = await scanDirectory(root, { allowDomains: allow, known, ...(readBytes ? { readBytes } : {}), ...(pieceChars ? { pieceChars } : {}) });
      expect(result.files).toBe(Object.keys(files).length - 1);
      // Not scanned: latest/a.md (the bytes of a.md), big.jsonl.gz and twin.md.gz (the text of big.jsonl and a.md).
      expect(result.texts).toBe(result.files - 3);
      expect(result.findings, `pieces of ${readBytes} bytes, ${pieceChars} characters`).toEqual(want);
    }
  });
});

describe('readStringArray(path, chunkBytes)', () => {
  const list = ['王建国', 'a "quoted" \\ value', 'line\nbreak\ttab', '\u2028\u0001', '😀 emoji', '', '  padded  ', 'x'.repeat(300)];
  const root = folder({
    'pretty.json': [...prettyStringLines(list)].join(''),
    'compact.json': JSON.stringify(list),
    'spaced.json': ` [ ${list.map((v) => JSON.stringify(v)).join(' ,\r\n ')} ] \n`,
    'empty.json': [...prettyStringLines([])].join(''),
  });

  it('reads what JSON.parse reads, in chunks that cut characters, escapes and lines', () => {
    for (const name of ['pretty.json', 'compact.json', 'spaced.json', 'empty.json']) {
      const path = join(root, name);
      const want = JSON.parse(readFileSync(path, 'utf8')) as string[];
      for (const chunk of [1, 2, 3, 5, 7, 64, 4 << 20]) expect([...readStringArray(path, chunk)], `${name} in chunks of ${chunk}`).toEqual(want);
    }
  });

  it('refuses what JSON.parse refuses or what is not an array of strings, naming the file', () => {
    const bad = folder({ a: '{"a":1}', b: '["a",]', c: '["a" "b"]', d: '["a"] x', e: '', f: '["a', g: '[1]', h: '\ufeff["a"]', i: '["a\nb"]' });
    for (const name of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']) {
      const path = join(bad, name);
      if (name !== 'a' && name !== 'g') expect(() => JSON.parse(readFileSync(path, 'utf8')) as unknown, name).toThrow();
      expect(() => [...readStringArray(path, 2)], name).toThrow(/not a JSON array of strings/);
    }
  });
});
