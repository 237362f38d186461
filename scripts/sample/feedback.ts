/**
 * 差评整改台账: one row per bad review (不满意 / 非常不满意) with its path — received,
 * verified, rectified or explained, called back. Most are resolved within 15 working days;
 * some late, some never, some not yet at the as-of date (later steps left empty).
 */
import type { Rng } from './prng.ts';
import type { Rating } from './ratings.ts';
import { AS_OF_END } from './timeline.ts';
import { DAY, formatIso, HOUR, MINUTE } from './time.ts';

export const FEEDBACK_HEADER = ['整改编号', '评价编号', '业务编号', '接收时间', '核实时间', '处理结果', '办结时间', '回访时间'] as const;

/** True for the two bad-review levels. */
export function isBadReview(level: string): boolean {
  return level === '不满意' || level === '非常不满意';
}

/** The fields of the feedback row for bad review `rating` (rating id `ratingId`, row number `n`). */
export function feedbackFields(rng: Rng, n: number, ratingId: string, rating: Rating): string[] {
  const received = rating.at + 10 * MINUTE + Math.floor(rng.exp(6 * HOUR));
  const verified = rng.chance(0.96) ? received + rng.range(1, 3) * DAY + rng.range(0, 8) * HOUR : null;
  const fate = rng.weighted(['rectified', 'explained', 'never'] as const, [55, 35, 10]);
  // Natural days to resolve: most well inside 15 working days (about 21 natural days), some late.
  const days = rng.chance(0.15) ? rng.range(22, 45) : rng.range(2, 18);
  const outcomeAt = fate === 'never' || verified === null ? null : verified + days * DAY + rng.range(1, 9) * HOUR;
  const calledBack = outcomeAt !== null && rng.chance(0.85) ? outcomeAt + rng.range(1, 5) * DAY + rng.range(0, 8) * HOUR : null;
  const when = (t: number | null): string => (t === null || t >= AS_OF_END ? '' : formatIso(t));
  const resolved = outcomeAt !== null && outcomeAt < AS_OF_END;
  return [
    `ZG-${String(n).padStart(8, '0')}`,
    ratingId,
    rating.ref,
    formatIso(received >= AS_OF_END ? AS_OF_END - MINUTE : received),
    when(verified),
    resolved ? (fate === 'rectified' ? '已整改' : '已解释说明') : '',
    resolved ? when(outcomeAt) : '',
    resolved ? when(calledBack) : '',
  ];
}
