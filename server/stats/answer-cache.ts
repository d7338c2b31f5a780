import type { Db } from '../db/db';
import { readDataVersion } from '../queries/data-version';
import { VersionedCache } from '../tiles/cache';

/**
 * How long a stats answer may be reused while the data version (migration 013) stands still. The
 * figures that move with the clock alone (open cases turning overdue, "today so far", `asOf`) are at
 * most this old; any write to cases, grids, staff, buildings or facilities recomputes at once.
 */
export const STATS_MAX_AGE_MS = 15_000;
const STATS_MAX_ENTRIES = 2_000;

export type StatsCache = <T>(
  name: string,
  request: unknown,
  now: Date,
  compute: () => Promise<T>,
) => Promise<T>;

/**
 * Stats answers (`/api/stats/*`) by endpoint, request and clock step, computed once per data version.
 * `request` must hold everything the computation reads except the clock (grid after scope clamping,
 * window, category, level ...). At 5M cases a per-grid answer costs 0.3–3 s of SQL; the big screen
 * asks for the same few answers over and over between writes.
 */
export function createStatsCache(db: Db): StatsCache {
  const cache = new VersionedCache<unknown>({
    maxBytes: STATS_MAX_ENTRIES,
    maxAgeMs: STATS_MAX_AGE_MS,
    sizeOf: () => 1,
  });
  return async <T>(name: string, request: unknown, now: Date, compute: () => Promise<T>) => {
    const version = await readDataVersion(db);
    // The clock joins the key in STATS_MAX_AGE_MS steps: an answer never describes an instant further off.
    const key = JSON.stringify([name, Math.floor(now.getTime() / STATS_MAX_AGE_MS), request]);
    return (await cache.get(key, version.data, async () => ({ body: await compute(), staleOk: false }))) as T;
  };
}
