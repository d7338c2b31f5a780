/**
 * SQL building blocks shared by the stats queries. Fragments come only from the allow-lists below
 * (never from a request); values always travel as `$n` parameters.
 */
import type { Db } from '../db/db';
import type { GridLevel } from './grids';

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

/** The rollup rows of the whole district (migration 004): every fact is also counted under this key. */
export const DISTRICT_ROLLUP_KEY = '*';

/**
 * `column` restricted to the level-3 grids under the grid in parameter `param` (itself if level 3),
 * through the published hierarchy. Index-backed (primary key and parent index), unlike a scan of
 * the lineage view. No grid → the whole district. (Rollup readers use rollupRows, cases caseScopeFilter.)
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

/**
 * The rollup rows of one scope, for a reader of `stats_grid_day` (`day`) or its duration histograms:
 * the district's '*' rows, a level-3 grid's own rows, or the rows a level-1/level-2 grid has in the
 * tier tables (migration 014) — one key per scope, so a street's window reads as few rows as the
 * district's. `param` holds the grid's code. Alias r.
 */
export function rollupRows(kind: 'day' | 'duration', grid: ScopeGrid | null, param: string): string {
  const suffix = kind === 'day' ? '' : '_duration';
  if (!grid) return `stats_grid_day${suffix} r WHERE r.grid_code = '${DISTRICT_ROLLUP_KEY}'`;
  const table = grid.level === 3 ? `stats_grid_day${suffix}` : `stats_tier_day${suffix}`;
  return `${table} r WHERE r.grid_code = ${param}`;
}

/**
 * Cases (alias c) inside the scope grid in parameter `param`, by the ancestry columns every case
 * carries (a publish rewrites them with the grid), each backed by an index; no grid → every case.
 */
export function caseScopeFilter(grid: ScopeGrid | null, param: string): string {
  if (!grid) return 'true';
  const column = { 1: 'c.grid_l1_code', 2: 'c.grid_l2_code', 3: 'c.grid_code' }[grid.level];
  return `${column} = ${param}`;
}

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

/** The sums of stats_grid_day's counters, aliased as CohortRow fields. */
export const COHORT_SUMS = `
  sum(r.reported) AS reported,
  sum(r.status_reported) AS "statusReported", sum(r.status_accepted) AS "statusAccepted",
  sum(r.status_dispatched) AS "statusDispatched", sum(r.status_resolved) AS "statusResolved",
  sum(r.status_visited) AS "statusVisited", sum(r.status_archived) AS "statusArchived",
  sum(r.status_reopened) AS "statusReopened", sum(r.status_rejected) AS "statusRejected",
  sum(r.accepted) AS accepted, sum(r.accepted_in_sla) AS "acceptedInSla",
  sum(r.resolved_on_time) AS "resolvedOnTime", sum(r.rated) AS rated, sum(r.satisfied) AS satisfied,
  sum(r.reopened) AS reopened, sum(r.resolved_on_day) AS "resolvedOnDay"`;

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
  resolvedOnDay: number;
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
  'resolvedOnDay',
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
