/**
 * Sortable tables (progressive enhancement): in a table[data-sortable], each th[data-sort]
 * ("number" or "text") gets a button; pressing it sorts the rows by the cells' data-value
 * (empty values last) and sets aria-sort. Without JavaScript the server order stays.
 */

function cellValue(row: HTMLTableRowElement, col: number): string {
  const cell = row.cells[col];
  return cell?.dataset['value'] ?? cell?.textContent?.trim() ?? '';
}

function sortBy(table: HTMLTableElement, th: HTMLTableCellElement, type: string): void {
  const col = th.cellIndex;
  const dir = th.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending';
  const body = table.tBodies[0];
  if (!body) return;
  const lang = document.documentElement.lang || 'en';
  const rows = [...body.rows].sort((a, b) => {
    const x = cellValue(a, col);
    const y = cellValue(b, col);
    if (x === '' || y === '') return x === y ? 0 : x === '' ? 1 : -1;
    const c = type === 'number' ? Number(x) - Number(y) : x.localeCompare(y, lang);
    return dir === 'ascending' ? c : -c;
  });
  body.append(...rows);
  for (const h of table.tHead?.rows[0]?.cells ?? []) h.removeAttribute('aria-sort');
  th.setAttribute('aria-sort', dir);
}

/** Adds sort buttons to every table[data-sortable] in `root`. */
export function enableTableSort(root: Document): void {
  for (const table of root.querySelectorAll<HTMLTableElement>('table[data-sortable]')) {
    const template = table.dataset['sortLabel'] ?? '{column}';
    for (const th of table.querySelectorAll<HTMLTableCellElement>('thead th[data-sort]')) {
      const label = th.textContent?.trim() ?? '';
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'sort-button';
      button.textContent = label;
      button.setAttribute('aria-label', template.replace('{column}', label));
      button.addEventListener('click', () => sortBy(table, th, th.dataset['sort'] ?? 'text'));
      th.replaceChildren(button);
    }
  }
}
