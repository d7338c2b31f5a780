import type { Context, TypedResponse } from 'hono';
import type { JSONParsed } from 'hono/utils/types';
import { scopeCodeOf } from '../auth/scope';
import type { Db } from '../db/db';
import { readDataVersion } from '../queries/data-version';
import { VersionedCache } from '../tiles/cache';
import { matchesIfNoneMatch, weakEtag } from './etag';

/**
 * How long a stats answer may be reused while the data version (migration 013) stands still. The
 * figures that move with the clock alone (open cases turning overdue, "today so far", `asOf`) are at
 * most this old; any write to cases, grids, staff, buildings or facilities recomputes at once.
 */
export const STATS_MAX_AGE_MS = 15_000;
/**
 * Budget for encoded answers kept in memory. The largest, every figure of 50,000 grids, is ~23 MB;
 * the big screen's compact one ~1 MB, an overview ~3 KB.
 */
export const STATS_CACHE_BYTES = 64 * 1024 * 1024;

/** Browsers keep the answer but ask every time; the ETag makes an unchanged answer a bodiless 304. */
export const STATS_CACHE_HEADERS = { 'Cache-Control': 'private, no-cache', Vary: 'Cookie' } as const;

/** One stats request, its validator settled before anything is computed. */
export type StatsAnswer = {
  etag: string;
  /** The client's `If-None-Match` already holds this answer: reply 304 without computing it. */
  notModified: boolean;
  /**
   * The answer as a JSON response, computed and encoded once per data version, request and clock step:
   * a repeat sends the stored bytes (encoding 50,000 grids' every figure costs ~0.8 s of V8 each time).
   */
  json<T extends object>(compute: () => Promise<T>): Promise<JsonAnswer<T>>;
};

/** What `c.json(answer)` would return, so the typed client reads the same type. */
export type JsonAnswer<T> = Response & TypedResponse<JSONParsed<T>, 200, 'json'>;

const JSON_HEADERS = { 'Content-Type': 'application/json' } as const;
const utf8 = new TextEncoder();

export type StatsAnswers = (c: Context, name: string, request: unknown, now: Date) => Promise<StatsAnswer>;

/**
 * Stats answers (`/api/stats/*`) by endpoint, request and clock step, computed once per data version,
 * with an ETag over the same key plus the principal's scope (set on the response with
 * STATS_CACHE_HEADERS). `request` must hold everything the computation reads except the clock (grid
 * after scope clamping, window, category, level, fields ...). At 5M cases a per-grid answer costs
 * 0.3–3 s of SQL; the big screen asks for the same few answers over and over between writes.
 */
export function createStatsAnswers(db: Db): StatsAnswers {
  const cache = new VersionedCache<Uint8Array<ArrayBuffer>>({
    maxBytes: STATS_CACHE_BYTES,
    maxAgeMs: STATS_MAX_AGE_MS,
    sizeOf: (body) => body.byteLength,
  });
  return async (c, name, request, now) => {
    const version = await readDataVersion(db);
    // The clock joins the key in STATS_MAX_AGE_MS steps: an answer never describes an instant further off.
    const key = JSON.stringify([name, Math.floor(now.getTime() / STATS_MAX_AGE_MS), request]);
    const etag = weakEtag([version.data, version.boundary, key, scopeCodeOf(c)]);
    c.header('ETag', etag);
    for (const [header, value] of Object.entries(STATS_CACHE_HEADERS)) c.header(header, value);
    return {
      etag,
      notModified: matchesIfNoneMatch(c.req.header('If-None-Match'), etag),
      json: async <T extends object>(compute: () => Promise<T>) => {
        const body = await cache.get(key, version.data, async () => ({
          body: utf8.encode(JSON.stringify(await compute())),
          staleOk: false,
        }));
        return c.body(body, 200, JSON_HEADERS) as unknown as JsonAnswer<T>;
      },
    };
  };
}
