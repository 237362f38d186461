// Interface text used inside charts, per locale.
// TODO(i18n): move these keys into src/i18n/<locale> once that module exists.
import type { ChartLocale } from './chart-format.ts';

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

const LABELS: Record<ChartLocale, ChartLabels> = {
  'zh-CN': {
    showTable: '查看数据表',
    month: '月份',
    suppressedNote: '* 标有星号的月份有数值因样本过小已隐去，柱高不含这些数值。',
    noData: '暂无数据',
  },
  en: {
    showTable: 'Show data table',
    month: 'Month',
    suppressedNote: '* In months marked with an asterisk some values are suppressed (too few cases); those bars exclude them.',
    noData: 'No data',
  },
};

/** Chart interface text for `locale`. */
export function chartLabels(locale: ChartLocale): ChartLabels {
  return LABELS[locale];
}
