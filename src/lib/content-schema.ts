/**
 * Schemas of the publisher's content: service guides (办事指南) in data/services/*.md
 * and rules in data/rules/*.md. Both keep all fields in YAML front matter, in zh and en.
 * Used by src/content.config.ts (the site) and by scripts/ (the pipeline reads promised
 * limits), so a bad guide fails the build naming the file and the field.
 */
import { z } from 'zod';

/** Text in both languages; `en` may be empty, and the site then shows zh with a notice. */
export const bilingual = z.object({
  /** Simplified Chinese text (required). */
  zh: z.string().min(1),
  /** English text; an empty string means "not translated yet". */
  en: z.string(),
});
export type Bilingual = z.infer<typeof bilingual>;

/** A list of bilingual items, e.g. conditions. */
const bilingualList = z.object({ zh: z.array(z.string().min(1)), en: z.array(z.string()) });

/** A time limit as a guide states it: "20 个工作日" = { days: 20, unit: 'working' }. */
export const timeLimit = z.object({
  /** Number of days; 0 means same-day (即办件). */
  days: z.number().int().min(0),
  /** Whether the days are working days (excluding holidays, counting make-up days) or natural days. */
  unit: z.enum(['working', 'natural']),
  /** The limit as the guide system wrote it (e.g. "30(工作日)"), kept beside the parsed value by imports. */
  text: z.string().optional(),
});
export type TimeLimit = z.infer<typeof timeLimit>;

export const itemTypes = [
  'administrative-licensing', // 行政许可
  'administrative-confirmation', // 行政确认
  'administrative-payment', // 行政给付
  'public-service', // 公共服务
  'other-administrative', // 其他行政权力
] as const;

export const channels = ['online', 'in-person', 'mobile', 'post'] as const;

export const serviceGuide = z.object({
  /** URL slug and stable id, e.g. "business-licence". Must equal the file name. */
  id: z.string().regex(/^[a-z0-9-]+$/),
  /** 事项编码: the item code in the guide system (fictional for the sample). */
  code: z.string().min(1),
  /** Department id from data/departments.yaml. */
  department: z.string().min(1),
  /** Service name. */
  name: bilingual,
  /** Words people use for this service (colloquial, abbreviations); indexed for search. */
  keywords: bilingualList,
  /** Item type (事项类型). */
  itemType: z.enum(itemTypes),
  /** Who the service is for. */
  serves: z.array(z.enum(['citizen', 'enterprise'])).min(1),
  /** Category id used to group services and to generalize records, e.g. "business". */
  category: z.string().min(1),
  /** One-paragraph plain description. */
  summary: bilingual,
  /** 设定依据: laws and rules; `rule` links to data/rules/<rule>.md when we publish it. */
  legalBasis: z.array(z.object({ title: bilingual, rule: z.string().optional() })).min(1),
  /** 受理条件: who may apply and when. */
  conditions: bilingualList,
  /** 申请材料. */
  materials: z
    .array(
      z.object({
        name: bilingual,
        /** Original, copy, or both. */
        form: z.enum(['original', 'copy', 'original-and-copy', 'electronic']),
        /** Number of copies. */
        copies: z.number().int().min(0),
        /** Required always, or only in the case `condition` describes. */
        required: z.boolean(),
        condition: bilingual.optional(),
        /** Where the applicant gets it (e.g. "申请人自备", "公安机关"). */
        source: bilingual,
        /** Link to the blank form (空白表格), when the guide system offers one. */
        blankForm: z.url({ protocol: /^https?$/ }).optional(),
        /** Link to a filled-in sample (示例样表). */
        sample: z.url({ protocol: /^https?$/ }).optional(),
        /** The material as the guide system wrote it, when an import had to interpret it. */
        text: z.string().optional(),
      }),
    )
    .min(1),
  /** 办理流程, in order. */
  steps: z.array(z.object({ title: bilingual, detail: bilingual })).min(1),
  /** Ways to apply. */
  channels: z.array(z.enum(channels)).min(1),
  /** 法定办结时限. */
  statutoryLimit: timeLimit,
  /** 承诺办结时限: the promise measured on the site. */
  promisedLimit: timeLimit,
  /** 收费: free, or items with standard and basis. */
  fees: z.object({
    free: z.boolean(),
    items: z.array(z.object({ name: bilingual, amountYuan: z.number().min(0), basis: bilingual })),
  }),
  /** 到办事现场次数: visits required in person (0 = fully online). */
  visits: z.number().int().min(0),
  /** 办理地点. */
  place: bilingual,
  /** 办理时间 (opening hours). */
  hours: bilingual,
  /** 咨询方式 and 投诉方式: phone (landline or 12345) and email (example.org in the sample). */
  contacts: z.object({
    consultPhone: z.string().min(1),
    complaintPhone: z.string().min(1),
    email: z.email(),
    /** Contacts as the guide system wrote them (e.g. "0000-12345678转8001"), when an import reformatted them. */
    text: z.string().optional(),
  }),
  /** 网上办理地址. */
  onlineUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** Guide version and the date it took effect. */
  version: z.string().min(1),
  effective: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** 常见问题. */
  faq: z.array(z.object({ q: bilingual, a: bilingual })),
  /** Where the guide came from: a Markdown file, or a structured export and its row (set by the pipeline). */
  origin: z.object({ file: z.string(), row: z.number().int().min(1).optional() }).optional(),
  /** Fee text as the guide system wrote it (e.g. "无", "工本费20元"), when an import interpreted it. */
  feesText: z.string().optional(),
});
export type ServiceGuide = z.infer<typeof serviceGuide>;

export const ruleLevels = ['national-law', 'administrative-regulation', 'local-regulation', 'department-rule', 'normative-document'] as const;

export const rule = z.object({
  /** URL slug and stable id. Must equal the file name. */
  id: z.string().regex(/^[a-z0-9-]+$/),
  /** 文号, e.g. "示例市政规〔2024〕3号". */
  number: bilingual,
  title: bilingual,
  issuer: bilingual,
  /** Level in the hierarchy of norms. */
  level: z.enum(ruleLevels),
  issued: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  effective: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  repealed: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  status: z.enum(['in-force', 'amended', 'repealed']),
  /** Id of the rule this one replaces, and of the rule that replaced it. */
  supersedes: z.string().optional(),
  supersededBy: z.string().optional(),
  /** Service ids this rule governs. */
  services: z.array(z.string()),
  /** Full text; paragraphs separated by blank lines. */
  text: bilingual,
});
export type Rule = z.infer<typeof rule>;
