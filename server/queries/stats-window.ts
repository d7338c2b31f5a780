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
  const outcome = row?.outcome ?? 'fresh';
  if (outcome === 'rebuilt') await vacuumWindow(db);
  return outcome;
}

/**
 * A fresh start writes every row several times (level-3 figures, then the sums, then percentiles):
 * reads of 50,000 rows then wade through dead versions until autovacuum comes. VACUUM cannot run in
 * a transaction: inside one (a caller's), the next autovacuum does it.
 */
async function vacuumWindow(db: Db): Promise<void> {
  try {
    await db.exec('VACUUM (ANALYZE) stats_window, stats_window_hist, stats_window_due');
  } catch {
    // inside a transaction block: leave it to autovacuum
  }
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

/** A row of stats_window as the figures of one grid (the parts not read are absent). */
function toGridSource(row: WindowRow, parts: ReadonlySet<TierPart>): GridSource {
  return {
    grid: {
      code: row.code,
      name: row.name,
      parentCode: row.parentCode,
      households: row.households,
      population: row.population,
      workers: row.workers ?? 0,
    },
    cohort: parts.has('cohorts') ? row : undefined,
    open: parts.has('open') ? row : undefined,
    durations: parts.has('percentiles')
      ? {
          medianResponseSeconds: bucketSeconds(row.responseMedian),
          p90ResponseSeconds: bucketSeconds(row.responseP90),
          medianResolutionSeconds: bucketSeconds(row.resolutionMedian),
          p90ResolutionSeconds: bucketSeconds(row.resolutionP90),
        }
      : NO_DURATIONS,
  };
}

const BASE_COLUMNS = 'grid_code AS code, name, parent_code AS "parentCode", households, population';

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
    `SELECT ${[BASE_COLUMNS, ...columns].join(', ')}
     FROM stats_window
     WHERE level = $1 AND ($2::text IS NULL OR $2 IN (grid_code, l2_code, l1_code))
     ORDER BY ord`,
    [r.level, r.grid?.code ?? null],
  );
  return rows.map((row) => toGridSource(row, parts));
}

const ALL_PARTS: ReadonlySet<TierPart> = new Set(Object.keys(PART_COLUMNS) as TierPart[]);

/** Where a copy of a tier's rows stands: the fresh start it belongs to and the last change it holds. */
export type WindowCopyMark = { generation: number; changed: number };

export type WindowGridRow = {
  source: GridSource;
  /** Rank in the tier (the answers' order), and the ancestors (for scopes). */
  ord: number;
  l1Code: string | null;
  l2Code: string | null;
  changed: number;
};

type CopyRow = WindowRow & {
  generation: number | null;
  ord: number | null;
  l1Code: string | null;
  l2Code: string | null;
  changed: number | null;
};

const COPY_COLUMN_LIST = [
  'w.ord',
  'w.l1_code AS "l1Code"',
  'w.l2_code AS "l2Code"',
  'w.changed',
  'w.grid_code AS code',
  'w.name',
  'w.parent_code AS "parentCode"',
  'w.households',
  'w.population',
  ...Object.values(PART_COLUMNS).flatMap((columns) => columns.map((c) => `w.${c}`)),
];
const COPY_COLUMNS = COPY_COLUMN_LIST.join(', ');
/** The same output columns, all NULL (for the generation's row of a UNION with changed rows). */
const NULL_COPY_COLUMNS = COPY_COLUMN_LIST.map((c) => {
  const [column, alias] = c.split(' AS ');
  return `NULL AS ${alias ?? column?.replace('w.', '')}`;
}).join(', ');

function toCopyRows(rows: CopyRow[]): WindowGridRow[] {
  return rows
    .filter((row) => row.ord !== null)
    .map((row) => ({
      source: toGridSource(row, ALL_PARTS),
      ord: row.ord ?? 0,
      l1Code: row.l1Code,
      l2Code: row.l2Code,
      changed: Number(row.changed),
    }));
}

/** Every row of the tier with the generation they belong to (one statement: one snapshot). */
async function readWholeTier(db: Db, level: GridLevel) {
  const rows = await db.query<CopyRow>(
    `SELECT m.generation, ${COPY_COLUMNS}
     FROM stats_window_meta m LEFT JOIN stats_window w ON w.level = $1
     ORDER BY w.ord`,
    [level],
  );
  return { generation: Number(rows[0]?.generation ?? 0), full: true, rows: toCopyRows(rows) };
}

/**
 * The tier's rows changed since `since` with every figure, as of `now` (refreshed first): all of them
 * when `since` is null or belongs to another fresh start (`full`). The generation is read in the same
 * statement as the changed rows (through the (level, changed) index), so a fresh start in between
 * cannot be missed.
 */
export async function windowRowsSince(
  db: Db,
  level: GridLevel,
  now: Date,
  since: WindowCopyMark | null,
): Promise<{ generation: number; full: boolean; rows: WindowGridRow[] }> {
  await refreshStatsWindow(db, now);
  if (since === null) return readWholeTier(db, level);
  const rows = await db.query<CopyRow>(
    `SELECT generation, ${NULL_COPY_COLUMNS} FROM stats_window_meta
     UNION ALL
     SELECT NULL, ${COPY_COLUMNS} FROM stats_window w WHERE w.level = $1 AND w.changed > $2`,
    [level, since.changed],
  );
  const generation = Number(rows.find((row) => row.generation !== null)?.generation ?? 0);
  if (generation !== since.generation) return readWholeTier(db, level);
  return { generation, full: false, rows: toCopyRows(rows) };
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
