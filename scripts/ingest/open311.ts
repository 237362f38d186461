/**
 * Fetches an Open311 GeoReport v2 requests endpoint page by page over a date window
 * (start_date, end_date, page, page_size), retrying failed pages; a misbehaving endpoint
 * fails with the URL of the page, the HTTP status or what was wrong with the body.
 */

/** Network and waiting, passed in (tests serve pages on 127.0.0.1 and do not wait). */
export interface FetchEffects {
  fetch: (url: string) => Promise<{ ok: boolean; status: number; text: () => Promise<string> }>;
  sleep: (ms: number) => Promise<void>;
}

export interface Open311Query {
  url: string;
  /** YYYY-MM-DD, inclusive. */
  start: string;
  end: string;
  pageSize: number;
  /** Extra attempts per page after the first. */
  retries: number;
  /** Safety stop for endpoints that ignore paging. */
  maxPages?: number;
}

/** The URL of one page. */
export function pageUrl(q: Open311Query, page: number): string {
  const u = new URL(q.url);
  u.searchParams.set('start_date', `${q.start}T00:00:00Z`);
  u.searchParams.set('end_date', `${q.end}T23:59:59Z`);
  u.searchParams.set('page', String(page));
  u.searchParams.set('page_size', String(q.pageSize));
  return u.toString();
}

async function fetchPage(url: string, q: Open311Query, fx: FetchEffects): Promise<unknown[]> {
  let last = '';
  for (let attempt = 0; attempt <= q.retries; attempt++) {
    if (attempt > 0) await fx.sleep(500 * 2 ** (attempt - 1));
    try {
      const res = await fx.fetch(url);
      const body = await res.text();
      if (!res.ok) {
        last = `HTTP ${res.status}`;
        if (res.status >= 400 && res.status < 500 && res.status !== 429) break;
        continue;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
      } catch {
        last = `the body is not JSON (starts "${body.slice(0, 40)}")`;
        continue;
      }
      if (!Array.isArray(parsed)) {
        last = 'the body is not a JSON array of service requests';
        continue;
      }
      return parsed;
    } catch (e) {
      last = (e as Error).message;
    }
  }
  throw new Error(`${url}: Open311 endpoint failed after ${q.retries + 1} attempt(s): ${last} (hint: check "url" and "window", or save requests.json and use "path")`);
}

/** All requests in the window, in page order; stops at the first short or empty page. */
export async function fetchOpen311(q: Open311Query, fx: FetchEffects): Promise<unknown[]> {
  const out: unknown[] = [];
  const max = q.maxPages ?? 10_000;
  for (let page = 1; page <= max; page++) {
    const rows = await fetchPage(pageUrl(q, page), q, fx);
    for (const r of rows) out.push(r);
    if (rows.length < q.pageSize) return out;
  }
  throw new Error(`${q.url}: more than ${max} pages; the endpoint may ignore "page" (hint: narrow "window")`);
}

/** Real network and timers. */
export const defaultFetchEffects: FetchEffects = {
  fetch: (url) => fetch(url, { headers: { accept: 'application/json' } }),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
