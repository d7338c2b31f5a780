import { MVTLayer } from '@deck.gl/geo-layers';
import mvtWorkerUrl from '@loaders.gl/mvt/mvt-worker.js?url';
import { GRID_TILE_MIN_ZOOM } from '../../../server/domain/hotspots/tile-math';
import type { GridFeature, GridLevel } from '../../grids/grid-features';
import type { ClassedScale } from '../../theme/ramp';
import { BIGSCREEN_THEME, type Rgba } from '../../theme/theme';
import { geometryBbox } from '../basemap-data';
import { choroplethFillColor } from './grid-choropleth';
import { TIER_OUTLINE_WIDTH_PIXELS } from './grid-tier-outline';
import { DECK_BEFORE_LAYER_ID, type InterleavedProps } from './layer-ids';

/**
 * Above this many grids in a tier, the map draws that tier from vector tiles
 * (`/api/tiles/grids/{z}/{x}/{y}.mvt?level=`) instead of one GeoJSON download: 50,000 level-3 grids
 * are ~12 MB of GeoJSON, while a tile holds only the grids it shows.
 */
export const TILED_TIER_MIN_GRIDS = 5_000;

/** Whether a tier of `gridCount` grids is drawn from tiles. */
export function tierUsesTiles(gridCount: number | undefined): boolean {
  return gridCount !== undefined && gridCount > TILED_TIER_MIN_GRIDS;
}

/** [west, south, east, north] of the features (e.g. the level-1 tier: every grid lies inside), if any. */
export function gridsExtent(
  features: readonly GridFeature[] | undefined,
): [number, number, number, number] | undefined {
  if (!features?.length) return undefined;
  return features
    .map((f) => geometryBbox(f.geometry))
    .reduce((a, b) => [
      Math.min(a[0], b[0]),
      Math.min(a[1], b[1]),
      Math.max(a[2], b[2]),
      Math.max(a[3], b[3]),
    ]);
}

/** The grid tile URL template of one tier, relative to the app's origin. */
export function gridTileUrl(level: GridLevel): string {
  return `/api/tiles/grids/{z}/{x}/{y}.mvt?level=${level}`;
}

type TileGridProperties = { code: string; name: string; level: number; parentCode?: string };
type TileFeature = { properties: TileGridProperties };

export type GridTileLayerOptions = {
  level: GridLevel;
  /**
   * [west, south, east, north] of the grids. Zoomed out below the level's first tile zoom
   * (GRID_TILE_MIN_ZOOM: level 3 from z11), the layer loads that zoom's tiles within it, so every grid
   * is still drawn; without it, nothing is drawn there.
   */
  extent?: [number, number, number, number];
  /** Fill by metric value per grid code (a choropleth); omitted → outlines only. */
  choropleth?: { values: ReadonlyMap<string, number | null>; scale: ClassedScale; alpha?: number };
  /** Multiplies the outline width (as the GeoJSON tier outlines); 0 draws no outline. Default 1. */
  widthScale?: number;
  color?: Rgba;
  beforeId?: string;
};

/**
 * One tier from grid vector tiles: outlined like createGridTierOutlineLayer and, with `choropleth`,
 * filled like createGridChoroplethLayer, so a view swaps its GeoJSON tier for this one unchanged.
 */
export function createGridTileLayer({
  level,
  extent,
  choropleth,
  widthScale = 1,
  color = BIGSCREEN_THEME.map.tierLine[level],
  beforeId = DECK_BEFORE_LAYER_ID,
}: GridTileLayerOptions): MVTLayer<TileGridProperties, InterleavedProps> {
  const alpha = choropleth?.alpha ?? BIGSCREEN_THEME.map.choroplethAlpha;
  return new MVTLayer<TileGridProperties, InterleavedProps>({
    id: `grid-tiles-${level}${choropleth ? '-choropleth' : ''}`,
    data: gridTileUrl(level),
    beforeId,
    // loaders.gl fetches its MVT worker from unpkg.com by default, which an air-gapped intranet cannot
    // reach (the tiles then load but nothing is drawn): use the copy bundled with the app.
    loadOptions: { mvt: { workerUrl: mvtWorkerUrl } },
    minZoom: GRID_TILE_MIN_ZOOM[level],
    maxZoom: 16,
    ...(extent ? { extent } : {}),
    binary: false,
    pickable: false,
    filled: choropleth !== undefined,
    stroked: widthScale > 0,
    lineWidthUnits: 'pixels',
    getLineWidth: TIER_OUTLINE_WIDTH_PIXELS[level] * widthScale,
    getLineColor: color,
    getFillColor: (f: TileFeature) =>
      choropleth
        ? choroplethFillColor(choropleth.values.get(f.properties.code), choropleth.scale, alpha)
        : BIGSCREEN_THEME.map.noData,
    updateTriggers: {
      getFillColor: [choropleth?.values, choropleth?.scale, alpha],
      getLineWidth: [widthScale],
      getLineColor: [color],
    },
  });
}
