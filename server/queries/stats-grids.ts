/** `GET /api/stats/grids`: the overview's figures per grid of one tier, for choropleths and rankings. */
import type { Db } from '../db/db';
import {
  computeRates,
  METRICS_TIME_ZONE,
  PERCENTILES,
  perThousandHouseholds,
  type Rates,
  rate,
  resolvedCount,
  type Window,
} from '../domain/metrics';
import type { GridLevel } from './grids';
import { caseDayFacts, caseDurationFacts, reportedInDays } from './stats-facts';
import { cohortCounts, type DurationFigures, durationFigures, groupRows } from './stats-figures';
import { flushRollups } from './stats-rollups';
import {
  ALL_CATEGORIES_KEY,
  CASE_TIER_COLUMN,
  COHORT_SUMS,
  type CohortRow,
  caseScopeFilter,
  categoryFilter,
  OPEN_CASE,
  openInWindowColumns,
  type PercentileRow,
  PUBLISHED_VERSION,
  percentileSql,
  type ScopeGrid,
  TIER_COLUMN,
} from './stats-scope';

export type TierRequest = {
  level: GridLevel;
  /** Only the tier's grids inside this grid (its level must not be below `level`). */
  grid: ScopeGrid | null;
  window: Window;
  now: Date;
  category: string | null;
};

/** Lineage rows inside the scope grid in parameter `param` (or all). */
const inScope = (param: string) =>
  `(${param}::text IS NULL OR ${param} IN (l.l1_code, l.l2_code, l.l3_code))`;

type TierGrid = {
  code: string;
  name: string;
  parentCode: string | null;
  households: number;
  population: number;
  workers: number;
};

/** The tier's grids, with their grid workers (assigned to the grid or anywhere below it) when asked. */
async function tierGrids(db: Db, r: TierRequest, withWorkers: boolean): Promise<TierGrid[]> {
  const workersJoin = `LEFT JOIN (
       SELECT ${TIER_COLUMN[r.level]} AS code, count(*) AS workers
       FROM staff s JOIN stats_grid_lineage l ON l.code = s.grid_code
       WHERE s.role = 'grid_worker' GROUP BY 1) w ON w.code = g.code`;
  return db.query<TierGrid>(
    `SELECT g.code, g.name, g.parent_code AS "parentCode", g.households, g.population,
            ${withWorkers ? 'coalesce(w.workers, 0)' : '0'} AS workers
     FROM grid g
     JOIN stats_grid_lineage l ON l.code = g.code
     ${withWorkers ? workersJoin : ''}
     WHERE g.version_id = ${PUBLISHED_VERSION} AND g.level = $1 AND ${inScope('$2')}
     ORDER BY g.code`,
    [r.level, r.grid?.code ?? null],
  );
}

type TierCohortRow = CohortRow & { code: string };

/** Cases (alias c) inside the request's scope grid, in parameter `param` (null: all, still typed). */
const casesInScope = (r: TierRequest, param: string) =>
  r.grid ? caseScopeFilter(r.grid, param) : `${param}::text IS NULL`;

/** The rollup keys of the tier's grids inside the scope in parameter `param` (migration 017 tier rows). */
const tierKeys = (level: GridLevel, param: string) =>
  `r.grid_code IN (SELECT l.code FROM stats_grid_lineage l WHERE l.level = ${level} AND ${inScope(param)})`;

/**
 * The window's cohort per grid: level 3 from its cases reported in the window, levels 1 and 2 from
 * their rollup rows (the '*' category sum unless a category is asked for).
 */
async function tierCohorts(db: Db, r: TierRequest): Promise<TierCohortRow[]> {
  if (r.level === 3) {
    const cases = `${reportedInDays('$1', '$2')} AND ${categoryFilter('c.category', '$3')} AND ${casesInScope(r, '$4')}`;
    return db.query<TierCohortRow>(
      `SELECT r.grid_code AS code, ${COHORT_SUMS}
       FROM ${caseDayFacts(cases)} r WHERE r.day BETWEEN $1::date AND $2::date
       GROUP BY 1`,
      [r.window.from, r.window.to, r.category, r.grid?.code ?? null],
    );
  }
  return db.query<TierCohortRow>(
    `SELECT r.grid_code AS code, ${COHORT_SUMS}
     FROM stats_tier_day r
     WHERE ${tierKeys(r.level, '$4')} AND r.day BETWEEN $1::date AND $2::date
       AND r.category = coalesce($3::text, '${ALL_CATEGORIES_KEY}')
     GROUP BY 1`,
    [r.window.from, r.window.to, r.category, r.grid?.code ?? null],
  );
}

/** Median and p90 per grid: levels 2 and 3 from their cases reported in the window, level 1 from its histogram rows. */
async function tierPercentiles(db: Db, r: TierRequest): Promise<PercentileRow[]> {
  const params = [
    PERCENTILES.median,
    PERCENTILES.p90,
    r.window.from,
    r.window.to,
    r.category,
    r.grid?.code ?? null,
  ];
  if (r.level === 1) {
    const from = `FROM stats_tier_day_duration r
      WHERE ${tierKeys(1, '$6')} AND r.day BETWEEN $3::date AND $4::date
        AND r.category = coalesce($5::text, '${ALL_CATEGORIES_KEY}')`;
    return db.query<PercentileRow>(percentileSql('r.grid_code', from), params);
  }
  const cases = `${reportedInDays('$3', '$4')} AND ${categoryFilter('c.category', '$5')} AND ${casesInScope(r, '$6')}`;
  const group = r.level === 2 ? 'r.grid_l2_code' : 'r.grid_code';
  return db.query<PercentileRow>(percentileSql(group, `FROM ${caseDurationFacts(cases)} r`), params);
}

type TierOpenRow = {
  code: string;
  open: number;
  overdue: number;
  unacceptedPastDue: number;
  openPastDue: number;
};

/** Open cases per grid of the tier, by the ancestry column the cases carry (no hierarchy join). */
async function tierOpenCases(db: Db, r: TierRequest): Promise<TierOpenRow[]> {
  return db.query<TierOpenRow>(
    `SELECT ${CASE_TIER_COLUMN[r.level]} AS code, count(*) AS open, count(*) FILTER (WHERE c.due_at < $1) AS overdue,
            ${openInWindowColumns('$2', '$3', '$1')}
     FROM cases c
     WHERE ${OPEN_CASE} AND ${categoryFilter('c.category', '$4')} AND ${casesInScope(r, '$5')}
     GROUP BY 1`,
    [r.now, r.window.from, r.window.to, r.category, r.grid?.code ?? null],
  );
}

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

/** The sub-queries behind the figures; each runs only when a requested figure needs it. */
type TierPart = 'workers' | 'cohorts' | 'open' | 'percentiles';

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

async function tierGridStats(db: Db, r: TierRequest, parts: ReadonlySet<TierPart>): Promise<GridStats[]> {
  if (parts.has('cohorts') || parts.has('percentiles')) await flushRollups(db);
  const skipped = Promise.resolve([]);
  const [grids, cohorts, percentiles, open] = await Promise.all([
    tierGrids(db, r, parts.has('workers')),
    parts.has('cohorts') ? tierCohorts(db, r) : skipped,
    parts.has('percentiles') ? tierPercentiles(db, r) : skipped,
    parts.has('open') ? tierOpenCases(db, r) : skipped,
  ]);
  const cohortOf = new Map(cohorts.map((c) => [c.code, c]));
  const openOf = new Map(open.map((o) => [o.code, o]));
  const percentilesOf = groupRows(percentiles, (p) => p.grp);
  return grids.map((g) =>
    gridStats(g, cohortOf.get(g.code), openOf.get(g.code), percentilesOf.get(g.code) ?? []),
  );
}

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

export async function getTierStats(db: Db, r: TierRequest): Promise<TierStats> {
  return { ...answerHeader(r), grids: await tierGridStats(db, r, ALL_PARTS) };
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
): Promise<TierStatsColumns> {
  const parts = new Set(fields.flatMap((f) => FIELD_PARTS[f]));
  const stats = await tierGridStats(db, r, parts);
  const columns: Record<string, unknown[]> = {};
  for (const f of fields) columns[f] = stats.map((g) => g[f]);
  return { ...answerHeader(r), codes: stats.map((g) => g.code), ...(columns as TierColumns) };
}

function gridStats(
  g: TierGrid,
  cohort: CohortRow | undefined,
  open: TierOpenRow | undefined,
  percentiles: PercentileRow[],
): GridStats {
  const counts = cohortCounts(cohort, {
    unacceptedPastDue: open?.unacceptedPastDue ?? 0,
    openPastDue: open?.openPastDue ?? 0,
  });
  const openNow = open?.open ?? 0;
  const overdue = open?.overdue ?? 0;
  return {
    ...g,
    householdsPerWorker: g.workers > 0 ? g.households / g.workers : null,
    cases: counts.reported,
    casesPer1000Households: perThousandHouseholds(counts.reported, g.households),
    resolved: resolvedCount(counts.byStatus),
    open: openNow,
    overdue,
    overdueRate: rate(overdue, openNow),
    ...computeRates(counts),
    ...durationFigures(percentiles),
  };
}
