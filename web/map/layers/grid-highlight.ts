import { GeoJsonLayer } from '@deck.gl/layers';
import type { GridFeature, GridProperties } from '../../grids/grid-features';
import { GRID_COLORS, type Rgba } from '../../theme/theme';
import { DECK_BEFORE_LAYER_ID, GRID_LAYER_IDS, type InterleavedProps } from './layer-ids';

export type GridHighlightKind = 'hover' | 'focus';

export type GridHighlightStyle = { lineColor: Rgba; fillColor: Rgba | null; widthPixels: number };

/**
 * Hover: the grid a click would open, outlined and lightly tinted. Focus: the grid drilled into,
 * outlined only, so its children's fills stay readable.
 */
export const GRID_HIGHLIGHT_DEFAULTS: Record<GridHighlightKind, GridHighlightStyle> = {
  hover: { lineColor: GRID_COLORS.hoverLine, fillColor: GRID_COLORS.hoverFill, widthPixels: 2.4 },
  focus: { lineColor: GRID_COLORS.focusLine, fillColor: null, widthPixels: 3.2 },
};

export type GridHighlightLayerOptions = {
  kind: GridHighlightKind;
  /** The highlighted grid; `null` gives an empty layer (kept so deck.gl does not re-create it). */
  feature: GridFeature | null;
  beforeId?: string;
};

export function createGridHighlightLayer({
  kind,
  feature,
  beforeId = DECK_BEFORE_LAYER_ID,
}: GridHighlightLayerOptions): GeoJsonLayer<GridProperties, InterleavedProps> {
  const { lineColor, fillColor, widthPixels } = GRID_HIGHLIGHT_DEFAULTS[kind];
  return new GeoJsonLayer<GridProperties, InterleavedProps>({
    id: kind === 'hover' ? GRID_LAYER_IDS.hover : GRID_LAYER_IDS.focus,
    data: feature ? [feature] : [],
    beforeId,
    filled: fillColor !== null,
    stroked: true,
    pickable: false,
    lineWidthUnits: 'pixels',
    getLineWidth: widthPixels,
    getLineColor: lineColor,
    getFillColor: fillColor ?? [0, 0, 0, 0],
    lineJointRounded: true,
  });
}
