/** `GET /api/stats/grids`: the overview's figures per grid of one tier, for choropleths and rankings. */
import type { Db } from '../db/db';
import {
  computeRates,
  METRICS_TIME_ZONE,
  perThousandHouseholds,
  type Rates,
  rate,
  resolvedCount,
  type Window,
} from '../domain/metrics';
import type { WindowCache } from '../stats/window-cache';
import type { GridLevel } from './grids';
import {
  cohortCounts,
  type DurationFigures,
  type GridSource,
  type TierGrid,
  type TierPart,
} from './stats-figures';
import { directGridSources } from './stats-grids-direct';
import type { ScopeGrid } from './stats-scope';
import { isSnapshotRequest, windowGridSources } from './stats-window';

export type TierRequest = {
  level: GridLevel;
  /** Only the tier's grids inside this grid (its level must not be below `level`). */
  grid: ScopeGrid | null;
  window: Window;
  now: Date;
  category: string | null;
};

export type GridStats = TierGrid &
  Rates &
  DurationFigures & {
    householdsPerWorker: number | null;
    cases: number;
    casesPer1000Households: number | null;
    resolved: number;
    open: number;
    overdue: number;
    /** overdue / open now; null when nothing is open. */
    overdueRate: number | null;
  };

export type TierStats = {
  level: GridLevel;
  grid: ScopeGrid | null;
  category: string | null;
  window: Window;
  timeZone: string;
  asOf: string;
  grids: GridStats[];
};

/** A per-grid figure a compact answer may ask for (`code` always comes, as `codes`). */
export type GridStatsField = Exclude<keyof GridStats, 'code'>;

/**
 * What each figure needs besides the tier's grid list. The rates mix the window's cohort (rollups)
 * with its open cases past due (server/domain/metrics.ts); `satisfactionRate` needs the cohort only.
 */
const FIELD_PARTS: Readonly<Record<GridStatsField, readonly TierPart[]>> = {
  name: [],
  parentCode: [],
  households: [],
  population: [],
  workers: ['workers'],
  householdsPerWorker: ['workers'],
  cases: ['cohorts'],
  casesPer1000Households: ['cohorts'],
  resolved: ['cohorts'],
  open: ['open'],
  overdue: ['open'],
  overdueRate: ['open'],
  responseRate: ['cohorts', 'open'],
  resolutionRate: ['cohorts', 'open'],
  onTimeRate: ['cohorts', 'open'],
  satisfactionRate: ['cohorts'],
  medianResponseSeconds: ['percentiles'],
  p90ResponseSeconds: ['percentiles'],
  medianResolutionSeconds: ['percentiles'],
  p90ResolutionSeconds: ['percentiles'],
};

/** The allow-list of `fields=` (`GET /api/stats/grids`), in the order of the full answer. */
export const GRID_STATS_FIELDS = Object.keys(FIELD_PARTS) as readonly GridStatsField[];

export function isGridStatsField(name: string): name is GridStatsField {
  return Object.hasOwn(FIELD_PARTS, name);
}

const ALL_PARTS: ReadonlySet<TierPart> = new Set(['workers', 'cohorts', 'open', 'percentiles']);

/**
 * The tier's grids with the parts asked for: the default window without a category from the kept
 * figures of stats_window (what the big screen asks for, every minute), any other from the rollups
 * and cases.
 */
function gridSources(
  db: Db,
  r: TierRequest,
  parts: ReadonlySet<TierPart>,
  options: TierOptions,
): Promise<GridSource[]> {
  if (options.source === 'direct' || !isSnapshotRequest(r.window, r.category, r.now))
    return directGridSources(db, r, parts);
  return options.cache ? options.cache.sources(db, r) : windowGridSources(db, r, parts);
}

/** Where figures come from: stats_window when it holds the request ('auto'), or always the rollups and cases ('direct': for comparisons). */
export type FigureSource = 'auto' | 'direct';

export type TierOptions = {
  source?: FigureSource;
  /** The app's copy of stats_window, read for changed rows only (server/stats/window-cache.ts). */
  cache?: WindowCache;
};

function answerHeader(r: TierRequest) {
  return {
    level: r.level,
    grid: r.grid,
    category: r.category,
    window: r.window,
    timeZone: METRICS_TIME_ZONE,
    asOf: r.now.toISOString(),
  };
}

export async function getTierStats(db: Db, r: TierRequest, options: TierOptions = {}): Promise<TierStats> {
  return { ...answerHeader(r), grids: (await gridSources(db, r, ALL_PARTS, options)).map(gridStats) };
}

/** One array per requested figure, aligned with `codes`. */
export type TierColumns = { [F in GridStatsField]?: GridStats[F][] };

/** The compact answer: `codes` plus the requested figures as columns, in the order asked. */
export type TierStatsColumns = Omit<TierStats, 'grids'> & { codes: string[] } & TierColumns;

/**
 * The figures `fields` of every grid of the tier, columnar (at 50,000 grids the full answer is
 * ~22 MB of JSON). Only the sub-queries those figures need run.
 */
export async function getTierStatsColumns(
  db: Db,
  r: TierRequest,
  fields: readonly GridStatsField[],
  options: TierOptions = {},
): Promise<TierStatsColumns> {
  const parts = new Set(fields.flatMap((f) => FIELD_PARTS[f]));
  const sources = await gridSources(db, r, parts, options);
  const columns: Record<string, unknown[]> = {};
  for (const f of fields) {
    const value: (s: GridSource) => unknown = FIELD_VALUE[f];
    columns[f] = sources.map((source) => value(source));
  }
  return { ...answerHeader(r), codes: sources.map((s) => s.grid.code), ...(columns as TierColumns) };
}

/** The window's cohort counts of one grid, with its open cases past due (the rates' denominators). */
function countsOf(s: GridSource) {
  return cohortCounts(s.cohort, {
    unacceptedPastDue: s.open?.unacceptedPastDue ?? 0,
    openPastDue: s.open?.openPastDue ?? 0,
  });
}

/** How each figure is read from a grid's source figures (a compact answer computes only its own). */
const FIELD_VALUE: { readonly [F in GridStatsField]: (s: GridSource) => GridStats[F] } = {
  name: (s) => s.grid.name,
  parentCode: (s) => s.grid.parentCode,
  households: (s) => s.grid.households,
  population: (s) => s.grid.population,
  workers: (s) => s.grid.workers,
  householdsPerWorker: (s) => (s.grid.workers > 0 ? s.grid.households / s.grid.workers : null),
  cases: (s) => s.cohort?.reported ?? 0,
  casesPer1000Households: (s) => perThousandHouseholds(s.cohort?.reported ?? 0, s.grid.households),
  resolved: (s) => resolvedCount(countsOf(s).byStatus),
  open: (s) => s.open?.open ?? 0,
  overdue: (s) => s.open?.overdue ?? 0,
  overdueRate: (s) => rate(s.open?.overdue ?? 0, s.open?.open ?? 0),
  responseRate: (s) => computeRates(countsOf(s)).responseRate,
  resolutionRate: (s) => computeRates(countsOf(s)).resolutionRate,
  onTimeRate: (s) => computeRates(countsOf(s)).onTimeRate,
  satisfactionRate: (s) => computeRates(countsOf(s)).satisfactionRate,
  medianResponseSeconds: (s) => s.durations.medianResponseSeconds,
  p90ResponseSeconds: (s) => s.durations.p90ResponseSeconds,
  medianResolutionSeconds: (s) => s.durations.medianResolutionSeconds,
  p90ResolutionSeconds: (s) => s.durations.p90ResolutionSeconds,
};

/**
 * Every figure of one grid. Written out field by field: building the object with spreads cost ~24 µs
 * a grid (V8 copies spread properties one by one), over a second for 50,000 grids.
 */
function gridStats(s: GridSource): GridStats {
  const g = s.grid;
  const d = s.durations;
  const counts = countsOf(s);
  const rates = computeRates(counts);
  const openNow = s.open?.open ?? 0;
  const overdue = s.open?.overdue ?? 0;
  return {
    code: g.code,
    name: g.name,
    parentCode: g.parentCode,
    households: g.households,
    population: g.population,
    workers: g.workers,
    householdsPerWorker: g.workers > 0 ? g.households / g.workers : null,
    cases: counts.reported,
    casesPer1000Households: perThousandHouseholds(counts.reported, g.households),
    resolved: resolvedCount(counts.byStatus),
    open: openNow,
    overdue,
    overdueRate: rate(overdue, openNow),
    responseRate: rates.responseRate,
    resolutionRate: rates.resolutionRate,
    onTimeRate: rates.onTimeRate,
    satisfactionRate: rates.satisfactionRate,
    medianResponseSeconds: d.medianResponseSeconds,
    p90ResponseSeconds: d.p90ResponseSeconds,
    medianResolutionSeconds: d.medianResolutionSeconds,
    p90ResolutionSeconds: d.p90ResolutionSeconds,
  };
}
