/**
 * Table Schema keys and constraints per dataset: primary keys, foreign keys and value rules
 * that the published data keeps (tests/unit/publish-datapackage.test.ts checks them on real rows).
 */

export interface ForeignKey {
  fields: string[];
  reference: { resource: string; fields: string[] };
}

export interface TableKeys {
  primaryKey?: string[];
  foreignKeys?: ForeignKey[];
}

const toDepartment = (field = 'department'): ForeignKey => ({ fields: [field], reference: { resource: 'departments', fields: ['id'] } });
const toService = (): ForeignKey => ({ fields: ['service'], reference: { resource: 'services', fields: ['id'] } });

/** Primary and foreign keys of each dataset (datasets not listed have none). */
export const tableKeys: Readonly<Record<string, TableKeys>> = {
  departments: { primaryKey: ['id'] },
  services: { primaryKey: ['id'], foreignKeys: [toDepartment()] },
  'department-month': { primaryKey: ['department', 'month'], foreignKeys: [toDepartment()] },
  'service-month': { primaryKey: ['service', 'month'], foreignKeys: [toService(), toDepartment()] },
  'city-month': { primaryKey: ['month'] },
  'department-summary': { primaryKey: ['department'], foreignKeys: [toDepartment()] },
  'service-summary': { primaryKey: ['service'], foreignKeys: [toService(), toDepartment()] },
  requests: { primaryKey: ['record'], foreignKeys: [toDepartment()] },
  kpis: { primaryKey: ['dimension', 'key'] },
  'client-need': { primaryKey: ['client_type', 'need_type'] },
  scores: { primaryKey: ['department'], foreignKeys: [toDepartment()] },
  replies: { primaryKey: ['department', 'date', 'about'], foreignKeys: [toDepartment()] },
  guides: { primaryKey: ['id'], foreignKeys: [toDepartment()] },
  // quarantine has no primary key: a whole-row problem leaves `column` empty, and key fields must not be.
  quality: { primaryKey: ['source', 'file'] },
};

/** Closed vocabularies of text columns, by column name. */
const enums: Readonly<Record<string, readonly string[]>> = {
  promised_unit: ['working', 'natural'],
  statutory_unit: ['working', 'natural'],
  channel: ['online', 'mobile', 'phone', 'in_person', 'other'],
  client_type: ['citizen', 'enterprise', 'unknown'],
  status: ['open', 'closed', 'rejected', 'withdrawn', 'transferred'],
};

/** Column names whose value is a share in [0, 1]. */
const isShare = (name: string): boolean =>
  /(_rate|_lo|_hi|_share)$/.test(name) || ['timeliness', 'satisfaction', 'rectification', 'digital', 'guides', 'repeat'].includes(name);

/** Signed columns: changes between periods. */
const signed = new Set(['change']);

/** Table Schema constraints of one column (empty when none apply). */
export function constraintsOf(dataset: string, name: string, type: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const pk = tableKeys[dataset]?.primaryKey ?? [];
  if (pk.includes(name)) out['required'] = true;
  const values = enums[name];
  if (values && type === 'string' && !(dataset === 'kpis' || dataset === 'client-need')) out['enum'] = [...values];
  if (dataset === 'scores' && (name === 'score' || name === 'score_lo' || name === 'score_hi' || name === 'prev_score')) {
    out['minimum'] = 0;
    out['maximum'] = 100;
  } else if (type === 'number' && isShare(name)) {
    out['minimum'] = 0;
    out['maximum'] = 1;
  } else if ((type === 'integer' || type === 'number') && !signed.has(name)) {
    out['minimum'] = 0;
  }
  if (name === 'rating' || name === 'mean_rating') {
    out['minimum'] = 1;
    out['maximum'] = 5;
  }
  return out;
}
