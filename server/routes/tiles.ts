import { createHash } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { scopeFilterOf } from '../auth/scope';
import type { AppDeps } from '../deps';
import { CASE_AREA_FILTER_SHAPE, toCaseAreaFilter } from '../domain/hotspots/filter';
import { isValidTile } from '../domain/hotspots/tile-math';
import { tileEncoderFor } from '../tiles/render';
import { createTileService } from '../tiles/service';
import { validate } from '../validation';

export const MVT_CONTENT_TYPE = 'application/vnd.mapbox-vector-tile';
/**
 * Cases change all day: a minute of staleness keeps panning cheap without hiding new cases for long.
 * `private` + `Vary: Cookie`: every tile is read behind a login and depends on the principal's scope
 * (#7), so no shared cache may keep it and the browser keys it on the session.
 */
export const TILE_CACHE_CONTROL = 'private, max-age=60';

const TileParam = z
  .object({
    z: z.string().regex(/^\d{1,2}$/, 'zoom 0-22'),
    x: z.string().regex(/^\d{1,7}$/, 'tile column'),
    file: z.string().regex(/^\d{1,7}\.mvt$/, 'tile row followed by .mvt'),
  })
  .transform((p) => ({ z: Number(p.z), x: Number(p.x), y: Number.parseInt(p.file, 10) }))
  .refine(isValidTile, { message: 'z must be 0-22 and x, y within 0 .. 2^z - 1' });

const CaseTileQuery = z.strictObject(CASE_AREA_FILTER_SHAPE);

const GridTileQuery = z.strictObject({
  level: z.enum(['1', '2', '3']).transform((v) => Number(v) as 1 | 2 | 3),
});

/**
 * MVT bytes with caching headers. An empty tile is `204 No Content` (MapLibre treats it as an
 * empty tile). The ETag hashes the body: no data-version counter to keep in step with every writer.
 */
function tileResponse(c: Context, body: Uint8Array): Response {
  const cacheHeaders = { 'Cache-Control': TILE_CACHE_CONTROL, Vary: 'Cookie' };
  if (body.length === 0) return c.body(null, 204, cacheHeaders);
  const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
  const headers = { ...cacheHeaders, ETag: etag };
  const match = c.req.header('If-None-Match');
  if (match?.split(',').some((m) => m.trim().replace(/^W\//, '') === etag)) {
    return c.body(null, 304, headers);
  }
  return c.body(body as Uint8Array<ArrayBuffer>, 200, { ...headers, 'Content-Type': MVT_CONTENT_TYPE });
}

export function tileRoutes(deps: AppDeps) {
  const tiles = createTileService(deps.db, tileEncoderFor(deps.capabilities));
  return new Hono()
    .get('/cases/:z/:x/:file', validate('param', TileParam), validate('query', CaseTileQuery), async (c) => {
      const now = deps.now?.() ?? new Date();
      const filter = { ...toCaseAreaFilter(c.req.valid('query')), ...scopeFilterOf(c) };
      return tileResponse(c, await tiles.caseTile(c.req.valid('param'), filter, now));
    })
    .get('/grids/:z/:x/:file', validate('param', TileParam), validate('query', GridTileQuery), async (c) => {
      const { level } = c.req.valid('query');
      const { scopeCode } = scopeFilterOf(c);
      return tileResponse(c, await tiles.gridTile(c.req.valid('param'), level, scopeCode));
    });
}
