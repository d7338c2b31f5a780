import { useCallback } from 'react';
import { useSearchParams } from 'wouter';
import { URL_PARAMS } from '../routes';

/** The thematic layers of the grid map; the households fill is the default. */
export const MAP_LAYERS = ['households', 'party'] as const;
export type MapLayer = (typeof MAP_LAYERS)[number];

/** The grid map's layer, kept in the URL (`?layer=party`) like the focus so the view can be bookmarked. */
export function useMapLayer(): [MapLayer, (layer: MapLayer) => void] {
  const [params, setParams] = useSearchParams();
  const layer: MapLayer = params.get(URL_PARAMS.layer) === 'party' ? 'party' : 'households';
  const setLayer = useCallback(
    (next: MapLayer) =>
      setParams((p) => {
        if (next === 'households') p.delete(URL_PARAMS.layer);
        else p.set(URL_PARAMS.layer, next);
        return p;
      }),
    [setParams],
  );
  return [layer, setLayer];
}
