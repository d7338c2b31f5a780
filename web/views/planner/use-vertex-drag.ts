import type { Map as MaplibreMap, MapMouseEvent } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import type { LonLat } from '../../planner/geometry';
import type { VertexNode } from '../../planner/vertex-index';

/** How close (screen pixels) a press must be to a handle to grab it. */
export const HANDLE_HIT_PIXELS = 10;

/** A handle on screen, for hit-testing and for the browser test (`data-handles`). */
export type ScreenHandle = { key: string; x: number; y: number; owners: string[] };

export type VertexDrag = { key: string; from: LonLat; to: LonLat };

function nearestHandle(map: MaplibreMap, nodes: readonly VertexNode[], e: MapMouseEvent): VertexNode | null {
  let best: VertexNode | null = null;
  let bestDistance = HANDLE_HIT_PIXELS;
  for (const node of nodes) {
    const p = map.project(node.position);
    const d = Math.hypot(p.x - e.point.x, p.y - e.point.y);
    if (d <= bestDistance) {
      best = node;
      bestDistance = d;
    }
  }
  return best;
}

/** Projected positions of the handles, refreshed whenever the camera moves. */
export function useScreenHandles(map: MaplibreMap | null, nodes: readonly VertexNode[]): ScreenHandle[] {
  const [handles, setHandles] = useState<ScreenHandle[]>([]);
  useEffect(() => {
    if (!map) return;
    const update = () =>
      setHandles(
        nodes.map((n) => {
          const p = map.project(n.position);
          return { key: n.key, x: Math.round(p.x), y: Math.round(p.y), owners: n.owners };
        }),
      );
    update();
    map.on('moveend', update);
    return () => {
      map.off('moveend', update);
    };
  }, [map, nodes]);
  return handles;
}

/**
 * Drag of a vertex handle with the mouse: a press near a handle grabs it (and stops the map from
 * panning for that gesture), moves preview the new position, the release commits it.
 */
export function useVertexDrag(
  map: MaplibreMap | null,
  nodes: readonly VertexNode[],
  enabled: boolean,
  onCommit: (drag: VertexDrag) => void,
): VertexDrag | null {
  const [drag, setDrag] = useState<VertexDrag | null>(null);
  const dragRef = useRef<VertexDrag | null>(null);
  const commitRef = useRef(onCommit);
  commitRef.current = onCommit;

  useEffect(() => {
    if (!map || !enabled) return;
    const set = (next: VertexDrag | null) => {
      dragRef.current = next;
      setDrag(next);
    };
    const onDown = (e: MapMouseEvent) => {
      const node = nearestHandle(map, nodes, e);
      if (!node) return;
      e.preventDefault();
      set({ key: node.key, from: node.position, to: node.position });
    };
    const onMove = (e: MapMouseEvent) => {
      const current = dragRef.current;
      if (current) set({ ...current, to: [e.lngLat.lng, e.lngLat.lat] });
      else map.getCanvas().style.cursor = nearestHandle(map, nodes, e) ? 'grab' : '';
    };
    const onUp = () => {
      const current = dragRef.current;
      set(null);
      if (current && (current.to[0] !== current.from[0] || current.to[1] !== current.from[1])) {
        commitRef.current(current);
      }
    };
    map.on('mousedown', onDown);
    map.on('mousemove', onMove);
    map.on('mouseup', onUp);
    return () => {
      map.off('mousedown', onDown);
      map.off('mousemove', onMove);
      map.off('mouseup', onUp);
      map.getCanvas().style.cursor = '';
    };
  }, [map, nodes, enabled]);
  return drag;
}

/** The camera as the browser test needs it to find a grid on screen: bounds and canvas size. */
export function useViewportState(map: MaplibreMap | null): string {
  const [state, setState] = useState('');
  useEffect(() => {
    if (!map) return;
    const update = () => {
      const b = map.getBounds();
      const canvas = map.getContainer();
      setState(
        JSON.stringify({
          bounds: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()],
          width: canvas.clientWidth,
          height: canvas.clientHeight,
        }),
      );
    };
    update();
    map.on('moveend', update);
    return () => {
      map.off('moveend', update);
    };
  }, [map]);
  return state;
}
