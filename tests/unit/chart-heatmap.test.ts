import { describe, expect, it } from 'vitest';
import { contrastRatio } from '../../src/lib/chart-colour.ts';
import { heatmapModel } from '../../src/lib/chart-heatmap.ts';

const rows = [
  { key: 'p', label: 'Person' },
  { key: 'b', label: 'Business' },
];
const columns = [
  { key: 'c', label: 'Certificate' },
  { key: 'l', label: 'Licence' },
  { key: 'x', label: 'Complaint' },
];

describe('heatmapModel(input)', () => {
  const m = heatmapModel({ locale: 'en', rows, columns, values: [[1200, 30, null], [0, 800, 45]], valueFormat: 'number', rowHeader: 'Client' });
  it('prints every value with a contrasting text colour and hatches suppressed cells', () => {
    expect(m.cells).toHaveLength(6);
    expect(m.cells.map((c) => c.text)).toEqual(['1,200', '30', '—', '0', '800', '45']);
    const sup = m.cells[2]!;
    expect(sup.fill).toBeNull();
    for (const c of m.cells.filter((c) => c.fill !== null)) expect(contrastRatio(c.fill as string, c.textColour)).toBeGreaterThanOrEqual(4.5);
    expect(m.anySuppressed).toBe(true);
  });
  it('gives the largest value the darkest fill and a zero a fill (zero is data)', () => {
    expect(contrastRatio(m.cells[0]!.fill as string, '#ffffff')).toBeGreaterThan(contrastRatio(m.cells[1]!.fill as string, '#ffffff'));
    expect(m.cells[3]!.fill).not.toBeNull();
  });
  it('has a labelled legend and a full table', () => {
    expect(m.legend.length).toBeGreaterThanOrEqual(3);
    expect(m.legend[0]?.label).toBe('0');
    expect(m.table.columns).toEqual(['Client', 'Certificate', 'Licence', 'Complaint']);
    expect(m.table.rows[0]?.cells).toEqual(['1,200', '30', '—']);
  });
  it('rotates column labels that do not fit a cell', () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ key: `k${i}`, label: `A very long need type ${i}` }));
    const w = heatmapModel({ locale: 'en', rows, columns: many, values: rows.map(() => many.map(() => 1)), valueFormat: 'number', rowHeader: 'x' });
    expect(w.rotateLabels).toBe(true);
    expect(w.margin.top).toBeGreaterThan(24);
  });
  it('rejects a ragged matrix', () => {
    expect(() => heatmapModel({ locale: 'en', rows, columns, values: [[1, 2, 3]], valueFormat: 'number', rowHeader: 'x' })).toThrow(/2 rows × 3 columns/);
  });
});
