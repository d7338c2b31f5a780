/**
 * SQL building blocks shared by the stats queries. Fragments come only from the allow-lists below
 * (never from a request); values always travel as `$n` parameters.
 */
import type { Db } from '../db/db';
import type { GridLevel } from './grids';
import { caseDayFacts, caseDurationFacts, reportedInDays } from './stats-facts';

export const PUBLISHED_VERSION = `(SELECT id FROM boundary_version WHERE status = 'published')`;

/** Matches the partial indexes `cases_open_due` and `cases_open_area` exactly (and OPEN_STATUSES), so open-case queries use them. */
export const OPEN_CASE = `c.status NOT IN ('resolved', 'visited', 'archived', 'rejected')`;

export type ScopeGrid = { code: string; name: string; level: GridLevel };

/** A grid of the published version, or null. */
export async function findScopeGrid(db: Db, code: string): Promise<ScopeGrid | null> {
  const rows = await db.query<ScopeGrid>(
    `SELECT code, name, level FROM grid WHERE version_id = ${PUBLISHED_VERSION} AND code = $1`,
    [code],
  );
  return rows[0] ?? null;
}

/** The rollup key of the whole district, and of the sum over categories (migrations 004, 017). */
export const DISTRICT_ROLLUP_KEY = '*';
export const ALL_CATEGORIES_KEY = '*';

/**
 * `column` restricted to the level-3 grids under the grid in parameter `param` (itself if level 3),
 * through the published hierarchy. Index-backed (primary key and parent index), unlike a scan of
 * the lineage view. No grid → the whole district. (Day and histogram readers use dayRows/durationRows.)
 */
export function leafFilter(column: 'b.grid_code' | 'g.code', param: string | null): string {
  if (!param) return 'true';
  return `${column} IN (
    SELECT g3.code FROM grid g3
    WHERE g3.version_id = ${PUBLISHED_VERSION} AND g3.level = 3 AND (g3.code = ${param} OR g3.parent_code = ${param})
    UNION ALL
    SELECT g3.code FROM grid g2
    JOIN grid g3 ON g3.version_id = g2.version_id AND g3.parent_code = g2.code
    WHERE g2.version_id = ${PUBLISHED_VERSION} AND g2.parent_code = ${param})`;
}

/** The `$n` parameters of a scope's window: its grid code (used only when there is a grid), category (or null), first and last local day. */
export type WindowParams = { grid: string; category: string; from: string; to: string };

/**
 * Day rows (grid_code, day, category and the counters of stats_tier_day) of one scope in the days
 * [from, to], one per real category (the '*' sums are left out): the rollup rows of the district, a
 * street or a community (migration 017), or the facts of a level-3 grid's cases (which includes the
 * cases reported earlier but resolved in the window, for resolved_on_day). FROM text, alias r.
 */
export function dayRows(grid: ScopeGrid | null, p: WindowParams): string {
  const window = `r.day BETWEEN ${p.from}::date AND ${p.to}::date AND r.category <> '${ALL_CATEGORIES_KEY}'
    AND ${categoryFilter('r.category', p.category)}`;
  if (grid?.level === 3) {
    const cases = `c.grid_code = ${p.grid} AND c.reported_at < stats_day_start(${p.to}::date + 1)
      AND (c.reported_at >= stats_day_start(${p.from}::date) OR c.resolved_at >= stats_day_start(${p.from}::date))`;
    return `${caseDayFacts(cases)} r WHERE ${window}`;
  }
  return `stats_tier_day r WHERE r.grid_code = ${grid ? p.grid : `'${DISTRICT_ROLLUP_KEY}'`} AND ${window}`;
}

/**
 * Duration histogram rows (day, category, measure, bucket, cases) of one scope in the days [from, to]:
 * the rollup rows of the district or a street, under the asked category or the '*' sum (one row per
 * day and bucket for an unfiltered window), or the facts of the cases reported there in the window
 * for a community or a level-3 grid. FROM text, alias r.
 */
export function durationRows(grid: ScopeGrid | null, p: WindowParams): string {
  const days = `r.day BETWEEN ${p.from}::date AND ${p.to}::date`;
  if (!grid || grid.level === 1) {
    return `stats_tier_day_duration r WHERE r.grid_code = ${grid ? p.grid : `'${DISTRICT_ROLLUP_KEY}'`}
      AND ${days} AND r.category = coalesce(${p.category}::text, '${ALL_CATEGORIES_KEY}')`;
  }
  const column = grid.level === 2 ? 'c.grid_l2_code' : 'c.grid_code';
  const cases = `${column} = ${p.grid} AND ${reportedInDays(p.from, p.to)} AND ${categoryFilter('c.category', p.category)}`;
  return `${caseDurationFacts(cases)} r WHERE ${days}`;
}

/**
 * Cases (alias c) inside the scope grid in parameter `param`, by the ancestry columns every case
 * carries (a publish rewrites them with the grid), each backed by an index; no grid → every case.
 * (The parameter is then unused: pass it only with a grid.)
 */
export function caseScopeFilter(grid: ScopeGrid | null, param: string): string {
  if (!grid) return 'true';
  return `${CASE_TIER_COLUMN[grid.level]} = ${param}`;
}

/** The column of `cases` (alias c) naming each case's grid of tier `level` (a publish rewrites them). */
export const CASE_TIER_COLUMN: Readonly<Record<GridLevel, string>> = {
  1: 'c.grid_l1_code',
  2: 'c.grid_l2_code',
  3: 'c.grid_code',
};

/** The lineage column naming each row's grid of tier `level` (stats_grid_lineage, migration 005). */
export const TIER_COLUMN: Readonly<Record<GridLevel, string>> = {
  1: 'l.l1_code',
  2: 'l.l2_code',
  3: 'l.l3_code',
};

/** Optional category filter; `$n::text IS NULL` keeps one statement for both cases. */
export function categoryFilter(column: 'r.category' | 'c.category', param: string): string {
  return `(${param}::text IS NULL OR ${column} = ${param})`;
}

/** The sums of the cohort counters of day rows (alias r), aliased as CohortRow fields. */
export const COHORT_SUMS = `
  sum(r.reported) AS reported,
  sum(r.status_reported) AS "statusReported", sum(r.status_accepted) AS "statusAccepted",
  sum(r.status_dispatched) AS "statusDispatched", sum(r.status_resolved) AS "statusResolved",
  sum(r.status_visited) AS "statusVisited", sum(r.status_archived) AS "statusArchived",
  sum(r.status_reopened) AS "statusReopened", sum(r.status_rejected) AS "statusRejected",
  sum(r.accepted) AS accepted, sum(r.accepted_in_sla) AS "acceptedInSla",
  sum(r.resolved_on_time) AS "resolvedOnTime", sum(r.rated) AS rated, sum(r.satisfied) AS satisfied,
  sum(r.reopened) AS reopened`;

export type CohortRow = {
  reported: number;
  statusReported: number;
  statusAccepted: number;
  statusDispatched: number;
  statusResolved: number;
  statusVisited: number;
  statusArchived: number;
  statusReopened: number;
  statusRejected: number;
  accepted: number;
  acceptedInSla: number;
  resolvedOnTime: number;
  rated: number;
  satisfied: number;
  reopened: number;
};

/**
 * Nearest-rank percentiles from the sparse histograms: per group and measure, the first bucket whose
 * running count reaches ceil(q·n). `groupExpr` comes from the caller's allow-list; `from` is the
 * FROM/WHERE text of the selected histogram rows (alias r); $1/$2 are the median and p90 quantiles.
 */
export function percentileSql(groupExpr: string, from: string): string {
  return `
    WITH h AS (
      SELECT ${groupExpr} AS grp, r.measure, r.bucket, sum(r.cases) AS n
      ${from}
      GROUP BY 1, 2, 3
    ), running AS (
      SELECT grp, measure, bucket,
             sum(n) OVER (PARTITION BY grp, measure ORDER BY bucket) AS running,
             sum(n) OVER (PARTITION BY grp, measure) AS total
      FROM h
    )
    SELECT grp, measure, max(total) AS cases,
           min(bucket) FILTER (WHERE running >= ceil($1::numeric * total)) AS "medianBucket",
           min(bucket) FILTER (WHERE running >= ceil($2::numeric * total)) AS "p90Bucket"
    FROM running WHERE total > 0
    GROUP BY grp, measure`;
}

export type PercentileRow = {
  grp: string;
  measure: 'response' | 'resolution';
  cases: number;
  medianBucket: number;
  p90Bucket: number;
};

export const COHORT_FIELDS: readonly (keyof CohortRow)[] = [
  'reported',
  'statusReported',
  'statusAccepted',
  'statusDispatched',
  'statusResolved',
  'statusVisited',
  'statusArchived',
  'statusReopened',
  'statusRejected',
  'accepted',
  'acceptedInSla',
  'resolvedOnTime',
  'rated',
  'satisfied',
  'reopened',
];

/**
 * Open-case figures of the cases reported in [$from, $to] (local days), as of $now:
 * still unaccepted and past due (response-rate denominator), open and past due (resolution rate).
 */
export function openInWindowColumns(from: string, to: string, now: string, suffix = ''): string {
  const inWindow = `c.reported_at >= stats_day_start(${from}::date) AND c.reported_at < stats_day_start(${to}::date + 1)`;
  return `
    count(*) FILTER (WHERE ${inWindow} AND c.due_at < ${now} AND c.status = 'reported') AS "unacceptedPastDue${suffix}",
    count(*) FILTER (WHERE ${inWindow} AND c.due_at < ${now}) AS "openPastDue${suffix}"`;
}
