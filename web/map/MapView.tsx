import type { LayersList } from '@deck.gl/core';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import { Map as MaplibreMap, NavigationControl, ScaleControl, type StyleSpecification } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef, useState } from 'react';
import { UI_FONT_STACK } from './fonts';

/** [minLon, minLat, maxLon, maxLat] in WGS84. */
export type Bbox = [number, number, number, number];

export type CameraPadding = { top: number; bottom: number; left: number; right: number };

export type MapViewProps = {
  /** The MapLibre style. A new object re-creates the map, so keep it memoised. */
  style: StyleSpecification;
  /** deck.gl layers, drawn interleaved with the style's layers (see each layer's `beforeId`). */
  layers: LayersList;
  /** Where the map starts, and where it flies whenever the value changes (compared by value). */
  fitBounds: Bbox;
  padding: CameraPadding;
  fitDurationMs?: number;
  /** Called with the map once its style has loaded, and with `null` when it goes away. */
  onMapReady?: (map: MaplibreMap | null) => void;
  className?: string;
  testId?: string;
  /** Extra `data-*` attributes on the container (read by the browser tests). */
  dataAttributes?: Record<`data-${string}`, string>;
};

/** Rounds to ~1 m so that the same bounds from two sources do not fly the camera twice. */
function bboxKey(bbox: Bbox): string {
  return bbox.map((v) => v.toFixed(5)).join(',');
}

/**
 * A MapLibre map with a deck.gl overlay. Owns their whole life: created on mount, every listener
 * and control removed and the map destroyed on unmount.
 */
export function MapView({
  style,
  layers,
  fitBounds,
  padding,
  fitDurationMs = 700,
  onMapReady,
  className,
  testId,
  dataAttributes,
}: MapViewProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MaplibreMap | null>(null);
  const [overlay, setOverlay] = useState<MapLibreOverlay | null>(null);
  // The first bounds place the map at creation; later ones fly it (effect below).
  const initialCamera = useRef({ bounds: fitBounds, padding });

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const instance = new MaplibreMap({
      container,
      style,
      bounds: initialCamera.current.bounds,
      fitBoundsOptions: { padding: initialCamera.current.padding },
      localIdeographFontFamily: UI_FONT_STACK,
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
      maxPitch: 0,
      // Keeps the canvas readable by screenshots and the browser tests.
      canvasContextAttributes: { preserveDrawingBuffer: true },
    });
    instance.touchZoomRotate.disableRotation();
    const deckOverlay = new MapLibreOverlay({ interleaved: true, layers: [] });
    const navigation = new NavigationControl({ showCompass: false });
    const scale = new ScaleControl({ unit: 'metric' });
    instance.addControl(navigation, 'bottom-right');
    instance.addControl(scale, 'bottom-right');

    const handleLoad = () => {
      instance.addControl(deckOverlay);
      setMap(instance);
      setOverlay(deckOverlay);
    };
    instance.on('load', handleLoad);

    return () => {
      instance.off('load', handleLoad);
      setMap(null);
      setOverlay(null);
      if (instance.hasControl(deckOverlay)) instance.removeControl(deckOverlay);
      instance.removeControl(scale);
      instance.removeControl(navigation);
      instance.remove();
    };
  }, [style]);

  useEffect(() => {
    overlay?.setProps({ layers });
  }, [overlay, layers]);

  const fitKey = bboxKey(fitBounds);
  const lastFitKey = useRef(fitKey);
  useEffect(() => {
    if (!map || fitKey === lastFitKey.current) return;
    lastFitKey.current = fitKey;
    map.fitBounds(fitBounds, { padding, duration: fitDurationMs });
  }, [map, fitKey, fitBounds, padding, fitDurationMs]);

  useEffect(() => {
    onMapReady?.(map);
  }, [map, onMapReady]);

  return <div ref={containerRef} className={className} data-testid={testId} {...dataAttributes} />;
}
