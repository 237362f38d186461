/**
 * Client script of the search page: loads Pagefind's UI from /pagefind/ (one index; Pagefind
 * splits by the html lang attribute), mounts it on #search and prefills the query from ?q=.
 * The plain form stays as the no-JavaScript fallback and is hidden once the UI is ready.
 */
interface PagefindUIInstance {
  triggerSearch(query: string): void;
}
type PagefindUIConstructor = new (options: Record<string, unknown>) => PagefindUIInstance;

const BASE = '/pagefind/';

function loadCss(href: string): void {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  document.head.append(link);
}

function loadScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = src;
    s.onload = () => resolve();
    s.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.append(s);
  });
}

async function start(): Promise<void> {
  const root = document.getElementById('search');
  if (!root) return;
  const fallback = document.querySelector<HTMLElement>('.search-fallback');
  try {
    loadCss(`${BASE}pagefind-ui.css`);
    await loadScript(`${BASE}pagefind-ui.js`);
    const UI = (window as unknown as { PagefindUI?: PagefindUIConstructor }).PagefindUI;
    if (!UI) throw new Error('PagefindUI missing');
    const ui = new UI({ element: '#search', bundlePath: BASE, showSubResults: true, showImages: false, resetStyles: false });
    if (fallback) fallback.hidden = true;
    const q = new URLSearchParams(window.location.search).get('q');
    if (q) ui.triggerSearch(q);
    root.querySelector<HTMLInputElement>('input')?.focus();
  } catch {
    const p = document.createElement('p');
    p.className = 'notice';
    p.textContent = root.dataset['error'] ?? '';
    root.append(p);
  }
}

void start();
