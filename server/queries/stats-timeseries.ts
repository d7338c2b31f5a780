/** `GET /api/stats/timeseries`: per local day or ISO week, gaps filled, from the rollups. */
import type { Db } from '../db/db';
import {
  type BucketSize,
  METRICS_TIME_ZONE,
  PERCENTILES,
  type Window,
  windowBuckets,
} from '../domain/metrics';
import { type DurationFigures, durationFigures, groupRows } from './stats-figures';
import { flushRollups } from './stats-rollups';
import { dayRows, durationRows, type PercentileRow, percentileSql, type ScopeGrid } from './stats-scope';

/** The SQL key of each bucket size; matches Bucket.key of windowBuckets() (the day, or its week's Monday). */
const BUCKET_KEY: Readonly<Record<BucketSize, string>> = {
  day: `to_char(r.day, 'YYYY-MM-DD')`,
  week: `to_char(date_trunc('week', r.day), 'YYYY-MM-DD')`,
};

export type SeriesRequest = {
  grid: ScopeGrid | null;
  window: Window;
  bucket: BucketSize;
  now: Date;
  category: string | null;
};

type BucketCounts = { key: string; reported: number; resolved: number };

async function bucketCounts(db: Db, r: SeriesRequest): Promise<BucketCounts[]> {
  return db.query<BucketCounts>(
    `SELECT ${BUCKET_KEY[r.bucket]} AS key, sum(r.reported) AS reported, sum(r.resolved_on_day) AS resolved
     FROM ${dayRows(r.grid, { grid: '$4', category: '$3', from: '$1', to: '$2' })}
     GROUP BY 1`,
    [r.window.from, r.window.to, r.category, ...(r.grid ? [r.grid.code] : [])],
  );
}

async function bucketPercentiles(db: Db, r: SeriesRequest): Promise<PercentileRow[]> {
  const from = `FROM ${durationRows(r.grid, { grid: '$6', category: '$5', from: '$3', to: '$4' })}`;
  return db.query<PercentileRow>(percentileSql(BUCKET_KEY[r.bucket], from), [
    PERCENTILES.median,
    PERCENTILES.p90,
    r.window.from,
    r.window.to,
    r.category,
    ...(r.grid ? [r.grid.code] : []),
  ]);
}

export type SeriesPoint = {
  /** First and last local day of the bucket, clipped to the window. */
  start: string;
  end: string;
  days: number;
  /** Cases reported in the bucket. */
  reported: number;
  /** Cases whose latest resolution fell in the bucket and which are still resolved. */
  resolved: number;
} & DurationFigures;

export type Series = {
  grid: ScopeGrid | null;
  category: string | null;
  window: Window;
  bucket: BucketSize;
  timeZone: string;
  asOf: string;
  points: SeriesPoint[];
};

export async function getSeries(db: Db, r: SeriesRequest): Promise<Series> {
  await flushRollups(db);
  const [counts, percentiles] = await Promise.all([bucketCounts(db, r), bucketPercentiles(db, r)]);
  const countsOf = new Map(counts.map((c) => [c.key, c]));
  const percentilesOf = groupRows(percentiles, (p) => p.grp);
  const points = windowBuckets(r.window, r.bucket).map((b) => ({
    start: b.start,
    end: b.end,
    days: b.days,
    reported: countsOf.get(b.key)?.reported ?? 0,
    resolved: countsOf.get(b.key)?.resolved ?? 0,
    ...durationFigures(percentilesOf.get(b.key) ?? []),
  }));
  return {
    grid: r.grid,
    category: r.category,
    window: r.window,
    bucket: r.bucket,
    timeZone: METRICS_TIME_ZONE,
    asOf: r.now.toISOString(),
    points,
  };
}
