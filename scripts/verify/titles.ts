/**
 * Page titles: every page has exactly one non-empty <title>, and no two pages share one.
 * Screen-reader users and search results tell pages apart by their title (WCAG 2.4.2 Page Titled).
 */
import { parseTags, capList, type Page } from './pages.ts';

/** Why the gate exists, printed once after its problems. */
export const titlesWhy = 'Screen-reader users, browser tabs and search results tell pages apart by their <title> (WCAG 2.4.2 Page Titled): give each page one title naming its own subject.';

/** The document titles of a page (SVG <title>s excluded), whitespace collapsed. */
export function titlesOf(html: string): string[] {
  return parseTags(html)
    .filter((t) => t.name === 'title' && !t.foreign)
    .map((t) => (t.text ?? '').replace(/\s+/g, ' ').trim());
}

/** Pages without exactly one non-empty title, and titles shared by more than one page. */
export function checkTitles(pages: readonly Page[]): string[] {
  const problems: string[] = [];
  const byTitle = new Map<string, string[]>();
  for (const p of pages) {
    const titles = titlesOf(p.html);
    if (titles.length === 0) problems.push(`${p.file}: has no <title>: pass a title to the page layout`);
    else if (titles.length > 1) problems.push(`${p.file}: has ${titles.length} <title> elements: keep only the layout's`);
    const title = titles[0];
    if (title === undefined) continue;
    if (title === '') {
      problems.push(`${p.file}: <title> is empty: pass a title to the page layout`);
      continue;
    }
    const list = byTitle.get(title) ?? [];
    list.push(p.file);
    byTitle.set(title, list);
  }
  for (const [title, files] of byTitle) {
    if (files.length > 1) problems.push(`title "${title}" is shared by ${files.length} pages: ${capList(files, 10)}`);
  }
  if (problems.length) problems.push(titlesWhy);
  return problems;
}
