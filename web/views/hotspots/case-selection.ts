import type { CaseCategory, CaseSource } from '../../../server/domain/case-vocabulary';
import type { TimeWindow } from './time-window';
import type { HotspotUrlState } from './url-state';

/**
 * The cases a selection stands for. Bins, clusters and the case list are all asked with the same
 * parameters, so the count on the bins and the length of the list are counts of the same set.
 */
export type CaseSelection = {
  grid: string | null;
  window: TimeWindow | null;
  categories: readonly CaseCategory[];
  sources: readonly CaseSource[];
};

/** Query parameters shared by `/api/hotspots/*` and `/api/cases` (grid, from/to, category, source). */
export type SelectionQuery = {
  grid?: string;
  from?: string;
  to?: string;
  category?: string;
  source?: string;
};

export function selectionOf(state: HotspotUrlState): CaseSelection {
  return { grid: state.grid, window: state.window, categories: state.categories, sources: state.sources };
}

export function selectionQuery(s: CaseSelection): SelectionQuery {
  const q: SelectionQuery = {};
  if (s.grid) q.grid = s.grid;
  if (s.window) {
    q.from = s.window.from;
    q.to = s.window.to;
  }
  if (s.categories.length) q.category = s.categories.join(',');
  if (s.sources.length) q.source = s.sources.join(',');
  return q;
}

/** A stable key of the selection for react-query (same selection, same key). */
export function selectionKey(s: CaseSelection): string {
  return new URLSearchParams(selectionQuery(s)).toString();
}
