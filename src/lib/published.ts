/**
 * The published datasets: their file names under public/data/ (copied to dist/data/)
 * and the shape of each row. scripts/publish writes them; the site reads only these
 * (and the guides and rules), so every figure on a page can be recomputed from downloads.
 * Values that are suppressed (cells of 1..minCell-1 cases) are `null`, and so are figures
 * that do not exist (a median of nothing).
 */

/** File names, relative to the data folder. Every JSON file has a CSV twin with the same columns. */
export const files = {
  meta: 'meta.json',
  departments: 'departments',
  services: 'services',
  departmentMonth: 'department-month',
  serviceMonth: 'service-month',
  departmentSummary: 'department-summary',
  serviceSummary: 'service-summary',
  cityMonth: 'city-month',
  requests: 'requests',
  quality: 'quality.json',
  quarantine: 'quarantine',
  dictionary: 'dictionary.json',
  checksums: 'SHA256SUMS',
  datapackage: 'datapackage.json',
} as const;

/** meta.json: what this release covers. */
export interface Meta {
  /** The explicit as-of date (YYYY-MM-DD), from data/site.yaml. */
  asOf: string;
  /** First and last month published (YYYY-MM). */
  firstMonth: string;
  lastMonth: string;
  /** All months published, in order (YYYY-MM). */
  months: string[];
  /** The summary period: the last 12 months, and the 12 before them for change. */
  period: { from: string; to: string };
  previousPeriod: { from: string; to: string };
  /** Suppression threshold and k in force. */
  minCell: number;
  k: number;
  /** Release id (the as-of date) and version of the methodology. */
  release: string;
  methodologyVersion: string;
  /** Downloadable files with size in bytes and sha256, in name order. */
  downloads: { file: string; bytes: number; sha256: string }[];
}

export interface DepartmentRow {
  id: string;
  name_zh: string;
  name_en: string;
  /** Number of published service guides. */
  services: number;
}

export interface ServiceRow {
  id: string;
  code: string;
  department: string;
  name_zh: string;
  name_en: string;
  category: string;
  promised_days: number;
  promised_unit: 'working' | 'natural';
  statutory_days: number;
  statutory_unit: 'working' | 'natural';
}

/** Measures shared by every aggregate row. Any rate is a share in [0, 1], rounded to 4 places. */
export interface Measures {
  /** Requests submitted in the cell (never suppressed to null when 0; null when 1..minCell-1). */
  requests: number | null;
  /** Requests by channel. */
  ch_online: number | null;
  ch_mobile: number | null;
  ch_phone: number | null;
  ch_in_person: number | null;
  ch_other: number | null;
  /** Requests of the cell closed by the as-of date (any closing status). */
  closed: number | null;
  /** Median and 90th percentile working days from submission to closure, over closed requests. */
  median_wd: number | null;
  p90_wd: number | null;
  /** Closed requests with a due date, and how many closed by it. */
  due_n: number | null;
  on_time: number | null;
  on_time_rate: number | null;
  /** Ratings received (1..5), ratings of 4 or 5, and the mean rating. */
  rated: number | null;
  satisfied: number | null;
  satisfaction_rate: number | null;
  mean_rating: number | null;
}

export interface DepartmentMonthRow extends Measures {
  department: string;
  /** YYYY-MM, by submission date in the city's time zone. */
  month: string;
}

export interface ServiceMonthRow extends Measures {
  service: string;
  department: string;
  month: string;
}

export interface CityMonthRow extends Measures {
  month: string;
}

/** Department summary over meta.period, with the previous period for change. */
export interface DepartmentSummaryRow extends Measures {
  department: string;
  period_from: string;
  period_to: string;
  prev_requests: number | null;
  prev_on_time_rate: number | null;
  prev_satisfaction_rate: number | null;
}

export interface ServiceSummaryRow extends Measures {
  service: string;
  department: string;
  period_from: string;
  period_to: string;
}

/** Anonymized request-level record (k-anonymous on department, service, month, channel, client type). */
export interface RequestRecord {
  /** Sequential release-local number; not the source id. */
  record: number;
  source: string;
  department: string;
  /** Service id, or "" for hotline cases not tied to a guide. */
  service: string;
  channel: 'online' | 'mobile' | 'phone' | 'in_person' | 'other';
  client_type: 'citizen' | 'enterprise' | 'unknown';
  month: string;
  status: 'open' | 'closed' | 'rejected' | 'withdrawn' | 'transferred';
  /** Working days from submission to closure; null while open. */
  working_days: number | null;
  /** Closed by the due date: true/false, null when open or no due date. */
  on_time: boolean | null;
  /** 1..5 (非常不满意 .. 非常满意), null when not rated. */
  rating: number | null;
}

/** quality.json: nothing is lost. For each source, rows_in = published + quarantined. */
export interface QualityReport {
  sources: {
    source: string;
    file: string;
    rows_in: number;
    published: number;
    quarantined: number;
    /** Reason code -> count. */
    by_reason: Record<string, number>;
  }[];
  totals: { rows_in: number; published: number; quarantined: number };
  /** Records left out of requests.csv for k-anonymity (they still count in every aggregate). */
  withheld_for_k: number;
  /** Aggregate cells suppressed (1..minCell-1). */
  suppressed_cells: number;
  /** Reason code -> { zh, en } explanation. */
  reasons: Record<string, { zh: string; en: string }>;
}

/** quarantine.csv/json: one row per quarantined input row, with a scrubbed excerpt. */
export interface QuarantineRow {
  source: string;
  file: string;
  /** 1-based data row number (the header is row 0). */
  row: number;
  column: string;
  reason: string;
  excerpt: string;
}

/** dictionary.json: every published column, in zh and en. */
export interface Dictionary {
  [dataset: string]: {
    title: { zh: string; en: string };
    description: { zh: string; en: string };
    columns: { name: string; type: 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'month'; description: { zh: string; en: string } }[];
  };
}
