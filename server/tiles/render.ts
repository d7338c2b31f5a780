import type { Capabilities } from '../db/capabilities';
import type { Db } from '../db/db';
import type { CaseAreaFilter } from '../domain/hotspots/filter';
import {
  caseTileMode,
  gridTileHasLevel,
  MAX_POINTS_PER_TILE,
  type TileAddress,
} from '../domain/hotspots/tile-math';
import { flushRollups } from '../queries/stats-rollups';
import {
  caseTileBinRows,
  caseTileBinsMvt,
  caseTilePointRows,
  caseTilePointsMvt,
  countTileCasesUpTo,
  gridTileMvt,
  gridTileRows,
} from '../queries/tiles';
import { encodeTile, polygonRings } from './encode';

/** Where a tile is encoded: in PostGIS (ST_AsMVT) or in TypeScript (vt-pbf) when PostGIS cannot. */
export type TileEncoder = 'postgis' | 'typescript';

export function tileEncoderFor(capabilities: Capabilities): TileEncoder {
  return capabilities.mvt ? 'postgis' : 'typescript';
}

async function casePointsTile(db: Db, enc: TileEncoder, t: TileAddress, f: CaseAreaFilter, now: Date) {
  if (enc === 'postgis') return caseTilePointsMvt(db, t, f, now);
  const rows = await caseTilePointRows(db, t, f, now);
  const features = rows.map(({ px, py, ...properties }) => ({
    id: Number(properties.id),
    type: 'point' as const,
    point: [px, py] as [number, number],
    properties: { ...properties, id: Number(properties.id), reportedAt: Number(properties.reportedAt) },
  }));
  return encodeTile([{ name: 'cases', features }]);
}

async function caseBinsTile(db: Db, enc: TileEncoder, t: TileAddress, f: CaseAreaFilter) {
  // The cells follow the rollup queue (migration 021): apply what is queued before summing them.
  await flushRollups(db);
  if (enc === 'postgis') return caseTileBinsMvt(db, t, f);
  const rows = await caseTileBinRows(db, t, f);
  const features = rows.map(({ px, py, ...properties }) => ({
    type: 'point' as const,
    point: [px, py] as [number, number],
    properties,
  }));
  return encodeTile([{ name: 'case_bins', features }]);
}

/**
 * A case tile: layer `cases` (one point per case) from MIN_POINT_ZOOM on, unless the tile holds
 * more than MAX_POINTS_PER_TILE cases; otherwise layer `case_bins` (count per 64-pixel square).
 */
export async function renderCaseTile(db: Db, enc: TileEncoder, t: TileAddress, f: CaseAreaFilter, now: Date) {
  return (await renderCaseTileWithMode(db, enc, t, f, now)).body;
}

/** renderCaseTile, also saying which layer it holds (aggregated bins may be cached stale, points not). */
export async function renderCaseTileWithMode(
  db: Db,
  enc: TileEncoder,
  t: TileAddress,
  f: CaseAreaFilter,
  now: Date,
): Promise<{ body: Uint8Array; mode: 'points' | 'bins' }> {
  const matching =
    caseTileMode(t.z, 0) === 'points'
      ? await countTileCasesUpTo(db, t, f, MAX_POINTS_PER_TILE, now)
      : Infinity;
  return caseTileMode(t.z, matching) === 'points'
    ? { body: await casePointsTile(db, enc, t, f, now), mode: 'points' }
    : { body: await caseBinsTile(db, enc, t, f), mode: 'bins' };
}

/**
 * A grid tile: layer `grids`, the published version's grids of one level (in scope) as polygons;
 * empty below the level's GRID_TILE_MIN_ZOOM.
 */
export async function renderGridTile(
  db: Db,
  enc: TileEncoder,
  t: TileAddress,
  level: number,
  scopeCode?: string,
) {
  if (!gridTileHasLevel(t.z, level)) return new Uint8Array();
  if (enc === 'postgis') return gridTileMvt(db, t, level, scopeCode);
  const rows = await gridTileRows(db, t, level, scopeCode);
  const features = rows
    .map(({ geometry, ...properties }) => ({
      type: 'polygon' as const,
      rings: polygonRings(geometry),
      properties: { ...properties, level: Number(properties.level) },
    }))
    .filter((f) => f.rings.length > 0);
  return encodeTile([{ name: 'grids', features }]);
}
