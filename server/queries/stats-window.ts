/**
 * The figures of the default window (the last DEFAULT_WINDOW_DAYS local days, every category) per
 * grid, from stats_window (migration 019): kept current by recomputing only the level-3 grids whose
 * cases changed or whose open cases came past due, so the big screen's per-grid answer reads one
 * row per grid instead of the window's rollup rows and cases.
 */
import type { Db } from '../db/db';
import { localDay, PERCENTILES, previousWindow, resolveWindow, type Window } from '../domain/metrics';
import type { GridLevel } from './grids';
import {
  bucketSeconds,
  type GridOpenFigures,
  type GridSource,
  NO_DURATIONS,
  type TierPart,
} from './stats-figures';
import { flushRollups } from './stats-rollups';
import { COHORT_FIELDS, type CohortRow, DISTRICT_ROLLUP_KEY, type ScopeGrid } from './stats-scope';

/** The window stats_window holds at `now`: the default one of GET /api/stats/* (30 local days to today). */
export function snapshotWindow(now: Date): Window {
  const w = resolveWindow({}, localDay(now));
  if (typeof w === 'string') throw new Error(w);
  return w;
}

/** Whether a request's figures can come from stats_window: the default window, no category. */
export function isSnapshotRequest(window: Window, category: string | null, now: Date): boolean {
  const w = snapshotWindow(now);
  return category === null && window.from === w.from && window.to === w.to;
}

export type RefreshOutcome = 'fresh' | 'updated' | 'rebuilt';

/**
 * Brings stats_window up to `now`: applies queued case changes to the rollups (which notes the grids
 * they touched), then recomputes those grids and any whose open cases came past due; a new local
 * day, a publish or a bulk load starts it over (seconds at city scale, once).
 */
export async function refreshStatsWindow(db: Db, now: Date): Promise<RefreshOutcome> {
  await flushRollups(db);
  const w = snapshotWindow(now);
  const p = previousWindow(w);
  const [row] = await db.query<{ outcome: RefreshOutcome }>(
    `SELECT stats_window_refresh($1::date, $2::date, $3::date, $4::date, $5::timestamptz, $6::numeric, $7::numeric)
       AS outcome`,
    [w.from, w.to, p.from, p.to, now, PERCENTILES.median, PERCENTILES.p90],
  );
  return row?.outcome ?? 'fresh';
}

/** snake_case columns of stats_window as CohortRow fields. */
const COHORT_COLUMNS = COHORT_FIELDS.map(
  (f) => `${f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)} AS "${f}"`,
);

/** The stats_window columns each part reads. */
const PART_COLUMNS: Readonly<Record<TierPart, readonly string[]>> = {
  workers: ['workers'],
  cohorts: COHORT_COLUMNS,
  open: ['open', 'overdue', 'unaccepted_past_due AS "unacceptedPastDue"', 'open_past_due AS "openPastDue"'],
  percentiles: [
    'response_median AS "responseMedian"',
    'response_p90 AS "responseP90"',
    'resolution_median AS "resolutionMedian"',
    'resolution_p90 AS "resolutionP90"',
  ],
};

type WindowRow = CohortRow &
  GridOpenFigures & {
    code: string;
    name: string;
    parentCode: string | null;
    households: number;
    population: number;
    workers: number;
    responseMedian: number | null;
    responseP90: number | null;
    resolutionMedian: number | null;
    resolutionP90: number | null;
  };

/**
 * The tier's grids inside `grid` (all when null) with the parts asked for, in code order, as of
 * `now` (refreshed first).
 */
export async function windowGridSources(
  db: Db,
  r: { level: GridLevel; grid: ScopeGrid | null; now: Date },
  parts: ReadonlySet<TierPart>,
): Promise<GridSource[]> {
  await refreshStatsWindow(db, r.now);
  const columns = [...parts].flatMap((p) => PART_COLUMNS[p]);
  const rows = await db.query<WindowRow>(
    `SELECT grid_code AS code, name, parent_code AS "parentCode", households, population
            ${columns.length > 0 ? `, ${columns.join(', ')}` : ''}
     FROM stats_window
     WHERE level = $1 AND ($2::text IS NULL OR $2 IN (grid_code, l2_code, l1_code))
     ORDER BY grid_code`,
    [r.level, r.grid?.code ?? null],
  );
  const withCohort = parts.has('cohorts');
  const withOpen = parts.has('open');
  const withPercentiles = parts.has('percentiles');
  return rows.map((row) => ({
    grid: {
      code: row.code,
      name: row.name,
      parentCode: row.parentCode,
      households: row.households,
      population: row.population,
      workers: row.workers ?? 0,
    },
    cohort: withCohort ? row : undefined,
    open: withOpen ? row : undefined,
    durations: withPercentiles
      ? {
          medianResponseSeconds: bucketSeconds(row.responseMedian),
          p90ResponseSeconds: bucketSeconds(row.responseP90),
          medianResolutionSeconds: bucketSeconds(row.resolutionMedian),
          p90ResolutionSeconds: bucketSeconds(row.resolutionP90),
        }
      : NO_DURATIONS,
  }));
}

export type ScopeOpenFigures = GridOpenFigures & {
  unacceptedPastDuePrevious: number;
  openPastDuePrevious: number;
};

/** The open-case figures of one scope (a grid, or the district) for the default window and the one before, as of `now`. */
export async function windowOpenFigures(
  db: Db,
  grid: ScopeGrid | null,
  now: Date,
): Promise<ScopeOpenFigures> {
  await refreshStatsWindow(db, now);
  const [row] = await db.query<ScopeOpenFigures>(
    `SELECT open, overdue, unaccepted_past_due AS "unacceptedPastDue", open_past_due AS "openPastDue",
            unaccepted_past_due_prev AS "unacceptedPastDuePrevious", open_past_due_prev AS "openPastDuePrevious"
     FROM stats_window WHERE grid_code = $1`,
    [grid?.code ?? DISTRICT_ROLLUP_KEY],
  );
  return (
    row ?? {
      open: 0,
      overdue: 0,
      unacceptedPastDue: 0,
      openPastDue: 0,
      unacceptedPastDuePrevious: 0,
      openPastDuePrevious: 0,
    }
  );
}
