import {
  CASE_CATEGORIES,
  CASE_SOURCES,
  type CaseCategory,
  type CaseSource,
} from '../../../server/domain/case-vocabulary';
import { isTimeWindow, type TimeWindow } from './time-window';

/** How bins are coloured: by Getis-Ord Gi* class, or by case count. */
export const BIN_MODES = ['gi', 'count'] as const;
export type BinMode = (typeof BIN_MODES)[number];

/**
 * Everything the hotspot view shows, as it lives in the URL, so a link reproduces the view and the
 * browser's Back walks through the drill-down.
 */
export type HotspotUrlState = {
  /** The grid drilled into (any level), or null for the whole district. */
  grid: string | null;
  /** null: all time. */
  window: TimeWindow | null;
  /** Empty: every category. */
  categories: CaseCategory[];
  /** Empty: every source. */
  sources: CaseSource[];
  /** The case opened from the list. */
  caseId: number | null;
  binMode: BinMode;
};

export const HOTSPOT_URL_PARAMS = {
  grid: 'grid',
  from: 'from',
  to: 'to',
  categories: 'cat',
  sources: 'src',
  caseId: 'case',
  binMode: 'bins',
} as const;

export const DEFAULT_HOTSPOT_STATE: HotspotUrlState = {
  grid: null,
  window: null,
  categories: [],
  sources: [],
  caseId: null,
  binMode: 'gi',
};

const GRID_CODE = /^[A-Za-z0-9_-]{1,40}$/;
const CASE_ID = /^[1-9][0-9]{0,14}$/;

/** Known values of a comma list, in vocabulary order, without duplicates; unknown ones dropped. */
function listOf<T extends string>(raw: string | null, vocabulary: readonly T[]): T[] {
  const given = new Set((raw ?? '').split(','));
  return vocabulary.filter((v) => given.has(v));
}

/** Reads the state from a query string; anything malformed falls back to its default. */
export function decodeHotspotState(search: string): HotspotUrlState {
  const p = new URLSearchParams(search);
  const grid = p.get(HOTSPOT_URL_PARAMS.grid);
  const from = p.get(HOTSPOT_URL_PARAMS.from);
  const to = p.get(HOTSPOT_URL_PARAMS.to);
  const caseId = p.get(HOTSPOT_URL_PARAMS.caseId);
  const binMode = p.get(HOTSPOT_URL_PARAMS.binMode);
  return {
    grid: grid && GRID_CODE.test(grid) ? grid : null,
    window: from && to && isTimeWindow(from, to) ? { from, to } : null,
    categories: listOf(p.get(HOTSPOT_URL_PARAMS.categories), CASE_CATEGORIES),
    sources: listOf(p.get(HOTSPOT_URL_PARAMS.sources), CASE_SOURCES),
    caseId: caseId && CASE_ID.test(caseId) ? Number(caseId) : null,
    binMode: (BIN_MODES as readonly string[]).includes(binMode ?? '')
      ? (binMode as BinMode)
      : DEFAULT_HOTSPOT_STATE.binMode,
  };
}

/**
 * Writes the state into a query string. Parameters this view does not own (e.g. `lang`) are kept;
 * defaults are left out so the plain view has a plain URL.
 */
export function encodeHotspotState(state: HotspotUrlState, search = ''): string {
  const p = new URLSearchParams(search);
  for (const key of Object.values(HOTSPOT_URL_PARAMS)) p.delete(key);
  if (state.grid) p.set(HOTSPOT_URL_PARAMS.grid, state.grid);
  if (state.window) {
    p.set(HOTSPOT_URL_PARAMS.from, state.window.from);
    p.set(HOTSPOT_URL_PARAMS.to, state.window.to);
  }
  if (state.categories.length) p.set(HOTSPOT_URL_PARAMS.categories, state.categories.join(','));
  if (state.sources.length) p.set(HOTSPOT_URL_PARAMS.sources, state.sources.join(','));
  if (state.caseId !== null) p.set(HOTSPOT_URL_PARAMS.caseId, String(state.caseId));
  if (state.binMode !== DEFAULT_HOTSPOT_STATE.binMode) p.set(HOTSPOT_URL_PARAMS.binMode, state.binMode);
  return p.toString();
}
