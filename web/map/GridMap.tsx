import type { LayersList, PickingInfo } from '@deck.gl/core';
import type { Map as MaplibreMap, StyleSpecification } from 'maplibre-gl';
import { useCallback, useMemo, useState } from 'react';
import type { GridFeature, GridProperties, GridTiers } from '../grids/grid-features';
import type { GridIndex } from '../grids/grid-index';
import type { ClassedScale } from '../theme/ramp';
import type { Rgba } from '../theme/theme';
import { LAYOUT } from '../ui/layout';
import { createGridFillLayer } from './layers/grid-fill';
import { createGridHighlightLayer } from './layers/grid-highlight';
import { createGridOutlineLayer } from './layers/grid-outline';
import { type Bbox, MapView } from './MapView';
import { useGridLabels } from './use-grid-labels';

/** A level-3 grid under the pointer, with the pointer's position in the map container. */
export type GridHover = { code: string; x: number; y: number };

export type GridMapProps = {
  style: StyleSpecification;
  tiers: GridTiers;
  index: GridIndex;
  /** Households scale of the level-3 fills. */
  scale: ClassedScale;
  /** The grid drilled into, or null for the whole district. */
  focus: GridProperties | null;
  /** Codes of the level-3 grids inside the focus (null: no focus, nothing dimmed). */
  insideFocus: ReadonlySet<string> | null;
  /** The grid a click would open, outlined while hovering. */
  hoverTarget: GridFeature | null;
  fitBounds: Bbox;
  /**
   * A thematic overlay (e.g. the party organisation layer): a fill colour replacing the households
   * colour of the level-3 grids, and layers drawn above the fills, beneath the outlines. Default: none.
   */
  overlay?: { fillColor: ((properties: GridProperties) => Rgba | null) | null; layers: LayersList } | null;
  /** Extra data-* attributes on the map container (state for tests and tools). */
  dataAttributes?: Record<`data-${string}`, string>;
  onHover: (hover: GridHover | null) => void;
  onClick: (code: string) => void;
};

/**
 * The three grid tiers on the basemap: level-3 fills, level-2 and level-1 outlines (deck.gl),
 * grid names (MapLibre symbols, in the shipped font), hover and focus highlights.
 */
export function GridMap({
  style,
  tiers,
  index,
  scale,
  focus,
  insideFocus,
  hoverTarget,
  fitBounds,
  overlay = null,
  dataAttributes,
  onHover,
  onClick,
}: GridMapProps) {
  const [map, setMap] = useState<MaplibreMap | null>(null);

  const handleHover = useCallback(
    (info: PickingInfo<GridFeature>) => {
      const code = info.object?.properties.code;
      if (map) map.getCanvas().style.cursor = code ? 'pointer' : '';
      onHover(code ? { code, x: info.x, y: info.y } : null);
    },
    [map, onHover],
  );
  const handleClick = useCallback(
    (info: PickingInfo<GridFeature>) => {
      const code = info.object?.properties.code;
      if (code) onClick(code);
    },
    [onClick],
  );

  const focusFeature = focus ? (index.get(focus.code) ?? null) : null;
  const layers = useMemo(
    () => [
      createGridFillLayer({
        features: tiers[3] ?? [],
        scale,
        insideFocus,
        fillColor: overlay?.fillColor ?? null,
        onHover: handleHover,
        onClick: handleClick,
      }),
      ...(overlay?.layers ?? []),
      createGridOutlineLayer({ level: 2, features: tiers[2] ?? [] }),
      createGridOutlineLayer({ level: 1, features: tiers[1] ?? [] }),
      createGridHighlightLayer({ kind: 'hover', feature: hoverTarget }),
      createGridHighlightLayer({ kind: 'focus', feature: focusFeature }),
    ],
    [tiers, scale, insideFocus, overlay, handleHover, handleClick, hoverTarget, focusFeature],
  );

  const labelCount = useGridLabels(map, tiers, index, focus);

  const ready = Boolean(map && tiers[1] && tiers[2] && tiers[3] && labelCount > 0);
  return (
    <MapView
      className="gs-map"
      testId="grid-map"
      style={style}
      layers={layers}
      fitBounds={fitBounds}
      padding={LAYOUT.mapPadding}
      fitDurationMs={LAYOUT.fitDurationMs}
      onMapReady={setMap}
      dataAttributes={{
        'data-state': ready ? 'ready' : 'loading',
        'data-tier-1': String(tiers[1]?.length ?? 0),
        'data-tier-2': String(tiers[2]?.length ?? 0),
        'data-tier-3': String(tiers[3]?.length ?? 0),
        'data-labels': String(labelCount),
        'data-focus': focus?.code ?? '',
        ...dataAttributes,
      }}
    />
  );
}
