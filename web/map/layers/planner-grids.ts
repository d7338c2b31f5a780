import { GeoJsonLayer } from '@deck.gl/layers';
import type { GridFeature, GridProperties } from '../../grids/grid-features';
import { PLANNER_COLORS, type Rgba } from '../../theme/theme';
import { DECK_BEFORE_LAYER_ID, type InterleavedProps } from './layer-ids';

export const PLANNER_GRIDS_LAYER_ID = 'planner-grids-3';

/** Line widths of the draft's level-3 grids, in pixels: hairline, and the selection outline. */
export const PLANNER_GRID_LINE_PIXELS = { normal: 1, selected: 3 } as const;

export type PlannerGridsLayerOptions = {
  /** Level-3 grids of the draft, with any outline being dragged already applied. */
  features: readonly GridFeature[];
  selectedCode: string | null;
  mergePartnerCode: string | null;
  /** Grids the draft changed (from the impact report): tinted so the planner sees their work. */
  changedCodes: ReadonlySet<string>;
  beforeId?: string;
};

function fillColor(code: string, o: PlannerGridsLayerOptions): Rgba {
  if (code === o.selectedCode) return PLANNER_COLORS.selectedFill;
  if (code === o.mergePartnerCode) return PLANNER_COLORS.mergePartnerFill;
  return o.changedCodes.has(code) ? PLANNER_COLORS.changedFill : PLANNER_COLORS.fill;
}

function lineColor(code: string, o: PlannerGridsLayerOptions): Rgba {
  if (code === o.selectedCode) return PLANNER_COLORS.selectedLine;
  if (code === o.mergePartnerCode) return PLANNER_COLORS.mergePartnerLine;
  return PLANNER_COLORS.line;
}

/**
 * The draft's level-3 grids, highlighted under the pointer. Selection is hit-tested in TypeScript on
 * map clicks (`planner/point-in-grid.ts`), so it does not depend on the GPU picking pass.
 */
export function createPlannerGridsLayer(
  o: PlannerGridsLayerOptions,
): GeoJsonLayer<GridProperties, InterleavedProps> {
  const highlighted = (code: string) => code === o.selectedCode || code === o.mergePartnerCode;
  return new GeoJsonLayer<GridProperties, InterleavedProps>({
    id: PLANNER_GRIDS_LAYER_ID,
    data: o.features as GridFeature[],
    beforeId: o.beforeId ?? DECK_BEFORE_LAYER_ID,
    filled: true,
    stroked: true,
    pickable: true,
    autoHighlight: true,
    highlightColor: PLANNER_COLORS.hoverFill,
    lineWidthUnits: 'pixels',
    getFillColor: (f) => fillColor(f.properties.code, o),
    getLineColor: (f) => lineColor(f.properties.code, o),
    getLineWidth: (f) =>
      highlighted(f.properties.code) ? PLANNER_GRID_LINE_PIXELS.selected : PLANNER_GRID_LINE_PIXELS.normal,
    lineJointRounded: true,
    updateTriggers: {
      getFillColor: [o.selectedCode, o.mergePartnerCode, o.changedCodes],
      getLineColor: [o.selectedCode, o.mergePartnerCode],
      getLineWidth: [o.selectedCode, o.mergePartnerCode],
    },
  });
}
