/** Screen layout constants shared by the CSS-in-TS bits and the map camera. */
export const LAYOUT = {
  headerHeightPixels: 56,
  panelWidthPixels: 340,
  /** Space kept clear around a grid the map fits to, in pixels (the panel sits on the right). */
  mapPadding: { top: 96, bottom: 72, left: 72, right: 340 + 72 },
  fitDurationMs: 700,
} as const;
