import { CASE_STATUSES } from '../../../server/domain/case-workflow';
import { PRIORITIES } from '../../../server/domain/sla';

export const CASE_SORT_KEYS = ['code', 'reportedAt', 'category', 'status', 'priority'] as const;
export type CaseSortKey = (typeof CASE_SORT_KEYS)[number];
export type CaseSort = { key: CaseSortKey; direction: 'asc' | 'desc' };

/** The API's own order: newest first. */
export const DEFAULT_CASE_SORT: CaseSort = { key: 'reportedAt', direction: 'desc' };

export type SortableCase = Record<CaseSortKey, string>;

/** Statuses in workflow order and priorities from urgent down, rather than alphabetically. */
const RANKS: Partial<Record<CaseSortKey, readonly string[]>> = {
  status: CASE_STATUSES,
  priority: PRIORITIES,
};

function compareBy(key: CaseSortKey) {
  const rank = RANKS[key];
  return (a: SortableCase, b: SortableCase): number =>
    rank ? rank.indexOf(a[key]) - rank.indexOf(b[key]) : a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : 0;
}

/** A sorted copy; ties keep the API's order (newest first), so the result is stable. */
export function sortCases<T extends SortableCase>(rows: readonly T[], sort: CaseSort): T[] {
  const compare = compareBy(sort.key);
  const sign = sort.direction === 'asc' ? 1 : -1;
  return rows
    .map((row, i) => ({ row, i }))
    .sort((a, b) => sign * compare(a.row, b.row) || a.i - b.i)
    .map((x) => x.row);
}

/** Clicking a header: the same column flips direction, another column starts ascending (time: newest first). */
export function toggleSort(current: CaseSort, key: CaseSortKey): CaseSort {
  if (current.key === key) return { key, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { key, direction: key === 'reportedAt' ? 'desc' : 'asc' };
}
