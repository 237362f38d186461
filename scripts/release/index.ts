/**
 * The release stage: adds to a publication the versioned release folder (releases/<asOf>/ with
 * SHA256SUMS and release notes), its copy latest/, the release index and Atom feeds, the DCAT
 * catalog, the static JSON API with its OpenAPI document and the Open311 export. Pure. Files
 * already written to disk (stored-file.ts) are passed along as they are: the folders name them
 * again, and the writer copies them.
 */
import { gunzipSync } from 'node:zlib';
import type { ChangeRow, Dictionary, Meta, RequestRecord } from '../../src/lib/published.ts';
import { gzipDeterministic } from '../publish/gzip.ts';
import { byName, sha256sums } from '../publish/hash.ts';
import { bytesOf, type PublishedFile, type StoredFile } from '../publish/stored-file.ts';
import type { PublishInput } from '../publish/index.ts';
import { prettyJson } from '../publish/json.ts';
import { buildApi, API_BASE, type ApiInput } from './api.ts';
import { atomFeed, dateInstant } from './atom.ts';
import { dcatCatalog } from './dcat.ts';
import { notesMarkdown, releaseNotes } from './notes.ts';
import { OPEN311_REQUESTS, open311RequestsJson, open311ServiceNames, open311Services } from './open311.ts';
import { openApi } from './openapi.ts';
import { summarize, type ReleaseSummary } from './summary.ts';
import type { SuppressionRecord } from './suppression.ts';

/** The site's origin (astro.config.mjs `site`), for absolute URLs in feeds and catalogs. */
export const SITE_URL = 'https://glassbox.example.org';

/** Files of a release folder that are not datasets. */
export const RELEASE_FILES = { notesJson: 'release-notes.json', notesMd: 'release-notes.md', summary: 'release.json', checksums: 'SHA256SUMS' } as const;

export interface ReleaseInput {
  /** The publication's public files (datasets, meta.json, dictionary, datapackage.json, SHA256SUMS). */
  files: ReadonlyMap<string, PublishedFile>;
  dictionary: Dictionary;
  site: Pick<PublishInput['site'], 'name' | 'publisher' | 'contact' | 'asOf' | 'licence'>;
  methodologyVersion: string;
  /** The published records (the rows of requests.jsonl.gz), read once for the Open311 export; parsed from that file when absent. */
  records?: Iterable<RequestRecord>;
  /** open311/v2/requests.json.gz already written (request-files.ts, with names from the same services); records are then not read. */
  open311Requests?: StoredFile;
  /** Summaries of earlier releases (data/releases/*.json), any order; later ones are ignored. */
  previous: readonly ReleaseSummary[];
  /** This release's suppression record, written into release.json for the next release (suppression.ts). */
  suppression?: SuppressionRecord;
  siteUrl?: string;
}

const utf8 = (text: string): Uint8Array => Buffer.from(text, 'utf8');
const parse = <T>(files: ReadonlyMap<string, PublishedFile>, name: string): T => JSON.parse(Buffer.from(bytesOf(files.get(name) ?? utf8('[]'))).toString('utf8')) as T;

/** The new files, by path under the data folder. */
/** The records of requests.jsonl.gz, for callers that do not pass them (small publications and tests). */
function recordsOf(files: ReadonlyMap<string, PublishedFile>): RequestRecord[] {
  const jsonl = files.get('requests.jsonl.gz');
  return jsonl ? gunzipSync(bytesOf(jsonl)).toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as RequestRecord) : [];
}

export function buildRelease(input: ReleaseInput): Map<string, PublishedFile> {
  const { files, site } = input;
  const siteUrl = input.siteUrl ?? SITE_URL;
  const url = (path: string) => new URL(path, siteUrl).href;
  const out = new Map<string, PublishedFile>();
  const summary = summarize(files, input.dictionary, site.asOf, input.methodologyVersion, input.suppression);
  const earlier = [...input.previous].filter((p) => p.release < site.asOf).sort((a, b) => byName(a.release, b.release));
  const notes = releaseNotes(summary, earlier[earlier.length - 1] ?? null);
  const title = `${site.name.zh} / ${site.name.en}`;

  const folder = new Map<string, PublishedFile>([...files].filter(([name]) => name !== RELEASE_FILES.checksums));
  folder.set(RELEASE_FILES.notesJson, utf8(prettyJson(notes)));
  folder.set(RELEASE_FILES.notesMd, utf8(notesMarkdown(notes, title)));
  folder.set(RELEASE_FILES.summary, utf8(prettyJson(summary)));
  folder.set(RELEASE_FILES.checksums, utf8(sha256sums(folder)));
  for (const [name, bytes] of folder) {
    out.set(`releases/${site.asOf}/${name}`, bytes);
    out.set(`latest/${name}`, bytes);
  }

  const releases = [...earlier.map((p) => p.release), site.asOf].reverse();
  out.set('releases.json', utf8(prettyJson(releases.map((r) => ({ release: r, path: `releases/${r}/`, notes: `releases/${r}/${RELEASE_FILES.notesMd}` })))));
  const changedCount = notes.datasets.filter((d) => d.changed).length;
  out.set(
    'releases.atom',
    utf8(
      atomFeed({
        id: url('/data/releases.atom'),
        title: `${title} — 数据发布 / data releases`,
        link: url('/data/'),
        self: url('/data/releases.atom'),
        updated: dateInstant(site.asOf),
        author: `${site.publisher.zh} / ${site.publisher.en}`,
        entries: releases.map((r) => ({
          id: url(`/data/releases/${r}/`),
          title: `${r} 数据发布 / Data release ${r}`,
          updated: dateInstant(r),
          link: url(`/data/releases/${r}/${RELEASE_FILES.notesMd}`),
          summary:
            r === site.asOf
              ? `${changedCount} 个数据集有变化；方法版本 ${notes.methodology.version}${notes.methodology.changed ? '（已变更）' : ''}。 / ${changedCount} datasets changed; methodology ${notes.methodology.version}${notes.methodology.changed ? ' (changed)' : ''}.`
              : `见发布说明 / See the release notes.`,
        })),
      }),
    ),
  );
  const changes = parse<ChangeRow[]>(files, 'changes.json');
  out.set(
    'changes.atom',
    utf8(
      atomFeed({
        id: url('/data/changes.atom'),
        title: `${title} — 办事指南与规则变更 / changes to guides and rules`,
        link: url('/data/changes/'),
        self: url('/data/changes.atom'),
        updated: dateInstant(changes.map((c) => c.date).sort().pop() ?? site.asOf),
        author: `${site.publisher.zh} / ${site.publisher.en}`,
        entries: changes.map((c) => ({
          id: url(`/data/changes.atom#${c.date}-${c.kind}-${c.id}-${c.change}-${c.field}`),
          title: `${c.date} ${c.kind} ${c.id}: ${c.change}${c.field ? ` (${c.field})` : ''}`,
          updated: dateInstant(c.date),
          link: url(c.kind === 'rule' ? `/rules/${c.id}/` : `/services/${c.id}/`),
          summary: c.before || c.after ? `${c.before || '—'} → ${c.after || '—'}` : c.change,
        })),
      }),
    ),
  );

  const meta = parse<Meta>(files, 'meta.json');
  out.set(
    'catalog.jsonld',
    utf8(
      prettyJson(
        dcatCatalog(
          { title: site.name, publisher: site.publisher, contact: site.contact, licenceUrl: site.licence.url, siteUrl, asOf: site.asOf, firstMonth: meta.firstMonth, lastMonth: meta.lastMonth, period: meta.period },
          input.dictionary,
          meta.downloads,
        ),
      ),
    ),
  );

  const api: ApiInput = {
    release: site.asOf,
    departments: parse(files, 'departments.json'),
    services: parse(files, 'services.json'),
    departmentMonth: parse(files, 'department-month.json'),
    serviceMonth: parse(files, 'service-month.json'),
    cityMonth: parse(files, 'city-month.json'),
    departmentSummary: parse(files, 'department-summary.json'),
    serviceSummary: parse(files, 'service-summary.json'),
    scores: parse(files, 'scores.json'),
  };
  for (const [path, value] of buildApi(api)) out.set(path, utf8(prettyJson(value)));
  out.set(`${API_BASE}/openapi.json`, utf8(prettyJson(openApi({ title: site.name.en, version: site.asOf, licence: site.licence, contact: site.contact, siteUrl }))));

  out.set('open311/v2/services.json', utf8(prettyJson(open311Services(api.services))));
  const names = open311ServiceNames(api.services);
  out.set(OPEN311_REQUESTS, input.open311Requests ?? gzipDeterministic(open311RequestsJson(input.records ?? recordsOf(files), names)));
  return out;
}
