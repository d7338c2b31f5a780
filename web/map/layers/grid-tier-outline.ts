import { GeoJsonLayer } from '@deck.gl/layers';
import type { GridFeature, GridLevel, GridProperties } from '../../grids/grid-features';
import { BIGSCREEN_THEME, type Rgba } from '../../theme/theme';
import { DECK_BEFORE_LAYER_ID, type InterleavedProps } from './layer-ids';

/** Line width of each tier's outline at 1080p, in CSS pixels: streets bold, grids a hairline. */
export const TIER_OUTLINE_WIDTH_PIXELS: Record<GridLevel, number> = { 1: 3, 2: 1.5, 3: 0.8 };

export type GridTierOutlineLayerOptions = {
  level: GridLevel;
  features: readonly GridFeature[];
  /** Multiplies the widths (a 4K screen at device pixel ratio 1 wants 2). Default 1. */
  widthScale?: number;
  color?: Rgba;
  /** Layer id suffix, for a second outline of the same tier (e.g. the toured area). */
  idSuffix?: string;
  beforeId?: string;
};

/** Outlines of one tier, any level, not pickable. */
export function createGridTierOutlineLayer({
  level,
  features,
  widthScale = 1,
  color = BIGSCREEN_THEME.map.tierLine[level],
  idSuffix = '',
  beforeId = DECK_BEFORE_LAYER_ID,
}: GridTierOutlineLayerOptions): GeoJsonLayer<GridProperties, InterleavedProps> {
  return new GeoJsonLayer<GridProperties, InterleavedProps>({
    id: `grid-tier-outline-${level}${idSuffix}`,
    data: features as GridFeature[],
    beforeId,
    filled: false,
    stroked: true,
    pickable: false,
    lineWidthUnits: 'pixels',
    getLineWidth: TIER_OUTLINE_WIDTH_PIXELS[level] * widthScale,
    getLineColor: color,
    updateTriggers: { getLineWidth: [widthScale], getLineColor: [color] },
    lineJointRounded: true,
  });
}
