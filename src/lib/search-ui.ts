/**
 * Client script of the search page: a small results list over Pagefind's JavaScript API
 * (/pagefind/pagefind.js; one index, Pagefind picks the language of the page's <html lang>).
 * The GET form stays the way in: ?q= runs a search on load, typing searches as you go.
 * Excerpts are built as DOM text nodes and <mark> elements, never as HTML strings.
 * Chinese words the segmenter splits into characters (社保) are also searched as phrases, and pages
 * holding them come first (search-words.ts).
 */
import { orderByPhrases, phraseQueries, wordSegmenter, type Segment } from './search-words.ts';

interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
  filters: Record<string, string[] | undefined>;
}
interface PagefindResult {
  id: string;
  data(): Promise<PagefindResultData>;
}
interface PagefindApi {
  init(): Promise<void>;
  options(o: Record<string, unknown>): Promise<void>;
  filters(): Promise<Record<string, Record<string, number>>>;
  search(q: string, o?: Record<string, unknown>): Promise<{ results: PagefindResult[] }>;
  debouncedSearch(q: string, o?: Record<string, unknown>, ms?: number): Promise<{ results: PagefindResult[] } | null>;
}

const entities: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'" };

/** Appends Pagefind's excerpt (text with <mark> tags) to `el` as text nodes and <mark> elements. */
export function appendExcerpt(el: HTMLElement, excerpt: string): void {
  let marked = false;
  for (const part of excerpt.split(/(<mark>|<\/mark>)/)) {
    if (part === '<mark>') marked = true;
    else if (part === '</mark>') marked = false;
    else if (part) {
      const text = part.replace(/<[^>]*>/g, '').replace(/&(?:amp|lt|gt|quot|#39|#x27);/g, (e) => entities[e] ?? e);
      if (marked) {
        const m = document.createElement('mark');
        m.textContent = text;
        el.append(m);
      } else el.append(document.createTextNode(text));
    }
  }
}

/** Filters offered on the search page, in order (Pagefind filter names set by the page templates). */
export const filterNames = ['kind', 'department', 'serves'] as const;

/** The Pagefind `filters` option from the chosen values; empty choices are left out. */
export function activeFilters(chosen: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(chosen).filter(([, v]) => v !== ''));
}

/** Builds one labelled <select> per filter that has values; `onChange` runs when a choice changes. */
function buildFilters(all: Record<string, Record<string, number>>, labels: Record<string, string>, kinds: Record<string, string>, chosen: Record<string, string>, onChange: () => void): HTMLElement {
  const box = document.createElement('fieldset');
  box.className = 'search-filters';
  const legend = document.createElement('legend');
  legend.textContent = labels['legend'] ?? '';
  box.append(legend);
  for (const name of filterNames) {
    const values = Object.keys(all[name] ?? {}).sort();
    if (values.length === 0) continue;
    const label = document.createElement('label');
    label.textContent = `${labels[name] ?? name} `;
    const select = document.createElement('select');
    select.name = name;
    select.id = `filter-${name}`;
    const any = document.createElement('option');
    any.value = '';
    any.textContent = labels['all'] ?? '';
    select.append(any);
    for (const v of values) {
      const o = document.createElement('option');
      o.value = v;
      o.textContent = name === 'kind' ? (kinds[v] ?? v) : v;
      o.selected = chosen[name] === v;
      select.append(o);
    }
    select.addEventListener('change', () => {
      chosen[name] = select.value;
      onChange();
    });
    label.append(select);
    box.append(label);
  }
  return box;
}

/**
 * Pagefind's results for `q`, with pages that hold the query's split Chinese words as phrases first;
 * null when a newer query superseded this one during the debounce.
 */
async function searchWords(pagefind: PagefindApi, q: string, filters: Record<string, string>, segment: Segment | null): Promise<PagefindResult[] | null> {
  const search = await pagefind.debouncedSearch(q, { filters }, 150);
  if (!search) return null;
  const phrases = segment ? phraseQueries(q, segment) : [];
  const hits = await Promise.all(phrases.map(async (p) => new Set((await pagefind.search(p)).results.map((r) => r.id))));
  return orderByPhrases(search.results, hits);
}

async function start(): Promise<void> {
  const root = document.getElementById('search');
  const input = document.querySelector<HTMLInputElement>('#search-q');
  if (!root || !input) return;
  const status = document.createElement('p');
  status.setAttribute('role', 'status');
  const list = document.createElement('ol');
  list.className = 'search-results';
  root.append(status, list);
  let pagefind: PagefindApi;
  try {
    const url = '/pagefind/pagefind.js';
    pagefind = (await import(/* @vite-ignore */ url)) as PagefindApi;
    await pagefind.options({ excerptLength: 24 });
    await pagefind.init();
  } catch {
    status.textContent = root.dataset['error'] ?? '';
    return;
  }
  const kinds: Record<string, string> = JSON.parse(root.dataset['kinds'] ?? '{}') as Record<string, string>;
  const params = new URLSearchParams(window.location.search);
  const chosen: Record<string, string> = Object.fromEntries(filterNames.map((n) => [n, params.get(n) ?? '']));
  // Pagefind segments Chinese queries into words; the phrase pass is for what that misses.
  const locale = root.dataset['locale'] ?? '';
  const segment = /^zh\b/i.test(locale) ? wordSegmenter(locale) : null;
  let latest = 0;

  const run = async (query: string): Promise<void> => {
    const q = query.trim();
    const runId = ++latest;
    if (!q) {
      list.replaceChildren();
      status.textContent = '';
      return;
    }
    const results = await searchWords(pagefind, q, activeFilters(chosen), segment);
    if (!results || runId !== latest) return; // superseded by a newer query
    const top = await Promise.all(results.slice(0, 20).map((r) => r.data()));
    if (runId !== latest) return;
    const items = top.map((d) => {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = d.url;
      a.textContent = d.meta['title'] ?? d.url;
      li.append(a);
      const kind = d.filters['kind']?.[0];
      if (kind && kinds[kind]) {
        const tag = document.createElement('span');
        tag.className = 'search-kind';
        tag.textContent = kinds[kind];
        li.append(' ', tag);
      }
      const p = document.createElement('p');
      appendExcerpt(p, d.excerpt);
      li.append(p);
      return li;
    });
    list.replaceChildren(...items);
    const template = results.length ? root.dataset['found'] : root.dataset['none'];
    status.textContent = (template ?? '').replace('{count}', String(results.length)).replace('{query}', q);
  };

  // Listen first, so typing while the filter values load is not lost.
  input.addEventListener('input', () => void run(input.value));
  const labels = JSON.parse(root.dataset['filterLabels'] ?? '{}') as Record<string, string>;
  root.prepend(buildFilters(await pagefind.filters(), labels, kinds, chosen, () => void run(input.value)));
  const q = params.get('q');
  if (q) {
    input.value = q;
    await run(q);
  }
}

void start();
