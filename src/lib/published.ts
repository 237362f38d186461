/**
 * The published datasets: their file names under public/data/ (copied to dist/data/)
 * and the shape of each row. scripts/publish writes them; the site reads only these
 * (and the guides and rules), so every figure on a page can be recomputed from downloads.
 * Values that are suppressed (cells of 1..minCell-1 cases) are `null`, and so are figures
 * that do not exist (a median of nothing).
 */

/** File names, relative to the data folder. Every table is a CSV with a JSON twin (requests: JSON lines, gzipped) with the same columns. */
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
  kpis: 'kpis',
  clientNeed: 'client-need',
  scores: 'scores',
  replies: 'replies',
  quality: 'quality.json',
  quarantine: 'quarantine',
  dictionary: 'dictionary.json',
  /** Release notes of this release (also under releases/<asOf>/), and the list of releases. */
  releaseNotes: 'latest/release-notes.json',
  releases: 'releases.json',
  checksums: 'SHA256SUMS',
  datapackage: 'datapackage.json',
  guides: 'guides',
  changes: 'changes',
  dailyVolume: 'daily-volume',
  closeHistogram: 'close-histogram',
  /** Complete guides and rules, one JSON document a line (the source of the site's guide and rule pages). */
  guideDocuments: 'guides-full.jsonl',
  ruleDocuments: 'rules-full.jsonl',
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

/**
 * Anonymized request-level record, k-anonymous on its quasi-identifiers (site.yaml
 * `records.quasiIdentifiers`: district, date, client type, service, channel by default), which are
 * generalized where a group would be smaller than k: `period` from day to week to month, `district`
 * to the city, `service` to its category.
 */
export interface RequestRecord {
  /** Sequential release-local number; not the source id. */
  record: number;
  source: string;
  department: string;
  /** Service id, or "" for hotline cases not tied to a guide and for records generalized to their category. */
  service: string;
  /** The service's category, or the source's case category. */
  category: string;
  /** District of the request, the city's name when generalized, or "" when unknown. */
  district: string;
  /** Submission date in the city's time zone: a day (YYYY-MM-DD), an ISO week (YYYY-Www) or a month (YYYY-MM). */
  period: string;
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
  /** Aggregate cells suppressed: small ones (1..minCell-1) and their complementary cells. */
  suppressed_cells: number;
  /** What anonymization did in this release (shown on the methodology page). */
  privacy?: {
    /** Cells suppressed for 1..minCell-1 cases, and cells suppressed so that they cannot be recovered from totals. */
    primary_cells: number;
    complementary_cells: number;
    /** Published records per generalization step: [as is, date → week, date → month, district → city, service → category]. */
    records_by_step: number[];
    /** Records withheld because their aggregate cell is suppressed (included in withheld_for_k). */
    withheld_in_suppressed_cells: number;
    /**
     * The release before this one (null: this is the first) and whether this release's suppression
     * was checked against it (false: it recorded no suppression, so cells are protected within this release only).
     */
    earlier_release?: { release: string; protected: boolean } | null;
  };
  /** Reason code -> { zh, en } explanation. */
  reasons: Record<string, { zh: string; en: string }>;
  /** Service guides: how many came from each source, and what could not be read per guide. */
  guides?: GuideQuality;
  /** Ingest warnings (unmapped columns, created departments, censored dates), in order. */
  warnings?: string[];
  /** Departments and services named by the data but not listed in data/, created with generated ids. */
  created?: { departments: { id: string; name: string }[]; services: { id: string; name: string }[] };
}

/** quality.json `guides`: every guide in is published or listed as rejected, with its problems. */
export interface GuideQuality {
  sources: { source: string; file: string; guides_in: number; published: number; rejected: number }[];
  /** One row per problem: `interpreted` (published, value read with a fallback) or `rejected` (not published). */
  issues: { source: string; file: string; row: number; guide: string; severity: 'interpreted' | 'rejected'; message: string }[];
}

/** guides.csv/json: a flat summary of every published guide (the complete guides are guides-full.jsonl). */
export interface GuideRow {
  id: string;
  code: string;
  department: string;
  name_zh: string;
  name_en: string;
  item_type: string;
  serves: string;
  category: string;
  promised_days: number;
  promised_unit: 'working' | 'natural';
  promised_text: string;
  statutory_days: number;
  statutory_unit: 'working' | 'natural';
  statutory_text: string;
  fee_free: boolean;
  fees_text: string;
  visits: number;
  materials: number;
  channels: string;
  version: string;
  effective: string;
  origin: string;
  issues: number;
}

/** changes.csv/json: what changed in guides and rules since the previous release, newest first. */
export interface ChangeRow {
  /** YYYY-MM-DD: the effective date of the guide version that brought the change, or the release date. */
  date: string;
  kind: 'service' | 'rule';
  /** Guide or rule id. */
  id: string;
  change: 'added' | 'removed' | 'material-added' | 'material-dropped' | 'limit-cut' | 'limit-changed' | 'fee-changed' | 'visits-changed' | 'renamed' | 'status-changed';
  /** Field that changed (materials, promisedLimit, statutoryLimit, fees, visits, name, status), or "". */
  field: string;
  before: string;
  after: string;
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

/** The dimensions of kpis.csv: period cells per city, department, …; month cells for the city and by tier group. */
export type KpiDimension = 'city' | 'department' | 'service' | 'channel' | 'client_type' | 'need_type' | 'tier' | 'month' | 'routine_month' | 'priority_month';

/** The public's measures of one cell (kpis.csv). Counts are integers; rates are shares in [0, 1] (4 places); *_lo/*_hi are Wilson 95% bounds. */
export interface KpiMeasures {
  requests: number | null;
  /** Closed by the as-of date (any closing status), and by status. */
  closed: number | null;
  completed: number | null;
  rejected: number | null;
  withdrawn: number | null;
  transferred: number | null;
  /** Backlog: still open at the as-of date; of them past due; their median age in working days. */
  open: number | null;
  open_overdue: number | null;
  open_median_age_wd: number | null;
  median_wd: number | null;
  p90_wd: number | null;
  /** Median natural hours from submission to closure. */
  median_hours: number | null;
  due_n: number | null;
  on_time: number | null;
  on_time_rate: number | null;
  /** Closed within the guide's promised limit (承诺兑现). */
  promise_n: number | null;
  promise_kept: number | null;
  promise_rate: number | null;
  promise_lo: number | null;
  promise_hi: number | null;
  /** Closed within the guide's statutory limit. */
  statutory_n: number | null;
  statutory_kept: number | null;
  statutory_rate: number | null;
  /** Ratings by level: r1 非常不满意 … r5 非常满意. */
  rated: number | null;
  r1: number | null;
  r2: number | null;
  r3: number | null;
  r4: number | null;
  r5: number | null;
  satisfied: number | null;
  satisfaction_rate: number | null;
  satisfaction_lo: number | null;
  satisfaction_hi: number | null;
  mean_rating: number | null;
  /** Ratings per closed request. */
  response_rate: number | null;
  /** Bad reviews (levels 1–2) and their rectification. */
  bad: number | null;
  rectified: number | null;
  explained: number | null;
  resolved_in_limit: number | null;
  rectification_rate: number | null;
  rectification_lo: number | null;
  rectification_hi: number | null;
  called_back: number | null;
  callback_rate: number | null;
  /** Repeat contacts: same requester and service within the window. */
  repeat: number | null;
  repeat_rate: number | null;
  /** Online and mobile requests. */
  digital: number | null;
  digital_rate: number | null;
  /** Completed cases with visits recorded, their visits, and visits per case. */
  visits_n: number | null;
  visits: number | null;
  visits_per_case: number | null;
  /** Handling hours (measured, or estimated where the source gives none) and the estimated share. */
  effort_hours: number | null;
  effort_estimated_share: number | null;
}

export interface KpiRow extends KpiMeasures {
  dimension: KpiDimension;
  /** Department id, service id, channel, client type, need type, tier (1–4) or month (YYYY-MM); "all" for the city. */
  key: string;
  period_from: string;
  period_to: string;
}

/** client-need.csv: the client type × need type matrix over the period. */
export interface ClientNeedRow {
  client_type: string;
  need_type: string;
  requests: number | null;
  median_wd: number | null;
  satisfaction_rate: number | null;
}

/** scores.csv: department scores (0–100) with components (0–1), interval, rank range and change. */
export interface ScoreRow {
  department: string;
  period_from: string;
  period_to: string;
  /** Null when the department's period cell is suppressed (department-summary.csv). */
  cases: number | null;
  /** False below the minimum number of cases: no score and no rank. */
  ranked: boolean;
  score: number | null;
  score_lo: number | null;
  score_hi: number | null;
  /** Rank by score (1 = best; ties share the rank) and the range of ranks compatible with the intervals. */
  rank: number | null;
  rank_best: number | null;
  rank_worst: number | null;
  prev_score: number | null;
  change: number | null;
  timeliness: number | null;
  satisfaction: number | null;
  rectification: number | null;
  digital: number | null;
  guides: number | null;
  repeat: number | null;
  score_version: string;
}

/** replies.csv: a department's dated reply to its scorecard (data/replies/<department>.md). */
export interface ReplyRow {
  department: string;
  date: string;
  /** What it answers, e.g. "rectification". */
  about: string;
  text_zh: string;
  text_en: string;
}

/** daily-volume.csv: requests submitted per day of the period, for the city (key "all") and each department. */
export interface DailyVolumeRow {
  scope: 'city' | 'department';
  key: string;
  /** YYYY-MM-DD in the city's time zone. */
  date: string;
  /** 0 stays 0; 1..minCell-1 is null. */
  requests: number | null;
}

/** close-histogram.csv: requests closed in the period per bin of working days to close. */
export interface CloseHistogramRow {
  scope: 'city' | 'department' | 'service';
  key: string;
  /** Bin bounds in working days, inclusive; bin_to null = "bin_from or more". */
  bin_from: number;
  bin_to: number | null;
  /** 0 stays 0; 1..minCell-1 is null. */
  requests: number | null;
}

/** releases/<date>/release-notes.json: one dataset compared with the previous release. */
export interface DatasetChange {
  dataset: string;
  rowsBefore: number | null;
  rowsAfter: number;
  /** Keys new in this release, gone from it, and present in both with different values (revisable tables only). */
  added: number | null;
  removed: number | null;
  revised: number | null;
  /** Up to five revised keys, as examples. */
  revisedExamples: string[];
  columnsAdded: string[];
  columnsRemoved: string[];
  /** False when the CSV is byte-identical to the previous release. */
  changed: boolean;
}

export interface ReleaseNotes {
  release: string;
  previous: string | null;
  methodology: { version: string; previous: string | null; changed: boolean };
  datasets: DatasetChange[];
  /** Datasets new in this release and dropped from it. */
  newDatasets: string[];
  droppedDatasets: string[];
}
