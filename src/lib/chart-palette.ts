// Colours and dash patterns for charts. Okabe–Ito hues, ordered so the first ones keep
// at least 3:1 contrast on white; series never rely on colour alone (dashes, labels).

/** Okabe–Ito colours in the order series take them. */
export const SERIES_COLOURS = [
  '#0072B2', // blue
  '#D55E00', // vermillion
  '#009E73', // bluish green
  '#CC79A7', // reddish purple
  '#000000', // black
  '#E69F00', // orange
  '#56B4E9', // sky blue
  '#F0E442', // yellow
] as const;

/** stroke-dasharray per series ('' = solid), so lines differ without colour. */
export const SERIES_DASHES = ['', '6 3', '2 3', '8 3 2 3', '1 2', '10 4', '4 2 1 2 1 2', '12 2 2 2'] as const;

/** Text and axis colours with AA contrast on white. */
export const INK = { text: '#1f1f1f', muted: '#595959', axis: '#6b6b6b', grid: '#e3e3e3', band: '#e6f2ea', bandText: '#1d5a32' } as const;

/** Colour of the i-th series (cycles). */
export function seriesColour(i: number): string {
  return SERIES_COLOURS[i % SERIES_COLOURS.length] as string;
}

/** Dash pattern of the i-th series (cycles). */
export function seriesDash(i: number): string {
  return SERIES_DASHES[i % SERIES_DASHES.length] as string;
}
