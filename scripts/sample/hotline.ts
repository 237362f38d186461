/**
 * 12345 hotline cases: one day's calls at a time, as structured records, and their
 * fields in the export's column order (hotline-12345.csv).
 */
import type { Department } from './city.ts';
import { profileOf } from './city.ts';
import { district, idNumber, mobile, personName } from './people.ts';
import { cumulative, drawIndex, type Rng } from './prng.ts';
import { hotlineText, type CaseType } from './text.ts';
import { AS_OF_END, callSecond, citySeason, progress } from './timeline.ts';
import { compactDate, DAY, formatIso, HOUR, MINUTE } from './time.ts';

export const HOTLINE_HEADER = ['工单编号', '来电时间', '受理时间', '办结时间', '办结时限', '承办单位', '诉求类型', '诉求内容', '来电人', '联系电话', '证件号码', '所属区县', '来源渠道', '工单状态', '诉求人类型', '办理用时(分钟)'] as const;

const TYPES: readonly CaseType[] = ['咨询', '投诉', '求助', '建议', '举报', '表扬'];
const CHANNELS = ['电话', '网站', '微信', 'APP', '短信'] as const;
export type HotlineChannel = (typeof CHANNELS)[number];

/** One hotline case with instants as local seconds (null = empty in the export). */
export interface HotlineCase {
  id: string;
  department: string;
  called: number;
  accepted: number;
  closed: number | null;
  due: number;
  unit: string;
  type: CaseType;
  text: string;
  caller: string;
  phone: string;
  idNumber: string;
  district: string;
  channel: HotlineChannel;
  status: '已办结' | '办理中' | '已退回' | '已撤销' | '已转办';
  requester: '个人' | '企业';
  effort: number;
  /** Whether the case closed after its due instant (drives satisfaction). */
  late: boolean;
}

/** Relative volume of each department's calls in a month (1–12). */
export function hotlineWeights(departments: readonly Department[], month: number): number[] {
  return departments.map((d) => {
    const p = profileOf(d.id);
    return p.hotline * (p.season[month - 1] ?? 1) * citySeason(month);
  });
}

function channelOf(rng: Rng, t: number, digital: number): HotlineChannel {
  const phone = 0.76 - 0.24 * t;
  return rng.weighted(CHANNELS, [phone, 0.07 * digital, (0.08 + 0.1 * t) * digital, (0.03 + 0.12 * t) * digital, 0.06 - 0.03 * t]);
}

function alias(rng: Rng, d: Department): string {
  if (d.aliases.length === 0) return d.name.zh;
  return rng.weighted(d.aliases, d.aliases.map((_, i) => 1 / (i + 1)));
}

/** Moves an instant into 8:30–20:00 (staff hours), never before `notBefore`. */
function staffHours(rng: Rng, sec: number, notBefore: number): number {
  const day = Math.floor(sec / DAY);
  const s = sec - day * DAY;
  let out = sec;
  if (s < 8 * HOUR + 30 * MINUTE) out = day * DAY + 8 * HOUR + 30 * MINUTE + rng.int(3 * HOUR);
  else if (s >= 20 * HOUR) out = (day + 1) * DAY + 8 * HOUR + 30 * MINUTE + rng.int(2 * HOUR);
  return Math.max(out, notBefore + rng.range(2, 30) * MINUTE);
}

const EFFORT: Record<CaseType, readonly [number, number]> = {
  咨询: [3, 12],
  投诉: [30, 180],
  举报: [30, 200],
  求助: [20, 90],
  建议: [10, 40],
  表扬: [3, 6],
};

/** The `n` calls of `day`, in call order, numbered 12345-YYYYMMDD-NNNNNN. */
export function hotlineDay(rng: Rng, departments: readonly Department[], weights: readonly number[], day: number, n: number): HotlineCase[] {
  const cum = cumulative(weights);
  const t = progress(day);
  const seconds: number[] = [];
  for (let i = 0; i < n; i++) seconds.push(day * DAY + callSecond(rng));
  seconds.sort((a, b) => a - b);
  const date = compactDate(day);
  return seconds.map((called, i) => {
    const dept = departments[drawIndex(cum, rng)] as Department;
    const p = profileOf(dept.id);
    const channel = channelOf(rng, t, p.digital);
    const type = rng.weighted(TYPES, p.mix);
    let accepted: number;
    if (channel === '电话') accepted = called + MINUTE + Math.floor(rng.exp(8 * MINUTE));
    else accepted = staffHours(rng, called + Math.floor(rng.exp(45 * MINUTE)), called);
    const longType = type === '投诉' || type === '举报' || type === '建议';
    const due = (day + (longType ? 15 : 7)) * DAY + 18 * HOUR;
    const lateShare = (p.lateStart + (p.lateEnd - p.lateStart) * t) * (longType ? 1.3 : type === '咨询' ? 0.5 : 1);
    let closedAt: number;
    const late = rng.chance(lateShare);
    if (late) closedAt = staffHours(rng, due + HOUR + Math.floor(rng.exp(3 * DAY)), due);
    else if (type === '咨询' && rng.chance(0.45)) closedAt = accepted + MINUTE + Math.floor(rng.exp(15 * MINUTE));
    else closedAt = staffHours(rng, accepted + Math.floor((due - accepted) * rng.next() ** 1.3), accepted);
    if (!late && closedAt > due) closedAt = due - rng.int(4 * HOUR);
    let status: HotlineCase['status'];
    let closed: number | null = closedAt;
    if (closedAt > AS_OF_END || rng.chance(0.0015)) {
      status = rng.chance(0.85) ? '办理中' : '已转办';
      closed = null;
    } else {
      status = rng.weighted(['已办结', '已退回', '已撤销'] as const, [95.5, 2.5, 2]);
      if (status !== '已办结') closed = Math.min(closedAt, accepted + HOUR + Math.floor(rng.exp(20 * HOUR)));
    }
    const [effortBase, effortMean] = EFFORT[type];
    const requester = rng.chance(p.enterprise) ? '企业' : '个人';
    return {
      id: `12345-${date}-${String(i + 1).padStart(6, '0')}`,
      department: dept.id,
      called,
      accepted,
      closed,
      due,
      unit: alias(rng, dept),
      type,
      text: hotlineText(rng, dept.id, type),
      caller: personName(rng),
      phone: mobile(rng),
      idNumber: rng.chance(0.6) ? idNumber(rng) : '',
      district: district(rng),
      channel,
      status,
      requester,
      effort: effortBase + Math.round(rng.exp(effortMean)),
      late: closed !== null && closed > due,
    };
  });
}

/** The case's fields in HOTLINE_HEADER order. */
export function hotlineFields(c: HotlineCase): string[] {
  return [
    c.id,
    formatIso(c.called),
    formatIso(c.accepted),
    c.closed === null ? '' : formatIso(c.closed),
    formatIso(c.due),
    c.unit,
    c.type,
    c.text,
    c.caller,
    c.phone,
    c.idNumber,
    c.district,
    c.channel,
    c.status,
    c.requester,
    String(c.effort),
  ];
}
