import { GeoJsonLayer } from '@deck.gl/layers';
import type { GridFeature, GridProperties } from '../../grids/grid-features';
import { type ClassedScale, classColor } from '../../theme/ramp';
import { BIGSCREEN_THEME, type Rgba } from '../../theme/theme';
import { DECK_BEFORE_LAYER_ID, type InterleavedProps } from './layer-ids';

export const GRID_CHOROPLETH_LAYER_ID = 'grid-choropleth';

export type GridChoroplethLayerOptions = {
  /** Grids of the chosen tier. */
  features: readonly GridFeature[];
  /** Metric value per grid code; missing or null → the no-data fill. */
  values: ReadonlyMap<string, number | null>;
  scale: ClassedScale;
  /** Fill alpha 0–255. Default BIGSCREEN_THEME.map.choroplethAlpha. */
  alpha?: number;
  beforeId?: string;
};

/** Fill of one grid: its class colour, or the no-data fill when its value is unknown. */
export function choroplethFillColor(
  value: number | null | undefined,
  scale: ClassedScale,
  alpha: number = BIGSCREEN_THEME.map.choroplethAlpha,
): Rgba {
  if (value === null || value === undefined || !Number.isFinite(value)) return BIGSCREEN_THEME.map.noData;
  return classColor(scale, value, alpha);
}

/** One tier filled by a metric (not pickable: the wall display is not pointed at). */
export function createGridChoroplethLayer({
  features,
  values,
  scale,
  alpha = BIGSCREEN_THEME.map.choroplethAlpha,
  beforeId = DECK_BEFORE_LAYER_ID,
}: GridChoroplethLayerOptions): GeoJsonLayer<GridProperties, InterleavedProps> {
  return new GeoJsonLayer<GridProperties, InterleavedProps>({
    id: GRID_CHOROPLETH_LAYER_ID,
    data: features as GridFeature[],
    beforeId,
    filled: true,
    stroked: false,
    pickable: false,
    getFillColor: (f) => choroplethFillColor(values.get(f.properties.code), scale, alpha),
    updateTriggers: { getFillColor: [values, scale, alpha] },
    transitions: { getFillColor: 400 },
  });
}
