import { describe, expect, it } from 'vitest';
import { maxPairs, orderByPhrases, phraseQueries, wordSegmenter, type Segment } from '../../src/lib/search-words.ts';

/** A segmenter with a fixed word list, so the tests do not depend on the ICU dictionary. */
const words = (...known: string[]): Segment => (query) => {
  const out: string[] = [];
  for (let i = 0; i < query.length; ) {
    const w = known.find((k) => query.startsWith(k, i)) ?? query[i] ?? '';
    out.push(w);
    i += w.length;
  }
  return out;
};

describe('phraseQueries(query, segment)', () => {
  it('turns neighbouring single Han characters into exact two-word phrases, in query order', () => {
    expect(phraseQueries('社保', words())).toEqual(['"社 保"']);
    expect(phraseQueries('办社保卡', words())).toEqual(['"办 社"', '"社 保"', '"保 卡"']);
  });
  it('leaves out words the segmenter knows, and does not pair across them, spaces or punctuation', () => {
    expect(phraseQueries('离婚', words('离婚'))).toEqual([]);
    expect(phraseQueries('医保报销', words('报销'))).toEqual(['"医 保"']);
    expect(phraseQueries('公积金怎么取', words('怎么'))).toEqual(['"公 积"', '"积 金"']);
    expect(phraseQueries('社 保，卡', words())).toEqual([]);
  });
  it('returns nothing for English, digits and mixed Latin–Han neighbours', () => {
    expect(phraseQueries('social security card', (q) => q.split(/(\s)/))).toEqual([]);
    expect(phraseQueries('12345热线', words())).toEqual(['"热 线"']);
  });
  it('keeps each phrase once and at most maxPairs of them', () => {
    expect(phraseQueries('个税退税', words())).toEqual(['"个 税"', '"税 退"', '"退 税"']);
    expect(phraseQueries('社保社保', words())).toEqual(['"社 保"', '"保 社"']);
    expect(phraseQueries('一二三四五六七八九十百千万亿兆京', words())).toHaveLength(maxPairs);
  });
  it('with the runtime segmenter, splits 社保 (which ICU does not know) but keeps 离婚 whole', () => {
    const segment = wordSegmenter('zh-CN');
    expect(segment).not.toBeNull();
    if (!segment) return;
    expect(phraseQueries('社保', segment)).toEqual(['"社 保"']);
    expect(phraseQueries('离婚', segment)).toEqual([]);
  });
});

describe('orderByPhrases(results, phraseHits)', () => {
  const r = (...ids: string[]) => ids.map((id) => ({ id }));
  it('lists results in more phrase sets first and keeps the given order among equals', () => {
    const hits = [new Set(['c', 'd']), new Set(['d'])];
    expect(orderByPhrases(r('a', 'b', 'c', 'd', 'e'), hits).map((x) => x.id)).toEqual(['d', 'c', 'a', 'b', 'e']);
  });
  it('returns a copy in the same order when there are no phrases', () => {
    const input = r('b', 'a');
    const out = orderByPhrases(input, []);
    expect(out.map((x) => x.id)).toEqual(['b', 'a']);
    expect(out).not.toBe(input);
  });
});
