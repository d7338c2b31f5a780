import type { GeoJSONSource, Map as MaplibreMap } from 'maplibre-gl';
import { useEffect, useState } from 'react';
import type { GridProperties, GridTiers } from '../../grids/grid-features';
import type { GridIndex } from '../../grids/grid-index';
import { preloadGlyphs } from '../../map/fonts';
import {
  GRID_LABEL_LAYER_IDS,
  GRID_LABEL_SOURCE_ID,
  gridLabelCollection,
  gridLabelRules,
} from '../../map/grid-labels';

/**
 * Grid names on the hotspot map, as on the explorer's: glyphs preloaded in the shipped font, then
 * the label points handed to MapLibre, shown per focus by `gridLabelRules`. Returns the label count.
 */
export function useGridLabels(
  map: MaplibreMap | null,
  tiers: GridTiers,
  index: GridIndex,
  focus: GridProperties | null,
): number {
  const [labelCount, setLabelCount] = useState(0);
  useEffect(() => {
    if (!map || !tiers[1] || !tiers[2] || !tiers[3]) return;
    const labels = gridLabelCollection([...tiers[1], ...tiers[2], ...tiers[3]], index);
    let cancelled = false;
    void preloadGlyphs(
      document.fonts,
      labels.features.map((f) => f.properties.name),
    ).then(() => {
      const source = map.getSource<GeoJSONSource>(GRID_LABEL_SOURCE_ID);
      if (cancelled || !source) return;
      source.setData(labels);
      setLabelCount(labels.features.length);
    });
    return () => {
      cancelled = true;
    };
  }, [map, tiers, index]);

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
  return labelCount;
}
