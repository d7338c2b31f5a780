import { useMemo } from 'react';
import { useVersionGrids } from '../../api/versions';
import { type GridFeature, type GridTiers, toGridFeatures } from '../../grids/grid-features';
import { toEditableGrids, withOutline } from '../../planner/draft-grids';
import type { GeometryChanges } from '../../planner/move-node';
import {
  buildVertexIndex,
  type EditableGrid,
  nodesOfGrid,
  type VertexNode,
} from '../../planner/vertex-index';

export type DraftModel = {
  features: GridFeature[];
  /** The saved grids, with the revisions edits must send. */
  grids: EditableGrid[];
  byCode: ReadonlyMap<string, EditableGrid>;
  featureByCode: ReadonlyMap<string, GridFeature>;
  /** Handles of the selected grid. */
  handles: VertexNode[];
  isLoaded: boolean;
};

/** Features per tier with unsaved (dragged or saving) outlines applied, for drawing. */
export function tiersOf(features: GridFeature[], overlay: GeometryChanges): GridTiers {
  const tiers: GridTiers = { 1: [], 2: [], 3: [] };
  for (const f of features) tiers[f.properties.level]?.push(withOutline(f, overlay[f.properties.code]));
  return tiers;
}

/** The draft's grids as the editor sees them: saved state, drawn state and the selected grid's handles. */
export function useDraftModel(draftId: number | null, selectedCode: string | null): DraftModel {
  const query = useVersionGrids(draftId);
  const features = useMemo(() => (query.data ? toGridFeatures(query.data) : []), [query.data]);
  const grids = useMemo(() => toEditableGrids(features), [features]);
  const index = useMemo(() => buildVertexIndex(grids), [grids]);
  const byCode = useMemo(() => new Map(grids.map((g) => [g.code, g])), [grids]);
  const featureByCode = useMemo(() => new Map(features.map((f) => [f.properties.code, f])), [features]);
  const selected = selectedCode ? byCode.get(selectedCode) : undefined;
  const handles = useMemo(() => (selected ? nodesOfGrid(index, selected) : []), [index, selected]);
  return { features, grids, byCode, featureByCode, handles, isLoaded: query.isSuccess };
}
