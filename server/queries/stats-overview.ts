/** `GET /api/stats/overview`: the KPI figures of one scope and window, with trends. */

import type { Db } from '../db/db';
import type { CaseStatus } from '../domain/case-workflow';
import {
  type CohortCounts,
  computeRates,
  type KpiName,
  localDay,
  METRICS_TIME_ZONE,
  PERCENTILES,
  previousWindow,
  type Rates,
  type Trend,
  trend,
  type Window,
} from '../domain/metrics';
import { cohortCounts, countsSummary, type DurationFigures, durationFigures, sumRows } from './stats-figures';
import type { FigureSource } from './stats-grids';
import { flushRollups } from './stats-rollups';
import {
  ALL_CATEGORIES_KEY,
  COHORT_FIELDS,
  COHORT_SUMS,
  type CohortRow,
  caseScopeFilter,
  categoryFilter,
  DISTRICT_ROLLUP_KEY,
  dayRows,
  durationRows,
  OPEN_CASE,
  openInWindowColumns,
  type PercentileRow,
  percentileSql,
  type ScopeGrid,
} from './stats-scope';
import { isSnapshotRequest, windowOpenFigures } from './stats-window';

export type StatsRequest = { grid: ScopeGrid | null; window: Window; now: Date; category: string | null };

type Period = 'current' | 'previous';
type CategoryRow = CohortRow & { period: Period; category: string };

/** Rollup sums per period and category; $1..$3 = previous.from, window.from, window.to. */
async function cohortRows(db: Db, r: StatsRequest, prev: Window): Promise<CategoryRow[]> {
  return db.query<CategoryRow>(
    `SELECT CASE WHEN r.day >= $2::date THEN 'current' ELSE 'previous' END AS period, r.category, ${COHORT_SUMS}
     FROM ${dayRows(r.grid, { grid: '$5', category: '$4', from: '$1', to: '$3' })}
     GROUP BY 1, 2 ORDER BY 2`,
    [prev.from, r.window.from, r.window.to, r.category, ...(r.grid ? [r.grid.code] : [])],
  );
}

async function periodPercentiles(db: Db, r: StatsRequest, prev: Window): Promise<PercentileRow[]> {
  const from = `FROM ${durationRows(r.grid, { grid: '$7', category: '$6', from: '$3', to: '$5' })}`;
  return db.query<PercentileRow>(
    percentileSql(`CASE WHEN r.day >= $4::date THEN 'current' ELSE 'previous' END`, from),
    [
      PERCENTILES.median,
      PERCENTILES.p90,
      prev.from,
      r.window.from,
      r.window.to,
      r.category,
      ...(r.grid ? [r.grid.code] : []),
    ],
  );
}

type OpenRow = {
  open: number;
  overdue: number;
  unacceptedPastDue: number;
  openPastDue: number;
  unacceptedPastDuePrevious: number;
  openPastDuePrevious: number;
};

/** Point-in-time open/overdue, read from the small open-case set through the partial index. */
async function openCases(db: Db, r: StatsRequest, prev: Window): Promise<OpenRow> {
  const rows = await db.query<OpenRow>(
    `SELECT count(*) AS open, count(*) FILTER (WHERE c.due_at < $1) AS overdue,
       ${openInWindowColumns('$2', '$3', '$1')},
       ${openInWindowColumns('$4', '$5', '$1', 'Previous')}
     FROM cases c
     WHERE ${OPEN_CASE} AND ${categoryFilter('c.category', '$6')}
       AND ${caseScopeFilter(r.grid, '$7')}`,
    [r.now, r.window.from, r.window.to, prev.from, prev.to, r.category, ...(r.grid ? [r.grid.code] : [])],
  );
  return rows[0] as OpenRow;
}

/**
 * Today so far against yesterday up to the same time (a morning is not compared with a whole day).
 * The district and a street sum whole hours of stats_tier_hour (migration 017) and count only the last
 * partial hour of yesterday from the cases; a community or a level-3 grid counts its few cases.
 */
async function casesToday(db: Db, r: StatsRequest): Promise<{ today: number; yesterday: number }> {
  const params = [localDay(r.now), r.now, r.category, ...(r.grid ? [r.grid.code] : [])];
  if (r.grid && r.grid.level > 1) {
    const rows = await db.query<{ today: number; yesterday: number }>(
      `SELECT count(*) FILTER (WHERE c.reported_at >= stats_day_start($1::date)) AS today,
              count(*) FILTER (WHERE c.reported_at < $2::timestamptz - interval '1 day') AS yesterday
       FROM cases c
       WHERE c.reported_at >= stats_day_start($1::date - 1) AND c.reported_at <= $2
         AND ${categoryFilter('c.category', '$3')} AND ${caseScopeFilter(r.grid, '$4')}`,
      params,
    );
    return rows[0] ?? { today: 0, yesterday: 0 };
  }
  const key = r.grid ? '$4' : `'${DISTRICT_ROLLUP_KEY}'`;
  const hours = (from: string, to: string) =>
    `(SELECT coalesce(sum(h.reported), 0) FROM stats_tier_hour h
      WHERE h.grid_code = ${key} AND h.category = coalesce($3::text, '${ALL_CATEGORIES_KEY}')
        AND h.hour >= ${from} AND h.hour < ${to})`;
  const cases = (from: string, to: string, toIncluded: boolean) =>
    `(SELECT count(*) FROM cases c
      WHERE c.reported_at >= ${from} AND c.reported_at ${toIncluded ? '<=' : '<'} ${to}
        AND ${categoryFilter('c.category', '$3')} AND ${caseScopeFilter(r.grid, '$4')})`;
  const hourOf = (at: string) => `date_trunc('hour', ${at}, 'UTC')`;
  const dayAgo = `$2::timestamptz - interval '1 day'`;
  const rows = await db.query<{ today: number; yesterday: number }>(
    `SELECT ${hours('stats_day_start($1::date)', hourOf('$2::timestamptz'))}
            + ${cases(`greatest(${hourOf('$2::timestamptz')}, stats_day_start($1::date))`, '$2::timestamptz', true)} AS today,
            ${hours('stats_day_start($1::date - 1)', hourOf(dayAgo))}
            + ${cases(`greatest(${hourOf(dayAgo)}, stats_day_start($1::date - 1))`, dayAgo, false)} AS yesterday`,
    params,
  );
  return rows[0] ?? { today: 0, yesterday: 0 };
}

export type Overview = {
  grid: ScopeGrid | null;
  category: string | null;
  window: Window;
  previousWindow: Window;
  today: string;
  timeZone: string;
  asOf: string;
  kpis: Record<KpiName, Trend>;
  byStatus: Record<CaseStatus, number>;
  byCategory: { category: string; cases: number }[];
  counts: ReturnType<typeof countsSummary>;
  previousCounts: ReturnType<typeof countsSummary>;
};

export async function getOverview(db: Db, r: StatsRequest, source: FigureSource = 'auto'): Promise<Overview> {
  await flushRollups(db);
  const prev = previousWindow(r.window);
  // The default window's open-case figures are kept per scope (stats_window, migration 019): a
  // city's 50k open cases need not be counted again for every answer.
  const open =
    source === 'auto' && isSnapshotRequest(r.window, r.category, r.now)
      ? await windowOpenFigures(db, r.grid, r.now)
      : await openCases(db, r, prev);
  const [rows, percentiles, today] = await Promise.all([
    cohortRows(db, r, prev),
    periodPercentiles(db, r, prev),
    casesToday(db, r),
  ]);
  const ofPeriod = (p: Period) =>
    sumRows(
      rows.filter((row) => row.period === p),
      COHORT_FIELDS,
    );
  const current = cohortCounts(ofPeriod('current'), open);
  const previous = cohortCounts(ofPeriod('previous'), {
    unacceptedPastDue: open.unacceptedPastDuePrevious,
    openPastDue: open.openPastDuePrevious,
  });
  const durations = (p: Period) => durationFigures(percentiles.filter((row) => row.grp === p));
  return {
    grid: r.grid,
    category: r.category,
    window: r.window,
    previousWindow: prev,
    today: localDay(r.now),
    timeZone: METRICS_TIME_ZONE,
    asOf: r.now.toISOString(),
    kpis: kpis(current, previous, durations('current'), durations('previous'), open, today),
    byStatus: current.byStatus,
    byCategory: rows
      .filter((row) => row.period === 'current' && row.reported > 0)
      .map((row) => ({ category: row.category, cases: row.reported })),
    counts: countsSummary(current),
    previousCounts: countsSummary(previous),
  };
}

function kpis(
  current: CohortCounts,
  previous: CohortCounts,
  durations: DurationFigures,
  previousDurations: DurationFigures,
  open: OpenRow,
  today: { today: number; yesterday: number },
): Record<KpiName, Trend> {
  const rates = computeRates(current);
  const previousRates = computeRates(previous);
  const rateTrend = (name: keyof Rates) => trend(name, rates[name], previousRates[name]);
  const durationTrend = (name: keyof DurationFigures) =>
    trend(name, durations[name], previousDurations[name]);
  return {
    casesToday: trend('casesToday', today.today, today.yesterday),
    casesInRange: trend('casesInRange', current.reported, previous.reported),
    // Point-in-time figures: the past state is not kept, so they carry no trend.
    open: trend('open', open.open, null),
    overdue: trend('overdue', open.overdue, null),
    responseRate: rateTrend('responseRate'),
    resolutionRate: rateTrend('resolutionRate'),
    onTimeRate: rateTrend('onTimeRate'),
    satisfactionRate: rateTrend('satisfactionRate'),
    medianResponseSeconds: durationTrend('medianResponseSeconds'),
    p90ResponseSeconds: durationTrend('p90ResponseSeconds'),
    medianResolutionSeconds: durationTrend('medianResolutionSeconds'),
    p90ResolutionSeconds: durationTrend('p90ResolutionSeconds'),
  };
}
