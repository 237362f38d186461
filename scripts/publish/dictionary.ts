/**
 * The data dictionary: every column of every published table, in zh and en. The CSV and
 * JSON writers take their column order from here, so a column cannot be published without
 * a description (tests/unit/publish-files.test.ts checks both directions).
 */
import type { Dictionary } from '../../src/lib/published.ts';
import { publicDictionary } from './dictionary-public.ts';

type Column = Dictionary[string]['columns'][number];
type ColumnType = Column['type'];

function col(name: string, type: ColumnType, zh: string, en: string): Column {
  return { name, type, description: { zh, en } };
}

const measures: Column[] = [
  col('requests', 'integer', '该单元内提交的办件数（按提交日期计）。1 至 minCell-1 件的单元不公布（空值），0 件照常公布为 0。', 'Requests submitted in the cell (by submission date). Cells of 1 to minCell-1 requests are suppressed (empty); 0 is published as 0.'),
  col('ch_online', 'integer', '经网上（PC 端）渠道提交的办件数。', 'Requests submitted online (web).'),
  col('ch_mobile', 'integer', '经移动端（App、小程序）提交的办件数。', 'Requests submitted on mobile (app, mini-program).'),
  col('ch_phone', 'integer', '经电话（含 12345 热线）提交的办件数。', 'Requests submitted by phone (including the 12345 hotline).'),
  col('ch_in_person', 'integer', '在窗口现场提交的办件数。', 'Requests submitted in person at a counter.'),
  col('ch_other', 'integer', '经其他渠道（信件、邮件等）提交的办件数。', 'Requests submitted through other channels (letter, e-mail, etc.).'),
  col('closed', 'integer', '截至数据截止日已办结的办件数（含办结、不予受理、撤回、转办等任一终结状态）。', 'Requests closed by the as-of date, whatever the closing status (completed, rejected, withdrawn, transferred).'),
  col('median_wd', 'number', '已办结办件从提交到办结的工作日数的中位数：按升序排列后取中间值，件数为偶数时取中间两个值的平均（可能为 .5）。工作日数 = 提交日（不含）至办结日（含）之间的工作日，按本市节假日及调休安排计算，同日办结为 0。已办结少于 minCell 件时为空。', 'Median working days from submission to closure over closed requests: the middle value of the sorted list, or the mean of the two middle values when the count is even (may end in .5). Working days = working days after the submission date up to and including the closing date, by the city\'s holiday and make-up workday calendar; closed the same day = 0. Empty when fewer than minCell requests are closed.'),
  col('p90_wd', 'integer', '已办结办件工作日数的第 90 百分位数（最近秩法）：升序排列后第 ⌈0.9×n⌉ 个值。已办结少于 minCell 件时为空。', '90th percentile of working days over closed requests (nearest rank): the value at position ⌈0.9 × n⌉ of the sorted list. Empty when fewer than minCell requests are closed.'),
  col('due_n', 'integer', '已办结且有办结期限的办件数。期限取数据源给出的期限；没有时按办事指南的承诺时限从提交日起算（工作日或自然日）。', 'Closed requests with a due date: the source\'s due date, or else the service guide\'s promised limit counted from the submission date (working or natural days).'),
  col('on_time', 'integer', '在期限内办结的办件数（办结日不晚于期限日；数据源给出期限时比较时刻）。', 'Requests closed by their due date (closing date on or before the due date; for a due time given by the source, the instants are compared).'),
  col('on_time_rate', 'number', '按时办结率 = on_time / due_n，保留 4 位小数。due_n 少于 minCell 时为空。', 'On-time rate = on_time / due_n, rounded to 4 decimals. Empty when due_n is below minCell.'),
  col('rated', 'integer', '收到评价（好差评 1–5 级）的办件数。', 'Requests rated (the five 好差评 levels, 1 to 5).'),
  col('satisfied', 'integer', '评价为 4（满意）或 5（非常满意）的办件数。', 'Ratings of 4 (satisfied) or 5 (very satisfied).'),
  col('satisfaction_rate', 'number', '满意率 = satisfied / rated，保留 4 位小数。rated 少于 minCell 时为空。', 'Satisfaction rate = satisfied / rated, rounded to 4 decimals. Empty when rated is below minCell.'),
  col('mean_rating', 'number', '平均评价等级（1 非常不满意 – 5 非常满意），保留 2 位小数。rated 少于 minCell 时为空。', 'Mean rating (1 very dissatisfied to 5 very satisfied), rounded to 2 decimals. Empty when rated is below minCell.'),
];

const department = col('department', 'string', '部门编号（见 departments）。', 'Department id (see departments).');
const service = col('service', 'string', '服务事项编号（见 services）。', 'Service id (see services).');
const month = col('month', 'month', '月份（YYYY-MM），按本市时区的提交日期。', 'Month (YYYY-MM) of submission, in the city\'s time zone.');
const periodFrom = col('period_from', 'month', '统计期起始月份（YYYY-MM），即截止月份在内的最近 12 个月的第一个月。', 'First month (YYYY-MM) of the period: the 12 months ending with the as-of month.');
const periodTo = col('period_to', 'month', '统计期最后一个月（YYYY-MM），即截止日所在月份。', 'Last month (YYYY-MM) of the period: the as-of month.');

export const dictionary: Dictionary = {
  departments: {
    title: { zh: '部门', en: 'Departments' },
    description: { zh: '本站覆盖的部门及其公布的办事指南数量。', en: 'Departments covered and the number of service guides published for each.' },
    columns: [
      col('id', 'string', '部门编号。', 'Department id.'),
      col('name_zh', 'string', '部门中文名称。', 'Department name in Chinese.'),
      col('name_en', 'string', '部门英文名称。', 'Department name in English.'),
      col('services', 'integer', '公布的办事指南数量。', 'Number of published service guides.'),
    ],
  },
  services: {
    title: { zh: '服务事项', en: 'Services' },
    description: { zh: '办事指南中的服务事项及其法定和承诺办结时限。', en: 'Services from the published guides, with their statutory and promised time limits.' },
    columns: [
      col('id', 'string', '服务事项编号。', 'Service id.'),
      col('code', 'string', '事项编码。', 'Item code in the guide system.'),
      department,
      col('name_zh', 'string', '事项中文名称。', 'Service name in Chinese.'),
      col('name_en', 'string', '事项英文名称（未翻译时为空）。', 'Service name in English (empty when not yet translated).'),
      col('category', 'string', '事项类别编号。', 'Category id.'),
      col('promised_days', 'integer', '承诺办结时限（天数，0 为即办）。', 'Promised time limit in days (0 = same day).'),
      col('promised_unit', 'string', '承诺时限单位：working（工作日）或 natural（自然日）。', 'Unit of the promised limit: working or natural days.'),
      col('statutory_days', 'integer', '法定办结时限（天数）。', 'Statutory time limit in days.'),
      col('statutory_unit', 'string', '法定时限单位：working（工作日）或 natural（自然日）。', 'Unit of the statutory limit: working or natural days.'),
    ],
  },
  'department-month': {
    title: { zh: '部门月度指标', en: 'Department by month' },
    description: { zh: '每个部门每月的办件量、办理时长、按时率和满意度。', en: 'Volume, time to close, on-time rate and satisfaction per department and month.' },
    columns: [department, month, ...measures],
  },
  'service-month': {
    title: { zh: '事项月度指标', en: 'Service by month' },
    description: { zh: '每个服务事项每月的指标（不含未对应办事指南的热线工单）。', en: 'Measures per service and month (hotline cases not tied to a guide are not included).' },
    columns: [service, department, month, ...measures],
  },
  'department-summary': {
    title: { zh: '部门年度汇总', en: 'Department summary' },
    description: { zh: '每个部门最近 12 个月的指标，以及此前 12 个月的对比值。', en: 'Measures per department over the last 12 months, with the 12 months before for change.' },
    columns: [
      department,
      periodFrom,
      periodTo,
      ...measures,
      col('prev_requests', 'integer', '上一统计期（此前 12 个月）的办件数；1 至 minCell-1 件时为空。', 'Requests in the previous period (the 12 months before); empty when 1 to minCell-1.'),
      col('prev_on_time_rate', 'number', '上一统计期的按时办结率，规则同 on_time_rate。', 'On-time rate in the previous period, same rules as on_time_rate.'),
      col('prev_satisfaction_rate', 'number', '上一统计期的满意率，规则同 satisfaction_rate。', 'Satisfaction rate in the previous period, same rules as satisfaction_rate.'),
    ],
  },
  'service-summary': {
    title: { zh: '事项年度汇总', en: 'Service summary' },
    description: { zh: '每个服务事项最近 12 个月的指标。', en: 'Measures per service over the last 12 months.' },
    columns: [service, department, periodFrom, periodTo, ...measures],
  },
  'city-month': {
    title: { zh: '全市月度指标', en: 'City by month' },
    description: { zh: '全市所有办件（含热线工单）每月的指标。', en: 'Measures over all requests (hotline cases included) per month.' },
    columns: [month, ...measures],
  },
  requests: {
    title: { zh: '办件明细（匿名）', en: 'Requests (anonymized)' },
    description: {
      zh: '逐件的匿名记录，对准标识符（区县、提交日期、申请人类型、事项、渠道）满足 k-匿名：每种公布的组合至少有 k 件。组合不足 k 件时逐级泛化（日期→周→月，区县→全市，事项→类别），仍不足则不列出；汇总单元被抑制的办件也不列出。未列出的记录仍计入所有汇总指标。未列出的多为少见的组合（往往是办理较慢或不寻常的办件），因此由本表计算的比率（如按时办结率）会与公布的汇总指标不同；比率请以汇总表为准。不含任何自由文本。',
      en: 'One anonymized row per request, k-anonymous on its quasi-identifiers (district, submission date, client type, service, channel): every published combination is shared by at least k rows. Where a combination has fewer than k, it is generalized step by step (date → week → month, district → city, service → category), and left out if still too small; requests in a suppressed aggregate cell are left out too. Rows left out still count in every aggregate. The rows left out are mostly rare combinations, often slow or unusual cases, so rates computed from this table (on-time rate, for example) differ from the published aggregates: use the aggregate tables for rates. No free text is included.',
    },
    columns: [
      col('record', 'integer', '本次发布内的顺序编号（不是原始编号）。', 'Sequential number within this release (not the source id).'),
      col('source', 'string', '数据来源名称。', 'Name of the data source.'),
      department,
      col('service', 'string', '服务事项编号；未对应办事指南的热线工单，以及为 k-匿名泛化到类别的记录为空。', 'Service id; empty for hotline cases not tied to a guide and for records generalized to their category for k-anonymity.'),
      col('category', 'string', '事项类别（热线工单为工单分类）。', 'Service category (for hotline cases, the case category).'),
      col('district', 'string', '区县；为 k-匿名泛化时为全市名称；未知为空。', 'District; the city\'s name where generalized for k-anonymity; empty when unknown.'),
      col('period', 'string', '提交日期（本市时区）：日期 YYYY-MM-DD，或为 k-匿名泛化后的 ISO 周 YYYY-Www 或月份 YYYY-MM。', 'Submission date in the city\'s time zone: a day (YYYY-MM-DD), or, generalized for k-anonymity, an ISO week (YYYY-Www) or a month (YYYY-MM).'),
      col('channel', 'string', '提交渠道：online、mobile、phone、in_person、other。', 'Channel: online, mobile, phone, in_person, other.'),
      col('client_type', 'string', '申请人类型：citizen（个人）、enterprise（企业）、unknown（其他或未知）。', 'Client type: citizen, enterprise, unknown (other or not known).'),
      month,
      col('status', 'string', '状态：open（在办）、closed（办结）、rejected（不予受理）、withdrawn（撤回）、transferred（转办）。截止日后办结的视为在办。', 'Status: open, closed, rejected, withdrawn, transferred. Requests closed after the as-of date are shown as open.'),
      col('working_days', 'integer', '提交日（不含）至办结日（含）的工作日数；在办为空。', 'Working days after the submission date up to and including the closing date; empty while open.'),
      col('on_time', 'boolean', '是否在期限内办结（true/false）；在办或无期限时为空。', 'Closed by the due date (true/false); empty when open or without a due date.'),
      col('rating', 'integer', '好差评等级 1–5（1 非常不满意 … 5 非常满意）；未评价为空。', 'Rating 1 to 5 (1 very dissatisfied … 5 very satisfied); empty when not rated.'),
    ],
  },
  quality: {
    title: { zh: '数据质量', en: 'Data quality' },
    description: { zh: '每个数据源的输入行数、公布行数和隔离行数：输入 = 公布 + 隔离。', en: 'Rows in, published and quarantined per source: rows in = published + quarantined.' },
    columns: [
      col('source', 'string', '数据源名称。', 'Source name.'),
      col('file', 'string', '原始导出文件名。', 'Raw export file name.'),
      col('rows_in', 'integer', '读入的数据行数（不含表头）。', 'Data rows read (header excluded).'),
      col('published', 'integer', '通过检查并公布的行数。', 'Rows that passed the checks and were published.'),
      col('quarantined', 'integer', '因问题被隔离、未公布的行数（原因见 quarantine）。', 'Rows quarantined and not published (reasons in quarantine).'),
      col('by_reason', 'string', '按原因统计的隔离行数，格式为“原因代码:行数”，以分号分隔。', 'Quarantined rows by reason code, as "code:count" separated by semicolons.'),
    ],
  },
  quarantine: {
    title: { zh: '隔离行', en: 'Quarantined rows' },
    description: { zh: '未能公布的输入行：位置、原因和经脱敏的摘录。', en: 'Input rows that could not be published: where, why, and a scrubbed excerpt.' },
    columns: [
      col('source', 'string', '数据源名称。', 'Source name.'),
      col('file', 'string', '原始导出文件名。', 'Raw export file name.'),
      col('row', 'integer', '数据行号（从 1 开始，表头为第 0 行）。', 'Data row number (1-based; the header is row 0).'),
      col('column', 'string', '出错的原始列名；整行有误时为空。', 'Raw column at fault; empty when the row as a whole is at fault.'),
      col('reason', 'string', '原因代码（说明见 quality.json 的 reasons）。', 'Reason code (explained in quality.json under reasons).'),
      col('excerpt', 'string', '经脱敏的原始内容摘录，最多 300 个字符。', 'Scrubbed excerpt of the raw row, at most 300 characters.'),
    ],
  },
  guides: {
    title: { zh: '办事指南', en: 'Service guides' },
    description: { zh: '每份公布的办事指南的摘要（完整指南见 guides-full.jsonl），含导入时保留的原文时限和问题数。', en: 'A summary of every published service guide (complete guides in guides-full.jsonl), with the original limit text kept by imports and the number of problems found.' },
    columns: [
      col('id', 'string', '服务事项编号。', 'Service id.'),
      col('code', 'string', '事项编码。', 'Item code in the guide system.'),
      department,
      col('name_zh', 'string', '事项中文名称。', 'Service name in Chinese.'),
      col('name_en', 'string', '事项英文名称（未翻译时为空）。', 'Service name in English (empty when not yet translated).'),
      col('item_type', 'string', '事项类型：administrative-licensing（行政许可）、administrative-confirmation（行政确认）、administrative-payment（行政给付）、public-service（公共服务）、other-administrative（其他行政权力）。', 'Item type: administrative-licensing, administrative-confirmation, administrative-payment, public-service, other-administrative.'),
      col('serves', 'string', '服务对象：citizen（自然人）、enterprise（法人），以分号分隔。', 'Who it serves: citizen, enterprise, separated by semicolons.'),
      col('category', 'string', '事项类别编号。', 'Category id.'),
      col('promised_days', 'integer', '承诺办结时限（天数，0 为即办）。', 'Promised time limit in days (0 = same day).'),
      col('promised_unit', 'string', '承诺时限单位：working（工作日）或 natural（自然日）。', 'Unit of the promised limit: working or natural days.'),
      col('promised_text', 'string', '导入时指南系统原文写法（如“5个工作日”）；Markdown 指南为空。', 'The promised limit as the guide system wrote it (e.g. "5个工作日"); empty for Markdown guides.'),
      col('statutory_days', 'integer', '法定办结时限（天数）。', 'Statutory time limit in days.'),
      col('statutory_unit', 'string', '法定时限单位：working 或 natural。', 'Unit of the statutory limit: working or natural days.'),
      col('statutory_text', 'string', '法定时限的原文写法（如“30(工作日)”）；Markdown 指南为空。', 'The statutory limit as written (e.g. "30(工作日)"); empty for Markdown guides.'),
      col('fee_free', 'boolean', '是否不收费。', 'Whether the service is free of charge.'),
      col('fees_text', 'string', '导入时收费的原文写法；为空表示无原文或无需解释。', 'Fees as the guide system wrote them, when an import interpreted them; otherwise empty.'),
      col('visits', 'integer', '到办事现场次数（0 为全程网办）。', 'In-person visits required (0 = fully online).'),
      col('materials', 'integer', '申请材料项数。', 'Number of application materials.'),
      col('channels', 'string', '办理渠道：online、in-person、mobile、post，以分号分隔。', 'Ways to apply: online, in-person, mobile, post, separated by semicolons.'),
      col('version', 'string', '指南版本号。', 'Guide version.'),
      col('effective', 'date', '该版本生效日期（YYYY-MM-DD）。', 'Date this version took effect (YYYY-MM-DD).'),
      col('origin', 'string', '指南来源文件（结构化导出时附行号，如 guide-exports/x.jsonl#3）。', 'File the guide came from (with the row for structured exports, e.g. guide-exports/x.jsonl#3).'),
      col('issues', 'integer', '导入时需要解释或未能读取的值的个数（详见 quality.json 的 guides）。', 'Values an import had to interpret or could not read (listed in quality.json under guides).'),
    ],
  },
  changes: {
    title: { zh: '指南和规章变更', en: 'Changes to guides and rules' },
    description: { zh: '与上一版本相比，办事指南和规章的变化：新增或撤销、材料增减、时限缩短、收费变化、规章状态变化。', en: 'What changed in service guides and rules since the previous release: added or withdrawn, materials added or dropped, limits cut, fees changed, rule status changed.' },
    columns: [
      col('date', 'date', '变更日期：带来变更的指南版本的生效日期，否则为本次发布日期。', 'Date of the change: the effective date of the guide version that brought it, or else the release date.'),
      col('kind', 'string', 'service（办事指南）或 rule（规章）。', 'service (guide) or rule.'),
      col('id', 'string', '指南或规章编号。', 'Guide or rule id.'),
      col('change', 'string', '变更类型：added、removed、material-added、material-dropped、limit-cut、limit-changed、fee-changed、visits-changed、renamed、status-changed。', 'Kind of change: added, removed, material-added, material-dropped, limit-cut, limit-changed, fee-changed, visits-changed, renamed, status-changed.'),
      col('field', 'string', '变更的字段（materials、promisedLimit、statutoryLimit、fees、visits、name、status），整体新增或撤销时为空。', 'Field that changed (materials, promisedLimit, statutoryLimit, fees, visits, name, status); empty when the whole guide or rule was added or removed.'),
      col('before', 'string', '变更前的值（时限写作“天数 单位”）。', 'Value before (limits as "days unit").'),
      col('after', 'string', '变更后的值。', 'Value after.'),
    ],
  },
  ...publicDictionary,
};

/** Column names of a dataset, in published order. Throws for an unknown dataset. */
export function columnsOf(dataset: string): string[] {
  return typedColumnsOf(dataset).map((c) => c.name);
}

/** Columns of a dataset with their types, in published order (the Parquet schema). Throws for an unknown dataset. */
export function typedColumnsOf(dataset: string): { name: string; type: Dictionary[string]['columns'][number]['type'] }[] {
  const entry = dictionary[dataset];
  if (!entry) throw new Error(`data dictionary has no dataset "${dataset}"`);
  return entry.columns.map((c) => ({ name: c.name, type: c.type }));
}
