/**
 * 好差评 ratings of closed cases and applications. A rating is drawn when its request is
 * generated, waits in a queue ordered by rating time, and is written (and numbered) once
 * no later request can be rated earlier — so ratings.csv is in time order while streaming.
 */
import { profileOf } from './city.ts';
import type { Rng } from './prng.ts';
import { ratingText } from './text.ts';
import { AS_OF_END } from './timeline.ts';
import { formatIso, HOUR, MINUTE } from './time.ts';

export const RATINGS_HEADER = ['评价编号', '业务编号', '评价渠道', '评价等级', '评价时间', '评价内容'] as const;

/** The five 好差评 levels, best first. */
export const LEVELS = ['非常满意', '满意', '基本满意', '不满意', '非常不满意'] as const;

/** A rating waiting to be written. */
export interface Rating {
  ref: string;
  channel: '短信' | '网站' | 'APP' | '窗口评价器';
  level: string;
  at: number;
  text: string;
}

/** What a rating depends on. */
export interface Rated {
  ref: string;
  department: string;
  closed: number;
  late: boolean;
  /** Complaint-like requests are rated lower. */
  adversarial: boolean;
  channel: Rating['channel'];
  /** Ratings from a hall window terminal happen within minutes. */
  immediate: boolean;
}

/** Draws the rating of a closed request, or null when none is given (or not yet, at the as-of date). */
export function drawRating(rng: Rng, r: Rated, responseRate: number): Rating | null {
  if (!rng.chance(responseRate)) return null;
  const at = r.closed + (r.immediate ? rng.range(1, 15) * MINUTE : 2 * MINUTE + Math.floor(rng.exp(7 * HOUR)));
  if (at >= AS_OF_END) return null;
  const p = profileOf(r.department);
  const unhappy = Math.min(0.85, p.unhappy * (r.late ? 3.5 : 1) * (r.adversarial ? 1.7 : 1));
  const score = rng.chance(unhappy) ? (rng.chance(0.4) ? 4 : 3) : rng.weighted([0, 1, 2], [55 - p.unhappy * 150, 33, 12 + p.unhappy * 100]);
  const level = LEVELS[score] ?? '满意';
  return { ref: r.ref, channel: r.channel, level, at, text: ratingText(rng, 5 - score) };
}

interface Entry {
  rating: Rating;
  seq: number;
}

const before = (a: Entry, b: Entry): boolean => a.rating.at < b.rating.at || (a.rating.at === b.rating.at && a.seq < b.seq);

/** A min-heap of ratings by time (ties in insertion order). */
export class RatingQueue {
  private readonly heap: Entry[] = [];
  private seq = 0;
  get size(): number {
    return this.heap.length;
  }
  push(rating: Rating): void {
    const h = this.heap;
    h.push({ rating, seq: this.seq++ });
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(h[i] as Entry, h[parent] as Entry)) break;
      [h[i], h[parent]] = [h[parent] as Entry, h[i] as Entry];
      i = parent;
    }
  }
  /** Removes and returns, in time order, all ratings before `until` (all if omitted). */
  drain(until = Infinity): Rating[] {
    const out: Rating[] = [];
    const h = this.heap;
    while (h.length > 0 && (h[0] as Entry).rating.at < until) {
      const top = h[0] as Entry;
      const last = h.pop() as Entry;
      if (h.length > 0) {
        h[0] = last;
        let i = 0;
        for (;;) {
          const l = 2 * i + 1;
          const r = l + 1;
          let m = i;
          if (l < h.length && before(h[l] as Entry, h[m] as Entry)) m = l;
          if (r < h.length && before(h[r] as Entry, h[m] as Entry)) m = r;
          if (m === i) break;
          [h[i], h[m]] = [h[m] as Entry, h[i] as Entry];
          i = m;
        }
      }
      out.push(top.rating);
    }
    return out;
  }
}

/** The rating's fields in RATINGS_HEADER order, numbered PJ-NNNNNNNN. */
export function ratingFields(number: number, r: Rating): string[] {
  return [`PJ-${String(number).padStart(8, '0')}`, r.ref, r.channel, r.level, formatIso(r.at), r.text];
}
