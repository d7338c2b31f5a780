/** `GET /api/stats/coverage`: territory, staffing, service and patrol coverage of a scope. */
import type { Db } from '../db/db';
import {
  addDays,
  localDay,
  PATROL_SOURCES,
  PATROL_WINDOW_DAYS,
  rate,
  SERVICE_FACILITY_KINDS,
  TILING_TOLERANCE_SQUARE_METRES,
} from '../domain/metrics';
import { reportedInDays } from './stats-facts';
import { leafFilter, PUBLISHED_VERSION, type ScopeGrid } from './stats-scope';

export type CoverageRequest = { grid: ScopeGrid | null; radiusMetres: number; now: Date };

type ParentTiling = {
  code: string;
  name: string;
  level: number;
  children: number;
  gapSquareMetres: number;
  overlapSquareMetres: number;
  outsideSquareMetres: number;
};

/**
 * (a) Territory: for each grid with children in scope (the scope grid and the level-2 grids below
 * it), the area of the parent its children miss, the area covered twice, and the area of children
 * outside it. Overlapping sibling pairs are found with the interior-intersection ST_Relate pattern
 * first (cheap, index-assisted by &&), so only real overlaps pay for ST_Intersection. Set operations use
 * the gridSize form: plain ST_Difference silently returned no row for some rectangles on PGlite.
 */
async function territory(db: Db, r: CoverageRequest): Promise<ParentTiling[]> {
  return db.query<ParentTiling>(
    `WITH parents AS (
       SELECT p.code, p.name, p.level, p.geom FROM grid p
       WHERE p.version_id = ${PUBLISHED_VERSION} AND p.level < 3
         AND ($1::text IS NULL OR p.code = $1 OR p.parent_code = $1)
     ), kids AS (
       SELECT c.code, c.parent_code, c.geom FROM grid c JOIN parents p ON p.code = c.parent_code
       WHERE c.version_id = ${PUBLISHED_VERSION}
     ), unions AS (
       SELECT parent_code, count(*) AS children, ST_Union(geom) AS geom FROM kids GROUP BY 1
     ), sibling_overlaps AS (
       SELECT a.parent_code, sum(ST_Area(ST_Intersection(a.geom, b.geom, 1e-9)::geography)) AS area
       FROM kids a JOIN kids b ON b.parent_code = a.parent_code AND a.code < b.code AND a.geom && b.geom
       WHERE ST_Relate(a.geom, b.geom, '2********')
       GROUP BY 1
     )
     SELECT p.code, p.name, p.level, coalesce(u.children, 0) AS children,
            coalesce(ST_Area(ST_Difference(p.geom, u.geom, 1e-9)::geography), ST_Area(p.geom::geography)) AS "gapSquareMetres",
            coalesce(o.area, 0) AS "overlapSquareMetres",
            coalesce(ST_Area(ST_Difference(u.geom, p.geom, 1e-9)::geography), 0) AS "outsideSquareMetres"
     FROM parents p LEFT JOIN unions u ON u.parent_code = p.code LEFT JOIN sibling_overlaps o ON o.parent_code = p.code
     ORDER BY p.level, p.code`,
    [r.grid?.code ?? null],
  );
}

type Staffing = {
  grids: number;
  staffed: number;
  workers: number;
  households: number;
  unstaffed: { code: string; name: string; households: number }[];
};

/** (b) Staffing of the level-3 grids in scope: grid workers assigned to each (registry households). */
async function staffing(db: Db, r: CoverageRequest): Promise<Staffing> {
  const rows = await db.query<Staffing>(
    `WITH leaves AS (
       SELECT g.code, g.name, g.households FROM grid g
       WHERE g.version_id = ${PUBLISHED_VERSION} AND g.level = 3 AND ${leafFilter('g.code', r.grid ? '$1' : null)}
     ), staffed AS (
       SELECT l.*, (SELECT count(*) FROM staff s WHERE s.grid_code = l.code AND s.role = 'grid_worker') AS workers
       FROM leaves l
     )
     SELECT count(*) AS grids, count(*) FILTER (WHERE workers > 0) AS staffed,
            coalesce(sum(workers), 0) AS workers, coalesce(sum(households), 0) AS households,
            coalesce(json_agg(json_build_object('code', code, 'name', name, 'households', households) ORDER BY code)
                     FILTER (WHERE workers = 0), '[]') AS unstaffed
     FROM staffed`,
    r.grid ? [r.grid.code] : [],
  );
  return rows[0] as Staffing;
}

type Service = { buildings: number; households: number; householdsServed: number; facilities: number };

/**
 * (c) Households in buildings within the radius of a service facility, in metres on the spheroid.
 * Probes the buildings around each facility (few) through the building geography index, rather than
 * the facilities around each building (many).
 */
async function service(db: Db, r: CoverageRequest): Promise<Service> {
  const scope = leafFilter('b.grid_code', r.grid ? '$3' : null);
  const rows = await db.query<Service>(
    `WITH served AS (
       SELECT DISTINCT b.id FROM facility f
       JOIN building b ON ST_DWithin(b.geom::geography, f.geom::geography, $2)
       WHERE f.kind = ANY($1::text[]) AND ${scope}
     )
     SELECT count(*) AS buildings, coalesce(sum(b.households), 0) AS households,
            coalesce(sum(b.households) FILTER (WHERE s.id IS NOT NULL), 0) AS "householdsServed",
            (SELECT count(*) FROM facility WHERE kind = ANY($1::text[])) AS facilities
     FROM building b LEFT JOIN served s ON s.id = b.id
     WHERE ${scope}`,
    [[...SERVICE_FACILITY_KINDS], r.radiusMetres, ...(r.grid ? [r.grid.code] : [])],
  );
  return rows[0] as Service;
}

type Patrol = { grids: number; patrolled: number; unpatrolled: string[] };

/** (d) Level-3 grids with a case from PATROL_SOURCES reported in the last PATROL_WINDOW_DAYS local days. */
async function patrol(db: Db, r: CoverageRequest, from: string, to: string): Promise<Patrol> {
  const rows = await db.query<Patrol>(
    `WITH leaves AS (
       SELECT g.code FROM grid g
       WHERE g.version_id = ${PUBLISHED_VERSION} AND g.level = 3
         AND ${leafFilter('g.code', r.grid ? '$4' : null)}
     ), visited AS (
       SELECT DISTINCT c.grid_code FROM cases c
       WHERE ${reportedInDays('$1', '$2')} AND c.source = ANY($3::text[])
     )
     SELECT count(*) AS grids, count(v.grid_code) AS patrolled,
            coalesce(json_agg(l.code ORDER BY l.code) FILTER (WHERE v.grid_code IS NULL), '[]') AS unpatrolled
     FROM leaves l LEFT JOIN visited v ON v.grid_code = l.code`,
    [from, to, [...PATROL_SOURCES], ...(r.grid ? [r.grid.code] : [])],
  );
  return rows[0] as Patrol;
}

export type Coverage = {
  grid: ScopeGrid | null;
  asOf: string;
  territory: {
    toleranceSquareMetres: number;
    /** Every parent in scope tiles exactly (gaps, overlaps and outside areas under the tolerance). */
    tiles: boolean;
    parents: (ParentTiling & { tiles: boolean })[];
  };
  staffing: Staffing & { staffedShare: number | null; householdsPerWorker: number | null };
  service: Service & { radiusMetres: number; servedShare: number | null };
  patrol: Patrol & { from: string; to: string; patrolledShare: number | null };
};

export async function getCoverage(db: Db, r: CoverageRequest): Promise<Coverage> {
  const today = localDay(r.now);
  const patrolFrom = addDays(today, -(PATROL_WINDOW_DAYS - 1));
  const [parents, staff, served, patrolled] = await Promise.all([
    territory(db, r),
    staffing(db, r),
    service(db, r),
    patrol(db, r, patrolFrom, today),
  ]);
  const tol = TILING_TOLERANCE_SQUARE_METRES;
  const tiled = parents.map((p) => ({
    ...p,
    tiles: p.gapSquareMetres < tol && p.overlapSquareMetres < tol && p.outsideSquareMetres < tol,
  }));
  return {
    grid: r.grid,
    asOf: r.now.toISOString(),
    territory: { toleranceSquareMetres: tol, tiles: tiled.every((p) => p.tiles), parents: tiled },
    staffing: {
      ...staff,
      staffedShare: rate(staff.staffed, staff.grids),
      householdsPerWorker: staff.workers > 0 ? staff.households / staff.workers : null,
    },
    service: {
      ...served,
      radiusMetres: r.radiusMetres,
      servedShare: rate(served.householdsServed, served.households),
    },
    patrol: {
      ...patrolled,
      from: patrolFrom,
      to: today,
      patrolledShare: rate(patrolled.patrolled, patrolled.grids),
    },
  };
}
