/**
 * Situation metrics: every definition the stats API serves, written once. The SQL in
 * `server/db/migrations/004_stats_rollups.sql` and `server/queries/stats-*.ts` computes these figures;
 * this module names them, fixes their formulas, windows and thresholds, and turns the counts SQL
 * returns into rates, durations and trends. Pure: no database, no clock (callers pass "now").
 *
 * Cohort. Range figures are about the cases REPORTED in the window (local days, inclusive), judged
 * by what has happened to them up to now. Per case, over non-rejected cases:
 *
 * - response time   = accepted_at − reported_at (cases accepted at least once).
 * - resolution time = resolved_at − reported_at (cases whose current status is resolved, visited or
 *   archived; resolved_at is the latest resolution, so a reopened-and-re-resolved case counts its
 *   final resolution; a reopened case that is open again does not count as resolved).
 * - response rate (响应率)     = accepted by due_at / (accepted + still unaccepted and past due_at).
 * - resolution rate (解决率)   = resolved / (resolved + open and past due_at): of the cases that
 *   should be resolved by now, the share that is. An open case not yet due counts against no one.
 * - on-time rate (按期办结率)  = resolved with resolved_at ≤ due_at / the same denominator.
 * - satisfaction rate (满意率) = cases whose satisfaction score ≥ 4 / cases with a score now (the
 *   latest visit's; the workflow clears the score on reopen, so a reopened case counts again only
 *   after its next visit).
 *
 * Point in time (not windowed): open = status in OPEN_STATUSES now; overdue = open and due_at < now
 * (as `isOverdue` in sla.ts). Today = the current local day in METRICS_TIME_ZONE.
 *
 * Percentiles are nearest-rank (the smallest value v with at least q of the values ≤ v, i.e. SQL
 * `percentile_disc`), read from log-spaced duration histograms; see DURATION_HISTOGRAM.
 */
import { CASE_STATUSES, type CaseStatus } from './case-workflow';

/** Days, "today" and weeks are local days in this zone (UTC+8, no DST since 1991). SQL mirrors it in `stats_time_zone()`. */
export const METRICS_TIME_ZONE = 'Asia/Shanghai';

/** A visit score at or above this counts as satisfied (满意 / 基本满意 on a 1–5 scale). */
export const SATISFIED_MIN_SCORE = 4;

export const DEFAULT_WINDOW_DAYS = 30;
export const MAX_WINDOW_DAYS = 400;
/** Patrol coverage looks at the local days [today − 6, today]. */
export const PATROL_WINDOW_DAYS = 7;
export const PATROL_SOURCES = ['patrol', 'visit'] as const;
/** Service coverage: a household is served when its building is this close to a service facility. */
export const DEFAULT_SERVICE_RADIUS_METRES = 500;
export const SERVICE_FACILITY_KINDS = ['service_center', 'station'] as const;
/** Gap/overlap areas below this are numerical noise of the geometry operations, not planning errors. */
export const TILING_TOLERANCE_SQUARE_METRES = 1;

// ---------------------------------------------------------------------------------------------
// Duration histograms

/**
 * Durations are counted in log-spaced buckets: bucket 0 holds [0, 60 s); bucket k ≥ 1 holds
 * [60·1.1^(k−1), 60·1.1^k) seconds; the last bucket is open-ended. Sparse rows per (grid, day,
 * category, bucket) let any window and any tier sum histograms instead of reading cases.
 * SQL mirrors this in `stats_duration_bucket()`.
 *
 * Bound: a percentile is reported as the geometric middle of the bucket holding the nearest-rank
 * value, so for values ≥ 60 s the relative error against the exact nearest-rank percentile is at most
 * √1.1 − 1 ≈ 4.88 %; below 60 s the absolute error is at most 30 s.
 */
export const DURATION_HISTOGRAM = {
  firstEdgeSeconds: 60,
  ratio: 1.1,
  lastBucket: 250,
} as const;

export const HISTOGRAM_RELATIVE_ERROR_BOUND = Math.sqrt(DURATION_HISTOGRAM.ratio) - 1;

export function durationBucket(seconds: number): number {
  const { firstEdgeSeconds, ratio, lastBucket } = DURATION_HISTOGRAM;
  if (seconds < firstEdgeSeconds) return 0;
  const k = 1 + Math.floor(Math.log(seconds / firstEdgeSeconds) / Math.log(ratio));
  return Math.min(k, lastBucket);
}

/** The value reported for a percentile that falls in `bucket` (whole seconds). */
export function bucketRepresentativeSeconds(bucket: number): number {
  const { firstEdgeSeconds, ratio } = DURATION_HISTOGRAM;
  if (bucket <= 0) return firstEdgeSeconds / 2;
  return Math.round(firstEdgeSeconds * ratio ** (bucket - 0.5));
}

export const PERCENTILES = { median: 0.5, p90: 0.9 } as const;

/** Nearest rank of quantile q among n values (1-based): the SQL picks the first bucket whose running count reaches it. */
export function nearestRank(q: number, n: number): number {
  return Math.max(1, Math.ceil(q * n - 1e-9));
}

// ---------------------------------------------------------------------------------------------
// Counts → rates

/** What the rollups and the open-case query return for one scope and one window. */
export type CohortCounts = {
  reported: number;
  byStatus: Record<CaseStatus, number>;
  accepted: number;
  acceptedInSla: number;
  /** Still `reported` (never accepted) and past due_at now. */
  unacceptedPastDue: number;
  resolvedOnTime: number;
  /** Open (any open status) and past due_at now. */
  openPastDue: number;
  rated: number;
  satisfied: number;
  /** Cases reopened at least once. */
  reopened: number;
};

export type Rates = {
  responseRate: number | null;
  resolutionRate: number | null;
  onTimeRate: number | null;
  satisfactionRate: number | null;
};

/** A share, or null when nothing is in the denominator (shown as "—", never as 0 % or 100 %). */
export function rate(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

export function resolvedCount(byStatus: Record<CaseStatus, number>): number {
  return byStatus.resolved + byStatus.visited + byStatus.archived;
}

export function computeRates(c: CohortCounts): Rates {
  const resolved = resolvedCount(c.byStatus);
  const due = resolved + c.openPastDue;
  return {
    responseRate: rate(c.acceptedInSla, c.accepted + c.unacceptedPastDue),
    resolutionRate: rate(resolved, due),
    onTimeRate: rate(c.resolvedOnTime, due),
    satisfactionRate: rate(c.satisfied, c.rated),
  };
}

export function emptyStatusCounts(): Record<CaseStatus, number> {
  return Object.fromEntries(CASE_STATUSES.map((s) => [s, 0])) as Record<CaseStatus, number>;
}

/** Case density for choropleths: cases per 1,000 households; null for grids without households. */
export function perThousandHouseholds(cases: number, households: number): number | null {
  return households > 0 ? (cases * 1000) / households : null;
}

// ---------------------------------------------------------------------------------------------
// Trends

/** Whether a KPI is better when it goes up, down, or neither (case counts are workload, not merit). */
export type Polarity = 'higher' | 'lower' | 'neutral';

export const KPI_POLARITY = {
  casesToday: 'neutral',
  casesInRange: 'neutral',
  open: 'lower',
  overdue: 'lower',
  responseRate: 'higher',
  resolutionRate: 'higher',
  onTimeRate: 'higher',
  satisfactionRate: 'higher',
  medianResponseSeconds: 'lower',
  p90ResponseSeconds: 'lower',
  medianResolutionSeconds: 'lower',
  p90ResolutionSeconds: 'lower',
} as const satisfies Record<string, Polarity>;

export type KpiName = keyof typeof KPI_POLARITY;

export type Trend = {
  value: number | null;
  /** The same figure for the previous period; null when it cannot be known (open/overdue are "now" only). */
  previous: number | null;
  /** value − previous: cases, seconds, or a rate difference in fraction points (0.05 = 5 points). */
  change: number | null;
  /** change / previous; null when previous is 0 or unknown. */
  changeRatio: number | null;
  polarity: Polarity;
  /** 'better' | 'worse' by polarity, 'same' when equal, 'neutral' for neutral figures, null when unknown. */
  assessment: 'better' | 'worse' | 'same' | 'neutral' | null;
};

export function trend(name: KpiName, value: number | null, previous: number | null): Trend {
  const polarity: Polarity = KPI_POLARITY[name];
  const change = value !== null && previous !== null ? value - previous : null;
  const changeRatio = change !== null && previous ? change / previous : null;
  return { value, previous, change, changeRatio, polarity, assessment: assess(polarity, change) };
}

function assess(polarity: Polarity, change: number | null): Trend['assessment'] {
  if (change === null) return null;
  if (polarity === 'neutral') return 'neutral';
  if (change === 0) return 'same';
  return change > 0 === (polarity === 'higher') ? 'better' : 'worse';
}

// ---------------------------------------------------------------------------------------------
// Local days, windows and buckets (days are 'YYYY-MM-DD' strings of local dates)

const DAY_MS = 86_400_000;
const LOCAL_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: METRICS_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The local day (in METRICS_TIME_ZONE) of an instant. */
export function localDay(instant: Date): string {
  return LOCAL_DAY.format(instant);
}

/** Calendar arithmetic on local dates; done in UTC so no zone or DST can shift it. */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both included. */
export function daysInclusive(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

export type Window = { from: string; to: string; days: number };

/**
 * The requested window: both ends given, or the missing end filled so the window has
 * DEFAULT_WINDOW_DAYS days ending today. Returns an error message for from > to or a span above
 * MAX_WINDOW_DAYS (the rollups answer any span; the cap keeps a request from asking for decades).
 */
export function resolveWindow(req: { from?: string; to?: string }, today: string): Window | string {
  const to = req.to ?? (req.from ? laterDay(req.from, today) : today);
  const from = req.from ?? addDays(to, -(DEFAULT_WINDOW_DAYS - 1));
  const days = daysInclusive(from, to);
  if (days < 1) return `from (${from}) must not be after to (${to}).`;
  if (days > MAX_WINDOW_DAYS)
    return `The window ${from}..${to} spans ${days} days; at most ${MAX_WINDOW_DAYS} are allowed.`;
  return { from, to, days };
}

/** Days as 'YYYY-MM-DD' order as strings. */
function laterDay(a: string, b: string): string {
  return a > b ? a : b;
}

function earlierDay(a: string, b: string): string {
  return a < b ? a : b;
}

/** The previous period of equal length, ending the day before `w.from`: the basis of every trend. */
export function previousWindow(w: Window): Window {
  return { from: addDays(w.from, -w.days), to: addDays(w.from, -1), days: w.days };
}

export type BucketSize = 'day' | 'week';

/** Monday of the ISO week holding `day` (PostgreSQL `date_trunc('week', day)`). */
export function weekStart(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}

export type Bucket = { key: string; start: string; end: string; days: number };

/**
 * Every bucket of the window, in order, so series have no gaps. `key` is what SQL groups by (the day,
 * or the Monday of the week); `start`/`end` clip the first and last week to the window, and `days`
 * says how many days a partial week holds.
 */
export function windowBuckets(w: Window, size: BucketSize): Bucket[] {
  const buckets: Bucket[] = [];
  for (
    let key = size === 'day' ? w.from : weekStart(w.from);
    key <= w.to;
    key = addDays(key, size === 'day' ? 1 : 7)
  ) {
    const start = laterDay(key, w.from);
    const lastDay = size === 'day' ? key : addDays(key, 6);
    const end = earlierDay(lastDay, w.to);
    buckets.push({ key, start, end, days: daysInclusive(start, end) });
  }
  return buckets;
}
