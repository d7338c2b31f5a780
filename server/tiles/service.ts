import type { Db } from '../db/db';
import type { CaseAreaFilter } from '../domain/hotspots/filter';
import type { TileAddress } from '../domain/hotspots/tile-math';
import { readDataVersion } from '../queries/data-version';
import { TileCache } from './cache';
import { renderCaseTileWithMode, renderGridTile, type TileEncoder } from './render';

/** The routes' Cache-Control max-age: a cached tile is never older than what a browser may keep. */
export const TILE_MAX_AGE_MS = 60_000;
/** Budget for rendered case tiles kept in memory (a z10 bins tile is ~70 KB at 5M cases). */
export const TILE_CACHE_BYTES = 64 * 1024 * 1024;
/** Budget for rendered grid tiles (a z10 tile of 50,000 level-3 grids is ~460 KB, a z12 one ~240 KB). */
export const GRID_TILE_CACHE_BYTES = 64 * 1024 * 1024;

export type TileService = {
  caseTile(t: TileAddress, f: CaseAreaFilter, now: Date): Promise<Uint8Array>;
  gridTile(t: TileAddress, level: number, scopeCode?: string): Promise<Uint8Array>;
  /** Case tiles. */
  cache: TileCache;
  gridCache: TileCache;
};

/**
 * Tiles through the cache (server/tiles/cache.ts), keyed by everything the rendering reads: the
 * address, the whole filter, and the data version (cases for case tiles, the published boundary
 * version for grid tiles). Anything a future caller adds to the rendering must join the key.
 *
 * Grid tiles have a cache of their own with no age limit: they read only the published version (its
 * grids, and the scope subtree walked in it), which never changes in place, so an entry stays exact
 * until a publish moves the boundary version, whatever case intakes do meanwhile. (Case tiles age out
 * after a minute: their `overdue` flags follow the clock.)
 */
export function createTileService(
  db: Db,
  encoder: TileEncoder,
  cache?: TileCache,
  gridCache?: TileCache,
): TileService {
  const tiles = cache ?? new TileCache({ maxBytes: TILE_CACHE_BYTES, maxAgeMs: TILE_MAX_AGE_MS });
  const grids =
    gridCache ?? new TileCache({ maxBytes: GRID_TILE_CACHE_BYTES, maxAgeMs: Number.POSITIVE_INFINITY });
  return {
    cache: tiles,
    gridCache: grids,
    async caseTile(t, f, now) {
      const version = await readDataVersion(db);
      const key = JSON.stringify(['cases', t.z, t.x, t.y, f]);
      return tiles.get(key, version.data, async () => {
        const r = await renderCaseTileWithMode(db, encoder, t, f, now);
        return { body: r.body, staleOk: r.mode === 'bins' };
      });
    },
    async gridTile(t, level, scopeCode) {
      const version = await readDataVersion(db);
      const key = JSON.stringify(['grids', t.z, t.x, t.y, level, scopeCode ?? null]);
      return grids.get(key, version.boundary, async () => ({
        body: await renderGridTile(db, encoder, t, level, scopeCode),
        staleOk: false,
      }));
    },
  };
}
