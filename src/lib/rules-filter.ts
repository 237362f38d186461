/**
 * Client script of the rules index: adds issuer / status / year selects above the table and hides
 * rows that do not match. Without JavaScript the full table stays as it is.
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
  const labels = JSON.parse(box.dataset['labels'] ?? '{}') as Record<string, string>;
  const statusText = JSON.parse(box.dataset['status'] ?? '{}') as Record<string, string>;
  const chosen: Record<string, string> = { issuer: '', status: '', year: '' };
  const count = document.createElement('p');
  count.setAttribute('role', 'status');
  const update = (): void => {
    let shown = 0;
    for (const r of rows) {
      const ok = rowMatches(r.dataset, chosen);
      r.hidden = !ok;
      if (ok) shown++;
    }
    count.textContent = (labels['count'] ?? '').replace('{shown}', String(shown)).replace('{total}', String(rows.length));
  };
  const fieldset = document.createElement('fieldset');
  const legend = document.createElement('legend');
  legend.textContent = labels['legend'] ?? '';
  fieldset.append(legend);
  for (const key of ruleFilterKeys) {
    const values = [...new Set(rows.map((r) => r.dataset[key] ?? ''))].filter(Boolean).sort();
    if (key === 'year') values.reverse();
    const label = document.createElement('label');
    label.textContent = `${labels[key] ?? key} `;
    const select = document.createElement('select');
    select.id = `rules-filter-${key}`;
    const any = document.createElement('option');
    any.value = '';
    any.textContent = labels['all'] ?? '';
    select.append(any);
    for (const v of values) {
      const o = document.createElement('option');
      o.value = v;
      o.textContent = key === 'status' ? (statusText[v] ?? v) : v;
      select.append(o);
    }
    select.addEventListener('change', () => {
      chosen[key] = select.value;
      update();
    });
    label.append(select);
    fieldset.append(label);
  }
  box.append(fieldset, count);
  update();
}

start();
