import { describe, expect, it } from 'vitest';
import { NO_DURATIONS } from '../queries/stats-figures';
import type { WindowGridRow } from '../queries/stats-window';
import { applyWindowRows } from './window-cache';

function createRow(code: string, changed: number, households = 100): WindowGridRow {
  return {
    source: {
      grid: { code, name: code, parentCode: null, households, population: 0, workers: 0 },
      cohort: undefined,
      open: undefined,
      durations: NO_DURATIONS,
    },
    ord: 0,
    l1Code: null,
    l2Code: null,
    changed,
  };
}

describe('applyWindowRows', () => {
  it('takes a full read as the copy and remembers its last change', () => {
    const copy = applyWindowRows(undefined, {
      generation: 3,
      full: true,
      rows: [createRow('a', 5), createRow('b', 9)],
    });
    expect(copy?.generation).toBe(3);
    expect(copy?.changed).toBe(9);
    expect(copy?.rows.map((r) => r.source.grid.code)).toEqual(['a', 'b']);
  });

  it('replaces changed rows in place, keeping order, and leaves the old copy as it was', () => {
    const copy = applyWindowRows(undefined, {
      generation: 1,
      full: true,
      rows: [createRow('a', 1), createRow('b', 2)],
    });
    if (!copy) throw new Error('no copy');
    const next = applyWindowRows(copy, { generation: 1, full: false, rows: [createRow('a', 7, 555)] });
    expect(next?.rows.map((r) => [r.source.grid.code, r.source.grid.households])).toEqual([
      ['a', 555],
      ['b', 100],
    ]);
    expect(next?.changed).toBe(7);
    expect(copy.rows[0]?.source.grid.households).toBe(100);
    // Nothing changed: same rows, same mark.
    expect(applyWindowRows(copy, { generation: 1, full: false, rows: [] })?.changed).toBe(2);
  });

  it('gives up on a row the copy does not hold', () => {
    const copy = applyWindowRows(undefined, { generation: 1, full: true, rows: [createRow('a', 1)] });
    expect(
      applyWindowRows(copy ?? undefined, { generation: 1, full: false, rows: [createRow('z', 4)] }),
    ).toBeNull();
  });
});
