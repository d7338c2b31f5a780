import { useMemo } from 'react';
import { useHealth } from '../../api/health';
import { geometryBbox } from '../../map/basemap-data';
import { buildBasemapStyle } from '../../map/basemap-style';
import type { Bbox } from '../../map/MapView';
import { useBasemapData } from '../../map/use-basemap';

/** The basemap style (waiting for /api/health, like the explorer) and the district's bounds. */
export function usePlannerStyle() {
  const health = useHealth();
  const basemap = useBasemapData();
  const healthSettled = health.isSuccess || health.isError;
  const rasterTileUrl = health.data?.basemapUrl ?? null;
  const style = useMemo(
    () => (basemap.data && healthSettled ? buildBasemapStyle({ ...basemap.data, rasterTileUrl }) : null),
    [basemap.data, healthSettled, rasterTileUrl],
  );
  const districtBbox: Bbox | null = basemap.data ? geometryBbox(basemap.data.district.outline) : null;
  return { style, districtBbox };
}
