/** The "Excel" variant of a CSV: the same bytes after a UTF-8 byte-order mark, so Excel opens Chinese text correctly. */

const BOM = Uint8Array.of(0xef, 0xbb, 0xbf);

/** File name of the Excel variant: `departments.csv` -> `departments.excel.csv`. */
export function excelName(csvName: string): string {
  return csvName.replace(/\.csv$/, '.excel.csv');
}

/** The CSV bytes prefixed with a UTF-8 BOM (never doubled). */
export function withBom(csv: Uint8Array): Uint8Array {
  if (csv[0] === 0xef && csv[1] === 0xbb && csv[2] === 0xbf) return csv;
  const out = new Uint8Array(csv.byteLength + BOM.byteLength);
  out.set(BOM, 0);
  out.set(csv, BOM.byteLength);
  return out;
}
