import type { Db, SqlParam } from '../db/db';
import { OPEN_STATUSES } from '../domain/case-workflow';
import type { CaseAreaFilter } from '../domain/hotspots/filter';
import {
  MIN_POINT_ZOOM,
  TILE_BIN_PIXELS,
  TILE_BUFFER,
  TILE_EXTENT,
  type TileAddress,
} from '../domain/hotspots/tile-math';
import {
  caseKeysAround,
  cellBinsSql,
  cellCountSql,
  countCellLevel,
  dayBinLevel,
  planCells,
  preBinLevel,
} from './case-tile-cells';
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

/** Longest window whose points are also found through their zoom-14 tile and time (see windowTileKeys). */
const KEYED_WINDOW_MS = 92 * 86_400_000;

/**
 * With a window of up to KEYED_WINDOW_MS, the cases around a tile of z14 or finer are also found
 * through their zoom-14 tile and time (migration 018: cases_tile14_reported), which the planner ANDs
 * with the GiST index: a month of the tile's neighbourhood instead of fetching every case the tile
 * ever had (5M cases, z14, 30 days: 504 → ~50 ms). For longer windows the AND only adds work (the
 * planner takes tile and time as independent, so it ANDs a year of the neighbourhood too: z16
 * +125 ms). `param` is the clause's placeholder.
 */
function windowTileKeys(
  t: TileAddress,
  f: CaseAreaFilter,
  now: Date,
  param: number,
): { clause: string; params: SqlParam[] } {
  const span = f.from === undefined ? Infinity : (f.to ?? now).getTime() - f.from.getTime();
  if (span > KEYED_WINDOW_MS || t.z < MIN_POINT_ZOOM) return { clause: '', params: [] };
  return { clause: `AND case_tile14(c.geom) = ANY($${param}::int[])`, params: [caseKeysAround(t)] };
}

function casePointsFrom(t: TileAddress, f: CaseAreaFilter, now: Date) {
  const where = caseFilterSql(f, 'c', 7);
  const keys = windowTileKeys(t, f, now, 7 + where.params.length);
  return {
    // && compares float4 boxes (±1 m): the exact test keeps both encoders to the same rows.
    from: `FROM cases c CROSS JOIN env
           WHERE c.geom && ST_Transform(env.m, 4326) AND ${where.clause} ${keys.clause}
             AND ST_Intersects(ST_Transform(c.geom, 3857), env.m)`,
    params: [[...OPEN_STATUSES], now, ...where.params, ...keys.params] as SqlParam[],
  };
}

export async function caseTilePointsMvt(db: Db, t: TileAddress, f: CaseAreaFilter, now: Date) {
  const q = casePointsFrom(t, f, now);
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
  const q = casePointsFrom(t, f, now);
  return db.query<CasePointRow>(
    `WITH ${ENV}
     SELECT ${CASE_POINT_COLUMNS},
            round(${PX('ST_X(c.merc)')})::int AS px, round(${PY('ST_Y(c.merc)')})::int AS py
     FROM (SELECT c.*, ST_Transform(c.geom, 3857) AS merc ${q.from}) c CROSS JOIN env
     ORDER BY c.id`,
    [...tileParams(t), ...q.params],
  );
}

/**
 * How many filtered cases fall in the tile proper, counting no further than cap + 1 (whether a z14+
 * tile is small enough for points). From the cells of level max(16, z) when the filter allows: a
 * handful of index rows instead of the tile's cases, and the same half-open tile the bins count.
 */
export async function countTileCasesUpTo(db: Db, t: TileAddress, f: CaseAreaFilter, cap: number, now: Date) {
  const level = countCellLevel(t);
  const plan = level === null ? null : await planCells(db, f, level);
  if (plan) {
    const q = cellCountSql(t, f, plan);
    const [row] = await db.query<{ n: number }>(`WITH ${ENV} ${q.sql}`, [...tileParams(t), ...q.params]);
    return row?.n ?? 0;
  }
  const where = caseFilterSql(f, 'c', 6);
  const keys = windowTileKeys(t, f, now, 6 + where.params.length);
  const [row] = await db.query<{ n: number }>(
    `WITH ${ENV}
     SELECT count(*)::int AS n FROM (SELECT 1 FROM cases c CROSS JOIN env
       WHERE c.geom && ST_Transform(env.e, 4326) AND ${where.clause} ${keys.clause} LIMIT $5) t`,
    [...tileParams(t), cap + 1, ...where.params, ...keys.params],
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

/** Bins from the pre-aggregated cells when the filter allows (case-tile-cells.ts), else by counting cases. */
async function binsSql(
  db: Db,
  t: TileAddress,
  f: CaseAreaFilter,
): Promise<{ sql: string; params: SqlParam[] }> {
  const level = preBinLevel(t, f) ?? dayBinLevel(t, f);
  const plan = level === null ? null : await planCells(db, f, level);
  return plan ? cellBinsSql(t, f, plan) : caseBinsSql(f);
}

export async function caseTileBinsMvt(db: Db, t: TileAddress, f: CaseAreaFilter) {
  const bins = await binsSql(db, t, f);
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
  const bins = await binsSql(db, t, f);
  return db.query<CaseBinRow>(`WITH ${ENV}, bins AS (${bins.sql}) SELECT * FROM bins ORDER BY py, px`, [
    ...tileParams(t),
    ...bins.params,
  ]);
}

/**
 * The tile in WGS84 (`k.m4326`, tile plus buffer: a mercator rectangle is a lon/lat rectangle) and the
 * mercator → tile pixel scale (`k.s`, the same on both axes), once per query.
 */
const GRID_ENV = `${ENV}, k AS (SELECT e, m, ST_Transform(m, 4326) AS m4326,
                                      ${TILE_EXTENT} / (ST_XMax(e) - ST_XMin(e)) AS s FROM env)`;

/** A scoped principal (#7) sees its subtree and the scope grid's ancestors ($6); no scope, no clause. */
function gridFrom(scopeCode: string | undefined): string {
  return `FROM grid g CROSS JOIN k
  WHERE g.version_id = (SELECT id FROM boundary_version WHERE status = 'published')
    AND g.level = $5::int AND g.geom && k.m4326${
      scopeCode === undefined ? '' : ` AND ${scopeVisibleFilterSql('g.code', '$6')}`
    }`;
}

function gridParams(t: TileAddress, level: number, scopeCode: string | undefined): SqlParam[] {
  return [...tileParams(t), level, ...(scopeCode === undefined ? [] : [scopeCode])];
}

/**
 * Grid tiles below this zoom carry no `name`: a z10 tile of a 50,000-grid city holds ~12,000 level-3
 * grids of 2–8 pixels, whose names nobody can read there, and encoding them was half of the tile's
 * time and bytes (z10: 845 → 464 KB). The big screen's tiled tiers need `code` (choropleth) and
 * outlines; `level` and `parentCode` cost little and stay.
 */
export const GRID_TILE_NAME_MIN_ZOOM = 12;

/** The properties of a grid tile's features at the tile's zoom. */
function gridProperties(t: TileAddress): string[] {
  return t.z >= GRID_TILE_NAME_MIN_ZOOM
    ? ['code', 'name', 'level', 'parentCode']
    : ['code', 'level', 'parentCode'];
}

const GRID_PROPERTY_SQL: Record<string, string> = {
  code: 'g.code',
  name: 'g.name',
  level: 'g.level::int AS level',
  parentCode: 'g.parent_code AS "parentCode"',
};

function gridColumns(t: TileAddress): string {
  return gridProperties(t)
    .map((p) => GRID_PROPERTY_SQL[p])
    .join(', ');
}

/** Mercator → tile pixels, y down (ST_AsMVTGeom's affine), of a geometry in EPSG:3857. */
const TILE_PIXELS = (merc: string) =>
  `ST_Affine(${merc}, k.s, 0, 0, -k.s, -ST_XMin(k.e) * k.s, ST_YMax(k.e) * k.s)`;

/**
 * A grid inside the buffered tile (the many small ones: all level-3 grids of a z11 tile but those on
 * its edge) is only mapped to pixels, snapped and oriented (exterior rings positive in tile
 * coordinates, the MVT rule); ST_AsMVTGeom's clipping and validation were half its cost (z10, 10,503
 * grids: ~50 → ~20 ms). Grids reaching beyond it are clipped by ST_AsMVTGeom as before.
 *
 * The grids are read in a MATERIALIZED CTE and their geometry made above it: PostGIS prices
 * ST_Transform so high that the planner ran the whole query in a parallel worker and gathered the
 * results, which took longer than the work (z11, 8,820 grids: 74 ms p50 parallel, ~39 ms serial).
 * OFFSET 0 keeps the empty-geometry filter from being pulled up, which made every geometry twice (an
 * empty one would be a feature without geometry; ST_AsMVTGeom returned NULL for those).
 */
export async function gridTileMvt(db: Db, t: TileAddress, level: number, scopeCode?: string) {
  const [row] = await db.query<{ mvt: Uint8Array }>(
    `WITH ${GRID_ENV},
     g AS MATERIALIZED (SELECT ${gridColumns(t)}, g.geom ${gridFrom(scopeCode)})
     SELECT ST_AsMVT(t, 'grids', ${TILE_EXTENT}, 'geom') AS mvt FROM (
       SELECT * FROM (
         SELECT ${gridProperties(t)
           .map((p) => `g."${p}"`)
           .join(', ')},
                CASE WHEN g.geom @ k.m4326
                     THEN ST_ForcePolygonCCW(ST_SnapToGrid(${TILE_PIXELS('ST_Transform(g.geom, 3857)')}, 1))
                     ELSE ST_AsMVTGeom(ST_Transform(g.geom, 3857), k.e, ${TILE_EXTENT}, ${TILE_BUFFER}, true)
                END AS geom
         FROM g CROSS JOIN k ORDER BY g.code OFFSET 0) g
       WHERE NOT ST_IsEmpty(g.geom)) t`,
    gridParams(t, level, scopeCode),
  );
  return row?.mvt ?? new Uint8Array();
}

export type GridTileRow = {
  code: string;
  /** From GRID_TILE_NAME_MIN_ZOOM on. */
  name?: string;
  level: number;
  parentCode: string | null;
  geometry: { type: string; coordinates: unknown } | null;
};

/**
 * What ST_AsMVTGeom does, in portable SQL: clip to the buffered tile, map to pixels, snap to the
 * integer grid, repair, and orient exterior rings positive in tile coordinates (the MVT rule).
 */
export async function gridTileRows(db: Db, t: TileAddress, level: number, scopeCode?: string) {
  return db.query<GridTileRow>(
    `WITH ${GRID_ENV}
     SELECT ${gridColumns(t)},
       ST_AsGeoJSON(ST_ForcePolygonCCW(ST_CollectionExtract(ST_MakeValid(ST_SnapToGrid(
         ${TILE_PIXELS('ST_ClipByBox2D(ST_Transform(g.geom, 3857), k.m)')}, 1)), 3)), 0)::json AS geometry
     ${gridFrom(scopeCode)} ORDER BY g.code`,
    gridParams(t, level, scopeCode),
  );
}
