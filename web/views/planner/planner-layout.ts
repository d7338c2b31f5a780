/** Screen layout of the planner: a wider side panel than the explorer's, for the impact table. */
const PANEL_WIDTH_PIXELS = 440;
const MARGIN_PIXELS = 72;

export const PLANNER_LAYOUT = {
  panelWidthPixels: PANEL_WIDTH_PIXELS,
  mapPadding: {
    top: 110,
    bottom: MARGIN_PIXELS,
    left: MARGIN_PIXELS,
    right: PANEL_WIDTH_PIXELS + MARGIN_PIXELS,
  },
  fitDurationMs: 600,
  /** A selected grid is framed with this share of its size around it, so its neighbours show. */
  selectionContextRatio: 0.6,
} as const;

/** A bbox grown by `ratio` of its width and height, half on each side. */
export function expandBbox(
  [w, s, e, n]: [number, number, number, number],
  ratio: number,
): [number, number, number, number] {
  const dx = ((e - w) * ratio) / 2;
  const dy = ((n - s) * ratio) / 2;
  return [w - dx, s - dy, e + dx, n + dy];
}
