// Interface text used inside the older charts, per locale. The strings live in
// src/i18n/<locale>.json under chart.*; this keeps the ChartLabels shape for existing callers.
import type { ChartLocale } from './chart-format.ts';
import { t } from './i18n.ts';

/** The few words a chart writes itself; everything else comes from the caller. */
export interface ChartLabels {
  /** Summary of the closed <details> holding the data table. */
  showTable: string;
  /** Header of the first table column. */
  month: string;
  /** Note under a stacked bar chart when some segments are suppressed. */
  suppressedNote: string;
  /** Spoken/printed when a chart has no values at all. */
  noData: string;
}

/** Chart interface text for `locale`. */
export function chartLabels(locale: ChartLocale): ChartLabels {
  return {
    showTable: t(locale, 'chart.table'),
    month: t(locale, 'chart.month'),
    suppressedNote: t(locale, 'chart.suppressedNote'),
    noData: t(locale, 'chart.noData'),
  };
}
