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
import { cohortCounts, type DurationFigures, durationFigures, groupRows } from './stats-figures';
import {
  COHORT_SUMS,
  type CohortRow,
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

/** The tier's grids with their grid workers (assigned to the grid or anywhere below it). */
async function tierGrids(db: Db, r: TierRequest): Promise<TierGrid[]> {
  const tier = TIER_COLUMN[r.level];
  return db.query<TierGrid>(
    `WITH workers AS (
       SELECT ${tier} AS code, count(*) AS workers
       FROM staff s JOIN stats_grid_lineage l ON l.code = s.grid_code
       WHERE s.role = 'grid_worker' GROUP BY 1)
     SELECT g.code, g.name, g.parent_code AS "parentCode", g.households, g.population,
            coalesce(w.workers, 0) AS workers
     FROM grid g
     JOIN stats_grid_lineage l ON l.code = g.code
     LEFT JOIN workers w ON w.code = g.code
     WHERE g.version_id = ${PUBLISHED_VERSION} AND g.level = $1 AND ${inScope('$2')}
     ORDER BY g.code`,
    [r.level, r.grid?.code ?? null],
  );
}

type TierCohortRow = CohortRow & { code: string };

async function tierCohorts(db: Db, r: TierRequest): Promise<TierCohortRow[]> {
  return db.query<TierCohortRow>(
    `SELECT ${TIER_COLUMN[r.level]} AS code, ${COHORT_SUMS}
     FROM stats_grid_day r JOIN stats_grid_lineage l ON l.code = r.grid_code
     WHERE r.day BETWEEN $1::date AND $2::date AND ${categoryFilter('r.category', '$3')} AND ${inScope('$4')}
     GROUP BY 1`,
    [r.window.from, r.window.to, r.category, r.grid?.code ?? null],
  );
}

async function tierPercentiles(db: Db, r: TierRequest): Promise<PercentileRow[]> {
  const from = `FROM stats_grid_day_duration r JOIN stats_grid_lineage l ON l.code = r.grid_code
    WHERE r.day BETWEEN $3::date AND $4::date AND ${categoryFilter('r.category', '$5')} AND ${inScope('$6')}`;
  return db.query<PercentileRow>(percentileSql(TIER_COLUMN[r.level], from), [
    PERCENTILES.median,
    PERCENTILES.p90,
    r.window.from,
    r.window.to,
    r.category,
    r.grid?.code ?? null,
  ]);
}

type TierOpenRow = {
  code: string;
  open: number;
  overdue: number;
  unacceptedPastDue: number;
  openPastDue: number;
};

async function tierOpenCases(db: Db, r: TierRequest): Promise<TierOpenRow[]> {
  return db.query<TierOpenRow>(
    `SELECT ${TIER_COLUMN[r.level]} AS code, count(*) AS open, count(*) FILTER (WHERE c.due_at < $1) AS overdue,
            ${openInWindowColumns('$2', '$3', '$1')}
     FROM cases c JOIN stats_grid_lineage l ON l.code = c.grid_code
     WHERE ${OPEN_CASE} AND ${categoryFilter('c.category', '$4')} AND ${inScope('$5')}
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

export async function getTierStats(db: Db, r: TierRequest): Promise<TierStats> {
  const [grids, cohorts, percentiles, open] = await Promise.all([
    tierGrids(db, r),
    tierCohorts(db, r),
    tierPercentiles(db, r),
    tierOpenCases(db, r),
  ]);
  const cohortOf = new Map(cohorts.map((c) => [c.code, c]));
  const openOf = new Map(open.map((o) => [o.code, o]));
  const percentilesOf = groupRows(percentiles, (p) => p.grp);
  const stats = grids.map((g) =>
    gridStats(g, cohortOf.get(g.code), openOf.get(g.code), percentilesOf.get(g.code) ?? []),
  );
  return {
    level: r.level,
    grid: r.grid,
    category: r.category,
    window: r.window,
    timeZone: METRICS_TIME_ZONE,
    asOf: r.now.toISOString(),
    grids: stats,
  };
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
