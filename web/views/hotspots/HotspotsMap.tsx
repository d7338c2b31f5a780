import type { PickingInfo } from '@deck.gl/core';
import type { Map as MaplibreMap, StyleSpecification } from 'maplibre-gl';
import { useCallback, useMemo, useState } from 'react';
import type { HotspotBinFeature, HotspotClusterFeature } from '../../api/hotspots';
import type { GridFeature, GridProperties, GridTiers } from '../../grids/grid-features';
import type { GridIndex } from '../../grids/grid-index';
import type { GridHover } from '../../map/GridMap';
import { type CasePoint, createCasePointsLayer, createSelectedCaseLayer } from '../../map/layers/case-points';
import { createDrillGridsLayer } from '../../map/layers/drill-grids';
import { createGridHighlightLayer } from '../../map/layers/grid-highlight';
import { createGridOutlineLayer } from '../../map/layers/grid-outline';
import { createHotspotBinsLayer } from '../../map/layers/hotspot-bins';
import { createHotspotClustersLayer } from '../../map/layers/hotspot-clusters';
import { type Bbox, MapView } from '../../map/MapView';
import { useGridLabels } from '../../map/use-grid-labels';
import type { ClassedScale } from '../../theme/ramp';
import { BIN_OPACITY_BY_LEVEL, HOTSPOT_LAYOUT } from './hotspot-layout';
import type { BinMode } from './url-state';

export type HotspotsMapProps = {
  style: StyleSpecification;
  tiers: GridTiers;
  index: GridIndex;
  focus: GridProperties | null;
  insideFocus: ReadonlySet<string> | null;
  hoverTarget: GridFeature | null;
  fitBounds: Bbox;
  bins: readonly HotspotBinFeature[];
  binMode: BinMode;
  countScale: ClassedScale;
  clusters: readonly HotspotClusterFeature[];
  /** Cases of the open list, drawn as points (level-3 focus only). */
  cases: readonly CasePoint[];
  selectedCase: CasePoint | null;
  onHover: (hover: GridHover | null) => void;
  onGridClick: (code: string) => void;
  onCaseClick: (id: number) => void;
};

/**
 * The hotspot map, bottom to top: level-3 grids (pickable, shaded outside the focus), case bins,
 * cluster hulls, level-2/1 outlines, highlights, case points and the selected case's marker.
 */
export function HotspotsMap(props: HotspotsMapProps) {
  const { tiers, index, focus, insideFocus, hoverTarget, onHover, onGridClick, onCaseClick } = props;
  const [map, setMap] = useState<MaplibreMap | null>(null);
  const labelCount = useGridLabels(map, tiers, index, focus);

  const handleHover = useCallback(
    (info: PickingInfo<GridFeature>) => {
      const code = info.object?.properties.code;
      if (map) map.getCanvas().style.cursor = code ? 'pointer' : '';
      onHover(code ? { code, x: info.x, y: info.y } : null);
    },
    [map, onHover],
  );
  const handleGridClick = useCallback(
    (info: PickingInfo<GridFeature>) => {
      const code = info.object?.properties.code;
      if (code) onGridClick(code);
    },
    [onGridClick],
  );
  const handleCaseClick = useCallback(
    (info: PickingInfo<CasePoint>) => {
      if (info.object) onCaseClick(info.object.id);
    },
    [onCaseClick],
  );

  const focusFeature = focus ? (index.get(focus.code) ?? null) : null;
  const { bins, binMode, countScale, clusters, cases, selectedCase } = props;
  const layers = useMemo(
    () => [
      createDrillGridsLayer({
        features: tiers[3] ?? [],
        insideFocus,
        onHover: handleHover,
        onClick: handleGridClick,
      }),
      createHotspotBinsLayer({
        features: bins,
        mode: binMode,
        countScale,
        opacity: BIN_OPACITY_BY_LEVEL[focus?.level ?? 0],
      }),
      createHotspotClustersLayer({ features: clusters }),
      createGridOutlineLayer({ level: 2, features: tiers[2] ?? [] }),
      createGridOutlineLayer({ level: 1, features: tiers[1] ?? [] }),
      createGridHighlightLayer({ kind: 'hover', feature: hoverTarget }),
      createGridHighlightLayer({ kind: 'focus', feature: focusFeature }),
      createCasePointsLayer({ cases, onClick: handleCaseClick }),
      createSelectedCaseLayer({ selected: selectedCase }),
    ],
    [
      tiers,
      focus,
      insideFocus,
      handleHover,
      handleGridClick,
      bins,
      binMode,
      countScale,
      clusters,
      hoverTarget,
      focusFeature,
      cases,
      handleCaseClick,
      selectedCase,
    ],
  );

  const ready = Boolean(map && tiers[1] && tiers[2] && tiers[3] && labelCount > 0);
  return (
    <MapView
      className="gs-map"
      testId="grid-map"
      style={props.style}
      layers={layers}
      fitBounds={props.fitBounds}
      padding={HOTSPOT_LAYOUT.mapPadding}
      fitDurationMs={HOTSPOT_LAYOUT.fitDurationMs}
      onMapReady={setMap}
      dataAttributes={{
        'data-state': ready ? 'ready' : 'loading',
        'data-focus': focus?.code ?? '',
        'data-focus-level': String(focus?.level ?? 0),
        'data-bins': String(bins.length),
        'data-clusters': String(clusters.length),
        'data-cases': String(cases.length),
        'data-selected-case': selectedCase ? String(selectedCase.id) : '',
      }}
    />
  );
}
