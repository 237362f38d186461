/**
 * Presets: source descriptions for common export layouts. A source names one with
 * `preset:` and overrides or adds keys; objects merge key by key, lists are replaced.
 */

const hotline12345 = {
  kind: 'requests',
  format: 'csv',
  columns: {
    工单编号: 'id', 来电时间: 'submittedAt', 受理时间: 'acceptedAt', 办结时间: 'closedAt', 办结时限: 'dueAt',
    承办单位: 'department', 诉求类型: ['needType', 'category'], 诉求内容: 'description', 来电人: 'name',
    联系电话: 'phone', 证件号码: 'idNumber', 所属区县: 'district', 来源渠道: 'channel', 工单状态: 'status',
    诉求人类型: 'clientType', '办理用时(分钟)': 'effortMinutes',
  },
  dateFormats: { default: 'YYYY-MM-DD HH:mm:ss' },
  values: {
    needType: { 咨询: 'information', 投诉: 'complaint', 举报: 'complaint', 求助: 'public-service', 建议: 'unknown', 表扬: 'unknown' },
    category: { 咨询: 'consultation', 投诉: 'complaint', 举报: 'report', 求助: 'help', 建议: 'suggestion', 表扬: 'praise' },
    channel: { 电话: 'phone', 网站: 'online', 微信: 'mobile', APP: 'mobile', 短信: 'other' },
    status: { 已办结: 'closed', 办理中: 'open', 已退回: 'rejected', 已撤销: 'withdrawn', 已转办: 'transferred' },
    clientType: { 个人: 'citizen', 企业: 'enterprise' },
  },
  defaults: { category: 'hotline', clientType: 'unknown', tier: 1 },
  required: ['id', 'submittedAt', 'department', 'status', 'channel', 'needType'],
};

const serviceHall = {
  kind: 'requests',
  format: 'csv',
  columns: {
    申请编号: 'id', 事项编码: 'service', 实施部门: 'department', 申请人: 'name', 证件号码: 'idNumber', 联系方式: 'phone',
    申请人类型: 'clientType', 申请方式: 'channel', 申请时间: 'submittedAt', 受理时间: 'acceptedAt', 办结时间: 'closedAt',
    办件状态: 'status', 到现场次数: 'visits', 所在区: 'district', 备注: 'description',
  },
  ignore: ['事项名称'],
  dateFormats: { default: 'YYYY/M/D H:mm' },
  values: {
    clientType: { 自然人: 'citizen', 法人: 'enterprise' },
    channel: { 窗口: 'in_person', 网上: 'online', 掌上办: 'mobile', 邮寄: 'other' },
    status: { 办结: 'closed', 在办: 'open', 不予受理: 'rejected', 撤回: 'withdrawn' },
  },
  defaults: { needType: 'application', tier: 1 },
  required: ['id', 'service', 'department', 'submittedAt', 'status', 'channel', 'clientType'],
};

/** NYC 311 Service Requests as exported by Socrata (data.cityofnewyork.us, erm2-nwe9). */
const socrata311 = {
  kind: 'requests',
  format: 'csv',
  encoding: 'auto',
  timezone: 'America/New_York',
  columns: {
    'Unique Key': 'id', 'Created Date': 'submittedAt', 'Closed Date': 'closedAt', 'Due Date': 'dueAt',
    Agency: 'department', 'Complaint Type': 'service', Descriptor: 'description', Status: 'status',
    'Open Data Channel Type': 'channel', Borough: 'district',
  },
  // Everything else in the export: locations (never published at row level) and text already covered.
  ignore: [
    'Agency Name', 'Location Type', 'Incident Zip', 'Incident Address', 'Street Name', 'Cross Street 1', 'Cross Street 2',
    'Intersection Street 1', 'Intersection Street 2', 'Address Type', 'City', 'Landmark', 'Facility Type',
    'Resolution Description', 'Resolution Action Updated Date', 'Community Board', 'BBL', 'X Coordinate (State Plane)',
    'Y Coordinate (State Plane)', 'Park Facility Name', 'Park Borough', 'Vehicle Type', 'Taxi Company Borough',
    'Taxi Pick Up Location', 'Bridge Highway Name', 'Bridge Highway Direction', 'Road Ramp', 'Bridge Highway Segment',
    'Latitude', 'Longitude', 'Location', 'Council District', 'Police Precinct',
  ],
  dateFormats: { default: ['MM/DD/YYYY hh:mm:ss A', 'ISO'] },
  values: {
    status: {
      Closed: 'closed', Open: 'open', Pending: 'open', 'In Progress': 'open', Assigned: 'open', Started: 'open',
      'Email Sent': 'open', Unspecified: 'open', Draft: 'open', Cancel: 'withdrawn', Cancelled: 'withdrawn',
    },
    channel: { PHONE: 'phone', ONLINE: 'online', MOBILE: 'mobile', UNKNOWN: 'other', OTHER: 'other' },
  },
  defaults: { category: '311', needType: 'unknown', clientType: 'unknown', channel: 'other', tier: 1 },
  policy: { unknownDepartment: 'create', unknownService: 'create', unknownCode: 'unknown' },
  required: ['id', 'submittedAt', 'department', 'status'],
};

/**
 * Open311 GeoReport v2 requests (a saved requests.json or an endpoint). The spec has no closed
 * time: the reader fills `closed_datetime` from `updated_datetime` when status is "closed"
 * (an approximation shown on the methodology page).
 */
const open311 = {
  kind: 'requests',
  format: 'open311',
  encoding: 'auto',
  columns: {
    service_request_id: 'id', requested_datetime: 'submittedAt', closed_datetime: 'closedAt', expected_datetime: 'dueAt',
    agency_responsible: 'department', service_name: 'service', status: 'status', description: 'description',
  },
  ignore: ['status_notes', 'service_code', 'service_notice', 'updated_datetime', 'address', 'address_id', 'zipcode', 'lat', 'long', 'media_url', 'token'],
  dateFormats: { default: 'ISO' },
  values: { status: { open: 'open', closed: 'closed' } },
  defaults: { category: 'open311', needType: 'unknown', clientType: 'unknown', channel: 'other', tier: 1, department: 'unassigned' },
  policy: { unknownDepartment: 'create', unknownService: 'create', unknownCode: 'unknown' },
  required: ['id', 'submittedAt', 'status'],
};

/** Preset name → partial source description. */
export const presets: Record<string, Record<string, unknown>> = {
  'socrata-311': socrata311,
  'open311-georeport-v2': open311,
  'sample-12345': hotline12345,
  'sample-service-hall': serviceHall,
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `over` laid on `base`: objects merge key by key (recursively), anything else replaces. */
export function mergeDeep(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = isObject(b) && isObject(v) ? mergeDeep(b, v) : v;
  }
  return out;
}

/** The description with its preset applied; columns listed in `ignore` are dropped from the preset's mapping. Throws on an unknown preset. */
export function applyPreset(data: unknown): unknown {
  if (!isObject(data) || data['preset'] === undefined) return data;
  const name = data['preset'];
  const preset = typeof name === 'string' ? presets[name] : undefined;
  if (!preset) throw new Error(`key "preset": unknown preset "${String(name)}" (hint: one of ${Object.keys(presets).join(', ')})`);
  const own: Record<string, unknown> = { ...data };
  delete own['preset'];
  const merged = mergeDeep(preset, own);
  const ownIgnore = Array.isArray(own['ignore']) ? (own['ignore'] as unknown[]) : [];
  const ownColumns = isObject(own['columns']) ? own['columns'] : {};
  const ownFields = new Set(Object.values(ownColumns).flat());
  const cols = merged['columns'];
  if (isObject(cols)) {
    for (const c of ownIgnore) if (typeof c === 'string' && !(c in ownColumns)) delete cols[c];
    // A field the source maps itself is no longer read from the preset's column.
    for (const [c, f] of Object.entries(cols)) {
      if (!(c in ownColumns) && [f].flat().some((x) => ownFields.has(x))) delete cols[c];
    }
  }
  if (Array.isArray(preset['ignore']) && ownIgnore.length) merged['ignore'] = [...new Set([...(preset['ignore'] as unknown[]), ...ownIgnore])];
  return merged;
}
