import type { PickingInfo } from '@deck.gl/core';
import { GeoJsonLayer } from '@deck.gl/layers';
import type { GridFeature, GridProperties } from '../../grids/grid-features';
import { type ClassedScale, classColor } from '../../theme/ramp';
import { FILL_ALPHA, GRID_COLORS, type Rgba } from '../../theme/theme';
import { DECK_BEFORE_LAYER_ID, GRID_LAYER_IDS, type InterleavedProps } from './layer-ids';

export type GridFillLayerOptions = {
  /** Level-3 grids. */
  features: readonly GridFeature[];
  /** Colour scale over households per grid. */
  scale: ClassedScale;
  /** Codes of the grids inside the focused grid; the others are dimmed. `null` (default): none dimmed. */
  insideFocus?: ReadonlySet<string> | null;
  /**
   * Colours a grid by another measure than households (an overlay such as the party coverage); its alpha
   * applies inside the focus. Null for a grid falls back to the households colour. Default: none.
   */
  fillColor?: ((properties: GridProperties) => Rgba | null) | null;
  /** Hairline between neighbouring grids, in screen pixels. Default 0.6. */
  lineWidthPixels?: number;
  onHover?: (info: PickingInfo<GridFeature>) => void;
  onClick?: (info: PickingInfo<GridFeature>) => void;
  beforeId?: string;
};

/** Fill colour of one level-3 grid: its households class, dimmed outside the focus. */
export function gridFillColor(
  properties: GridProperties,
  scale: ClassedScale,
  insideFocus: ReadonlySet<string> | null,
  fillColor: GridFillLayerOptions['fillColor'] = null,
): Rgba {
  const inside = insideFocus === null || insideFocus.has(properties.code);
  const override = fillColor?.(properties);
  if (override) return inside ? override : [override[0], override[1], override[2], FILL_ALPHA.dimmed];
  const alpha = inside ? FILL_ALPHA.focused : FILL_ALPHA.dimmed;
  if (!Number.isFinite(properties.households)) {
    const [r, g, b] = GRID_COLORS.noData;
    return [r, g, b, Math.min(alpha, GRID_COLORS.noData[3])];
  }
  return classColor(scale, properties.households, alpha);
}

/** Level-3 grids filled by households: the pickable layer behind hover and drill-down. */
export function createGridFillLayer({
  features,
  scale,
  insideFocus = null,
  fillColor = null,
  lineWidthPixels = 0.6,
  onHover,
  onClick,
  beforeId = DECK_BEFORE_LAYER_ID,
}: GridFillLayerOptions): GeoJsonLayer<GridProperties, InterleavedProps> {
  return new GeoJsonLayer<GridProperties, InterleavedProps>({
    id: GRID_LAYER_IDS.fill,
    data: features as GridFeature[],
    beforeId,
    filled: true,
    stroked: true,
    pickable: true,
    lineWidthUnits: 'pixels',
    getLineWidth: lineWidthPixels,
    getLineColor: GRID_COLORS.level3Line,
    getFillColor: (f) => gridFillColor(f.properties, scale, insideFocus, fillColor),
    updateTriggers: { getFillColor: [scale, insideFocus, fillColor] },
    transitions: { getFillColor: 250 },
    ...(onHover ? { onHover } : {}),
    ...(onClick ? { onClick } : {}),
  });
}
