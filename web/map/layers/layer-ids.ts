/**
 * Ids of GridSight's deck.gl layers and of the MapLibre layer they are drawn beneath. deck.gl runs
 * interleaved with MapLibre, so grid labels (MapLibre symbols) stay on top of deck fills.
 */
export const GRID_LAYER_IDS = {
  fill: 'grid-fill-3',
  outline1: 'grid-outline-1',
  outline2: 'grid-outline-2',
  hover: 'grid-hover',
  focus: 'grid-focus',
} as const;

/** The first MapLibre label layer: every deck layer is inserted before it. */
export const DECK_BEFORE_LAYER_ID = 'grid-labels-3';

/** Props that @deck.gl/maplibre reads from each layer in interleaved mode. */
export type InterleavedProps = { beforeId?: string };
