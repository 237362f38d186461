/**
 * Compact tables -> full service guides and rules for the fictional sample city 示例市 / Example City.
 * Pure: builds plain objects shaped like src/lib/content-schema.ts; generate.ts writes them.
 */
import type { Bilingual, Rule, ServiceGuide, TimeLimit } from '../../../src/lib/content-schema.ts';

type Form = ServiceGuide['materials'][number]['form'];
type Channel = ServiceGuide['channels'][number];
type ItemType = ServiceGuide['itemType'];

/** [nameZh, nameEn, form, copies, required, sourceZh, sourceEn, conditionZh?, conditionEn?] */
export type Mat = readonly [string, string, Form, number, boolean, string, string, string?, string?];
/** [titleZh, titleEn, detailZh, detailEn] */
export type Step = readonly [string, string, string, string];
/** [qZh, qEn, aZh, aEn] */
export type Faq = readonly [string, string, string, string];
/** [titleZh, titleEn, ruleId?] */
export type Basis = readonly [string, string, string?];
/** [nameZh, nameEn, amountYuan, basisZh, basisEn] */
export type Fee = readonly [string, string, number, string, string];
/** [days, 'w' working | 'n' natural] */
export type Limit = readonly [number, 'w' | 'n'];

export interface ServiceRow {
  id: string;
  /** Sequence number within the department, used for the fictional 事项编码. */
  n: number;
  dept: string;
  name: Bilingual;
  kw: { zh: string[]; en: string[] };
  type: ItemType;
  serves: ('citizen' | 'enterprise')[];
  cat: string;
  summary: Bilingual;
  basis: Basis[];
  cond: (readonly [string, string])[];
  mats: Mat[];
  steps: Step[];
  ch: Channel[];
  stat: Limit;
  prom: Limit;
  fees?: Fee[];
  visits: number;
  place?: Bilingual;
  hours?: Bilingual;
  /** Path under https://www.example.org/; defaults to zwfw/<dept>/<id>. */
  url?: string;
  version?: string;
  effective: string;
  faq: Faq[];
}

export const b = (zh: string, en: string): Bilingual => ({ zh, en });

interface Dept {
  code: string;
  ext: string;
  place: Bilingual;
  hours: Bilingual;
}

const CENTRE_ZH = '示例市政务服务中心（云台区市民大道100号）';
const CENTRE_EN = 'Example City Government Service Centre, 100 Civic Avenue, Yuntai District';

export const HOURS_WEEK = b(
  '周一至周五 9:00–12:00，13:30–17:30（法定节假日除外）',
  'Monday to Friday 9:00–12:00 and 13:30–17:30 (closed on public holidays)',
);
export const HOURS_SAT = b(
  '周一至周五 9:00–12:00，13:30–17:30；周六 9:00–12:00（法定节假日除外）',
  'Monday to Friday 9:00–12:00 and 13:30–17:30; Saturday 9:00–12:00 (closed on public holidays)',
);
export const HOURS_LONG = b(
  '周一至周五 8:30–12:00，13:00–17:30；周六、周日 9:00–16:00（法定节假日除外）',
  'Monday to Friday 8:30–12:00 and 13:00–17:30; Saturday and Sunday 9:00–16:00 (closed on public holidays)',
);

const centre = (zh: string, en: string): Bilingual => b(`${CENTRE_ZH}${zh}`, `${CENTRE_EN}, ${en}`);

export const DEPTS: Record<string, Dept> = {
  market: { code: 'MKT', ext: '2101', place: centre('一楼A区1–12号窗口', '1F Zone A, windows 1–12'), hours: HOURS_SAT },
  hrss: { code: 'HRS', ext: '2102', place: centre('二楼C区31–38号窗口', '2F Zone C, windows 31–38'), hours: HOURS_SAT },
  'healthcare-security': { code: 'HCS', ext: '2103', place: centre('二楼C区39–44号窗口', '2F Zone C, windows 39–44'), hours: HOURS_WEEK },
  'housing-fund': {
    code: 'HPF',
    ext: '2104',
    place: b('示例市住房公积金管理中心服务大厅（云台区建设路18号）一楼1–10号窗口', 'Example City Housing Provident Fund Centre service hall, 18 Jianshe Road, Yuntai District, 1F, windows 1–10'),
    hours: HOURS_SAT,
  },
  'public-security': { code: 'PSB', ext: '2105', place: centre('一楼D区51–58号窗口', '1F Zone D, windows 51–58'), hours: HOURS_LONG },
  'civil-affairs': { code: 'CIV', ext: '2106', place: centre('三楼E区61–64号窗口', '3F Zone E, windows 61–64'), hours: HOURS_WEEK },
  housing: { code: 'HUD', ext: '2107', place: centre('二楼B区23–28号窗口', '2F Zone B, windows 23–28'), hours: HOURS_WEEK },
  taxation: {
    code: 'TAX',
    ext: '2108',
    place: b('示例市税务局云台区办税服务厅（云台区财富路66号）一楼', 'Example City Taxation Bureau, Yuntai District tax service hall, 66 Caifu Road, Yuntai District, 1F'),
    hours: HOURS_SAT,
  },
  transport: { code: 'TRN', ext: '2109', place: centre('三楼F区71–74号窗口', '3F Zone F, windows 71–74'), hours: HOURS_WEEK },
  'natural-resources': {
    code: 'NRP',
    ext: '2110',
    place: b('示例市不动产登记中心（云台区市民大道100号政务服务中心西楼）一楼', 'Example City Real Estate Registration Centre, West Building of the Government Service Centre, 100 Civic Avenue, Yuntai District, 1F'),
    hours: HOURS_SAT,
  },
  education: { code: 'EDU', ext: '2111', place: centre('三楼E区65–66号窗口', '3F Zone E, windows 65–66'), hours: HOURS_WEEK },
  ecology: { code: 'ECO', ext: '2112', place: centre('三楼F区75–76号窗口', '3F Zone F, windows 75–76'), hours: HOURS_WEEK },
  health: { code: 'HLT', ext: '2113', place: centre('三楼E区67–69号窗口', '3F Zone E, windows 67–69'), hours: HOURS_WEEK },
  'urban-management': { code: 'URB', ext: '2114', place: centre('三楼F区77–78号窗口', '3F Zone F, windows 77–78'), hours: HOURS_WEEK },
};

const limit = ([days, u]: Limit): TimeLimit => ({ days, unit: u === 'w' ? 'working' : 'natural' });

/** Expands a compact row into a full guide (field order is the schema's, for stable output). */
export function guide(r: ServiceRow): ServiceGuide {
  const d = DEPTS[r.dept];
  if (!d) throw new Error(`${r.id}: unknown department ${r.dept}`);
  const fees = r.fees ?? [];
  return {
    id: r.id,
    code: `SL-${d.code}-${String(r.n).padStart(4, '0')}`,
    department: r.dept,
    name: r.name,
    keywords: r.kw,
    itemType: r.type,
    serves: r.serves,
    category: r.cat,
    summary: r.summary,
    legalBasis: r.basis.map(([zh, en, rule]) => (rule ? { title: b(zh, en), rule } : { title: b(zh, en) })),
    conditions: { zh: r.cond.map((c) => c[0]), en: r.cond.map((c) => c[1]) },
    materials: r.mats.map(([nz, ne, form, copies, required, sz, se, cz, ce]) => ({
      name: b(nz, ne),
      form,
      copies,
      required,
      ...(cz !== undefined ? { condition: b(cz, ce ?? '') } : {}),
      source: b(sz, se),
    })),
    steps: r.steps.map(([tz, te, dz, de]) => ({ title: b(tz, te), detail: b(dz, de) })),
    channels: r.ch,
    statutoryLimit: limit(r.stat),
    promisedLimit: limit(r.prom),
    fees: { free: fees.length === 0, items: fees.map(([nz, ne, amountYuan, bz, be]) => ({ name: b(nz, ne), amountYuan, basis: b(bz, be) })) },
    visits: r.visits,
    place: r.place ?? d.place,
    hours: r.hours ?? d.hours,
    contacts: { consultPhone: `12345 转 ${d.ext}`, complaintPhone: '12345', email: `${r.dept}@example.org` },
    onlineUrl: `https://www.example.org/${r.url ?? `zwfw/${r.dept}/${r.id}`}`,
    version: r.version ?? '2026.1',
    effective: r.effective,
    faq: r.faq.map(([qz, qe, az, ae]) => ({ q: b(qz, qe), a: b(az, ae) })),
  };
}

// Frequently used materials.
export const ID: Mat = ['申请人有效身份证件', 'Applicant’s valid identity document', 'original', 1, true, '公安机关', 'Public security authority'];
export const AGENT: Mat = [
  '委托书及受托人身份证件',
  'Power of attorney and the agent’s identity document',
  'original',
  1,
  false,
  '申请人自备',
  'Prepared by the applicant',
  '委托他人代为办理的',
  'If someone else applies on your behalf',
];
export const LICENCE: Mat = ['营业执照', 'Business licence', 'original', 1, true, '市场监督管理部门', 'Market regulation authority'];

export interface RuleRow extends Omit<Rule, 'text'> {
  /** Articles in order, [zh, en]; numbered when written. */
  articles: (readonly [string, string])[];
}

const CN = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五'];

/** Numbers the articles (第一条 / Article 1) and joins them as paragraphs. */
export function rule(r: RuleRow): Rule {
  const { articles, ...rest } = r;
  const zh = articles.map(([z], i) => `第${CN[i] ?? String(i + 1)}条\u3000${z}`).join('\n\n');
  const en = articles.map(([, e], i) => `Article ${i + 1}. ${e}`).join('\n\n');
  return { ...rest, text: b(zh, en) };
}
