/**
 * The canonical request: every source is mapped onto this shape before anything else
 * happens (see ../shared/ARCHITECTURE.md). Raw column names live only in data/sources/*.yaml.
 * Instants are epoch milliseconds (UTC); local dates are derived with the source time zone.
 */

export type Channel = 'online' | 'mobile' | 'phone' | 'in_person' | 'other';
export type Status = 'open' | 'closed' | 'rejected' | 'withdrawn' | 'transferred';
export type ClientType = 'citizen' | 'enterprise' | 'government' | 'leadership' | 'unknown';
export type NeedType = 'information' | 'complaint' | 'application' | 'certificate' | 'public-service' | 'unknown';

export interface CanonicalRequest {
  /** Source-local id, unique within the source (duplicates are quarantined). */
  id: string;
  /** Source name from data/sources/<name>.yaml. */
  source: string;
  /** Department id from data/departments.yaml (aliases resolved). */
  department: string;
  /** Service id from data/services, or null for cases not tied to a guide. */
  service: string | null;
  /** Category: the service's category, or the source's case category. */
  category: string;
  needType: NeedType;
  clientType: ClientType;
  /** Pyramid tier 1..4 (IV = non-routine, high priority). */
  tier: 1 | 2 | 3 | 4;
  channel: Channel;
  submittedAt: number;
  acceptedAt: number | null;
  closedAt: number | null;
  /** Due instant from the source, or null (measure then applies the service's promised limit). */
  dueAt: number | null;
  status: Status;
  /** 1..5 (1 非常不满意 .. 5 非常满意), attached from the ratings source; null if not rated. */
  rating: 1 | 2 | 3 | 4 | 5 | null;
  /** Always null: rating comments are read with the rating but never kept (nothing publishes them). */
  ratingComment: string | null;
  /**
   * Free-text description, raw as mapped. The RequestStore keeps only the segments.yaml words its
   * scrubbed text contains, joined by U+0000 (anonymize's DescriptionWords), or null.
   */
  description: string | null;
  district: string | null;
  /** 64-bit hash (16 hex digits) of the requester's key material, held in memory only (never written); null when none given. */
  requesterKey: string | null;
  /** In-person visits recorded, or null. */
  visits: number | null;
  /** Handling effort in minutes where the source gives it, or null. */
  effortMinutes: number | null;
  /** The source time zone (IANA), for local dates. */
  timezone: string;
}

/** Direct identifiers captured at ingest; only the requester hash and the values for the leak scan outlive a row. */
export interface Identifiers {
  name: string | null;
  phone: string | null;
  idNumber: string | null;
  email: string | null;
  address: string | null;
}

/** A row that could not be published, with where and why. */
export interface Quarantined {
  source: string;
  file: string;
  /** 1-based data row number (header excluded). */
  row: number;
  /** The raw column at fault ("" when the row as a whole is at fault). */
  column: string;
  /** Reason code, e.g. "missing-field", "unparsable-date", "closed-before-opened", "duplicate-id". */
  reason: string;
  /** Raw excerpt; scrubbed by anonymize before anything is written. */
  excerpt: string;
}
