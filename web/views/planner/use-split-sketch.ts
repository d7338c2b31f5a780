import type { Map as MaplibreMap, MapMouseEvent } from 'maplibre-gl';
import { useCallback, useEffect, useState } from 'react';
import type { LonLat } from '../../planner/geometry';

export type SplitSketch = {
  points: LonLat[];
  pointer: LonLat | null;
  clear: () => void;
};

/**
 * Drawing the split line: each click adds a point, a double-click finishes (without zooming the
 * map) and hands the points over; `clear` starts again.
 */
export function useSplitSketch(
  map: MaplibreMap | null,
  active: boolean,
  onFinish: (points: LonLat[]) => void,
): SplitSketch {
  const [points, setPoints] = useState<LonLat[]>([]);
  const [pointer, setPointer] = useState<LonLat | null>(null);
  const clear = useCallback(() => {
    setPoints([]);
    setPointer(null);
  }, []);

  useEffect(() => {
    if (!map || !active) return;
    const at = (e: MapMouseEvent): LonLat => [e.lngLat.lng, e.lngLat.lat];
    const onClick = (e: MapMouseEvent) => setPoints((p) => [...p, at(e)]);
    const onMove = (e: MapMouseEvent) => setPointer(at(e));
    const onDoubleClick = (e: MapMouseEvent) => {
      e.preventDefault();
      setPoints((p) => {
        onFinish(p);
        return [];
      });
    };
    map.doubleClickZoom.disable();
    map.getCanvas().style.cursor = 'crosshair';
    map.on('click', onClick);
    map.on('mousemove', onMove);
    map.on('dblclick', onDoubleClick);
    return () => {
      map.off('click', onClick);
      map.off('mousemove', onMove);
      map.off('dblclick', onDoubleClick);
      map.doubleClickZoom.enable();
      map.getCanvas().style.cursor = '';
    };
  }, [map, active, onFinish]);

  useEffect(() => {
    if (!active) clear();
  }, [active, clear]);
  return { points, pointer, clear };
}

/** A click on the map (not a drag) reports the level-3 grid under it, found by point-in-polygon. */
export function useGridClick(map: MaplibreMap | null, enabled: boolean, onPoint: (p: LonLat) => void): void {
  useEffect(() => {
    if (!map || !enabled) return;
    const onClick = (e: MapMouseEvent) => onPoint([e.lngLat.lng, e.lngLat.lat]);
    map.on('click', onClick);
    return () => {
      map.off('click', onClick);
    };
  }, [map, enabled, onPoint]);
}
