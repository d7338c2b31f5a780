/** The XYZ tile pyramid on EPSG:3857 and the constants every case/grid tile shares. */
export const TILE_EXTENT = 4096;
/** Pixels kept around a tile so symbols and outlines on its edge are not cut. */
export const TILE_BUFFER = 64;
export const MAX_TILE_ZOOM = 22;

/**
 * Raw case points only from this zoom on. Measured at 5M cases: a z16 tile of raw points is 569 KB
 * and ~50 ms, each zoom out ×4 the points, so z14 ≈ 9 MB at the densest place: too much for the
 * 500 KB target. Raw points at z ≥ 14 stay small up to ~1M cases a year; beyond that the per-tile
 * cap below switches a dense tile to bins anyway. Below z14 tiles carry bins.
 */
export const MIN_POINT_ZOOM = 14;
/**
 * A tile with more matching cases than this is served as bins even at z ≥ MIN_POINT_ZOOM: a point
 * costs ~52 bytes of MVT (measured: 13,471 points in a z14 tile of 5M cases → 683 KB), so 9,000
 * points stay under the 500 KB budget.
 */
export const MAX_POINTS_PER_TILE = 9_000;
/** Bin side in tile pixels for aggregated tiles: 64 × 64 bins per tile, ≤ 4,096 features. */
export const TILE_BIN_PIXELS = 64;

/**
 * The lowest zoom whose grid tiles hold grids of each level; below it a tile of that level is empty.
 * Level 3 starts at z11: at z10 a level-3 grid (~250 m) is 2–8 pixels, and a z10 tile of a
 * 50,000-grid city held up to 20,000 of them (870 KB, 100–250 ms to render). A map zoomed out further
 * draws level 3 from z11 tiles (web/map/layers/grid-tiles.ts), so its choropleth stays whole.
 */
export const GRID_TILE_MIN_ZOOM = { 1: 0, 2: 0, 3: 11 } as const satisfies Record<1 | 2 | 3, number>;

/** Whether a grid tile of zoom z holds grids of `level`. */
export function gridTileHasLevel(z: number, level: number): boolean {
  return z >= (GRID_TILE_MIN_ZOOM[level as keyof typeof GRID_TILE_MIN_ZOOM] ?? 0);
}

export type TileAddress = { z: number; x: number; y: number };

export function isValidTile({ z, x, y }: TileAddress): boolean {
  if (!Number.isInteger(z) || z < 0 || z > MAX_TILE_ZOOM) return false;
  const size = 2 ** z;
  return Number.isInteger(x) && Number.isInteger(y) && x >= 0 && y >= 0 && x < size && y < size;
}

/** What a case tile at this zoom carries: raw points or aggregated bins. */
export function caseTileMode(z: number, matchingCases: number): 'points' | 'bins' {
  return z >= MIN_POINT_ZOOM && matchingCases <= MAX_POINTS_PER_TILE ? 'points' : 'bins';
}
