/**
 * The per-grid figures of any window and category, straight from the rollups and cases (the
 * default window comes from stats_window instead: stats-window.ts). At 50,000 grids these read
 * hundreds of thousands of rows: seconds, not milliseconds.
 */
import type { Db } from '../db/db';
import { PERCENTILES } from '../domain/metrics';
import type { GridLevel } from './grids';
import { caseDayFacts, caseDurationFacts, reportedInDays } from './stats-facts';
import {
  durationFigures,
  type GridOpenFigures,
  type GridSource,
  groupRows,
  NO_DURATIONS,
  type TierGrid,
  type TierPart,
} from './stats-figures';
import type { TierRequest } from './stats-grids';
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
  TIER_COLUMN,
} from './stats-scope';

/** Lineage rows inside the scope grid in parameter `param` (or all). */
const inScope = (param: string) =>
  `(${param}::text IS NULL OR ${param} IN (l.l1_code, l.l2_code, l.l3_code))`;

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

type TierOpenRow = GridOpenFigures & { code: string };

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

/** The tier's grids with the parts asked for, in code order. */
export async function directGridSources(
  db: Db,
  r: TierRequest,
  parts: ReadonlySet<TierPart>,
): Promise<GridSource[]> {
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
  return grids.map((grid) => {
    const p = percentilesOf.get(grid.code);
    return {
      grid,
      cohort: cohortOf.get(grid.code),
      open: openOf.get(grid.code),
      durations: p ? durationFigures(p) : NO_DURATIONS,
    };
  });
}
