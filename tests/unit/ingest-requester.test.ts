import { describe, expect, it } from 'vitest';
import type { Identifiers } from '../../scripts/ingest/canonical.ts';
import { hashRequester } from '../../scripts/ingest/requester.ts';
import { requesterHash } from '../../scripts/ingest/store.ts';

const none: Identifiers = { name: null, phone: null, idNumber: null, email: null, address: null };

describe('hashRequester(ids)', () => {
  it('equals requesterHash(ids) (hashString of keyMaterial) on every kind of identifier', () => {
    const idNumbers = [null, '', '440304199003071234', '44030419900307123x', '44030419900307123X', '4403 0419 9003', '４４０３０４１９９００３０７１２３Ｘ', 'ab-CD_9', '91440301858247186T', '\u3000'];
    const phones = [null, '', '13812345678', '+86 138-1234-5678', '0086 13812345678', '008613812345678', '8613812345678', '86123', '861234567890', '1234', '12345', '１３８１２３４５６７８', 'tel: 010-1234', '0086123'];
    const emails = [null, 'A@Example.org', ' a@b.c '];
    const names = [null, '张伟', '张 伟'];
    const addresses = [null, '人民路1号'];
    let cases = 0;
    for (const idNumber of idNumbers)
      for (const phone of phones)
        for (const email of emails)
          for (const name of names)
            for (const address of addresses) {
              const ids: Identifiers = { ...none, idNumber, phone, email, name, address };
              expect(hashRequester(ids), JSON.stringify(ids)).toEqual(requesterHash(ids));
              cases += 1;
            }
    expect(cases).toBeGreaterThan(1000);
  });

  it('groups normalized variants and keeps others apart', () => {
    expect(hashRequester({ ...none, idNumber: '44030419900307123x' })).toEqual(hashRequester({ ...none, idNumber: '44030419900307123X' }));
    expect(hashRequester({ ...none, phone: '+86 138-1234-5678' })).toEqual(hashRequester({ ...none, phone: '13812345678' }));
    expect(hashRequester({ ...none, idNumber: '13812345678' })).not.toEqual(hashRequester({ ...none, phone: '13812345678' }));
    expect(hashRequester({ ...none, name: '张伟' })).toBeNull();
  });
});
