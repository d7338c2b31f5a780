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
  /** Impact rows shown before the table scrolls. */
  maxImpactRows: 12,
} as const;
