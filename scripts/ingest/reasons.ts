/**
 * Reason codes for quarantined rows, with the explanation shown on the data-quality page.
 * Every code ingest can emit is listed here (a unit test holds the two in step).
 */
export const reasonText: Record<string, { zh: string; en: string }> = {
  'malformed-row': {
    zh: '字段数与表头不一致，无法可靠读取该行',
    en: 'The row has a different number of fields than the header, so it cannot be read reliably',
  },
  'duplicate-row': { zh: '与前面某行完全相同的重复行', en: 'An exact repeat of an earlier row' },
  'duplicate-id': {
    zh: '编号与前面某行相同但内容不同，保留首次出现的记录',
    en: 'The id repeats an earlier row with different content; the first row is kept',
  },
  'missing-field': { zh: '必填字段为空', en: 'A required field is empty' },
  'unparsable-date': {
    zh: '日期时间无法按约定格式解析，或日期不存在',
    en: 'The date or time does not match the declared format, or does not exist',
  },
  'invalid-value': { zh: '取值不在约定的代码表内', en: 'The value is not one of the declared codes' },
  'invalid-number': { zh: '应为非负数字', en: 'A non-negative number was expected' },
  'unknown-department': { zh: '无法对应到已登记的部门', en: 'The department does not match any registered department' },
  'unknown-service': { zh: '事项编码不在已发布的办事指南中', en: 'The service code matches no published service guide' },
  'department-mismatch': {
    zh: '办理部门与该事项办事指南所列部门不一致',
    en: 'The department differs from the one the service guide names',
  },
  'closed-before-opened': { zh: '办结时间早于申请或受理时间', en: 'Closed before it was submitted or accepted' },
  'closed-too-fast': {
    zh: '办结用时短于数据源设定的合理下限（minCloseSeconds），疑为补录或测试数据',
    en: 'Closed faster than the plausible minimum the source sets (minCloseSeconds); likely back-filled or test data',
  },
  'future-date': { zh: '时间晚于数据截止日', en: 'A date is later than the as-of date of the data' },
  'unknown-reference': { zh: '评价或整改记录所指的业务编号不存在', en: 'The rating or rectification record refers to a case that does not exist' },
  'ambiguous-reference': {
    zh: '评价或整改记录所指的业务编号在多个数据源中出现',
    en: 'The rating or rectification record refers to a case id found in more than one source',
  },
  'reference-quarantined': {
    zh: '评价或整改记录所指的业务记录本身已被隔离',
    en: 'The rating or rectification record refers to a case that was itself quarantined',
  },
  'superseded-rating': {
    zh: '同一业务有更晚的评价，仅保留最新一条',
    en: 'A later rating exists for the same case; only the latest is kept',
  },
};
