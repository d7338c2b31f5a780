import { useCallback, useReducer, useState } from 'react';
import { ApiError } from '../../api/api-error';
import { useMergeGrids, useSplitGrid, useUpdateGrids } from '../../api/versions';
import { EMPTY_HISTORY, historyReducer, redoTarget, undoTarget } from '../../planner/edit-history';
import type { LonLat } from '../../planner/geometry';
import { applyChanges, type GeometryChanges, moveNode } from '../../planner/move-node';
import { buildBatchUpdates, canMerge, snapshotOf, splitLine } from '../../planner/patch';
import type { DraftModel } from './use-draft-model';
import type { VertexDrag } from './use-vertex-drag';

export type PlannerTool = 'select' | 'split' | 'merge';

/** What the planner is told after an edit: nothing, saving, or a failure (stale or other). */
export type EditNotice = { kind: 'saving' } | { kind: 'stale' } | { kind: 'failed'; message: string } | null;

function noticeFor(error: unknown): EditNotice {
  if (error instanceof ApiError && error.status === 409) return { kind: 'stale' };
  return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
}

/** Every edit of a draft: vertex moves (undoable), split, merge; each ends with the draft refetched. */
export function usePlannerEditor(draftId: number, model: DraftModel) {
  const [history, dispatch] = useReducer(historyReducer, EMPTY_HISTORY);
  const [saving, setSaving] = useState<GeometryChanges>({});
  const [notice, setNotice] = useState<EditNotice>(null);
  const updateGrids = useUpdateGrids(draftId);
  const splitGrid = useSplitGrid(draftId);
  const mergeGrids = useMergeGrids(draftId);
  const revisionOf = useCallback((code: string) => model.byCode.get(code)?.revision, [model.byCode]);

  /** Writes outlines in one atomic batch; shows them while saving; true when saved. */
  const write = useCallback(
    async (changes: GeometryChanges): Promise<boolean> => {
      setSaving(changes);
      setNotice({ kind: 'saving' });
      try {
        await updateGrids.mutateAsync(buildBatchUpdates(changes, revisionOf));
        setNotice(null);
        return true;
      } catch (error) {
        setNotice(noticeFor(error));
        return false;
      } finally {
        setSaving({});
      }
    },
    [updateGrids, revisionOf],
  );

  const moveVertex = useCallback(
    async (drag: VertexDrag) => {
      const after = moveNode(model.grids, drag.from, drag.to);
      const before = snapshotOf(Object.keys(after), (code) => model.byCode.get(code)?.coordinates);
      if (await write(after)) dispatch({ type: 'record', edit: { before, after } });
    },
    [model, write],
  );

  const undo = useCallback(async () => {
    const target = undoTarget(history);
    if (target && (await write(target))) dispatch({ type: 'undo' });
  }, [history, write]);

  const redo = useCallback(async () => {
    const target = redoTarget(history);
    if (target && (await write(target))) dispatch({ type: 'redo' });
  }, [history, write]);

  const run = useCallback(async (action: () => Promise<unknown>) => {
    setNotice({ kind: 'saving' });
    try {
      await action();
      setNotice(null);
      dispatch({ type: 'reset' });
      return true;
    } catch (error) {
      setNotice(noticeFor(error));
      return false;
    }
  }, []);

  const split = useCallback(
    (code: string, points: LonLat[]) => {
      const line = splitLine(points);
      const revision = revisionOf(code);
      if (!line || revision === undefined) return Promise.resolve(false);
      return run(() => splitGrid.mutateAsync({ code, revision, line: line.coordinates }));
    },
    [revisionOf, run, splitGrid],
  );

  const merge = useCallback(
    (keep: string, absorb: string) => {
      const a = model.byCode.get(keep);
      const b = model.byCode.get(absorb);
      if (!a || !b || !canMerge(a, b)) return Promise.resolve(false);
      return run(() =>
        mergeGrids.mutateAsync([
          { code: a.code, revision: a.revision },
          { code: b.code, revision: b.revision },
        ]),
      );
    },
    [model.byCode, run, mergeGrids],
  );

  return {
    history,
    saving,
    notice,
    moveVertex,
    undo,
    redo,
    split,
    merge,
    resetHistory: () => dispatch({ type: 'reset' }),
    previewMove: (drag: VertexDrag | null) =>
      drag ? moveNode(applyChanges(model.grids, saving), drag.from, drag.to) : saving,
  };
}
