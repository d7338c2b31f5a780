import { GeoJsonLayer } from '@deck.gl/layers';
import type { GridFeature, GridProperties } from '../../grids/grid-features';
import { hexToRgba, PARTY_COLORS, type Rgba } from '../../theme/theme';
import { DECK_BEFORE_LAYER_ID, type InterleavedProps } from './layer-ids';

export const PARTY_COVERAGE_LAYER_ID = 'party-coverage';

/** What the coverage choropleth needs of a level-3 grid: has it a party branch, how many of the five haves. */
export type PartyCoverage = { hasBranch: boolean; haves: number };

/** The legend's classes in reading order: no branch, then 1…5 of the five haves. */
export type PartyCoverageClass = 'noBranch' | 1 | 2 | 3 | 4 | 5;
export const PARTY_COVERAGE_CLASSES: readonly PartyCoverageClass[] = ['noBranch', 1, 2, 3, 4, 5];

/** A grid's class: no branch stands apart from the ramp; a branch counts as one of the five haves. */
export function partyCoverageClass(c: PartyCoverage): PartyCoverageClass {
  if (!c.hasBranch) return 'noBranch';
  return Math.min(5, Math.max(1, Math.round(c.haves))) as 1 | 2 | 3 | 4 | 5;
}

/** The CSS colour of a class (legend swatches). */
export function partyCoverageClassColor(cls: PartyCoverageClass): string {
  return cls === 'noBranch' ? PARTY_COLORS.noBranch : (PARTY_COLORS.fiveHavesRamp[cls - 1] as string);
}

/** Fill of one grid: its class colour, or null when the grid has no figures (the caller's no-data fill). */
export function partyCoverageColor(
  c: PartyCoverage | undefined,
  alpha: number = PARTY_COLORS.fillAlpha,
): Rgba | null {
  return c ? hexToRgba(partyCoverageClassColor(partyCoverageClass(c)), alpha) : null;
}

export type PartyCoverageLayerOptions = {
  /** Level-3 grids. */
  features: readonly GridFeature[];
  coverage: ReadonlyMap<string, PartyCoverage>;
  /** Fill for grids without figures. */
  noDataColor: Rgba;
  /** Fill alpha 0–255. Default PARTY_COLORS.fillAlpha. */
  alpha?: number;
  beforeId?: string;
};

/**
 * Branch coverage choropleth (支部建在网格上): level-3 grids by the five haves in place, grids without a
 * branch apart. Not pickable, for displays that are not pointed at (the grid map recolours its
 * pickable fill with `partyCoverageColor` instead).
 */
export function createPartyCoverageLayer({
  features,
  coverage,
  noDataColor,
  alpha = PARTY_COLORS.fillAlpha,
  beforeId = DECK_BEFORE_LAYER_ID,
}: PartyCoverageLayerOptions): GeoJsonLayer<GridProperties, InterleavedProps> {
  return new GeoJsonLayer<GridProperties, InterleavedProps>({
    id: PARTY_COVERAGE_LAYER_ID,
    data: features as GridFeature[],
    beforeId,
    filled: true,
    stroked: false,
    pickable: false,
    getFillColor: (f) => partyCoverageColor(coverage.get(f.properties.code), alpha) ?? noDataColor,
    updateTriggers: { getFillColor: [coverage, alpha, noDataColor] },
  });
}
