// Shapes shared by every chart figure: the data table under it and the download links.

/** The data table in a chart's closed <details>: first column holds the row headers. */
export interface ChartTable {
  /** Column headers, the row-header column first. */
  columns: string[];
  /** One row per table row: its header cell and its data cells (already formatted). */
  rows: { head: string; cells: string[] }[];
}

/** Optional links printed under a chart; a link not given is not rendered. */
export interface ChartLinks {
  /** URL of the chart's data as CSV. */
  csvHref?: string | undefined;
  /** URL of the chart's data as JSON. */
  jsonHref?: string | undefined;
  /** URL of the chart as a standalone SVG file. */
  svgHref?: string | undefined;
}

/** The id of the hatch pattern a figure defines for suppressed areas. */
export function hatchId(id: string): string {
  return `${id}-hatch`;
}
