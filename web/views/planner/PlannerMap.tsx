import type { Map as MaplibreMap, StyleSpecification } from 'maplibre-gl';
import { useMemo } from 'react';
import type { GridTiers } from '../../grids/grid-features';
import { createGridOutlineLayer } from '../../map/layers/grid-outline';
import { createPlannerGridsLayer } from '../../map/layers/planner-grids';
import { createPlannerHandlesLayer } from '../../map/layers/planner-handles';
import { createPlannerIssuesLayer, type IssueFeature } from '../../map/layers/planner-issues';
import { createPlannerSketchLayers } from '../../map/layers/planner-sketch';
import { type Bbox, MapView } from '../../map/MapView';
import type { LonLat } from '../../planner/geometry';
import type { VertexNode } from '../../planner/vertex-index';
import { PLANNER_LAYOUT } from './planner-layout';
import type { ScreenHandle, VertexDrag } from './use-vertex-drag';

export type PlannerMapProps = {
  style: StyleSpecification;
  tiers: GridTiers;
  fitBounds: Bbox;
  selectedCode: string | null;
  mergePartnerCode: string | null;
  changedCodes: ReadonlySet<string>;
  handles: readonly VertexNode[];
  drag: VertexDrag | null;
  issues: readonly IssueFeature[];
  focusedIssue: number | null;
  sketch: { points: readonly LonLat[]; pointer: LonLat | null };
  onMapReady: (map: MaplibreMap | null) => void;
  /** State for the browser test: `data-*` attributes on the map container. */
  testState: { ready: boolean; screenHandles: readonly ScreenHandle[]; saving: boolean; viewport: string };
};

/** The dragged handle follows the pointer; the others stay where the saved outline has them. */
function movedHandles(handles: readonly VertexNode[], drag: VertexDrag | null): VertexNode[] {
  return handles.map((h) => (drag && h.key === drag.key ? { ...h, position: drag.to } : h));
}

/** The draft on the basemap: level-3 grids, upper-tier outlines, issues, handles and the split sketch. */
export function PlannerMap(p: PlannerMapProps) {
  const layers = useMemo(
    () => [
      createPlannerGridsLayer({
        features: p.tiers[3] ?? [],
        selectedCode: p.selectedCode,
        mergePartnerCode: p.mergePartnerCode,
        changedCodes: p.changedCodes,
      }),
      createGridOutlineLayer({ level: 2, features: p.tiers[2] ?? [] }),
      createGridOutlineLayer({ level: 1, features: p.tiers[1] ?? [] }),
      createPlannerIssuesLayer({ issues: p.issues, focusedIndex: p.focusedIssue }),
      ...createPlannerSketchLayers(p.sketch.points, p.sketch.pointer),
      createPlannerHandlesLayer({ nodes: movedHandles(p.handles, p.drag), activeKey: p.drag?.key ?? null }),
    ],
    [
      p.tiers,
      p.selectedCode,
      p.mergePartnerCode,
      p.changedCodes,
      p.issues,
      p.focusedIssue,
      p.sketch,
      p.handles,
      p.drag,
    ],
  );
  return (
    <MapView
      className="gs-map"
      testId="planner-map"
      style={p.style}
      layers={layers}
      fitBounds={p.fitBounds}
      padding={PLANNER_LAYOUT.mapPadding}
      fitDurationMs={PLANNER_LAYOUT.fitDurationMs}
      onMapReady={p.onMapReady}
      dataAttributes={{
        'data-state': p.testState.ready ? 'ready' : 'loading',
        'data-selected': p.selectedCode ?? '',
        'data-saving': String(p.testState.saving),
        'data-handles': JSON.stringify(p.testState.screenHandles),
        'data-viewport': p.testState.viewport,
      }}
    />
  );
}
