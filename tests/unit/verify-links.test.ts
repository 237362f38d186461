import { describe, expect, it } from 'vitest';
import { anchorsOf, checkLinks, linksOf, pageUrl, resolvePath } from '../../scripts/verify/links.ts';
import { checkTitles, titlesOf } from '../../scripts/verify/titles.ts';
import { parseTags } from '../../scripts/verify/pages.ts';
import type { Page } from '../../scripts/verify/pages.ts';

const doc = (title: string, body: string): string => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;

function site(pages: Record<string, string>, assets: string[] = []): { pages: Page[]; files: Set<string> } {
  return { pages: Object.entries(pages).map(([file, html]) => ({ file, html })), files: new Set([...Object.keys(pages), ...assets]) };
}

describe('parseTags(html)', () => {
  it('skips comments, captures script text and marks SVG content as foreign', () => {
    const tags = parseTags('<!-- <a href="/x/"> --><p id=a class="b c">x</p><script>if (a<b) {}</script><svg><title>Chart</title></svg>');
    expect(tags.map((t) => t.name)).toEqual(['p', 'script', 'svg', 'title']);
    expect(tags[0]?.attrs.get('id')).toBe('a');
    expect(tags[1]?.text).toBe('if (a<b) {}');
    expect(tags[3]?.foreign).toBe(true);
  });
});

describe('pageUrl(file) and resolvePath(pathname, files)', () => {
  it('maps directory pages to their URL and back', () => {
    expect(pageUrl('index.html')).toBe('/');
    expect(pageUrl('en/services/index.html')).toBe('/en/services/');
    expect(pageUrl('404.html')).toBe('/404.html');
    const files = new Set(['index.html', 'en/index.html', 'data/a%20b.csv', 'data/x y.csv']);
    expect(resolvePath('/', files)).toEqual({ file: 'index.html' });
    expect(resolvePath('/en/', files)).toEqual({ file: 'en/index.html' });
    expect(resolvePath('/data/x%20y.csv', files)).toEqual({ file: 'data/x y.csv' });
  });

  it('flags a directory link without its trailing slash', () => {
    const r = resolvePath('/en', new Set(['en/index.html']));
    expect('problem' in r && r.problem).toContain('trailing slash');
  });
});

describe('linksOf(html) and anchorsOf(html)', () => {
  it('reads href, src, srcset candidates and form actions; ids and <a name>', () => {
    const html = '<a href="/a/">a</a><img src="i.png" srcset="/s1.png 1x, /s2.png 2x" alt=""><form action="/search/"></form><h2 id="h">h</h2><a name="old"></a>';
    expect(linksOf(html)).toEqual(['/a/', 'i.png', '/s1.png', '/s2.png', '/search/']);
    expect([...anchorsOf(html)]).toEqual(['h', 'old']);
  });
});

describe('checkLinks(site, origin)', () => {
  it('passes resolving links, external links and fragments that name an element', () => {
    const s = site({
      'index.html': doc('Home', '<a href="/en/#top-services">en</a><a href="#main">skip</a><main id="main"></main><a href="https://other.example.org/x">x</a><a href="mailto:a@example.org">m</a><a href="data.csv">d</a>'),
      'en/index.html': doc('En', '<h2 id="top-services">Top</h2><a href="../">zh</a><a href="#">top</a>'),
    }, ['data.csv']);
    expect(checkLinks(s)).toEqual([]);
  });

  it('reports a broken link once, with every page that contains it', () => {
    const s = site({
      'index.html': doc('A', '<a href="/missing/">x</a>'),
      'b/index.html': doc('B', '<a href="/missing/">x</a><a href="/missing/">again</a>'),
    });
    const problems = checkLinks(s);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('/missing/ no file dist/missing/index.html');
    expect(problems[0]).toContain('2 pages: index.html, b/index.html');
  });

  it('reports a fragment that names no element, on the same page and on another page', () => {
    const s = site({
      'index.html': doc('A', '<a href="#nowhere">x</a><a href="/b/#gone">y</a>'),
      'b/index.html': doc('B', '<h2 id="here">h</h2>'),
    });
    const problems = checkLinks(s);
    expect(problems.some((p) => p.startsWith('#nowhere on index.html') && p.includes('no id="nowhere"'))).toBe(true);
    expect(problems.some((p) => p.startsWith('/b/#gone') && p.includes('b/index.html has no id="gone"'))).toBe(true);
  });

  it('checks absolute links to the site origin and /pagefind/ links once the index exists', () => {
    const page = doc('A', '<link rel="canonical" href="https://site.example.org/"><a href="https://site.example.org/nope/">x</a><script src="/pagefind/pagefind-ui.js"></script>');
    expect(checkLinks(site({ 'index.html': page }), 'https://site.example.org')).toHaveLength(1);
    expect(checkLinks(site({ 'index.html': page }, ['pagefind/pagefind.js']), 'https://site.example.org')).toHaveLength(2);
  });
});

describe('checkTitles(pages)', () => {
  it('passes pages with one unique title each, ignoring SVG chart titles', () => {
    const pages = [{ file: 'a.html', html: doc('A', '<svg><title>Chart</title></svg>') }, { file: 'b.html', html: doc('B', '<svg><title>Chart</title></svg>') }];
    expect(titlesOf(pages[0]!.html)).toEqual(['A']);
    expect(checkTitles(pages)).toEqual([]);
  });

  it('reports duplicate titles with every page sharing them, and says why it matters', () => {
    const pages = ['a', 'b', 'c'].map((n) => ({ file: `${n}/index.html`, html: doc('Same &amp; title', '') }));
    const problems = checkTitles(pages);
    expect(problems[0]).toBe('title "Same & title" is shared by 3 pages: a/index.html, b/index.html, c/index.html');
    expect(problems.at(-1)).toContain('WCAG 2.4.2');
  });

  it('reports a missing, an empty and a doubled title', () => {
    const problems = checkTitles([
      { file: 'none.html', html: '<html><head></head></html>' },
      { file: 'empty.html', html: doc('  ', '') },
      { file: 'two.html', html: doc('One', '').replace('</head>', '<title>Two</title></head>') },
    ]);
    expect(problems.slice(0, 3)).toEqual([
      'none.html: has no <title>: pass a title to the page layout',
      'empty.html: <title> is empty: pass a title to the page layout',
      'two.html: has 2 <title> elements: keep only the layout\'s',
    ]);
  });
});
