import { GeoJsonLayer } from '@deck.gl/layers';
import type { GridFeature, GridProperties } from '../../grids/grid-features';
import { GRID_COLORS, type Rgba } from '../../theme/theme';
import { DECK_BEFORE_LAYER_ID, GRID_LAYER_IDS, type InterleavedProps } from './layer-ids';

export type GridOutlineLevel = 1 | 2;

export type GridOutlineStyle = {
  /** Line width in screen pixels, constant across zoom levels. */
  widthPixels: number;
  color: Rgba;
};

/**
 * Outline styles of the two upper tiers: level-1 grids (streets) bold, level-2 grids (communities,
 * villages) medium. Level-3 grids get no outline layer of their own; their fills carry a hairline.
 */
export const GRID_OUTLINE_DEFAULTS: Record<GridOutlineLevel, GridOutlineStyle> = {
  1: { widthPixels: 2.6, color: GRID_COLORS.level1Line },
  2: { widthPixels: 1.3, color: GRID_COLORS.level2Line },
};

export type GridOutlineLayerOptions = {
  level: GridOutlineLevel;
  features: readonly GridFeature[];
  /** Overrides the tier's default style. */
  style?: Partial<GridOutlineStyle>;
  /** MapLibre layer to draw beneath; defaults to the grid labels. */
  beforeId?: string;
};

/** Outlines of one upper tier, not pickable (picking happens on the level-3 fills). */
export function createGridOutlineLayer({
  level,
  features,
  style,
  beforeId = DECK_BEFORE_LAYER_ID,
}: GridOutlineLayerOptions): GeoJsonLayer<GridProperties, InterleavedProps> {
  const { widthPixels, color } = { ...GRID_OUTLINE_DEFAULTS[level], ...style };
  return new GeoJsonLayer<GridProperties, InterleavedProps>({
    id: level === 1 ? GRID_LAYER_IDS.outline1 : GRID_LAYER_IDS.outline2,
    data: features as GridFeature[],
    beforeId,
    filled: false,
    stroked: true,
    pickable: false,
    lineWidthUnits: 'pixels',
    getLineWidth: widthPixels,
    getLineColor: color,
    lineJointRounded: true,
    lineCapRounded: true,
  });
}
