import type { GeometryChanges } from './move-node';

/** One undoable geometry edit: the outlines of the grids it touched, before and after. */
export type GeometryEdit = { before: GeometryChanges; after: GeometryChanges };

/** Undo/redo stacks; the newest edit is last in `past`, the next redo last in `future`. */
export type EditHistory = { past: readonly GeometryEdit[]; future: readonly GeometryEdit[] };

export type HistoryAction =
  | { type: 'record'; edit: GeometryEdit }
  | { type: 'undo' }
  | { type: 'redo' }
  /** Split, merge or another draft: edits that change which grids exist cannot be replayed. */
  | { type: 'reset' };

export const EMPTY_HISTORY: EditHistory = { past: [], future: [] };

/** Oldest edits are dropped beyond this, so a long session does not hold every outline forever. */
export const HISTORY_LIMIT = 100;

export function historyReducer(state: EditHistory, action: HistoryAction): EditHistory {
  switch (action.type) {
    case 'record':
      return { past: [...state.past, action.edit].slice(-HISTORY_LIMIT), future: [] };
    case 'undo': {
      const edit = state.past.at(-1);
      return edit ? { past: state.past.slice(0, -1), future: [...state.future, edit] } : state;
    }
    case 'redo': {
      const edit = state.future.at(-1);
      return edit ? { past: [...state.past, edit], future: state.future.slice(0, -1) } : state;
    }
    case 'reset':
      return EMPTY_HISTORY;
  }
}

/** The outlines to write for an undo (the last edit's `before`), or null with nothing to undo. */
export function undoTarget(state: EditHistory): GeometryChanges | null {
  return state.past.at(-1)?.before ?? null;
}

/** The outlines to write for a redo (the last undone edit's `after`), or null. */
export function redoTarget(state: EditHistory): GeometryChanges | null {
  return state.future.at(-1)?.after ?? null;
}
