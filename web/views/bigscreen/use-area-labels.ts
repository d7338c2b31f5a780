import type { Map as MaplibreMap } from 'maplibre-gl';
import { useEffect } from 'react';
import type { GridFeature } from '../../grids/grid-features';
import type { GridIndex } from '../../grids/grid-index';
import { GRID_LABEL_LAYER_IDS } from '../../map/grid-labels';
import { useGridLabelSource } from '../../map/use-grid-labels';

/** Level-1 names at 1080p, in CSS pixels: read from across the room, over the choropleth. */
const AREA_LABEL_SIZE_PIXELS = 26;
const AREA_LABEL_HALO_PIXELS = 3;

/**
 * Names of the level-1 areas on the map, in the shipped font (the basemap style's label layers; the
 * finer tiers stay unlabelled: the wall shows the ranking for them). Returns how many are shown.
 */
export function useAreaLabels(
  map: MaplibreMap | null,
  areas: readonly GridFeature[] | undefined,
  index: GridIndex,
  sizeScale: number,
): number {
  const count = useGridLabelSource(map, areas, index);

  useEffect(() => {
    if (!map) return;
    map.setLayoutProperty(GRID_LABEL_LAYER_IDS[2], 'visibility', 'none');
    map.setLayoutProperty(GRID_LABEL_LAYER_IDS[3], 'visibility', 'none');
    map.setLayoutProperty(GRID_LABEL_LAYER_IDS[1], 'text-size', AREA_LABEL_SIZE_PIXELS * sizeScale);
    map.setPaintProperty(GRID_LABEL_LAYER_IDS[1], 'text-halo-width', AREA_LABEL_HALO_PIXELS * sizeScale);
  }, [map, sizeScale]);
  return count;
}
