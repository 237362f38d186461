import { describe, expect, it } from 'vitest';
import type { CanonicalRequest, Identifiers } from '../../scripts/ingest/canonical.ts';
import { anonymize, collectIdentifierValues, DescriptionWords, scrubFreeText } from '../../scripts/anonymize/index.ts';
import { requesterHash, RequestStore } from '../../scripts/ingest/store.ts';
import { StringSet } from '../../scripts/ingest/string-set.ts';
import { classifyTier, type TierRule } from '../../scripts/measure/segments.ts';
import { keyFromSecret, keyMaterial, requesterKey } from '../../scripts/anonymize/hmac.ts';
import { DEMO_SECRET, loadSecretKey, resolveSecret } from '../../scripts/anonymize/secret.ts';

const none: Identifiers = { name: null, phone: null, idNumber: null, email: null, address: null };
const key = keyFromSecret('a-test-secret-that-is-long-enough-0001');

describe('requesterKey(ids, key)', () => {
  const zhang: Identifiers = { ...none, name: '张伟', phone: '138 1234 5678', idNumber: '44030419900307123x' };
  it('is stable, 16 hex characters, and contains no identifier', () => {
    const k = requesterKey(zhang, key);
    expect(k).toMatch(/^[0-9a-f]{16}$/);
    expect(requesterKey({ ...zhang }, key)).toBe(k);
    for (const v of ['张伟', '13812345678', '44030419900307123X']) expect(k).not.toContain(v);
  });
  it('depends on the secret', () => {
    expect(requesterKey(zhang, keyFromSecret('another-secret-another-secret-0002'))).not.toBe(requesterKey(zhang, key));
  });
  it('uses the ID number first, normalized (case, spaces, full-width)', () => {
    expect(requesterKey({ ...none, idNumber: '４４０３０４１９９００３０７１２３Ｘ' }, key)).toBe(requesterKey(zhang, key));
  });
  it('falls back to the phone (country prefix and separators ignored), then email, then name + address', () => {
    expect(requesterKey({ ...none, phone: '+86 138-1234-5678' }, key)).toBe(requesterKey({ ...none, phone: '13812345678', name: '别人' }, key));
    expect(keyMaterial({ ...none, email: 'A@Example.org' })).toBe('email:a@example.org');
    expect(keyMaterial({ ...none, name: '张 伟', address: '人民路1号' })).toBe('name:张伟\u0000address:人民路1号');
    expect(requesterKey({ ...none, name: '张伟' }, key)).toBeNull();
    expect(requesterKey(none, key)).toBeNull();
  });
  it('keeps an ID number and a phone with the same digits apart', () => {
    expect(requesterKey({ ...none, idNumber: '13812345678' }, key)).not.toBe(requesterKey({ ...none, phone: '13812345678' }, key));
  });
});

describe('resolveSecret(site, env, log)', () => {
  it('reads the variable site.yaml names', () => {
    expect(resolveSecret({ secretEnv: 'GLASSBOX_SECRET' }, { GLASSBOX_SECRET: 'x'.repeat(40) })).toBe('x'.repeat(40));
  });
  it('falls back to the demo secret only for a fictional site, and says so', () => {
    const logs: string[] = [];
    expect(resolveSecret({ secretEnv: 'GLASSBOX_SECRET', fictional: true }, {}, (m) => logs.push(m))).toBe(DEMO_SECRET);
    expect(logs.join('\n')).toMatch(/demo secret/);
    expect(() => loadSecretKey({ secretEnv: 'GLASSBOX_SECRET', fictional: false }, {})).toThrow(/Set the environment variable GLASSBOX_SECRET/);
  });
  it('refuses a short secret for real data', () => {
    expect(() => resolveSecret({ secretEnv: 'S' }, { S: 'short' })).toThrow(/at least 32/);
  });
});

describe('anonymize(quarantined, identifierValues)', () => {
  it('scrubs excerpts and returns the identifier values sorted, once each', () => {
    const quarantined = [{ source: 'hotline', file: 'raw/h.csv', row: 3, column: '诉求内容', reason: 'missing-field', excerpt: '工单编号=X; 诉求内容=我叫孙丽 13600002222' }];
    const out = anonymize(quarantined, ['赵敏', '13700001234', '幸福里小区', '赵敏']);
    expect(out.quarantined[0]?.excerpt).toBe('工单编号=X; 诉求内容=我叫[姓名] [电话]');
    expect(quarantined[0]?.excerpt).toContain('孙丽');
    expect(out.identifierValues).toEqual(['13700001234', '幸福里小区', '赵敏']);
    const set = new StringSet().add('赵敏').add('13700001234').add('幸福里小区').add('赵敏');
    expect(anonymize([], set).identifierValues).toEqual(['13700001234', '幸福里小区', '赵敏']);
  });
  it('cuts a long excerpt after scrubbing', () => {
    const out = anonymize([{ source: 's', file: 'f', row: 1, column: '', reason: 'malformed-row', excerpt: 'x'.repeat(400) }], []);
    expect(out.quarantined[0]?.excerpt).toBe(`${'x'.repeat(300)}…`);
  });
});

describe('collectIdentifierValues(ids, into)', () => {
  it('adds trimmed values of two characters or more', () => {
    const into = new Set<string>();
    collectIdentifierValues({ ...none, name: ' 赵敏 ', phone: '13700001234', address: '幸福里小区' }, into);
    collectIdentifierValues({ ...none, name: '钱' }, into);
    expect([...into].sort()).toEqual(['13700001234', '幸福里小区', '赵敏']);
  });
});

describe('requester grouping in the RequestStore (identifiers are not kept)', () => {
  const request = (id: string, description: string | null, ratingComment: string | null): CanonicalRequest => ({
    id, source: 'hotline', department: 'hrss', service: null, category: 'complaint', needType: 'complaint', clientType: 'citizen', tier: 1,
    channel: 'phone', submittedAt: 0, acceptedAt: null, closedAt: null, dueAt: null, status: 'open', rating: ratingComment ? 4 : null,
    ratingComment, description, district: null, requesterKey: null, visits: null, effortMinutes: null, timezone: 'Asia/Shanghai',
  });
  const zhao: Identifiers = { ...none, name: '赵敏', phone: '13700001234', address: '幸福里小区' };
  it('gives the same person the same key however the identifiers are written, and no key without identifiers', () => {
    const store = new RequestStore();
    store.push(request('A', '赵敏反映工资拖欠，电话13700001234', '谢谢赵敏的耐心'), requesterHash(zhao));
    store.push(request('B', null, null), requesterHash({ ...none, name: '钱', phone: null }));
    store.push(request('C', null, null), requesterHash({ ...none, name: '赵 敏', phone: '+86 137-0000-1234' }));
    store.push(request('D', null, null), requesterHash({ ...none, idNumber: '13700001234' }));
    const [a, b, c, d] = [0, 1, 2, 3].map((i) => store.get(i));
    expect(a?.requesterKey).toMatch(/^[0-9a-f]{16}$/);
    expect(c?.requesterKey).toBe(a?.requesterKey);
    expect(b?.requesterKey).toBeNull();
    expect(store.hasRequester(1)).toBe(false);
    // An ID number and a phone with the same digits stay apart, as with the keyed HMAC.
    expect(d?.requesterKey).not.toBe(a?.requesterKey);
  });
  it('keeps no free text and no identifier value', () => {
    const store = new RequestStore();
    store.push(request('A', '赵敏反映工资拖欠，电话13700001234', '谢谢赵敏的耐心'), requesterHash(zhao));
    const json = JSON.stringify(store.get(0));
    expect(store.get(0)).toMatchObject({ description: null, ratingComment: null, rating: 4 });
    for (const v of ['赵敏', '13700001234', '幸福里小区', '工资', '耐心']) expect(json).not.toContain(v);
  });
});

describe('DescriptionWords.marks(description, ids)', () => {
  const words = ['安全隐患', '情况比较紧急', '拖欠农民工工资', '老人走失', '走失', '[电话]', '电话'];
  const texts: [string | null, Identifiers][] = [
    [null, none],
    ['', none],
    ['小区门口有安全隐患，请尽快处理', none],
    ['老人走失，情况比较紧急，联系电话13700001234', none],
    ['反映拖欠农民工工资，我叫赵敏，电话13700001234', { ...none, name: '赵敏', phone: '13700001234' }],
    ['电话：13700001234 赵敏', { ...none, name: '赵敏' }],
    ['咨询医保报销比例', none],
    ['安全隐患安全隐患', none],
    ['老人走 失', none],
  ];
  /** The reference: the words the scrubbed text contains (as anonymize scrubbed descriptions). */
  const reference = (list: readonly string[], text: string | null, ids: Identifiers): string[] => {
    const scrubbed = scrubFreeText(text, ids) ?? '';
    return [...new Set(list)].filter((w) => scrubbed.includes(w));
  };
  it('finds exactly the words the scrubbed description holds (including words only scrubbing puts in)', () => {
    // The second list shares no character with a placeholder: descriptions without a word skip scrubbing.
    for (const list of [words, ['安全隐患', '情况比较紧急', '拖欠农民工工资', '老人走失', '走失', '赵敏', '安全隐患']]) {
      const dw = new DescriptionWords(list);
      for (const [text, ids] of texts) {
        const got = dw.marks(text, ids);
        expect(got === null ? [] : got.split('\u0000'), String(text)).toEqual(reference(list, text, ids));
      }
    }
    expect(new DescriptionWords(words).marks('联系电话13700001234', none)).toBe('[电话]\u0000电话');
    expect(new DescriptionWords(['赵敏', '走失']).marks('我叫赵敏，老人走失', none)).toBe('走失');
  });
  it('gives tier rules the same answer on the stand-in as on the scrubbed text', () => {
    const rules: TierRule[] = [
      { tier: 4, label: { zh: 'a', en: 'a' }, descriptionContains: ['安全隐患'] },
      { tier: 4, label: { zh: 'b', en: 'b' }, descriptionContains: ['情况比较紧急', '拖欠农民工工资', '走失'] },
      { tier: 3, label: { zh: 'c', en: 'c' }, descriptionContains: ['[电话]'] },
      { tier: 2, label: { zh: 'd', en: 'd' }, descriptionContains: ['电话'] },
      { tier: 1, label: { zh: 'e', en: 'e' } },
    ];
    const dw = new DescriptionWords(rules.flatMap((r) => r.descriptionContains ?? []));
    const base = { id: 'x', source: 's', department: 'd', service: null, category: 'c', needType: 'unknown', clientType: 'unknown', tier: 1, channel: 'phone', submittedAt: 0,
      acceptedAt: null, closedAt: null, dueAt: null, status: 'open', rating: null, ratingComment: null, district: null, requesterKey: null, visits: null, effortMinutes: null,
      timezone: 'Asia/Shanghai' } as const;
    for (const [text, ids] of texts) {
      const scrubbed = classifyTier({ ...base, description: scrubFreeText(text, ids) }, rules);
      expect(classifyTier({ ...base, description: dw.marks(text, ids) }, rules), String(text)).toBe(scrubbed);
    }
  });
  it('refuses an empty word', () => {
    expect(() => new DescriptionWords([''])).toThrow(/empty/);
  });
});
