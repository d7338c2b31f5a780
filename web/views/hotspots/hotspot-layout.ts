/** Layout of the hotspot view: a wider side panel than the explorer's, for the case table. */
export const HOTSPOT_LAYOUT = {
  panelWidthPixels: 460,
  /** Space kept clear around the grid the map fits to (the panel sits on the right). */
  mapPadding: { top: 150, bottom: 110, left: 72, right: 460 + 56 },
  fitDurationMs: 700,
  /** Row height of the virtualised case table, in pixels. */
  caseRowHeightPixels: 38,
  /** Rows rendered beyond the visible ones. */
  caseRowOverscan: 8,
  /** Ask for the next page when this many loaded rows are left below the viewport. */
  caseLoadAheadRows: 15,
  /** One frame of the play animation. */
  playStepMs: 1600,
} as const;

/** Bin size (metres) for the study area at each drill level (0 = whole district). */
export const BIN_SIZE_BY_LEVEL = { 0: 500, 1: 250, 2: 100, 3: 100 } as const;

/** Opacity of the bins at each drill level: at grid level the case points on top must stay readable. */
export const BIN_OPACITY_BY_LEVEL = { 0: 1, 1: 1, 2: 0.9, 3: 0.45 } as const;

/** Times are shown in the district's own time zone. */
export const DISPLAY_TIME_ZONE = 'Asia/Shanghai';
