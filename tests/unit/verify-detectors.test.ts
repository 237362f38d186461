import { describe, expect, it } from 'vitest';
import { detectPatterns, KnownValues, luhnValid, mask, residentIdValid, socialCreditCodeValid } from '../../scripts/verify/detectors.ts';

const allow = ['example.org'];

/** Appends the ISO 7064 MOD 11-2 check character to 17 digits. */
function withCheck(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((a, d, i) => a + Number(d) * (w[i] ?? 0), 0);
  return first17 + '10X98765432'[sum % 11];
}

describe('residentIdValid(id)', () => {
  it('accepts a number whose check character matches and rejects a changed digit', () => {
    const id = withCheck('11010519491231002');
    expect(id).toBe('11010519491231002X');
    expect(residentIdValid(id)).toBe(true);
    expect(residentIdValid('11010519491231003X')).toBe(false);
  });
});

describe('luhnValid(digits)', () => {
  it('accepts a Luhn-valid card number and rejects its neighbour', () => {
    expect(luhnValid('6222021234567890128')).toBe(true);
    expect(luhnValid('6222021234567890129')).toBe(false);
  });
});

describe('socialCreditCodeValid(code)', () => {
  it('accepts a GB 32100 code with its check character', () => {
    expect(socialCreditCodeValid('91350100M000100Y43')).toBe(true);
    expect(socialCreditCodeValid('91350100M000100Y44')).toBe(false);
  });
});

describe('detectPatterns(text, allowDomains)', () => {
  it('finds an ID number, a mobile touching Chinese characters, a card and a private email in one sentence', () => {
    const id = withCheck('35010219880315123');
    const text = `我叫陈静，身份证${id}，电话13912345678谢谢，卡号6222 0212 3456 7890 128，邮箱chen.jing@163.com`;
    const kinds = detectPatterns(text, allow).map((f) => f.kind);
    expect(kinds).toEqual(['resident-id', 'mobile', 'bank-card', 'email']);
  });

  it('allows documentation emails and ignores digits inside longer runs, dates and case numbers', () => {
    const text = 'consult market@example.org; case 12345-20250101-000123, SQ-2025-0000123, 2025-03-01, 序号 213912345678901, ¥1,380.00';
    expect(detectPatterns(text, allow)).toEqual([]);
  });

  it('finds a mobile written with +86 and spaces', () => {
    expect(detectPatterns('call +86 138 1234 5678 now', allow).map((f) => f.kind)).toEqual(['mobile']);
  });

  it('does not read mobile or card numbers inside the hex digits of a checksum, and still finds them next to other letters', () => {
    // A real SHA-256 from a 1M-row benchmark build (kpis.json.gz), which once failed verify and pii-scan alike.
    const sums = '18f70b39adf238bf3733a98bbd2a852b5dc68baaa128772c1a15035802287e51  kpis.json.gz\n';
    const card = 'd0c4a6222021234567890128b7e1  x.csv\n';
    expect(detectPatterns(`${sums}"sha256": "${sums.slice(0, 64)}"\n${card}`, allow)).toEqual([]);
    expect(detectPatterns('Tel13912345678, phone:13912345678 or x13912345678y', allow).map((f) => f.kind)).toEqual(['mobile', 'mobile', 'mobile']);
    expect(detectPatterns('card 6222021234567890128.', allow).map((f) => f.kind)).toEqual([]);
    expect(detectPatterns('card 6222021234567890128 now', allow).map((f) => f.kind)).toEqual(['bank-card']);
  });
});

describe('KnownValues(values).find(text)', () => {
  it('finds every raw identifier value seen at ingest, ignoring values shorter than three characters', () => {
    const known = new KnownValues(['王建国', '李娜', '临江区滨江路88号3栋502室']);
    expect(known.size).toBe(2);
    const found = known.find('申请人王建国住临江区滨江路88号3栋502室；李娜未出现');
    expect(found.map((f) => f.match)).toEqual(['王建国', '临江区滨江路88号3栋502室']);
  });
});

describe('mask(value)', () => {
  it('never returns the value in full', () => {
    expect(mask('13912345678')).not.toContain('12345678');
    expect(mask('王建国')).toBe('***');
  });
});

describe('detectPatterns(text, allowDomains) — 15-digit IDs, passports, plates', () => {
  it('finds an old 15-digit ID number touching Chinese characters', () => {
    expect(detectPatterns('老身份证440304900307123还能用', allow).map((f) => f.kind)).toEqual(['resident-id-15']);
  });
  it('finds passports and licence plates, including 8-character new-energy plates', () => {
    expect(detectPatterns('护照E12345678，车牌粤BD12345，京A·F0236', allow).map((f) => f.kind)).toEqual(['passport', 'licence-plate', 'licence-plate']);
  });
  it('ignores 15-digit runs inside hashes and decimals, and plate-like words without digits', () => {
    expect(detectPatterns('sha256 a440304900307123f 0.440304900307123 粤BABCDE', allow)).toEqual([]);
  });
});
