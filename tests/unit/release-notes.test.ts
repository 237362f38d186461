import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { atomFeed, xmlEscape } from '../../scripts/release/atom.ts';
import { releaseNotes, notesMarkdown } from '../../scripts/release/notes.ts';
import { csvRecords, type ReleaseSummary } from '../../scripts/release/summary.ts';
import { excelName, withBom } from '../../scripts/publish/excel.ts';
import { nextReleaseDue } from '../../src/lib/release-due.ts';

const summary = (release: string, version: string, hashes: Record<string, string>, columns = ['department', 'month', 'requests']): ReleaseSummary => ({
  release,
  methodologyVersion: version,
  datasets: { 'department-month': { rows: Object.keys(hashes).length, columns, sha256: createHash('sha256').update(JSON.stringify(hashes)).digest('hex'), rowHashes: hashes } },
});

describe('releaseNotes(current, previous)', () => {
  it('counts rows added, removed and revised, and lists revised keys', () => {
    const before = summary('2026-09-30', '1.0', { 'a|2024-10': 'x', 'a|2026-08': 'y', 'a|2026-09': 'z' });
    const now = summary('2026-10-31', '1.0', { 'a|2026-08': 'y', 'a|2026-09': 'CHANGED', 'a|2026-10': 'n' });
    const d = releaseNotes(now, before).datasets[0];
    expect(d).toMatchObject({ dataset: 'department-month', rowsBefore: 3, rowsAfter: 3, added: 1, removed: 1, revised: 1, revisedExamples: ['a|2026-09'], changed: true });
  });

  it('reports a methodology change and new columns, and nothing to compare for a first release', () => {
    const before = summary('2026-09-30', '1.0', {}, ['department', 'month']);
    const now = summary('2026-10-31', '1.1', {});
    const n = releaseNotes(now, before);
    expect(n.methodology).toEqual({ version: '1.1', previous: '1.0', changed: true });
    expect(n.datasets[0]?.columnsAdded).toEqual(['requests']);
    const first = releaseNotes(now, null);
    expect(first.previous).toBeNull();
    expect(first.datasets[0]).toMatchObject({ rowsBefore: null, added: null, changed: true });
    expect(notesMarkdown(n, 'T')).toContain('1.0 → 1.1');
  });
});

describe('csvRecords(bytes)', () => {
  it('counts records, not line breaks inside quoted fields', () => {
    expect(csvRecords(Buffer.from('a,b\r\n1,"x\r\ny"\r\n2,z\r\n'))).toBe(2);
    expect(csvRecords(Buffer.from('a,b\r\n'))).toBe(0);
  });
});

describe('atomFeed(feed)', () => {
  it('escapes markup and drops characters XML forbids', () => {
    expect(xmlEscape('<a href="x">&\u0001\'</a>')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
    const xml = atomFeed({ id: 'urn:x', title: 'T & <b>', link: 'https://e.org/', self: 'https://e.org/f.atom', updated: '2026-10-31T00:00:00Z', author: 'P', entries: [{ id: 'urn:e', title: '<script>', updated: '2026-10-01T00:00:00Z', link: 'https://e.org/a?b=1&c=2', summary: 's' }] });
    expect(xml).toContain('<title>T &amp; &lt;b&gt;</title>');
    expect(xml).toContain('href="https://e.org/a?b=1&amp;c=2"');
    expect(xml).not.toContain('<script>');
    expect(xml.match(/<entry>/g)).toHaveLength(1);
  });
});

describe('withBom(csv) and excelName(name)', () => {
  it('prefixes one UTF-8 byte-order mark and names the .excel.csv twin', () => {
    const b = withBom(Buffer.from('a\r\n'));
    expect([...b.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(withBom(b)).toBe(b);
    expect(excelName('kpis.csv')).toBe('kpis.excel.csv');
  });
});

describe('nextReleaseDue(asOf)', () => {
  it('adds the grace period across month and year ends', () => {
    expect(nextReleaseDue('2026-10-31')).toBe('2026-12-15');
    expect(nextReleaseDue('2026-12-31')).toBe('2027-02-14');
  });
});
