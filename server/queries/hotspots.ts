import type { Db, SqlParam } from '../db/db';
import type { AlertParams, AnchorGroup } from '../domain/hotspots/alert-groups';
import type { CaseAreaFilter } from '../domain/hotspots/filter';
import type { BinCount } from '../domain/hotspots/square-bins';

/** A WHERE fragment with its parameters, numbered from the `firstParam` the caller reserved. */
export type SqlFragment = { clause: string; params: SqlParam[] };

/**
 * The one SQL rendering of `CaseAreaFilter`, shared by bins, clusters, alerts and tiles. Each
 * field adds a fixed fragment (the same ones as `GET /api/cases`); values travel as `$n`.
 * `alias` is chosen by the caller's SQL, never by a request.
 */
export function caseFilterSql(f: CaseAreaFilter, alias: 'c' | 'b', firstParam = 1): SqlFragment {
  const params: SqlParam[] = [];
  const p = (v: SqlParam) => {
    params.push(v);
    return `$${firstParam + params.length - 1}`;
  };
  const where: string[] = [];
  if (f.grid !== undefined) {
    const g = p(f.grid);
    where.push(`(${alias}.grid_code = ${g} OR ${alias}.grid_l2_code = ${g} OR ${alias}.grid_l1_code = ${g})`);
  }
  if (f.category) where.push(`${alias}.category = ANY(${p(f.category)}::text[])`);
  if (f.source) where.push(`${alias}.source = ANY(${p(f.source)}::text[])`);
  if (f.from) where.push(`${alias}.reported_at >= ${p(f.from)}::timestamptz`);
  if (f.to) where.push(`${alias}.reported_at < ${p(f.to)}::timestamptz`);
  if (f.bbox) {
    const [w, s, e, n] = f.bbox.map((v) => p(v));
    where.push(`${alias}.geom && ST_MakeEnvelope(${w}, ${s}, ${e}, ${n}, 4326)`);
  }
  return { clause: where.length ? where.join(' AND ') : 'TRUE', params };
}

export type Territory = { referenceLatitude: number; bbox: [number, number, number, number] } | null;

/** Extent of the published level-1 grids: a stable reference latitude and default study area. */
export async function publishedTerritory(db: Db): Promise<Territory> {
  const [row] = await db.query<{ w: number | null; s: number; e: number; n: number }>(
    `SELECT ST_XMin(x) AS w, ST_YMin(x) AS s, ST_XMax(x) AS e, ST_YMax(x) AS n
     FROM (SELECT ST_Extent(geom)::geometry AS x FROM grid
           WHERE level = 1 AND version_id = (SELECT id FROM boundary_version WHERE status = 'published')) t`,
  );
  if (!row || row.w === null) return null;
  return { referenceLatitude: (row.s + row.n) / 2, bbox: [row.w, row.s, row.e, row.n] };
}

/** Number of filtered cases, counting no further than `cap + 1` (enough to refuse politely). */
export async function countCasesUpTo(db: Db, f: CaseAreaFilter, cap: number): Promise<number> {
  const where = caseFilterSql(f, 'c', 2);
  const [row] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM cases c WHERE ${where.clause} LIMIT $1) t`,
    [cap + 1, ...where.params],
  );
  return row?.n ?? 0;
}

/** Cases per (mercator bin, category): floor(x / size) arithmetic, no polygon join. */
export async function countCasesPerBin(db: Db, f: CaseAreaFilter, sizeMercator: number): Promise<BinCount[]> {
  const where = caseFilterSql(f, 'c', 2);
  return db.query<BinCount>(
    `SELECT floor(ST_X(m) / $1)::int AS ix, floor(ST_Y(m) / $1)::int AS iy, category, count(*)::int AS count
     FROM (SELECT ST_Transform(c.geom, 3857) AS m, c.category FROM cases c WHERE ${where.clause}) t
     GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    [sizeMercator, ...where.params],
  );
}

export type ClusterRow = {
  geometry: { type: 'Polygon'; coordinates: number[][][] };
  count: number;
  categories: Record<string, number>;
};

/**
 * DBSCAN on the mercator plane (eps already scaled to mercator units), one hull per cluster.
 * A hull of collinear points is a line; it is padded into a thin polygon so every answer is one type.
 */
export async function clusterCases(
  db: Db,
  f: CaseAreaFilter,
  epsMercator: number,
  minPoints: number,
): Promise<ClusterRow[]> {
  const where = caseFilterSql(f, 'c', 3);
  return db.query<ClusterRow>(
    `WITH labelled AS (
       SELECT m, category, ST_ClusterDBSCAN(m, $1::float8, $2::int) OVER () AS cid
       FROM (SELECT ST_Transform(c.geom, 3857) AS m, c.category FROM cases c WHERE ${where.clause}) t
     ), per_category AS (
       SELECT cid, json_object_agg(category, n ORDER BY category) AS categories
       FROM (SELECT cid, category, count(*)::int AS n FROM labelled WHERE cid IS NOT NULL GROUP BY 1, 2) t
       GROUP BY cid
     ), hulls AS (
       SELECT cid, count(*)::int AS count, ST_ConvexHull(ST_Collect(m)) AS hull
       FROM labelled WHERE cid IS NOT NULL GROUP BY cid
     )
     SELECT ST_AsGeoJSON(ST_Transform(CASE WHEN GeometryType(h.hull) = 'POLYGON' THEN h.hull
              ELSE ST_Buffer(h.hull, $1::float8 / 4, 'quad_segs=2') END, 4326), 6)::json AS geometry,
            h.count, p.categories
     FROM hulls h JOIN per_category p USING (cid)
     ORDER BY h.count DESC, ST_X(ST_Centroid(h.hull)), ST_Y(ST_Centroid(h.hull))`,
    [epsMercator, minPoints, ...where.params],
  );
}

/**
 * Every anchor case with ≥ minCases same-category cases (itself included) within radius metres
 * (on the spheroid) reported in [anchor, anchor + window]. Both sides honour the filter; the
 * member side is found through the GiST index with a box of radius + 1 % in degrees at the
 * anchor's own latitude (a fixed worst-case box scanned 3.5× more rows at 27°N).
 */
export async function findAlertAnchors(db: Db, f: CaseAreaFilter, a: AlertParams): Promise<AnchorGroup[]> {
  const anchors = caseFilterSql(f, 'c', 4);
  const members = caseFilterSql(f, 'b', 4 + anchors.params.length);
  const rows = await db.query<{ category: string; case_ids: number[] }>(
    `SELECT c.category, array_agg(b.id ORDER BY b.id) AS case_ids
     FROM cases c JOIN cases b
       ON b.category = c.category
      AND b.reported_at >= c.reported_at AND b.reported_at <= c.reported_at + make_interval(days => $2::int)
      AND b.geom && ST_Expand(c.geom, $1::float8 * 1.01 / (111320 * cos(radians(ST_Y(c.geom)))),
                                      $1::float8 * 1.01 / 110574)
      AND ST_DWithin(b.geom::geography, c.geom::geography, $1::float8)
     WHERE ${anchors.clause} AND ${members.clause}
     GROUP BY c.id, c.category HAVING count(*) >= $3::int`,
    [a.radiusMetres, a.windowDays, a.minCases, ...anchors.params, ...members.params],
  );
  return rows.map((r) => ({ category: r.category, caseIds: r.case_ids.map(Number) }));
}

export type CaseLocation = { id: number; lon: number; lat: number; reportedAt: string };

export async function caseLocations(db: Db, ids: readonly number[]): Promise<CaseLocation[]> {
  const rows = await db.query<{ id: number; lon: number; lat: number; reported_at: Date | string }>(
    `SELECT id, ST_X(geom) AS lon, ST_Y(geom) AS lat, reported_at FROM cases WHERE id = ANY($1::bigint[]) ORDER BY id`,
    [ids as number[]],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    lon: r.lon,
    lat: r.lat,
    reportedAt: new Date(r.reported_at).toISOString(),
  }));
}
