/**
 * Internal links of the built site: every href/src/srcset/action that stays on the site resolves
 * to a file in dist (directory URLs to their index.html, with the trailing slash the site always
 * uses), and every #fragment names an element id (or <a name>) on the target page.
 */
import { parseTags, capList, type Page } from './pages.ts';

export interface LinkSite {
  pages: readonly Page[];
  /** Every file in dist, relative, forward slashes (include pagefind/ when it was written). */
  files: ReadonlySet<string>;
}

const URL_ATTRS = ['href', 'src', 'action', 'formaction', 'poster', 'data', 'xlink:href'];
const BASE = 'https://glassbox.invalid';

/** The URL path a page is served at: "a/index.html" → "/a/", "404.html" → "/404.html". */
export function pageUrl(file: string): string {
  if (file === 'index.html') return '/';
  return file.endsWith('/index.html') ? `/${file.slice(0, -'index.html'.length)}` : `/${file}`;
}

/** Link targets of one page: URL-valued attributes and each srcset candidate. */
export function linksOf(html: string): string[] {
  const out: string[] = [];
  for (const tag of parseTags(html)) {
    for (const a of URL_ATTRS) {
      const v = tag.attrs.get(a);
      if (v !== undefined && !(a === 'data' && tag.name !== 'object')) out.push(v.trim());
    }
    for (const a of ['srcset', 'imagesrcset']) {
      const v = tag.attrs.get(a);
      if (v) for (const part of v.split(',')) out.push(part.trim().split(/\s+/)[0] ?? '');
    }
  }
  return out.filter((v) => v !== '');
}

/** Element ids and <a name>s of a page: the fragments it can be linked at. */
export function anchorsOf(html: string): Set<string> {
  const ids = new Set<string>();
  for (const tag of parseTags(html)) {
    const id = tag.attrs.get('id');
    if (id) ids.add(id);
    const name = tag.attrs.get('name');
    if (name && tag.name === 'a') ids.add(name);
  }
  return ids;
}

/** The site origin, taken from the pages' canonical links (absolute links to it are internal). */
export function siteOrigin(pages: readonly Page[]): string | undefined {
  for (const p of pages) {
    for (const tag of parseTags(p.html)) {
      const href = tag.attrs.get('href');
      if (tag.name === 'link' && tag.attrs.get('rel') === 'canonical' && href && URL.canParse(href)) return new URL(href).origin;
    }
  }
  return undefined;
}

type Resolved = { file: string } | { problem: string };

/** Maps a site path to the file that serves it, or says why none does. */
export function resolvePath(pathname: string, files: ReadonlySet<string>): Resolved {
  let path: string;
  try {
    path = decodeURIComponent(pathname).replace(/^\/+/, '');
  } catch {
    return { problem: 'is not valid percent-encoding' };
  }
  if (path === '' || path.endsWith('/')) {
    const file = `${path}index.html`;
    return files.has(file) ? { file } : { problem: `no file dist/${file}: fix the link or build the page` };
  }
  if (files.has(path)) return { file: path };
  if (files.has(`${path}/index.html`)) {
    return { problem: `lacks the trailing slash (the site uses trailingSlash: 'always'; hosts answer 404 or redirect): link to /${path}/` };
  }
  return { problem: `no file dist/${path}: fix the link or build the page` };
}

/** Fragment names that need no element: "#" and "#top" scroll to the top (HTML spec). */
const implicit = (fragment: string): boolean => fragment === '' || fragment.toLowerCase() === 'top';

/**
 * Broken internal links, each reported once with (a capped list of) the pages that contain it.
 * External links (other origins, mailto:, tel:, data:) are not checked; javascript: URLs are
 * left to the CSP gate.
 */
export function checkLinks(site: LinkSite, origin?: string): string[] {
  const broken = new Map<string, { link: string; why: string; pages: string[] }>();
  const anchors = new Map<string, Set<string>>();
  const htmlOf = new Map(site.pages.map((p) => [p.file, p.html]));
  const anchorsIn = (file: string): Set<string> | undefined => {
    let set = anchors.get(file);
    const html = htmlOf.get(file);
    if (!set && html !== undefined) anchors.set(file, (set = anchorsOf(html)));
    return set;
  };
  const report = (link: string, why: string, page: string): void => {
    const key = `${link}\u0000${why}`;
    const entry = broken.get(key) ?? { link, why, pages: [] };
    if (!entry.pages.includes(page)) entry.pages.push(page);
    broken.set(key, entry);
  };
  // Links into /pagefind/ are checked only once the index is written (verify runs after Pagefind).
  const indexed = [...site.files].some((f) => f.startsWith('pagefind/'));
  for (const page of site.pages) {
    const here = new URL(pageUrl(page.file), BASE);
    for (const raw of new Set(linksOf(page.html))) {
      if (!URL.canParse(raw, here)) {
        report(raw, 'is not a valid URL', page.file);
        continue;
      }
      const url = new URL(raw, here);
      if (url.origin !== BASE && url.origin !== origin) continue;
      if (!indexed && url.pathname.startsWith('/pagefind/')) continue;
      const target = resolvePath(url.pathname, site.files);
      if ('problem' in target) {
        report(url.pathname, target.problem, page.file);
        continue;
      }
      const fragment = url.hash.slice(1);
      if (implicit(fragment) || !target.file.endsWith('.html')) continue;
      let id: string;
      try {
        id = decodeURIComponent(fragment);
      } catch {
        id = fragment;
      }
      if (!anchorsIn(target.file)?.has(id)) {
        const link = target.file === page.file ? `#${fragment} on ${page.file}` : `${url.pathname}#${fragment}`;
        report(link, `names no element: ${target.file} has no id="${id}"; fix the link or add the id`, page.file);
      }
    }
  }
  return [...broken.values()]
    .sort((a, b) => (a.link < b.link ? -1 : a.link > b.link ? 1 : 0))
    .map((b) => `${b.link} ${b.why} (linked from ${b.pages.length === 1 ? '' : `${b.pages.length} pages: `}${capList(b.pages)})`);
}
