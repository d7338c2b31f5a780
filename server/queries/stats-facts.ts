/**
 * A level-3 grid's (and a community's histogram) figures straight from its cases: the same facts the
 * rollups sum (004: stats_case_day_facts, stats_case_duration_facts), as derived tables shaped like
 * the rollup rows, so a reader can sum either. At city scale a grid × day × category cell holds
 * about one case, so there is nothing to roll up below the community (migration 017).
 */

/** The counters of stats_tier_day, in stats_day_counters() order (017). */
export const DAY_COUNTERS = [
  'reported',
  'status_reported',
  'status_accepted',
  'status_dispatched',
  'status_resolved',
  'status_visited',
  'status_archived',
  'status_reopened',
  'status_rejected',
  'accepted',
  'accepted_in_sla',
  'resolved_on_time',
  'rated',
  'satisfied',
  'reopened',
  'patrol_visits',
  'resolved_on_day',
] as const;

/** The columns of `cases` (alias c) the fact functions take, in their argument order. */
const FACT_ARGUMENTS =
  'c.grid_code, c.category, c.source, c.status, c.reported_at, c.due_at, c.accepted_at, c.resolved_at, c.satisfaction, c.reopen_count';

/**
 * Day rows (grid_code, day, category, counters) of the cases matching `where` (alias c): one per
 * case for its reported day, one more for its resolution day. A derived table, to be aliased.
 */
export function caseDayFacts(where: string): string {
  const counters = DAY_COUNTERS.map((c) => `f.${c}`).join(', ');
  return `(SELECT f.day_grid_code AS grid_code, f.day, f.day_category AS category, ${counters}
           FROM cases c CROSS JOIN LATERAL stats_case_day_facts(${FACT_ARGUMENTS}) f
           WHERE ${where})`;
}

/**
 * Histogram rows (grid_code, grid_l2_code, grid_l1_code, day, category, measure, bucket, cases = 1)
 * of the cases matching `where` (alias c), keyed by the reported day like the rollups. A derived table.
 */
export function caseDurationFacts(where: string): string {
  return `(SELECT c.grid_code, c.grid_l2_code, c.grid_l1_code, f.day, f.duration_category AS category,
                  f.measure, f.bucket, 1 AS cases
           FROM cases c CROSS JOIN LATERAL stats_case_duration_facts(${FACT_ARGUMENTS}) f
           WHERE ${where})`;
}

/** Cases (alias c) reported in the local days [from, to] (`$n` date parameters), through the reported_at indexes. */
export function reportedInDays(from: string, to: string): string {
  return `c.reported_at >= stats_day_start(${from}::date) AND c.reported_at < stats_day_start(${to}::date + 1)`;
}
