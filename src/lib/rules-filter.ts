/**
 * Client script of the rules index: enables the issuer / status / year selects rendered (disabled)
 * above the table and hides rows that do not match. Without JavaScript the full table stays.
 */

/** Keys of the row data attributes the filters read (data-issuer, data-status, data-year). */
export const ruleFilterKeys = ['issuer', 'status', 'year'] as const;

/** True when a row's values match every chosen value ("" matches anything). */
export function rowMatches(row: Readonly<Record<string, string | undefined>>, chosen: Readonly<Record<string, string>>): boolean {
  return Object.entries(chosen).every(([k, v]) => v === '' || row[k] === v);
}

function start(): void {
  const table = document.querySelector<HTMLTableElement>('table[data-rules]');
  const box = document.getElementById('rules-filters');
  if (!table || !box) return;
  const rows = [...table.querySelectorAll<HTMLTableRowElement>('tbody tr')];
  const count = box.querySelector<HTMLElement>('[role="status"]');
  const template = box.dataset['count'] ?? '';
  const chosen: Record<string, string> = { issuer: '', status: '', year: '' };
  const update = (): void => {
    let shown = 0;
    for (const r of rows) {
      const ok = rowMatches(r.dataset, chosen);
      r.hidden = !ok;
      if (ok) shown++;
    }
    if (count) count.textContent = template.replace('{shown}', String(shown)).replace('{total}', String(rows.length));
  };
  for (const select of box.querySelectorAll<HTMLSelectElement>('select[data-key]')) {
    const key = select.dataset['key'] ?? '';
    select.addEventListener('change', () => {
      chosen[key] = select.value;
      update();
    });
    select.disabled = false;
  }
}

start();
