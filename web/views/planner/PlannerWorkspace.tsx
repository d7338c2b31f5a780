import type { Map as MaplibreMap } from 'maplibre-gl';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ValidationIssueDto } from '../../api/versions';
import { geometryBbox } from '../../map/basemap-data';
import type { Bbox } from '../../map/MapView';
import type { LonLat } from '../../planner/geometry';
import { issueFeatures } from '../../planner/issue-features';
import { canMerge, splitLine } from '../../planner/patch';
import { gridAt } from '../../planner/point-in-grid';
import { EditHint } from './EditHint';
import { PlannerMap } from './PlannerMap';
import { PlannerToolbar } from './PlannerToolbar';
import { expandBbox, PLANNER_LAYOUT } from './planner-layout';
import { tiersOf, useDraftModel } from './use-draft-model';
import { type PlannerTool, usePlannerEditor } from './use-planner-editor';
import { usePlannerStyle } from './use-planner-style';
import { useGridClick, useSplitSketch } from './use-split-sketch';
import { useScreenHandles, useVertexDrag, useViewportState } from './use-vertex-drag';

export type PlannerWorkspaceProps = {
  versionId: number;
  editable: boolean;
  issues: readonly ValidationIssueDto[];
  focusedIssue: number | null;
  changedCodes: readonly string[];
};

/** Grid selection per tool: select picks; merge picks the first grid, then its partner. */
function useSelection(tool: PlannerTool) {
  const [selected, setSelected] = useState<string | null>(null);
  const [partner, setPartner] = useState<string | null>(null);
  const onGridClick = useCallback(
    (code: string) => {
      if (tool === 'merge' && selected && code !== selected) setPartner(code);
      else if (tool !== 'split' || !selected) {
        setSelected(code);
        setPartner(null);
      }
    },
    [tool, selected],
  );
  return { selected, partner, setSelected, setPartner, onGridClick };
}

/** The map with its editing tools, for one version (editable when it is a draft). */
export function PlannerWorkspace({
  versionId,
  editable,
  issues,
  focusedIssue,
  changedCodes,
}: PlannerWorkspaceProps) {
  const { t } = useTranslation();
  const [map, setMap] = useState<MaplibreMap | null>(null);
  const [tool, setTool] = useState<PlannerTool>('select');
  const selection = useSelection(tool);
  const model = useDraftModel(versionId, selection.selected);
  const editor = usePlannerEditor(versionId, model);
  const { style, districtBbox } = usePlannerStyle();

  const canDrag = editable && tool === 'select';
  const handles = useMemo(() => (canDrag ? model.handles : []), [canDrag, model.handles]);
  const drag = useVertexDrag(map, handles, canDrag, (d) => void editor.moveVertex(d));
  const screenHandles = useScreenHandles(map, handles);
  const viewport = useViewportState(map);
  const finishSplit = useCallback(
    (points: LonLat[]) => {
      if (!selection.selected) return;
      void editor.split(selection.selected, points).then((ok) => ok && setTool('select'));
    },
    [editor, selection.selected],
  );
  const sketch = useSplitSketch(
    map,
    editable && tool === 'split' && selection.selected !== null,
    finishSplit,
  );

  const level3 = useMemo(() => model.grids.filter((g) => g.level === 3), [model.grids]);
  const onGridClick = selection.onGridClick;
  const clickAt = useCallback(
    (p: LonLat) => {
      const code = gridAt(p, level3);
      if (code) onGridClick(code);
    },
    [level3, onGridClick],
  );
  useGridClick(map, !(tool === 'split' && selection.selected !== null), clickAt);

  const overlay = editor.previewMove(drag);
  const tiers = useMemo(() => tiersOf(model.features, overlay), [model.features, overlay]);
  const issueLayerData = useMemo(() => issueFeatures(issues), [issues]);
  const changed = useMemo(() => new Set(changedCodes), [changedCodes]);
  const selectedFeature = selection.selected ? model.featureByCode.get(selection.selected) : undefined;
  const fitBounds: Bbox | null =
    selectedFeature && tool === 'select'
      ? expandBbox(geometryBbox(selectedFeature.geometry), PLANNER_LAYOUT.selectionContextRatio)
      : districtBbox;
  const mergeReady = canMerge(
    model.byCode.get(selection.selected ?? '') ?? null,
    model.byCode.get(selection.partner ?? '') ?? null,
  );

  const chooseTool = (next: PlannerTool) => {
    setTool(next);
    selection.setPartner(null);
  };
  const doMerge = () => {
    const { selected, partner } = selection;
    if (selected && partner)
      void editor.merge(selected, partner).then((ok) => ok && selection.setPartner(null));
  };

  if (!style || !fitBounds) return null;
  return (
    <>
      <PlannerMap
        style={style}
        tiers={tiers}
        fitBounds={fitBounds}
        selectedCode={selection.selected}
        mergePartnerCode={selection.partner}
        changedCodes={changed}
        handles={handles}
        drag={drag}
        issues={issueLayerData}
        focusedIssue={focusedIssue}
        sketch={sketch}
        onMapReady={setMap}
        testState={{
          ready: Boolean(map) && model.isLoaded,
          screenHandles,
          saving: editor.notice?.kind === 'saving',
          viewport,
        }}
      />
      {editable && (
        <div className="gs-overlay gs-overlay--top gs-planner-top">
          <PlannerToolbar
            tool={tool}
            disabled={editor.notice?.kind === 'saving'}
            canUndo={editor.history.past.length > 0}
            canRedo={editor.history.future.length > 0}
            onTool={chooseTool}
            onUndo={() => void editor.undo()}
            onRedo={() => void editor.redo()}
          />
          <EditHint
            tool={tool}
            selectedLabel={
              selectedFeature
                ? t('planner.selected', {
                    name: selectedFeature.properties.name,
                    code: selectedFeature.properties.code,
                  })
                : null
            }
            notice={editor.notice}
            splitReady={splitLine(sketch.points) !== null}
            mergeReady={mergeReady}
            onFinishSplit={() => finishSplit(sketch.points)}
            onMerge={doMerge}
            onCancel={() => chooseTool('select')}
          />
        </div>
      )}
    </>
  );
}
