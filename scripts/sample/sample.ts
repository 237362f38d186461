/**
 * The generator's core: given the city, its calendar, a seed and a row count, streams the
 * three raw exports into sinks and plants the documented defects. Pure apart from the
 * sinks it is handed; the same inputs always give the same bytes.
 */
import type { City, Department } from './city.ts';
import { CsvWriter, type TextSink } from './csv.ts';
import { HALL_HEADER, hallDay, hallFields, hallWeights, servicePopularity, type HallCase } from './hall.ts';
import { HOTLINE_HEADER, hotlineDay, hotlineFields, hotlineWeights, type HotlineCase } from './hotline.ts';
import { createRng } from './prng.ts';
import { ReturningCallers } from './returning.ts';
import { FEEDBACK_HEADER, feedbackFields, isBadReview } from './feedback.ts';
import { drawRating, RatingQueue, ratingFields, RATINGS_HEADER, type Rating } from './ratings.ts';
import { civil, DAY, formatIso, workdayIndex, type Calendar } from './time.ts';
import { allocate, FIRST_DAY, hallDayFactor, hotlineDayFactor, LAST_DAY, monthOf, type Context } from './timeline.ts';

export interface SampleOptions {
  seed: number;
  /** Total requests (hotline cases + hall applications). */
  rows: number;
}

/** Where each export goes. */
export interface SampleSinks {
  hotline: TextSink;
  hall: TextSink;
  ratings: TextSink;
  /** Bad-review rectification log (optional: older callers write three files). */
  feedback?: TextSink;
}

/** A planted defect: which file, which data record (1-based, header excluded), which id. */
export interface Defect {
  file: 'hotline-12345.csv' | 'service-hall.csv' | 'ratings.csv';
  record: number;
  id: string;
  kind: string;
  detail: string;
}

export interface SampleResult {
  /** Data records written per file (header excluded). */
  records: { hotline: number; hall: number; ratings: number };
  defects: Defect[];
}

/** Share of requests that reach the hotline; the rest are hall applications. */
export const HOTLINE_SHARE = 0.6;
const HOTLINE_RESPONSE = 0.55;
const HALL_RESPONSE = 0.4;

/** Generates the three exports into `sinks` and returns what was written. */
export function generateSample(city: City, calendar: Calendar, options: SampleOptions, sinks: SampleSinks): SampleResult {
  if (city.departments.length === 0) throw new Error('data/departments.yaml lists no departments: the sample needs at least one');
  if (city.services.length === 0) throw new Error('no service guides loaded from data/services: the hall export needs at least one');
  const ctx: Context = { calendar, work: workdayIndex(calendar, FIRST_DAY - 30, LAST_DAY + 400) };
  const hotlineRng = createRng(options.seed, 1);
  const hallRng = createRng(options.seed, 2);
  const ratingRng = createRng(options.seed, 3);
  const popularity = servicePopularity(createRng(options.seed, 4), city.services);
  const deptById = new Map<string, Department>(city.departments.map((d) => [d.id, d]));
  const knownCodes = new Set(city.services.map((s) => s.code));

  const hotlineTotal = Math.round(options.rows * HOTLINE_SHARE);
  const hallTotal = options.rows - hotlineTotal;
  const days: number[] = [];
  for (let d = FIRST_DAY; d <= LAST_DAY; d++) days.push(d);
  const sum = (ws: readonly number[]): number => ws.reduce((a, b) => a + b, 0);
  const hotlineCounts = allocate(hotlineTotal, days.map((d) => sum(hotlineWeights(city.departments, monthOf(d))) * hotlineDayFactor(ctx, d)));
  const hallDayWeights = days.map((d) => hallWeights(city.services, popularity, monthOf(d), ctx.work.isWorkday(d)));
  const hallCounts = allocate(hallTotal, days.map((d, i) => sum(hallDayWeights[i] ?? []) * hallDayFactor(ctx, d)));

  const hotline = new CsvWriter(sinks.hotline, { eol: '\r\n', bom: true }, HOTLINE_HEADER);
  const hall = new CsvWriter(sinks.hall, { eol: '\n', bom: false }, HALL_HEADER);
  const ratings = new CsvWriter(sinks.ratings, { eol: '\n', bom: false }, RATINGS_HEADER);
  const feedback = sinks.feedback ? new CsvWriter(sinks.feedback, { eol: '\n', bom: false }, FEEDBACK_HEADER) : null;
  const feedbackRng = createRng(options.seed, 5);
  const returning = new ReturningCallers(createRng(options.seed, 6));
  const queue = new RatingQueue();
  const defects: Defect[] = [];

  // Where the defects go: the first eligible record at or after these positions.
  const at = (total: number, share: number): number => Math.floor(total * share);
  const hotlinePlan = { malformed: at(hotlineTotal, 0.25), closedBeforeCall: at(hotlineTotal, 0.5), duplicate: at(hotlineTotal, 0.75), emptyUnit: at(hotlineTotal, 0.9) };
  const hallPlan = { badDate: at(hallTotal, 0.3), unknownCode: at(hallTotal, 0.55), duplicateId: Math.max(1, at(hallTotal, 0.8)) };
  const expectedRatings = hotlineTotal * 0.45 + hallTotal * 0.3;
  const ratingPlan = { orphan: at(expectedRatings, 0.35), badLevel: at(expectedRatings, 0.7) };
  const done = new Set<string>();

  let hotlineIndex = 0;
  const writeHotline = (c: HotlineCase): void => {
    const fields = hotlineFields(c);
    const i = hotlineIndex++;
    if (!done.has('malformed') && i >= hotlinePlan.malformed) {
      done.add('malformed');
      hotline.write(fields.slice(0, 12));
      defects.push({ file: 'hotline-12345.csv', record: hotline.records, id: c.id, kind: 'malformed-row', detail: `12 fields instead of ${HOTLINE_HEADER.length} (the row stops after 证件号码)` });
      return;
    }
    if (!done.has('closedBeforeCall') && i >= hotlinePlan.closedBeforeCall && c.status === '已办结' && c.closed !== null) {
      done.add('closedBeforeCall');
      fields[3] = formatIso(c.called - 2 * DAY - 3 * 3600);
      hotline.write(fields);
      defects.push({ file: 'hotline-12345.csv', record: hotline.records, id: c.id, kind: 'closed-before-opened', detail: `办结时间 ${fields[3]} is before 来电时间 ${fields[1] ?? ''}` });
      return;
    }
    if (!done.has('emptyUnit') && i >= hotlinePlan.emptyUnit) {
      done.add('emptyUnit');
      fields[5] = '';
      hotline.write(fields);
      defects.push({ file: 'hotline-12345.csv', record: hotline.records, id: c.id, kind: 'missing-department', detail: '承办单位 is empty' });
      return;
    }
    hotline.write(fields);
    if (!done.has('duplicate') && i >= hotlinePlan.duplicate) {
      done.add('duplicate');
      hotline.write(fields);
      defects.push({ file: 'hotline-12345.csv', record: hotline.records, id: c.id, kind: 'duplicate-row', detail: `exact copy of record ${hotline.records - 1}` });
    }
  };

  let hallIndex = 0;
  let previousHallId = '';
  const writeHall = (c: HallCase): void => {
    const fields = hallFields(c);
    const i = hallIndex++;
    const ownId = c.id;
    if (!done.has('badDate') && i >= hallPlan.badDate) {
      done.add('badDate');
      fields[9] = '2025/13/45 25:61';
      defects.push({ file: 'service-hall.csv', record: hall.records + 1, id: c.id, kind: 'unparsable-date', detail: '申请时间 is "2025/13/45 25:61"' });
    } else if (!done.has('unknownCode') && i >= hallPlan.unknownCode) {
      done.add('unknownCode');
      let code = `${c.service.code.slice(0, -3)}999`;
      while (knownCodes.has(code)) code = `X${code}`;
      fields[1] = code;
      defects.push({ file: 'service-hall.csv', record: hall.records + 1, id: c.id, kind: 'unknown-service', detail: `事项编码 "${code}" is not in any guide (the row names ${c.service.name.zh})` });
    } else if (!done.has('duplicateId') && i >= hallPlan.duplicateId && previousHallId !== '') {
      done.add('duplicateId');
      fields[0] = previousHallId;
      defects.push({ file: 'service-hall.csv', record: hall.records + 1, id: previousHallId, kind: 'duplicate-id', detail: `same 申请编号 as record ${hall.records}, different content (its own number ${ownId} is skipped)` });
    }
    hall.write(fields);
    previousHallId = ownId;
  };

  let ratingNumber = 0;
  const writeRating = (r: Rating): void => {
    const i = ratingNumber++;
    const fields = ratingFields(ratingNumber, r);
    if (!done.has('orphan') && i >= ratingPlan.orphan) {
      done.add('orphan');
      const day = civil(Math.floor(r.at / DAY) - 3);
      fields[1] = `12345-${day.y}${String(day.m).padStart(2, '0')}${String(day.d).padStart(2, '0')}-999999`;
      defects.push({ file: 'ratings.csv', record: ratings.records + 1, id: fields[0] ?? '', kind: 'unknown-reference', detail: `业务编号 "${fields[1]}" matches no case or application` });
    } else if (!done.has('badLevel') && i >= ratingPlan.badLevel) {
      done.add('badLevel');
      fields[3] = '一般';
      defects.push({ file: 'ratings.csv', record: ratings.records + 1, id: fields[0] ?? '', kind: 'invalid-level', detail: '评价等级 is "一般", not one of the five levels' });
    }
    ratings.write(fields);
    if (feedback && isBadReview(r.level)) feedback.write(feedbackFields(feedbackRng, feedback.records + 1, fields[0] ?? '', r));
  };

  const yearCounters = new Map<number, number>();
  days.forEach((day, i) => {
    const hotlineCases = hotlineDay(hotlineRng, city.departments, hotlineWeights(city.departments, monthOf(day)), day, hotlineCounts[i] ?? 0);
    for (const c of hotlineCases) {
      returning.visit(c, day);
      writeHotline(c);
      if (c.status !== '已办结' || c.closed === null) continue;
      const channel = c.channel === 'APP' ? 'APP' : c.channel === '网站' ? '网站' : ratingRng.chance(0.85) ? '短信' : 'APP';
      const rating = drawRating(ratingRng, { ref: c.id, department: c.department, closed: c.closed, late: c.late, adversarial: c.type === '投诉' || c.type === '举报', channel, immediate: false }, HOTLINE_RESPONSE);
      if (rating) queue.push(rating);
    }
    const year = civil(day).y;
    const nextNumber = (): string => {
      const n = (yearCounters.get(year) ?? 0) + 1;
      yearCounters.set(year, n);
      return `SQ-${year}-${String(n).padStart(7, '0')}`;
    };
    const hallCases = hallDay(ctx, hallRng, city.services, deptById, hallDayWeights[i] ?? [], day, hallCounts[i] ?? 0, nextNumber);
    for (const c of hallCases) {
      writeHall(c);
      if (c.status !== '办结' || c.closed === null) continue;
      const window = c.channel === '窗口';
      const channel = window ? (ratingRng.chance(0.8) ? '窗口评价器' : '短信') : c.channel === '网上' ? '网站' : c.channel === '掌上办' ? 'APP' : '短信';
      const rating = drawRating(ratingRng, { ref: c.id, department: c.service.department, closed: c.closed, late: c.late, adversarial: false, channel, immediate: channel === '窗口评价器' }, HALL_RESPONSE);
      if (rating) queue.push(rating);
    }
    for (const r of queue.drain((day + 1) * DAY)) writeRating(r);
  });
  for (const r of queue.drain()) writeRating(r);

  hotline.close();
  hall.close();
  ratings.close();
  feedback?.close();
  return { records: { hotline: hotline.records, hall: hall.records, ratings: ratings.records }, defects };
}
