import type { Db, SqlParam } from '../db/db';
import type { AlertCandidate } from '../domain/hotspots/alert-groups';
import type { CaseAreaFilter } from '../domain/hotspots/filter';
import type { BinCount } from '../domain/hotspots/square-bins';
import { scopeFilterSql } from './scope';

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
  if (f.scopeCode !== undefined) where.push(scopeFilterSql(`${alias}.grid_code`, p(f.scopeCode)));
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
 * Cases that may form a repeat-location alert: DBSCAN with minPoints 1 per category chains cases
 * whose links are ≤ eps (radius in mercator units, with margin), and only chains of ≥ minCases
 * cases are returned. The exact radius and time window are checked in TypeScript
 * (`repeatLocationGroups`): one window-function pass instead of a self-join per case (4 s → see report).
 */
export async function alertCandidates(
  db: Db,
  f: CaseAreaFilter,
  epsMercator: number,
  minCases: number,
): Promise<AlertCandidate[]> {
  const where = caseFilterSql(f, 'c', 3);
  const rows = await db.query<AlertCandidate>(
    `WITH chained AS (
       SELECT id, category, geom, reported_at,
              ST_ClusterDBSCAN(ST_Transform(geom, 3857), $1::float8, 1) OVER (PARTITION BY category) AS component
       FROM cases c WHERE ${where.clause}
     ), big AS (
       SELECT category, component FROM chained GROUP BY 1, 2 HAVING count(*) >= $2::int
     )
     SELECT id, category, component, ST_X(geom) AS lon, ST_Y(geom) AS lat,
            (extract(epoch FROM reported_at) * 1000)::float8 AS "reportedAtMs"
     FROM chained JOIN big USING (category, component)`,
    [epsMercator, minCases, ...where.params],
  );
  return rows.map((r) => ({ ...r, id: Number(r.id), component: Number(r.component) }));
}

export type CaseLocation = { id: number; lon: number; lat: number; reportedAt: string };
