import type { PickingInfo } from '@deck.gl/core';
import { GeoJsonLayer } from '@deck.gl/layers';
import type { GridFeature, GridProperties } from '../../grids/grid-features';
import { GRID_COLORS, HOTSPOT_COLORS, type Rgba } from '../../theme/theme';
import { DECK_BEFORE_LAYER_ID, type InterleavedProps } from './layer-ids';

export const DRILL_GRIDS_LAYER_ID = 'drill-grids-3';

export type DrillGridsLayerOptions = {
  /** Level-3 grids. */
  features: readonly GridFeature[];
  /** Codes inside the grid in focus; the others are shaded. `null` (default): none shaded. */
  insideFocus?: ReadonlySet<string> | null;
  /** Hairline between grids in screen pixels. Default 0.5. */
  lineWidthPixels?: number;
  onHover?: (info: PickingInfo<GridFeature>) => void;
  onClick?: (info: PickingInfo<GridFeature>) => void;
  beforeId?: string;
};

/** A near-transparent tint inside the focus (so the data layers carry the colour), shade outside. */
export function drillGridFill(code: string, insideFocus: ReadonlySet<string> | null): Rgba {
  return insideFocus === null || insideFocus.has(code)
    ? HOTSPOT_COLORS.drillFill
    : HOTSPOT_COLORS.drillDimmed;
}

/**
 * Level-3 grids as the pickable surface of the drill-down, drawn under the bins: the hotspot view
 * colours the map by cases, not households, so this layer only tints and shades.
 */
export function createDrillGridsLayer({
  features,
  insideFocus = null,
  lineWidthPixels = 0.5,
  onHover,
  onClick,
  beforeId = DECK_BEFORE_LAYER_ID,
}: DrillGridsLayerOptions): GeoJsonLayer<GridProperties, InterleavedProps> {
  return new GeoJsonLayer<GridProperties, InterleavedProps>({
    id: DRILL_GRIDS_LAYER_ID,
    data: features as GridFeature[],
    beforeId,
    filled: true,
    stroked: true,
    pickable: true,
    lineWidthUnits: 'pixels',
    getLineWidth: lineWidthPixels,
    getLineColor: GRID_COLORS.level3Line,
    getFillColor: (f) => drillGridFill(f.properties.code, insideFocus),
    updateTriggers: { getFillColor: [insideFocus] },
    ...(onHover ? { onHover } : {}),
    ...(onClick ? { onClick } : {}),
  });
}
