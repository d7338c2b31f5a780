import type { Db, SqlParam } from '../db/db';
import { OPEN_STATUSES } from '../domain/case-workflow';
import type { CaseAreaFilter } from '../domain/hotspots/filter';
import { TILE_BIN_PIXELS, TILE_BUFFER, TILE_EXTENT, type TileAddress } from '../domain/hotspots/tile-math';
import { caseFilterSql } from './hotspots';
import { scopeVisibleFilterSql } from './scope';

/**
 * Tile SQL, in two flavours per layer: `*Mvt` encodes with ST_AsMVT in the database (PostgreSQL),
 * `*Rows` returns tile-pixel geometry for the TypeScript encoder (PGlite's PostGIS has no protobuf).
 * Both select the same rows in the same order, so both decode to the same features.
 *
 * Parameters $1–$3 are z/x/y, $4 the buffer as a fraction of the tile; the filter follows.
 * `e` is the tile in EPSG:3857, `m` the tile plus buffer; rows are found through the GiST index on
 * the WGS84 geometry (a mercator rectangle is also a lon/lat rectangle).
 */
const ENV = `env AS (SELECT ST_TileEnvelope($1::int, $2::int, $3::int) AS e,
                            ST_TileEnvelope($1::int, $2::int, $3::int, margin => $4::float8) AS m)`;

/** Mercator → tile pixels, y down; the same affine ST_AsMVTGeom applies. */
const PX = (x: string) => `((${x}) - ST_XMin(env.e)) * ${TILE_EXTENT} / (ST_XMax(env.e) - ST_XMin(env.e))`;
const PY = (y: string) => `(ST_YMax(env.e) - (${y})) * ${TILE_EXTENT} / (ST_YMax(env.e) - ST_YMin(env.e))`;

function tileParams(t: TileAddress): SqlParam[] {
  return [t.z, t.x, t.y, TILE_BUFFER / TILE_EXTENT];
}

/** Tile properties of a case point: nothing personal (no reporter), `overdue` derived from now. */
const CASE_POINT_COLUMNS = `c.id, c.category, c.status, c.priority,
  (c.status = ANY($5::text[]) AND c.due_at < $6::timestamptz) AS overdue,
  floor(extract(epoch FROM c.reported_at))::bigint AS "reportedAt"`;

function casePointsFrom(f: CaseAreaFilter, now: Date) {
  const where = caseFilterSql(f, 'c', 7);
  return {
    // && compares float4 boxes (±1 m): the exact test keeps both encoders to the same rows.
    from: `FROM cases c CROSS JOIN env
           WHERE c.geom && ST_Transform(env.m, 4326) AND ${where.clause}
             AND ST_Intersects(ST_Transform(c.geom, 3857), env.m)`,
    params: [[...OPEN_STATUSES], now, ...where.params] as SqlParam[],
  };
}

export async function caseTilePointsMvt(db: Db, t: TileAddress, f: CaseAreaFilter, now: Date) {
  const q = casePointsFrom(f, now);
  const [row] = await db.query<{ mvt: Uint8Array }>(
    `WITH ${ENV}
     SELECT ST_AsMVT(t, 'cases', ${TILE_EXTENT}, 'geom', 'fid') AS mvt FROM (
       SELECT c.id AS fid, ${CASE_POINT_COLUMNS},
              ST_AsMVTGeom(ST_Transform(c.geom, 3857), env.e, ${TILE_EXTENT}, ${TILE_BUFFER}, true) AS geom
       ${q.from} ORDER BY c.id) t`,
    [...tileParams(t), ...q.params],
  );
  return row?.mvt ?? new Uint8Array();
}

export type CasePointRow = {
  id: number;
  category: string;
  status: string;
  priority: string;
  overdue: boolean;
  reportedAt: number;
  px: number;
  py: number;
};

export async function caseTilePointRows(db: Db, t: TileAddress, f: CaseAreaFilter, now: Date) {
  const q = casePointsFrom(f, now);
  return db.query<CasePointRow>(
    `WITH ${ENV}
     SELECT ${CASE_POINT_COLUMNS},
            round(${PX('ST_X(c.merc)')})::int AS px, round(${PY('ST_Y(c.merc)')})::int AS py
     FROM (SELECT c.*, ST_Transform(c.geom, 3857) AS merc ${q.from}) c CROSS JOIN env
     ORDER BY c.id`,
    [...tileParams(t), ...q.params],
  );
}

/** How many filtered cases fall in the tile proper, counting no further than cap + 1. */
export async function countTileCasesUpTo(db: Db, t: TileAddress, f: CaseAreaFilter, cap: number) {
  const where = caseFilterSql(f, 'c', 6);
  const [row] = await db.query<{ n: number }>(
    `WITH ${ENV}
     SELECT count(*)::int AS n FROM (SELECT 1 FROM cases c CROSS JOIN env
       WHERE c.geom && ST_Transform(env.e, 4326) AND ${where.clause} LIMIT $5) t`,
    [...tileParams(t), cap + 1, ...where.params],
  );
  return row?.n ?? 0;
}

/**
 * Cases per TILE_BIN_PIXELS square of the tile, as a point at the square's centre. The tile is
 * half-open in pixels ([0, 4096)), so a case on a tile edge is counted in exactly one tile.
 */
function caseBinsSql(f: CaseAreaFilter): { sql: string; params: SqlParam[] } {
  const where = caseFilterSql(f, 'c', 5);
  const centre = (v: string) =>
    `(floor(${v} / ${TILE_BIN_PIXELS}) * ${TILE_BIN_PIXELS} + ${TILE_BIN_PIXELS / 2})::int`;
  return {
    sql: `SELECT count(*)::int AS count, mode() WITHIN GROUP (ORDER BY b.category) AS "dominantCategory",
                 ${centre('b.fx')} AS px, ${centre('b.fy')} AS py
          FROM (SELECT p.category, ${PX('ST_X(p.merc)')} AS fx, ${PY('ST_Y(p.merc)')} AS fy
                FROM (SELECT c.category, ST_Transform(c.geom, 3857) AS merc FROM cases c CROSS JOIN env
                      WHERE c.geom && ST_Transform(env.e, 4326) AND ${where.clause}) p CROSS JOIN env) b
          WHERE b.fx >= 0 AND b.fx < ${TILE_EXTENT} AND b.fy >= 0 AND b.fy < ${TILE_EXTENT}
          GROUP BY 3, 4`,
    params: where.params,
  };
}

/** Zoom levels of the pre-aggregated cells (migration 013: case_tile_bin). */
export const PRE_BIN_LEVELS = [16, 18, 20] as const;
const BIN_LEVEL_OFFSET = Math.log2(TILE_EXTENT / TILE_BIN_PIXELS);

/**
 * The stored cell level a bins tile can be summed from: the finest needed is z + 6 (64 × 64 bins);
 * null when the filter reads more than categories (time, source, grid, bbox, scope count the cases).
 */
export function preBinLevel(t: TileAddress, f: CaseAreaFilter): number | null {
  const onlyCategory = Object.entries(f).every(([k, v]) => v === undefined || k === 'category');
  if (!onlyCategory) return null;
  return PRE_BIN_LEVELS.find((level) => level >= t.z + BIN_LEVEL_OFFSET) ?? null;
}

/**
 * caseBinsSql from case_tile_bin: the tile's cells of `level` summed per bin, the dominant category
 * being the most frequent (ties: the first in order), as mode() picks it. $5 = level, $6 = cells per
 * tile side, $7 = cells per bin side, $8 = categories or null.
 */
function preBinsSql(t: TileAddress, f: CaseAreaFilter, level: number): { sql: string; params: SqlParam[] } {
  const span = 2 ** (level - t.z);
  const perBin = span / (TILE_EXTENT / TILE_BIN_PIXELS);
  const centre = (v: string) => `(${v} * ${TILE_BIN_PIXELS} + ${TILE_BIN_PIXELS / 2})::int`;
  return {
    sql: `SELECT sum(n)::int AS count, (array_agg(category ORDER BY n DESC, category))[1] AS "dominantCategory",
                 ${centre('bx')} AS px, ${centre('by')} AS py
          FROM (SELECT (b.cx - $2::int * $6::int) / $7::int AS bx, (b.cy - $3::int * $6::int) / $7::int AS by,
                       b.category, sum(b.cases) AS n
                FROM case_tile_bin b
                WHERE b.level = $5::int AND b.cx >= $2::int * $6::int AND b.cx < ($2::int + 1) * $6::int
                  AND b.cy >= $3::int * $6::int AND b.cy < ($3::int + 1) * $6::int
                  AND ($8::text[] IS NULL OR b.category = ANY($8::text[]))
                GROUP BY 1, 2, 3 HAVING sum(b.cases) > 0) c
          GROUP BY bx, by`,
    params: [level, span, perBin, f.category ?? null],
  };
}

/** Bins from the pre-aggregated cells when the filter allows, else by counting cases. */
function binsSql(t: TileAddress, f: CaseAreaFilter): { sql: string; params: SqlParam[] } {
  const level = preBinLevel(t, f);
  return level === null ? caseBinsSql(f) : preBinsSql(t, f, level);
}

export async function caseTileBinsMvt(db: Db, t: TileAddress, f: CaseAreaFilter) {
  const bins = binsSql(t, f);
  const [row] = await db.query<{ mvt: Uint8Array }>(
    `WITH ${ENV}, bins AS (${bins.sql})
     SELECT ST_AsMVT(t, 'case_bins', ${TILE_EXTENT}, 'geom') AS mvt FROM (
       SELECT count, "dominantCategory", ST_Point(px, py) AS geom FROM bins ORDER BY py, px) t`,
    [...tileParams(t), ...bins.params],
  );
  return row?.mvt ?? new Uint8Array();
}

export type CaseBinRow = { count: number; dominantCategory: string; px: number; py: number };

export async function caseTileBinRows(db: Db, t: TileAddress, f: CaseAreaFilter) {
  const bins = binsSql(t, f);
  return db.query<CaseBinRow>(`WITH ${ENV}, bins AS (${bins.sql}) SELECT * FROM bins ORDER BY py, px`, [
    ...tileParams(t),
    ...bins.params,
  ]);
}

/** A scoped principal (#7) sees its subtree and the scope grid's ancestors ($6); no scope, no clause. */
function gridFrom(scopeCode: string | undefined): string {
  return `FROM grid g CROSS JOIN env
  WHERE g.version_id = (SELECT id FROM boundary_version WHERE status = 'published')
    AND g.level = $5::int AND g.geom && ST_Transform(env.m, 4326)${
      scopeCode === undefined ? '' : ` AND ${scopeVisibleFilterSql('g.code', '$6')}`
    }`;
}

function gridParams(t: TileAddress, level: number, scopeCode: string | undefined): SqlParam[] {
  return [...tileParams(t), level, ...(scopeCode === undefined ? [] : [scopeCode])];
}
const GRID_COLUMNS = `g.code, g.name, g.level::int AS level, g.parent_code AS "parentCode"`;

export async function gridTileMvt(db: Db, t: TileAddress, level: number, scopeCode?: string) {
  const [row] = await db.query<{ mvt: Uint8Array }>(
    `WITH ${ENV}
     SELECT ST_AsMVT(t, 'grids', ${TILE_EXTENT}, 'geom') AS mvt FROM (
       SELECT ${GRID_COLUMNS},
              ST_AsMVTGeom(ST_Transform(g.geom, 3857), env.e, ${TILE_EXTENT}, ${TILE_BUFFER}, true) AS geom
       ${gridFrom(scopeCode)} ORDER BY g.code) t`,
    gridParams(t, level, scopeCode),
  );
  return row?.mvt ?? new Uint8Array();
}

export type GridTileRow = {
  code: string;
  name: string;
  level: number;
  parentCode: string | null;
  geometry: { type: string; coordinates: unknown } | null;
};

/**
 * What ST_AsMVTGeom does, in portable SQL: clip to the buffered tile, map to pixels, snap to the
 * integer grid, repair, and orient exterior rings positive in tile coordinates (the MVT rule).
 */
export async function gridTileRows(db: Db, t: TileAddress, level: number, scopeCode?: string) {
  const scale = `${TILE_EXTENT} / (ST_XMax(env.e) - ST_XMin(env.e))`;
  return db.query<GridTileRow>(
    `WITH ${ENV}
     SELECT ${GRID_COLUMNS},
       ST_AsGeoJSON(ST_ForcePolygonCCW(ST_CollectionExtract(ST_MakeValid(ST_SnapToGrid(
         ST_Affine(ST_ClipByBox2D(ST_Transform(g.geom, 3857), env.m),
                   ${scale}, 0, 0, -${scale}, -ST_XMin(env.e) * ${scale}, ST_YMax(env.e) * ${scale}),
         1)), 3)), 0)::json AS geometry
     ${gridFrom(scopeCode)} ORDER BY g.code`,
    gridParams(t, level, scopeCode),
  );
}
