import type { GeoJSONSource, Map as MaplibreMap } from 'maplibre-gl';
import { useEffect, useMemo, useState } from 'react';
import type { GridFeature, GridProperties, GridTiers } from '../grids/grid-features';
import type { GridIndex } from '../grids/grid-index';
import { preloadGlyphs } from './fonts';
import {
  GRID_LABEL_LAYER_IDS,
  GRID_LABEL_SOURCE_ID,
  gridLabelCollection,
  gridLabelRules,
} from './grid-labels';

/**
 * Hands the names of `features` to the map's grid-label source once their glyphs are loaded in the
 * shipped font (MapLibre would otherwise fall back to a system font). Returns how many are shown.
 */
export function useGridLabelSource(
  map: MaplibreMap | null,
  features: readonly GridFeature[] | undefined,
  index: GridIndex,
): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    if (!map || !features) return;
    const labels = gridLabelCollection(features, index);
    let cancelled = false;
    void preloadGlyphs(
      document.fonts,
      labels.features.map((f) => f.properties.name),
    ).then(() => {
      const source = map.getSource<GeoJSONSource>(GRID_LABEL_SOURCE_ID);
      if (cancelled || !source) return;
      source.setData(labels);
      setCount(labels.features.length);
    });
    return () => {
      cancelled = true;
    };
  }, [map, features, index]);
  return count;
}

/** Names of all three tiers, shown per focus by `gridLabelRules`. Returns the label count. */
export function useGridLabels(
  map: MaplibreMap | null,
  tiers: GridTiers,
  index: GridIndex,
  focus: GridProperties | null,
): number {
  const all = useMemo(
    () => (tiers[1] && tiers[2] && tiers[3] ? [...tiers[1], ...tiers[2], ...tiers[3]] : undefined),
    [tiers],
  );
  const count = useGridLabelSource(map, all, index);
  useEffect(() => {
    if (!map) return;
    const rules = gridLabelRules(focus);
    for (const level of [1, 2, 3] as const) {
      const id = GRID_LABEL_LAYER_IDS[level];
      const rule = rules[level];
      map.setLayoutProperty(id, 'visibility', rule.visible ? 'visible' : 'none');
      map.setFilter(id, rule.filter);
      map.setLayerZoomRange(id, rule.minzoom, 24);
    }
  }, [map, focus]);
  return count;
}
