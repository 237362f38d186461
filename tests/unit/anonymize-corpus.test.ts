import { describe, expect, it } from 'vitest';
import { placeholders, scrubText } from '../../scripts/anonymize/scrub.ts';
import { clean, positives, residentId } from '../fixtures/anonymize/corpus.ts';

describe('scrubText(text) over the positive corpus', () => {
  const corpus = positives();
  it('has enough cases of every kind to mean something', () => {
    expect(corpus.length).toBeGreaterThan(600);
    expect(residentId('11010519491231002')).toBe('11010519491231002X');
  });
  it('removes every personal value (100% recall) and leaves a placeholder', () => {
    const missed = corpus.filter((c) => {
      const out = scrubText(c.text);
      return out.includes(c.value) || out.replace(/\D/g, '').includes(c.value.replace(/\D/g, '').slice(0, 11)) && /\d{7}/.test(c.value) || !out.includes('[');
    });
    expect(missed.map((m) => m.text)).toEqual([]);
  });
  it('uses the placeholder of the value\'s kind for numbers that carry a check digit', () => {
    for (const c of corpus.filter((x) => x.kind === 'idNumber' || x.kind === 'bankCard' || x.kind === 'email')) {
      expect(scrubText(c.text), c.text).toContain(placeholders.zh[c.kind]);
    }
  });
  it('writes English placeholders when asked', () => {
    expect(scrubText('call 13812345678', 'en')).toBe('call [phone]');
  });
});

describe('scrubText(text) over clean text', () => {
  it('changes few clean sentences (false-positive rate ≤ 5%)', () => {
    const changed = clean.filter((t) => scrubText(t) !== t);
    expect(changed.length / clean.length).toBeLessThanOrEqual(0.05);
  });
});
