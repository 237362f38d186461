import { describe, expect, it } from 'vitest';
import type { CanonicalRequest, Identifiers } from '../../scripts/ingest/canonical.ts';
import type { IngestResult } from '../../scripts/ingest/index.ts';
import { anonymize } from '../../scripts/anonymize/index.ts';
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

describe('anonymize(ingest, key)', () => {
  const request = (id: string, description: string | null, ratingComment: string | null): CanonicalRequest => ({
    id, source: 'hotline', department: 'hrss', service: null, category: 'complaint', needType: 'complaint', clientType: 'citizen', tier: 1,
    channel: 'phone', submittedAt: 0, acceptedAt: null, closedAt: null, dueAt: null, status: 'open', rating: ratingComment ? 4 : null,
    ratingComment, description, district: null, requesterKey: null, visits: null, effortMinutes: null, timezone: 'Asia/Shanghai',
  });
  const ingest: IngestResult = {
    requests: [request('A', '赵敏反映工资拖欠，电话13700001234', '谢谢赵敏的耐心'), request('B', null, null)],
    identifiers: new Map([
      ['hotline:A', { ...none, name: '赵敏', phone: '13700001234', address: '幸福里小区' }],
      ['hotline:B', { ...none, name: '钱', phone: null }],
    ]),
    quarantined: [{ source: 'hotline', file: 'raw/h.csv', row: 3, column: '诉求内容', reason: 'missing-field', excerpt: '工单编号=X; 诉求内容=我叫孙丽 13600002222' }],
    sources: [],
    warnings: [],
  };
  it('sets keys, scrubs text and excerpts, and returns the identifier values for the leak scan', () => {
    const out = anonymize(ingest, key);
    expect(out.requests[0]?.requesterKey).toBe(requesterKey({ ...none, phone: '13700001234' }, key));
    expect(out.requests[0]?.description).toBe('[姓名]反映工资拖欠，电话[电话]');
    expect(out.requests[0]?.ratingComment).toBe('谢谢[姓名]的耐心');
    expect(out.requests[1]?.requesterKey).toBeNull();
    expect(out.quarantined[0]?.excerpt).toBe('工单编号=X; 诉求内容=我叫[姓名] [电话]');
    expect(out.identifierValues).toEqual(['13700001234', '幸福里小区', '赵敏']);
    const json = JSON.stringify(out.requests);
    for (const v of out.identifierValues) expect(json).not.toContain(v);
    expect(ingest.requests[0]?.description).toContain('赵敏');
  });
});
