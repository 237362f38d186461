/** Atom 1.0 feeds (RFC 4287), built as text with every value escaped. */

export interface AtomEntry {
  id: string;
  title: string;
  /** RFC 3339 instant. */
  updated: string;
  link: string;
  summary: string;
}

export interface AtomFeed {
  id: string;
  title: string;
  /** The page the feed is about and the feed's own URL. */
  link: string;
  self: string;
  updated: string;
  author: string;
  entries: readonly AtomEntry[];
}

/** XML text with & < > " ' escaped and characters XML 1.0 forbids dropped. */
export function xmlEscape(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** The instant of a date (YYYY-MM-DD) at midnight UTC, as RFC 3339. */
export function dateInstant(date: string): string {
  return `${date}T00:00:00Z`;
}

/** The feed document. */
export function atomFeed(feed: AtomFeed): string {
  const e = xmlEscape;
  const entries = feed.entries.map(
    (x) =>
      `  <entry>\n    <id>${e(x.id)}</id>\n    <title>${e(x.title)}</title>\n    <updated>${e(x.updated)}</updated>\n    <link rel="alternate" href="${e(x.link)}"/>\n    <summary>${e(x.summary)}</summary>\n  </entry>\n`,
  );
  return (
    `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n` +
    `  <id>${e(feed.id)}</id>\n  <title>${e(feed.title)}</title>\n  <updated>${e(feed.updated)}</updated>\n` +
    `  <link rel="alternate" href="${e(feed.link)}"/>\n  <link rel="self" href="${e(feed.self)}"/>\n` +
    `  <author><name>${e(feed.author)}</name></author>\n` +
    entries.join('') +
    `</feed>\n`
  );
}
