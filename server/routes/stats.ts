import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { clampGridToScope, scopeOf } from '../auth/scope';
import type { Db } from '../db/db';
import type { AppDeps } from '../deps';
import { DEFAULT_SERVICE_RADIUS_METRES, localDay, resolveWindow, type Window } from '../domain/metrics';
import { ProblemError } from '../problem';
import { getCoverage } from '../queries/stats-coverage';
import {
  GRID_STATS_FIELDS,
  type GridStatsField,
  getTierStats,
  getTierStatsColumns,
  isGridStatsField,
} from '../queries/stats-grids';
import { getOverview } from '../queries/stats-overview';
import { findScopeGrid, type ScopeGrid } from '../queries/stats-scope';
import { getSeries } from '../queries/stats-timeseries';
import { createStatsAnswers } from '../stats/answer-cache';
import { createWindowCache } from '../stats/window-cache';
import { validate } from '../validation';

const gridCode = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'not a grid code');
const isoDate = z.iso.date('expected a date YYYY-MM-DD');
const category = z.string().regex(/^[a-z_]{1,40}$/, 'not a category code');

const WindowQuery = {
  grid: gridCode.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  category: category.optional(),
};

/**
 * `fields=a,b,c`: per-grid figures to answer in the compact, columnar form (names from
 * GRID_STATS_FIELDS, each once); without it the answer lists every figure of every grid.
 */
const gridStatsFields = z.string().transform((list, ctx): GridStatsField[] => {
  const names = list.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !isGridStatsField(name));
  const repeated = names.filter((name, i) => names.indexOf(name) !== i);
  if (unknown.length > 0) {
    const quoted = unknown.map((name) => `'${name}'`).join(', ');
    ctx.addIssue({
      code: 'custom',
      message: `unknown field ${quoted}; one of ${GRID_STATS_FIELDS.join(', ')}`,
    });
  }
  if (repeated.length > 0) ctx.addIssue({ code: 'custom', message: `field '${repeated[0]}' asked twice` });
  return names.filter(isGridStatsField);
});

const OverviewQuery = z.strictObject(WindowQuery);
const GridsQuery = z.strictObject({
  ...WindowQuery,
  level: z.enum(['1', '2', '3']).transform((v) => Number(v) as 1 | 2 | 3),
  fields: gridStatsFields.optional(),
});
const SeriesQuery = z.strictObject({ ...WindowQuery, bucket: z.enum(['day', 'week']).default('day') });
const CoverageQuery = z.strictObject({
  grid: gridCode.optional(),
  radius: z.coerce.number().int().min(1).max(5000).default(DEFAULT_SERVICE_RADIUS_METRES),
});

/** The window of a request (defaults: the last 30 local days); 400 when from > to or it is too long. */
function requestWindow(q: { from?: string | undefined; to?: string | undefined }, now: Date): Window {
  const w = resolveWindow(
    { ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}) },
    localDay(now),
  );
  if (typeof w === 'string') throw new ProblemError(400, 'invalid-window', `${w} Choose another from/to.`);
  return w;
}

/**
 * The scope grid of `requested` in the published version; 404 when it does not exist or lies outside
 * the principal's scope (#7), which also stands in when none is requested; null = whole district.
 */
async function scopeGrid(c: Context, db: Db, requested: string | undefined): Promise<ScopeGrid | null> {
  const code = clampGridToScope(await scopeOf(c, db), requested);
  if (!code) return null;
  const grid = await findScopeGrid(db, code);
  if (!grid) {
    throw new ProblemError(404, 'grid-not-found', `No grid with code '${code}' in the published version.`);
  }
  return grid;
}

/**
 * Situation metrics; definitions in server/domain/metrics.ts. All figures come from SQL (rollups).
 * Overview, grids and timeseries carry a weak ETag (data version + request + scope) and answer
 * `If-None-Match` with a bodiless 304 before computing anything.
 */
export function statsRoutes(deps: AppDeps) {
  const now = () => deps.now?.() ?? new Date();
  const answers = createStatsAnswers(deps.db);
  const cache = createWindowCache();
  return new Hono()
    .get('/overview', validate('query', OverviewQuery), async (c) => {
      const q = c.req.valid('query');
      const at = now();
      const window = requestWindow(q, at);
      const grid = await scopeGrid(c, deps.db, q.grid);
      const r = { grid, window, category: q.category ?? null };
      const answer = await answers(c, 'overview', r, at);
      if (answer.notModified) return c.body(null, 304);
      return answer.json(() => getOverview(deps.db, { ...r, now: at }));
    })
    .get('/grids', validate('query', GridsQuery), async (c) => {
      const q = c.req.valid('query');
      const at = now();
      const window = requestWindow(q, at);
      const grid = await scopeGrid(c, deps.db, q.grid);
      if (grid && grid.level > q.level) {
        throw new ProblemError(
          400,
          'invalid-level',
          `Grid '${grid.code}' is level ${grid.level}; ask for level ${grid.level} or below it (a higher number).`,
        );
      }
      const category = q.category ?? null;
      const r = { level: q.level, grid, window, category };
      const fields = q.fields;
      const answer = await answers(c, 'grids', { ...r, fields: fields ?? null }, at);
      if (answer.notModified) return c.body(null, 304);
      if (fields)
        return answer.json(() => getTierStatsColumns(deps.db, { ...r, now: at }, fields, { cache }));
      return answer.json(() => getTierStats(deps.db, { ...r, now: at }, { cache }));
    })
    .get('/timeseries', validate('query', SeriesQuery), async (c) => {
      const q = c.req.valid('query');
      const at = now();
      const window = requestWindow(q, at);
      const grid = await scopeGrid(c, deps.db, q.grid);
      const category = q.category ?? null;
      const r = { grid, window, bucket: q.bucket, category };
      const answer = await answers(c, 'timeseries', r, at);
      if (answer.notModified) return c.body(null, 304);
      return answer.json(() => getSeries(deps.db, { ...r, now: at }));
    })
    .get('/coverage', validate('query', CoverageQuery), async (c) => {
      const q = c.req.valid('query');
      const grid = await scopeGrid(c, deps.db, q.grid);
      return c.json(await getCoverage(deps.db, { grid, radiusMetres: q.radius, now: now() }));
    });
}
