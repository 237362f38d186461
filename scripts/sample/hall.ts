/**
 * 政务服务大厅 applications: one day's submissions at a time, as structured records, and
 * their fields in the export's column order (service-hall.csv). Processing times follow
 * each guide's promised limit and each department's timeliness and its trend.
 */
import type { Department, Service } from './city.ts';
import { profileOf } from './city.ts';
import { companyName, district as drawDistrict, idNumber, mobile, personName, usccCode } from './people.ts';
import { cumulative, drawIndex, type Rng } from './prng.ts';
import { hallNote } from './text.ts';
import { AS_OF_END, citySeason, officeInstant, onlineSecond, progress, windowSecond, type Context } from './timeline.ts';
import { DAY, formatSlash, HOUR, MINUTE } from './time.ts';

export const HALL_HEADER = ['申请编号', '事项编码', '事项名称', '实施部门', '申请人', '证件号码', '联系方式', '申请人类型', '申请方式', '申请时间', '受理时间', '办结时间', '办件状态', '到现场次数', '所在区', '备注'] as const;

type HallChannel = '窗口' | '网上' | '掌上办' | '邮寄';
const CHANNEL_OF = { 'in-person': '窗口', online: '网上', mobile: '掌上办', post: '邮寄' } as const satisfies Record<Service['channels'][number], HallChannel>;

/** One application with instants as local seconds. */
export interface HallCase {
  id: string;
  service: Service;
  departmentName: string;
  applicant: string;
  idNumber: string;
  phone: string;
  applicantType: '自然人' | '法人';
  channel: HallChannel;
  submitted: number;
  accepted: number;
  closed: number | null;
  status: '办结' | '在办' | '不予受理' | '撤回';
  visits: number;
  district: string;
  note: string;
  late: boolean;
}

/** Whether a service can be applied for when the hall is closed. */
export function onlineCapable(s: Service): boolean {
  return s.channels.includes('online') || s.channels.includes('mobile');
}

/**
 * Base popularity of each service: a seeded spread, raised so that no service falls
 * below 0.4/n of the total (every service gets a few hundred applications).
 */
export function servicePopularity(rng: Rng, services: readonly Service[]): number[] {
  const raw = services.map((s) => Math.min(4, Math.max(0.3, Math.exp(0.75 * rng.normal()))) * profileOf(s.department).hall);
  const total = raw.reduce((a, b) => a + b, 0);
  const floor = (0.4 / Math.max(1, services.length)) * total;
  return raw.map((w) => Math.max(w, floor));
}

/** Relative volume of each service on a day of `month`; on non-working days only online-capable ones. */
export function hallWeights(services: readonly Service[], popularity: readonly number[], month: number, workday: boolean): number[] {
  return services.map((s, i) => {
    if (!workday && !onlineCapable(s)) return 0;
    const p = profileOf(s.department);
    return (popularity[i] ?? 0) * (p.season[month - 1] ?? 1) * citySeason(month) * (workday ? 1 : 0.12);
  });
}

function channelOf(rng: Rng, s: Service, t: number, workday: boolean, digital: number): HallChannel {
  const options = s.channels.filter((c) => workday || c === 'online' || c === 'mobile');
  const weights = options.map((c) => (c === 'in-person' ? 1 - 0.35 * t : c === 'online' ? (0.4 + 0.5 * t) * digital : c === 'mobile' ? (0.15 + 0.6 * t) * digital : 0.06));
  return CHANNEL_OF[rng.weighted(options, weights)];
}

function applicant(rng: Rng, s: Service, district: string, enterpriseShare: number): Pick<HallCase, 'applicant' | 'idNumber' | 'applicantType'> {
  const citizen = s.serves.includes('citizen');
  const firm = s.serves.includes('enterprise') && (!citizen || rng.chance(Math.max(0.2, enterpriseShare * 1.5)));
  if (firm) return { applicant: companyName(rng, district), idNumber: usccCode(rng), applicantType: '法人' };
  return { applicant: personName(rng), idNumber: idNumber(rng), applicantType: '自然人' };
}

/** When staff accept an application submitted at `submitted` through `channel`. */
function acceptance(ctx: Context, rng: Rng, channel: HallChannel, submitted: number): number {
  if (channel === '窗口') return submitted + rng.range(3, 25) * MINUTE;
  const day = Math.floor(submitted / DAY);
  const s = submitted - day * DAY;
  if (channel !== '邮寄' && ctx.work.isWorkday(day) && s >= 9 * HOUR && s < 16 * HOUR) return Math.min(submitted + MINUTE + Math.floor(rng.exp(1.5 * HOUR)), day * DAY + 17 * HOUR + 25 * MINUTE);
  const next = ctx.work.addWorkdays(day, 1);
  return next * DAY + 9 * HOUR + Math.floor(rng.exp(1.5 * HOUR));
}

/** Working days (or natural days) from acceptance to closing, and whether that is late. */
function processingDays(rng: Rng, limit: number, lateShare: number): { days: number; late: boolean } {
  if (rng.chance(lateShare)) return { days: limit + 1 + Math.floor(rng.exp(Math.max(1, limit * 0.35))), late: true };
  if (limit === 0) return { days: 0, late: false };
  return { days: rng.chance(0.12) ? 0 : 1 + Math.floor(rng.next() ** 0.8 * limit * 0.999), late: false };
}

/** The `n` applications submitted on `day`, in submission order; `nextNumber` yields the running number. */
export function hallDay(
  ctx: Context,
  rng: Rng,
  services: readonly Service[],
  departments: ReadonlyMap<string, Department>,
  weights: readonly number[],
  day: number,
  n: number,
  nextNumber: () => string,
): HallCase[] {
  const cum = cumulative(weights);
  const t = progress(day);
  const workday = ctx.work.isWorkday(day);
  const drafts = [];
  for (let i = 0; i < n; i++) {
    const service = services[drawIndex(cum, rng)] as Service;
    const p = profileOf(service.department);
    const channel = channelOf(rng, service, t, workday, p.digital);
    const second = channel === '窗口' || channel === '邮寄' ? windowSecond(rng) : onlineSecond(rng);
    drafts.push({ service, channel, submitted: day * DAY + second });
  }
  drafts.sort((a, b) => a.submitted - b.submitted);
  return drafts.map(({ service, channel, submitted }) => {
    const p = profileOf(service.department);
    const dept = departments.get(service.department);
    const district = drawDistrict(rng);
    const accepted = acceptance(ctx, rng, channel, submitted);
    const acceptDay = Math.floor(accepted / DAY);
    const lateShare = p.lateStart + (p.lateEnd - p.lateStart) * t;
    const limit = service.promisedLimit;
    const { days, late } = processingDays(rng, limit.days, lateShare);
    let closeDay: number;
    if (days === 0) closeDay = acceptDay;
    else if (limit.unit === 'working') closeDay = ctx.work.addWorkdays(acceptDay, days);
    else {
      closeDay = acceptDay + days;
      while (!late && closeDay > acceptDay && !ctx.work.isWorkday(closeDay)) closeDay--;
    }
    let closedAt = closeDay === acceptDay && days === 0 && limit.days === 0 ? accepted + rng.range(5, 90) * MINUTE : officeInstant(rng, closeDay, accepted);
    let status: HallCase['status'] = rng.weighted(['办结', '不予受理', '撤回'] as const, [95, 3, 2]);
    if (status !== '办结') closedAt = Math.min(closedAt, officeInstant(rng, ctx.work.addWorkdays(acceptDay, rng.int(3)), accepted));
    let closed: number | null = closedAt;
    if (closedAt > AS_OF_END || rng.chance(0.0015)) {
      status = '在办';
      closed = null;
    }
    const inPerson = channel === '窗口';
    return {
      id: nextNumber(),
      service,
      departmentName: dept === undefined ? service.department : rng.chance(0.6) || dept.aliases.length === 0 ? dept.name.zh : rng.pick(dept.aliases),
      ...applicant(rng, service, district, p.enterprise),
      phone: mobile(rng),
      channel,
      submitted,
      accepted,
      closed,
      status,
      visits: inPerson ? rng.weighted([1, 2, 3], late ? [45, 38, 17] : [72, 21, 7]) : 0,
      district,
      note: hallNote(rng, status),
      late: late && status === '办结',
    };
  });
}

/** The application's fields in HALL_HEADER order. */
export function hallFields(c: HallCase): string[] {
  return [
    c.id,
    c.service.code,
    c.service.name.zh,
    c.departmentName,
    c.applicant,
    c.idNumber,
    c.phone,
    c.applicantType,
    c.channel,
    formatSlash(c.submitted),
    formatSlash(c.accepted),
    c.closed === null ? '' : formatSlash(c.closed),
    c.status,
    String(c.visits),
    c.district,
    c.note,
  ];
}
