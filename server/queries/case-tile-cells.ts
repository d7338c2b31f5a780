import type { Db, SqlParam } from '../db/db';
import type { CaseAreaFilter } from '../domain/hotspots/filter';
import { TILE_BIN_PIXELS, TILE_EXTENT, type TileAddress } from '../domain/hotspots/tile-math';

/**
 * Case tiles from pre-aggregated Web Mercator cells instead of the cases (5M cases: a z10 tile of raw
 * points is 15 s). Cell (cx, cy) of level L is tile (cx, cy) of zoom L; it lies in tile
 * (cx >> (L − z), cy >> (L − z)) of zoom z.
 *
 * - `case_tile_bin` (migrations 013, 018): cases per cell and category over all time, levels 16–21.
 * - `case_tile_day_bin` (015, 018): cases per local day (Asia/Shanghai), cell and category, levels 16
 *   and 20 (per-day cells hold about one case each from level 16 on, so more levels only add rows).
 * - The cases themselves for the partial first and last day of a window, found by time and their
 *   zoom-14 tile (018: index on case_tile14(geom), reported_at).
 *
 * Both tables lead their key with (level, tx, ty), tx/ty the cell's tile of zoom level − 6, so the
 * 64 × 64 cells of a bins tile of zoom z at level z + 6 are one key range.
 *
 * SQL made here follows the tile queries' parameters $1–$4 (z, x, y, buffer) and numbers its own from $5.
 */

/** Levels of the all-time cells: bins tiles of zoom 10–15 read level z + 6 exactly. */
export const ALL_TIME_CELL_LEVELS = [16, 17, 18, 19, 20, 21] as const;
/** Levels of the per-day cells. */
export const DAY_CELL_LEVELS = [16, 20] as const;
const MIN_CELL_LEVEL = Math.min(...ALL_TIME_CELL_LEVELS);
const MAX_CELL_LEVEL = Math.max(...ALL_TIME_CELL_LEVELS);
/** Cells are keyed by their tile of zoom level − 6 (migrations 015, 018). */
const TILE_KEY_SHIFT = 6;
/** Tile keys per side one query may list (one index range each); beyond, a level's cells are scanned. */
const MAX_KEYS_PER_SIDE = 16;
/** Zoom of the tile key of the cases index (migration 018: case_tile14). */
const CASE_KEY_ZOOM = 14;
/** Most zoom-14 tiles a partial-day count lists; larger tiles find those cases by time alone. */
const MAX_CASE_KEYS = 256;
const BIN_LEVEL_OFFSET = Math.log2(TILE_EXTENT / TILE_BIN_PIXELS);

/**
 * What a count is made of, each part with a sign: all cases (case_tile_bin), whole local days
 * [firstDay, endDay) (case_tile_day_bin) and cases reported in [from, to) (counted). Days and
 * instants are text, so ±infinity survives both drivers.
 */
export type CellPart =
  | { kind: 'all'; sign: 1 }
  | { kind: 'days'; sign: 1 | -1; firstDay: string; endDay: string }
  | { kind: 'cases'; sign: 1 | -1; from: string; to: string };

/** Cells of one level and the parts to sum them from. */
export type CellPlan = { level: number; parts: CellPart[] };

function onlyKeys(f: CaseAreaFilter, keys: readonly (keyof CaseAreaFilter)[]): boolean {
  return Object.entries(f).every(([k, v]) => v === undefined || keys.includes(k as keyof CaseAreaFilter));
}

/** The cell level a bins tile (64 × 64 bins) is summed at: z + 6, or 16 for larger tiles. */
export function binCellLevel(t: TileAddress): number | null {
  const level = Math.max(MIN_CELL_LEVEL, t.z + BIN_LEVEL_OFFSET);
  return level <= MAX_CELL_LEVEL ? level : null;
}

/** The cell level a tile's case count is summed at (z14 and finer: the tile's cells of level max(16, z)). */
export function countCellLevel(t: TileAddress): number | null {
  const level = Math.max(MIN_CELL_LEVEL, t.z);
  return level <= MAX_CELL_LEVEL ? level : null;
}

/**
 * The all-time cell level an unfiltered or category-filtered bins tile is summed from; null for any
 * other filter or a tile finer than z15.
 */
export function preBinLevel(t: TileAddress, f: CaseAreaFilter): number | null {
  return onlyKeys(f, ['category']) ? binCellLevel(t) : null;
}

/**
 * The cell level a bins tile with a time window (and at most categories besides) is summed at; null
 * for any other filter (source, grid, bbox and scope count the cases), no window, or a tile too large
 * to list its day-cell keys (below z6). Whether the window's days can be read at that level is
 * planCells' to say (level 21 has no day cells).
 */
export function dayBinLevel(t: TileAddress, f: CaseAreaFilter): number | null {
  if (!onlyKeys(f, ['category', 'from', 'to']) || (f.from === undefined && f.to === undefined)) return null;
  const level = binCellLevel(t);
  if (level === null || 2 ** (MIN_CELL_LEVEL - TILE_KEY_SHIFT - t.z) > MAX_KEYS_PER_SIDE) return null;
  return level;
}

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
  /** Whether there are days with cases before fromDay / from afterDay on. */
  daysBefore: boolean;
  daysAfter: boolean;
  /** Whether each partial range holds a case. */
  firstPartial: boolean;
  lastPartial: boolean;
  beforeFrom: boolean;
  afterTo: boolean;
};

/**
 * A window split at local days (stats_local_day, Asia/Shanghai), in SQL so the day boundaries are
 * the rollups' own, and as a query of its own so the tile query plans with the partial days'
 * instants as values. Inside: the whole days [firstDay, endDay) and the partial first and last day
 * [fromAt, firstPartialEnd), [lastPartialStart, toAt), never overlapping (a window inside one day is
 * the first range only). Outside (the complement, for long windows): the days before fromDay,
 * [fromDayStart, fromAt), [toAt, afterDayStart) and the days from afterDay on. Open ends are
 * ±infinity. insideDays/outsideDays count the days with cases either way; the flags say which of the
 * other parts hold cases at all, so empty ones are not read.
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
              (SELECT stats_local_day(max(reported_at)) + 1 FROM cases) AS data_end),
     r AS (
       SELECT d.*, least(to_at, stats_day_start(first_day)) AS first_partial_end,
              greatest(from_at, stats_day_start(end_day), stats_day_start(first_day)) AS last_partial_start,
              stats_day_start(from_day) AS from_day_start, stats_day_start(after_day) AS after_day_start,
              greatest(0, least(end_day, data_end) - greatest(first_day, data_first)) AS inside
       FROM d)
     SELECT first_day::text AS "firstDay", end_day::text AS "endDay", from_at::text AS "fromAt",
            first_partial_end::text AS "firstPartialEnd", last_partial_start::text AS "lastPartialStart",
            to_at::text AS "toAt", from_day::text AS "fromDay", from_day_start::text AS "fromDayStart",
            after_day::text AS "afterDay", after_day_start::text AS "afterDayStart",
            inside AS "insideDays", (data_end - data_first) - inside AS "outsideDays",
            coalesce(from_day > data_first, false) AS "daysBefore",
            coalesce(after_day < data_end, false) AS "daysAfter",
            EXISTS (SELECT 1 FROM cases WHERE reported_at >= from_at AND reported_at < first_partial_end)
              AS "firstPartial",
            EXISTS (SELECT 1 FROM cases WHERE reported_at >= last_partial_start AND reported_at < to_at)
              AS "lastPartial",
            EXISTS (SELECT 1 FROM cases WHERE reported_at >= from_day_start AND reported_at < from_at)
              AS "beforeFrom",
            EXISTS (SELECT 1 FROM cases WHERE reported_at >= to_at AND reported_at < after_day_start)
              AS "afterTo"
     FROM r`,
    [f.from ?? null, f.to ?? null],
  );
  if (!w) throw new Error('day window query returned no row');
  return w;
}

/**
 * The cheaper way to a window's count: its own days, or all cases minus the days outside it (a
 * window over most of the history, e.g. "since a year ago"). Reading the all-time cells costs about
 * a quarter of the history's days. Parts without cases are left out (a window reaching back before
 * the first case is the all-time cells alone).
 */
function windowParts(w: DaySplit): CellPart[] {
  const inside = w.insideDays ?? 0;
  const outside = w.outsideDays ?? Number.POSITIVE_INFINITY;
  const parts: (CellPart | false)[] =
    outside + (inside + outside) / 4 < inside
      ? [
          { kind: 'all', sign: 1 },
          w.daysBefore && { kind: 'days', sign: -1, firstDay: '-infinity', endDay: w.fromDay },
          w.beforeFrom && { kind: 'cases', sign: -1, from: w.fromDayStart, to: w.fromAt },
          w.afterTo && { kind: 'cases', sign: -1, from: w.toAt, to: w.afterDayStart },
          w.daysAfter && { kind: 'days', sign: -1, firstDay: w.afterDay, endDay: 'infinity' },
        ]
      : [
          inside > 0 && { kind: 'days', sign: 1, firstDay: w.firstDay, endDay: w.endDay },
          w.firstPartial && { kind: 'cases', sign: 1, from: w.fromAt, to: w.firstPartialEnd },
          w.lastPartial && { kind: 'cases', sign: 1, from: w.lastPartialStart, to: w.toAt },
        ];
  return parts.filter((p): p is CellPart => p !== false);
}

/** The finest day-cell level a part at `level` can be shifted from, if any. */
function dayLevelFor(level: number): number | undefined {
  return DAY_CELL_LEVELS.find((d) => d >= level);
}

/**
 * How to sum the filter's cases at `level` from cells: the all-time cells for no filter or categories
 * only, the window's parts for a time window (± categories); null when the filter needs the cases
 * (any other field) or a part has no cells at that level (the days of a window at level 21).
 */
export async function planCells(db: Db, f: CaseAreaFilter, level: number): Promise<CellPlan | null> {
  if (level < MIN_CELL_LEVEL || level > MAX_CELL_LEVEL) return null;
  if (onlyKeys(f, ['category'])) return { level, parts: [{ kind: 'all', sign: 1 }] };
  if (!onlyKeys(f, ['category', 'from', 'to'])) return null;
  const parts = windowParts(await splitAtLocalDays(db, f));
  if (parts.some((p) => p.kind === 'days') && dayLevelFor(level) === undefined) return null;
  return { level, parts };
}

/** Tile coordinates (along one axis) of zoom `keyZoom` that tile coordinate `v` of zoom `z` covers or lies in. */
function keysAlong(v: number, z: number, keyZoom: number): number[] {
  if (keyZoom <= z) return [v >> (z - keyZoom)];
  const n = 2 ** (keyZoom - z);
  return Array.from({ length: n }, (_, i) => v * n + i);
}

/** Collects parameters after $1–$4 and returns their placeholders. */
function paramList() {
  const values: SqlParam[] = [];
  return {
    values,
    add(v: SqlParam, type: string): string {
      values.push(v);
      return `$${4 + values.length}::${type}`;
    },
  };
}
type Params = ReturnType<typeof paramList>;

/** `alias`.tx/ty among the keys: `=` for one (an ordered index range), ANY for several, nothing for too many. */
function tileKeySql(alias: string, xs: number[], ys: number[], p: Params): string {
  if (xs.length > MAX_KEYS_PER_SIDE) return 'TRUE';
  if (xs.length === 1 && ys.length === 1)
    return `${alias}.tx = ${p.add(xs[0] ?? 0, 'int')} AND ${alias}.ty = ${p.add(ys[0] ?? 0, 'int')}`;
  return `${alias}.tx = ANY(${p.add(xs, 'int[]')}) AND ${alias}.ty = ANY(${p.add(ys, 'int[]')})`;
}

/** Cell (cx, cy) of `alias`, of `level`, inside tile t. */
function cellInTileSql(alias: string, t: TileAddress, level: number, p: Params): string {
  const span = 2 ** (level - t.z);
  const [x0, y0] = [t.x * span, t.y * span];
  return `${alias}.cx >= ${p.add(x0, 'int')} AND ${alias}.cx < ${p.add(x0 + span, 'int')}
          AND ${alias}.cy >= ${p.add(y0, 'int')} AND ${alias}.cy < ${p.add(y0 + span, 'int')}`;
}

function categorySql(alias: string, f: CaseAreaFilter, p: Params): string {
  return f.category ? `${alias}.category = ANY(${p.add(f.category, 'text[]')})` : 'TRUE';
}

/** The cell of a case point at `level`: migration 013's trigger formula, so it lands where the cells put it. */
function caseCellSql(geom: string, level: string) {
  return {
    cx: `floor((ST_X(${geom}) + 180) / 360 * (2 ^ ${level}))::int`,
    cy: `floor((1 - ln(tan(radians(ST_Y(${geom}))) + 1 / cos(radians(ST_Y(${geom})))) / pi()) / 2
               * (2 ^ ${level}))::int`,
  };
}

/** The zoom-14 tile keys (case_tile14: x << 14 | y) under tile t, or null when there are too many. */
function caseKeys(t: TileAddress): number[] | null {
  const xs = keysAlong(t.x, t.z, CASE_KEY_ZOOM);
  const ys = keysAlong(t.y, t.z, CASE_KEY_ZOOM);
  if (xs.length * ys.length > MAX_CASE_KEYS) return null;
  return xs.flatMap((x) => ys.map((y) => x * 2 ** CASE_KEY_ZOOM + y));
}

/**
 * The zoom-14 tile keys of every case within a quarter tile of tile t (z ≥ 14): a superset of the
 * points a tile and its buffer show, whatever the rounding of either formula at the edges.
 */
export function caseKeysAround(t: TileAddress): number[] {
  const scale = 2 ** (t.z - CASE_KEY_ZOOM);
  const along = (v: number) => {
    const out: number[] = [];
    for (let k = Math.floor((v - 0.25) / scale); k <= Math.floor((v + 1.25) / scale); k++) out.push(k);
    return out;
  };
  const xs = along(t.x);
  return xs.flatMap((x) => along(t.y).map((y) => x * 2 ** CASE_KEY_ZOOM + y));
}

function partSql(part: CellPart, t: TileAddress, f: CaseAreaFilter, level: number, p: Params): string {
  const keyZoom = (l: number) => l - TILE_KEY_SHIFT;
  if (part.kind === 'all') {
    return `SELECT b.cx, b.cy, b.category, b.cases FROM case_tile_bin b
            WHERE b.level = ${p.add(level, 'int')}
              AND ${tileKeySql('b', keysAlong(t.x, t.z, keyZoom(level)), keysAlong(t.y, t.z, keyZoom(level)), p)}
              AND ${cellInTileSql('b', t, level, p)} AND ${categorySql('b', f, p)}`;
  }
  if (part.kind === 'days') {
    const day = dayLevelFor(level) ?? level;
    const shift = day - level;
    return `SELECT b.cx >> ${shift} AS cx, b.cy >> ${shift} AS cy, b.category, ${part.sign} * b.cases AS cases
            FROM case_tile_day_bin b
            WHERE b.level = ${p.add(day, 'int')}
              AND ${tileKeySql('b', keysAlong(t.x, t.z, keyZoom(day)), keysAlong(t.y, t.z, keyZoom(day)), p)}
              AND b.day >= ${p.add(part.firstDay, 'date')} AND b.day < ${p.add(part.endDay, 'date')}
              AND ${cellInTileSql('b', t, day, p)} AND ${categorySql('b', f, p)}`;
  }
  const cell = caseCellSql('c.geom', p.add(level, 'int'));
  const keys = caseKeys(t);
  return `SELECT q.cx, q.cy, q.category, ${part.sign} AS cases FROM (
            SELECT ${cell.cx} AS cx, ${cell.cy} AS cy, c.category FROM cases c
            WHERE c.reported_at >= ${p.add(part.from, 'timestamptz')} AND c.reported_at < ${p.add(part.to, 'timestamptz')}
              ${keys ? `AND case_tile14(c.geom) = ANY(${p.add(keys, 'int[]')})` : ''}
              AND ${categorySql('c', f, p)}) q
          WHERE ${cellInTileSql('q', t, level, p)}`;
}

/** (cx, cy, category, cases) of the plan's cells inside tile t, one row per part row; none without parts. */
function cellsSql(t: TileAddress, f: CaseAreaFilter, plan: CellPlan, p: Params): string {
  if (plan.parts.length === 0)
    return 'SELECT 0 AS cx, 0 AS cy, NULL::text AS category, 0 AS cases WHERE false';
  return plan.parts.map((part) => partSql(part, t, f, plan.level, p)).join('\nUNION ALL\n');
}

/**
 * The tile's bins (count, dominantCategory, px, py) from its cells: summed per bin and category, the
 * dominant category being the most frequent (ties: the first in order), as mode() picks it when
 * counting. At level z + 6 a cell is a bin, grouped by the cell columns themselves: a single all-time
 * part then streams in index order without a sort or hash.
 */
export function cellBinsSql(
  t: TileAddress,
  f: CaseAreaFilter,
  plan: CellPlan,
): { sql: string; params: SqlParam[] } {
  const p = paramList();
  const cells = cellsSql(t, f, plan, p);
  const span = 2 ** (plan.level - t.z);
  const perBin = span / (TILE_EXTENT / TILE_BIN_PIXELS);
  const [x0, y0] = [p.add(t.x * span, 'int'), p.add(t.y * span, 'int')];
  const bin = (v: string, origin: string) => (perBin === 1 ? `c.${v}` : `(c.${v} - ${origin}) / ${perBin}`);
  const centre = (v: string, origin: string) =>
    perBin === 1
      ? `((${v} - ${origin}) * ${TILE_BIN_PIXELS} + ${TILE_BIN_PIXELS / 2})::int`
      : `(${v} * ${TILE_BIN_PIXELS} + ${TILE_BIN_PIXELS / 2})::int`;
  return {
    sql: `SELECT sum(n)::int AS count, (array_agg(category ORDER BY n DESC, category))[1] AS "dominantCategory",
                 ${centre('bx', x0)} AS px, ${centre('by', y0)} AS py
          FROM (SELECT ${bin('cx', x0)} AS bx, ${bin('cy', y0)} AS by, c.category, sum(c.cases) AS n
                FROM (${cells}) c
                GROUP BY 1, 2, 3 HAVING sum(c.cases) > 0) c
          GROUP BY bx, by`,
    params: p.values,
  };
}

/** How many of the filter's cases lie in tile t (its cells of the plan's level). */
export function cellCountSql(
  t: TileAddress,
  f: CaseAreaFilter,
  plan: CellPlan,
): { sql: string; params: SqlParam[] } {
  const p = paramList();
  const cells = cellsSql(t, f, plan, p);
  return { sql: `SELECT coalesce(sum(c.cases), 0)::int AS n FROM (${cells}) c`, params: p.values };
}
