import { describe, expect, it } from 'vitest';
import { DEFAULT_CASE_SORT, type SortableCase, sortCases, toggleSort } from './case-sort';

function createCase(code: string, overrides: Partial<SortableCase> = {}): SortableCase {
  return {
    code,
    reportedAt: '2026-01-01T00:00:00Z',
    category: 'dispute',
    status: 'reported',
    priority: 'normal',
    ...overrides,
  };
}

describe('case list sorting', () => {
  it('sorts status in workflow order and priority from urgent down', () => {
    const rows = [createCase('a', { status: 'archived' }), createCase('b', { status: 'accepted' })];
    expect(sortCases(rows, { key: 'status', direction: 'asc' }).map((r) => r.code)).toEqual(['b', 'a']);
    const p = [createCase('a', { priority: 'normal' }), createCase('b', { priority: 'urgent' })];
    expect(sortCases(p, { key: 'priority', direction: 'asc' }).map((r) => r.code)).toEqual(['b', 'a']);
  });

  it('keeps the original order among ties in both directions', () => {
    const rows = [createCase('x'), createCase('y'), createCase('z')];
    expect(sortCases(rows, { key: 'category', direction: 'desc' }).map((r) => r.code)).toEqual([
      'x',
      'y',
      'z',
    ]);
  });

  it('flips the direction on the same column and starts a new one ascending', () => {
    expect(toggleSort(DEFAULT_CASE_SORT, 'reportedAt')).toEqual({ key: 'reportedAt', direction: 'asc' });
    expect(toggleSort(DEFAULT_CASE_SORT, 'code')).toEqual({ key: 'code', direction: 'asc' });
  });
});
