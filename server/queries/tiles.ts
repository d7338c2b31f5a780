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

/** Zoom levels of the pre-aggregated cells (migration 013: case_tile_bin; 015: case_tile_day_bin). */
export const PRE_BIN_LEVELS = [16, 18, 20] as const;
const BIN_LEVEL_OFFSET = Math.log2(TILE_EXTENT / TILE_BIN_PIXELS);

/**
 * The stored cell level a bins tile can be summed from: the finest needed is z + 6 (64 × 64 bins);
 * null when the filter reads more than categories (a time window: dayBinLevel).
 */
export function preBinLevel(t: TileAddress, f: CaseAreaFilter): number | null {
  const onlyCategory = Object.entries(f).every(([k, v]) => v === undefined || k === 'category');
  if (!onlyCategory) return null;
  return PRE_BIN_LEVELS.find((level) => level >= t.z + BIN_LEVEL_OFFSET) ?? null;
}

/** Cells of case_tile_day_bin (migration 015) are keyed by their tile of zoom level − 6 (cx >> 6). */
const DAY_BIN_TILE_SHIFT = 6;
/** Tile keys per side a day-bins tile may read (one index range each): z ≥ 6 at level 16. */
const MAX_DAY_BIN_KEYS_PER_SIDE = 16;

/**
 * The per-day cell level a bins tile with a time window (and at most categories besides) can be
 * summed from, like preBinLevel; null for any other filter (source, grid, bbox, scope count the
 * cases) or a tile so large it would read too many tile keys.
 */
export function dayBinLevel(t: TileAddress, f: CaseAreaFilter): number | null {
  const timeAndCategory = Object.entries(f).every(
    ([k, v]) => v === undefined || k === 'category' || k === 'from' || k === 'to',
  );
  if (!timeAndCategory || (f.from === undefined && f.to === undefined)) return null;
  const level = PRE_BIN_LEVELS.find((l) => l >= t.z + BIN_LEVEL_OFFSET);
  if (level === undefined || 2 ** (level - DAY_BIN_TILE_SHIFT - t.z) > MAX_DAY_BIN_KEYS_PER_SIDE) return null;
  return level;
}

/**
 * The tile's cells of `level` as bins: summed per bin, the dominant category being the most frequent
 * (ties: the first in order), as mode() picks it. `cells` yields (cx, cy, category, cases) of the
 * tile's cells ($5 = level, $6 = cells per tile side, $7 = cells per bin side, $8 = categories or null).
 */
function binsOfCellsSql(t: TileAddress, f: CaseAreaFilter, level: number, cells: string) {
  const span = 2 ** (level - t.z);
  const perBin = span / (TILE_EXTENT / TILE_BIN_PIXELS);
  const centre = (v: string) => `(${v} * ${TILE_BIN_PIXELS} + ${TILE_BIN_PIXELS / 2})::int`;
  return {
    sql: `SELECT sum(n)::int AS count, (array_agg(category ORDER BY n DESC, category))[1] AS "dominantCategory",
                 ${centre('bx')} AS px, ${centre('by')} AS py
          FROM (SELECT (b.cx - $2::int * $6::int) / $7::int AS bx, (b.cy - $3::int * $6::int) / $7::int AS by,
                       b.category, sum(b.cases) AS n
                FROM (${cells}) b
                GROUP BY 1, 2, 3 HAVING sum(b.cases) > 0) c
          GROUP BY bx, by`,
    params: [level, span, perBin, f.category ?? null] as SqlParam[],
  };
}

/** Cell (cx, cy) of `alias` inside the tile ($6 cells of level $5 per tile side). */
const CELL_IN_TILE = (alias: string) =>
  `${alias}.cx >= $2::int * $6::int AND ${alias}.cx < ($2::int + 1) * $6::int
   AND ${alias}.cy >= $3::int * $6::int AND ${alias}.cy < ($3::int + 1) * $6::int`;

/** The category filter ($8, null for all) on `alias`. */
const CATEGORY_OF = (alias: string) => `($8::text[] IS NULL OR ${alias}.category = ANY($8::text[]))`;

/** caseBinsSql from case_tile_bin (the whole history per cell). */
function preBinsSql(t: TileAddress, f: CaseAreaFilter, level: number): { sql: string; params: SqlParam[] } {
  return binsOfCellsSql(
    t,
    f,
    level,
    `SELECT b.cx, b.cy, b.category, b.cases FROM case_tile_bin b
     WHERE b.level = $5::int AND ${CELL_IN_TILE('b')} AND ${CATEGORY_OF('b')}`,
  );
}

/**
 * The cell of a case point at level `level`: migration 013's trigger formula (015 uses it too), so a
 * case counted here lands where the stored cells put it.
 */
function caseCellSql(geom: string, level: string) {
  return {
    cx: `floor((ST_X(${geom}) + 180) / 360 * (2 ^ ${level}))::int`,
    cy: `floor((1 - ln(tan(radians(ST_Y(${geom}))) + 1 / cos(radians(ST_Y(${geom})))) / pi()) / 2
               * (2 ^ ${level}))::int`,
  };
}

/**
 * What a time window's count is made of, each part with a sign: all cases (case_tile_bin), whole local
 * days [firstDay, endDay) (case_tile_day_bin) and cases reported in [from, to) (counted). Days and
 * instants are text, so ±infinity survives both drivers.
 */
type WindowPart =
  | { kind: 'all'; sign: 1 }
  | { kind: 'days'; sign: 1 | -1; firstDay: string; endDay: string }
  | { kind: 'cases'; sign: 1 | -1; from: string; to: string };

type DaySplit = {
  firstDay: string;
  endDay: string;
  fromAt: string;
  firstPartialEnd: string;
  lastPartialStart: string;
  toAt: string;
  fromDay: string;
  fromDayStart: string;
  afterDay: string;
  afterDayStart: string;
  insideDays: number | null;
  outsideDays: number | null;
};

/**
 * A window split at local days (stats_local_day, Asia/Shanghai), in SQL so the day boundaries are
 * the rollups' own, and as a query of its own so the tile query plans with the partial days'
 * instants as values (read through the reported_at index). Inside: the whole days [firstDay, endDay)
 * and the partial first and last day [fromAt, firstPartialEnd), [lastPartialStart, toAt), never
 * overlapping (a window inside one day is the first range only). Outside (the complement, for long
 * windows): the days before fromDay, [fromDayStart, fromAt), [toAt, afterDayStart) and the days from
 * afterDay on. Open ends are ±infinity. insideDays/outsideDays count the days with cases either way.
 */
async function splitAtLocalDays(db: Db, f: CaseAreaFilter): Promise<DaySplit> {
  const [w] = await db.query<DaySplit>(
    `WITH d AS (
       SELECT CASE WHEN $1::timestamptz IS NULL THEN '-infinity'::date
                   WHEN stats_day_start(stats_local_day($1::timestamptz)) = $1::timestamptz
                     THEN stats_local_day($1::timestamptz)
                   ELSE stats_local_day($1::timestamptz) + 1 END AS first_day,
              coalesce(stats_local_day($2::timestamptz), 'infinity'::date) AS end_day,
              coalesce(stats_local_day($1::timestamptz), '-infinity'::date) AS from_day,
              coalesce(stats_local_day($2::timestamptz) + 1, 'infinity'::date) AS after_day,
              coalesce($1::timestamptz, '-infinity'::timestamptz) AS from_at,
              coalesce($2::timestamptz, 'infinity'::timestamptz) AS to_at,
              (SELECT stats_local_day(min(reported_at)) FROM cases) AS data_first,
              (SELECT stats_local_day(max(reported_at)) + 1 FROM cases) AS data_end)
     SELECT first_day::text AS "firstDay", end_day::text AS "endDay", from_at::text AS "fromAt",
            least(to_at, stats_day_start(first_day))::text AS "firstPartialEnd",
            greatest(from_at, stats_day_start(end_day), stats_day_start(first_day))::text AS "lastPartialStart",
            to_at::text AS "toAt", from_day::text AS "fromDay", stats_day_start(from_day)::text AS "fromDayStart",
            after_day::text AS "afterDay", stats_day_start(after_day)::text AS "afterDayStart",
            inside AS "insideDays", (data_end - data_first) - inside AS "outsideDays"
     FROM d CROSS JOIN LATERAL (SELECT greatest(0, least(end_day, data_end) - greatest(first_day, data_first)) AS inside) i`,
    [f.from ?? null, f.to ?? null],
  );
  if (!w) throw new Error('day window query returned no row');
  return w;
}

/**
 * The cheaper way to a window's count: its own days, or all cases minus the days outside it (a
 * window over most of the history, e.g. "since a year ago"). Reading the all-time cells costs about
 * a quarter of the history's days.
 */
function windowParts(w: DaySplit): WindowPart[] {
  const inside = w.insideDays ?? 0;
  const outside = w.outsideDays ?? Number.POSITIVE_INFINITY;
  if (outside + (inside + outside) / 4 < inside) {
    return [
      { kind: 'all', sign: 1 },
      { kind: 'days', sign: -1, firstDay: '-infinity', endDay: w.fromDay },
      { kind: 'cases', sign: -1, from: w.fromDayStart, to: w.fromAt },
      { kind: 'cases', sign: -1, from: w.toAt, to: w.afterDayStart },
      { kind: 'days', sign: -1, firstDay: w.afterDay, endDay: 'infinity' },
    ];
  }
  return [
    { kind: 'days', sign: 1, firstDay: w.firstDay, endDay: w.endDay },
    { kind: 'cases', sign: 1, from: w.fromAt, to: w.firstPartialEnd },
    { kind: 'cases', sign: 1, from: w.lastPartialStart, to: w.toAt },
  ];
}

/** The day cells' tile keys (tiles of zoom level − 6) along one side of tile coordinate `v`. */
function dayBinKeys(v: number, t: TileAddress, level: number): number[] {
  const n = 2 ** (level - DAY_BIN_TILE_SHIFT - t.z);
  return Array.from({ length: n }, (_, i) => v * n + i);
}

/**
 * caseBinsSql for a time window (± categories), from the parts of windowParts: whole days from
 * case_tile_day_bin (migration 015), all cases from case_tile_bin, and the partial days' cases counted
 * into the same cells. Those are found by time alone (at most a day each, through the reported_at
 * index) and kept by their cell: the planner cannot size a tile envelope from a CTE and would AND in
 * the GiST index, whose bitmap for a z10 tile is every case under it.
 */
function dayBinsSql(t: TileAddress, f: CaseAreaFilter, level: number, parts: WindowPart[]) {
  const params: SqlParam[] = [dayBinKeys(t.x, t, level), dayBinKeys(t.y, t, level)];
  const p = (v: SqlParam) => {
    params.push(v);
    return `$${8 + params.length}`;
  };
  const cell = caseCellSql('c.geom', '$5::int');
  const partSql = (part: WindowPart) => {
    if (part.kind === 'all')
      return `SELECT b.cx, b.cy, b.category, b.cases FROM case_tile_bin b
              WHERE b.level = $5::int AND ${CELL_IN_TILE('b')} AND ${CATEGORY_OF('b')}`;
    if (part.kind === 'days')
      return `SELECT b.cx, b.cy, b.category, ${part.sign} * b.cases AS cases FROM case_tile_day_bin b
              WHERE b.level = $5::int AND b.tx = ANY($9::int[]) AND b.ty = ANY($10::int[])
                AND b.day >= ${p(part.firstDay)}::date AND b.day < ${p(part.endDay)}::date AND ${CATEGORY_OF('b')}`;
    return `SELECT p.cx, p.cy, p.category, ${part.sign} AS cases FROM (
              SELECT ${cell.cx} AS cx, ${cell.cy} AS cy, c.category FROM cases c
              WHERE c.reported_at >= ${p(part.from)}::timestamptz AND c.reported_at < ${p(part.to)}::timestamptz
                AND ${CATEGORY_OF('c')}) p
            WHERE ${CELL_IN_TILE('p')}`;
  };
  const bins = binsOfCellsSql(t, f, level, parts.map(partSql).join('\nUNION ALL\n'));
  return { sql: bins.sql, params: [...bins.params, ...params] };
}

/** Bins from the pre-aggregated cells when the filter allows, else by counting cases. */
async function binsSql(
  db: Db,
  t: TileAddress,
  f: CaseAreaFilter,
): Promise<{ sql: string; params: SqlParam[] }> {
  const level = preBinLevel(t, f);
  if (level !== null) return preBinsSql(t, f, level);
  const dayLevel = dayBinLevel(t, f);
  if (dayLevel !== null) return dayBinsSql(t, f, dayLevel, windowParts(await splitAtLocalDays(db, f)));
  return caseBinsSql(f);
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
