/**
 * Client script of dataset pages: streams the start of the CSV (fetch reader, cancelled early), parses the
 * first rows with PapaParse and shows them in a table
 * (DOM text nodes only), and shows the overdue notice when the next release is past due.
 * Without JavaScript the page keeps its link to the file and the expected release date.
 */
import Papa from 'papaparse';

function cell(tag: 'th' | 'td', text: string): HTMLTableCellElement {
  const el = document.createElement(tag);
  el.textContent = text;
  if (tag === 'th') el.scope = 'col';
  return el;
}

/** Reads the start of the file at `src` as a stream, stopping once `lines` line breaks (or 256 KB) have arrived. */
async function head(src: string, lines: number): Promise<string> {
  const res = await fetch(src);
  if (!res.ok || !res.body) throw new Error(`${src}: HTTP ${res.status}`);
  const reader = res.body.getReader();
  const decoder = new TextDecoder('utf-8');
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
    if ((text.match(/\n/g)?.length ?? 0) > lines || text.length > 262_144) {
      await reader.cancel();
      break;
    }
  }
  return text;
}

/** Fills `box` with a table of the first `limit` rows of the CSV at data-preview-src (parsed by PapaParse). */
async function preview(box: HTMLElement): Promise<void> {
  const src = box.dataset['previewSrc'];
  const limit = Number(box.dataset['previewRows'] ?? '10');
  if (!src) return;
  // A few extra lines: a quoted field may hold line breaks, and the last line read may be cut off.
  const text = await head(src, limit * 4 + 8);
  const rows = Papa.parse<string[]>(text, { preview: limit + 1, skipEmptyLines: true }).data;
  const [header = [], ...body] = rows;
  const table = document.createElement('table');
  table.className = 'data';
  const caption = document.createElement('caption');
  caption.textContent = box.dataset['previewCaption'] ?? '';
  table.append(caption);
  const thead = table.createTHead().insertRow();
  for (const h of header) thead.append(cell('th', h));
  const tbody = table.createTBody();
  for (const r of body) {
    const tr = tbody.insertRow();
    for (const v of r) tr.append(cell('td', v));
  }
  box.replaceChildren(table);
}

// On failure the no-JS link stays in place.
for (const box of document.querySelectorAll<HTMLElement>('[data-preview-src]')) preview(box).catch(() => undefined);

const overdue = document.querySelector<HTMLElement>('[data-overdue-after]');
const due = overdue?.dataset['overdueAfter'];
// The only use of the visitor's clock: whether today is past the announced date (never in the build).
if (overdue && due && new Date().toISOString().slice(0, 10) > due) overdue.hidden = false;
