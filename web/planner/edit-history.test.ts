import { describe, expect, it } from 'vitest';
import {
  EMPTY_HISTORY,
  type GeometryEdit,
  HISTORY_LIMIT,
  historyReducer,
  redoTarget,
  undoTarget,
} from './edit-history';

function createEdit(n: number): GeometryEdit {
  return { before: { A: [[[[n, 0]]]] }, after: { A: [[[[n + 1, 0]]]] } };
}

describe('historyReducer', () => {
  it('undoes to the previous outlines and redoes to the edited ones', () => {
    let h = historyReducer(EMPTY_HISTORY, { type: 'record', edit: createEdit(1) });
    h = historyReducer(h, { type: 'record', edit: createEdit(2) });
    expect(undoTarget(h)).toEqual(createEdit(2).before);
    h = historyReducer(h, { type: 'undo' });
    expect(h.past).toHaveLength(1);
    expect(redoTarget(h)).toEqual(createEdit(2).after);
    h = historyReducer(h, { type: 'redo' });
    expect(h.past).toHaveLength(2);
    expect(h.future).toHaveLength(0);
  });

  it('drops the redo stack on a new edit, ignores undo with nothing done, and resets', () => {
    let h = historyReducer(EMPTY_HISTORY, { type: 'record', edit: createEdit(1) });
    h = historyReducer(h, { type: 'undo' });
    h = historyReducer(h, { type: 'record', edit: createEdit(5) });
    expect(h.future).toEqual([]);
    expect(historyReducer(EMPTY_HISTORY, { type: 'undo' })).toBe(EMPTY_HISTORY);
    expect(undoTarget(EMPTY_HISTORY)).toBeNull();
    expect(historyReducer(h, { type: 'reset' })).toEqual(EMPTY_HISTORY);
  });

  it('keeps at most HISTORY_LIMIT edits', () => {
    let h = EMPTY_HISTORY;
    for (let i = 0; i < HISTORY_LIMIT + 5; i += 1)
      h = historyReducer(h, { type: 'record', edit: createEdit(i) });
    expect(h.past).toHaveLength(HISTORY_LIMIT);
    expect(h.past[0]).toEqual(createEdit(5));
  });
});
