import type { Db } from '../db/db';
import { scopeVisibleFilterSql } from './scope';

export type GridLevel = 1 | 2 | 3;

export type GridProperties = {
  code: string;
  name: string;
  level: GridLevel;
  parentCode: string | null;
  households: number;
  population: number;
};

export type GeoJsonGeometry = { type: string; coordinates: unknown };

export type GridFeature = {
  type: 'Feature';
  id: string;
  geometry: GeoJsonGeometry;
  properties: GridProperties;
};

export type GridFeatureCollection = { type: 'FeatureCollection'; features: GridFeature[] };

export type GridSummary = { code: string; name: string; level: GridLevel };

export type GridDetail = GridProperties & {
  kind: string | null;
  versionId: number;
  revision: number;
  bbox: [number, number, number, number];
  areaSquareMetres: number;
};

const PUBLISHED_VERSION = `(SELECT id FROM boundary_version WHERE status = 'published')`;

/**
 * The version a query reads: `versionId` when given (history: the version live at `?asOf=`), else the
 * published one. `$n` is the parameter holding the optional id.
 */
function versionOf(n: number): string {
  return `COALESCE($${n}::int, ${PUBLISHED_VERSION})`;
}

/**
 * The published version's grids of one level as GeoJSON features (coordinates rounded to ~0.1 m).
 * With `scopeCode` (#7): only the scope's subtree and the scope grid's ancestors (published hierarchy).
 */
export async function listGridFeatures(
  db: Db,
  level: GridLevel,
  versionId: number | null = null,
  scopeCode?: string,
): Promise<GridFeatureCollection> {
  const scoped = scopeCode === undefined ? '' : ` AND ${scopeVisibleFilterSql('g.code', '$3')}`;
  const rows = await db.query<{ feature: GridFeature }>(
    `SELECT json_build_object(
        'type', 'Feature',
        'id', g.code,
        'geometry', ST_AsGeoJSON(g.geom, 6)::json,
        'properties', json_build_object(
          'code', g.code, 'name', g.name, 'level', g.level, 'parentCode', g.parent_code,
          'households', g.households, 'population', g.population)
      ) AS feature
     FROM grid g
     WHERE g.version_id = ${versionOf(2)} AND g.level = $1${scoped}
     ORDER BY g.code`,
    [level, versionId, ...(scopeCode === undefined ? [] : [scopeCode])],
  );
  return { type: 'FeatureCollection', features: rows.map((r) => r.feature) };
}

export async function getGrid(
  db: Db,
  code: string,
  versionId: number | null = null,
): Promise<GridDetail | null> {
  const rows = await db.query<GridDetail>(
    `SELECT g.code, g.name, g.level, g.kind, g.parent_code AS "parentCode", g.households, g.population,
            g.version_id AS "versionId", g.revision,
            json_build_array(ST_XMin(g.geom), ST_YMin(g.geom), ST_XMax(g.geom), ST_YMax(g.geom)) AS bbox,
            ST_Area(g.geom::geography) AS "areaSquareMetres"
     FROM grid g
     WHERE g.version_id = ${versionOf(2)} AND g.code = $1`,
    [code, versionId],
  );
  return rows[0] ?? null;
}

/** The level of a grid code in the published version, or null when no published grid has it. */
export async function publishedGridLevel(db: Db, code: string): Promise<1 | 2 | 3 | null> {
  const rows = await db.query<{ level: 1 | 2 | 3 }>(
    `SELECT level FROM grid WHERE version_id = ${PUBLISHED_VERSION} AND code = $1`,
    [code],
  );
  return rows[0]?.level ?? null;
}

/** Ancestors of a grid, top (level 1) first. */
export async function listAncestors(
  db: Db,
  code: string,
  versionId: number | null = null,
): Promise<GridSummary[]> {
  return db.query<GridSummary>(
    `WITH RECURSIVE up AS (
       SELECT g.code, g.name, g.level, g.parent_code, g.version_id
       FROM grid g WHERE g.version_id = ${versionOf(2)} AND g.code = $1
       UNION ALL
       SELECT p.code, p.name, p.level, p.parent_code, p.version_id
       FROM grid p JOIN up ON p.version_id = up.version_id AND p.code = up.parent_code
     )
     SELECT code, name, level FROM up WHERE code <> $1 ORDER BY level`,
    [code, versionId],
  );
}

export async function listChildren(
  db: Db,
  code: string,
  versionId: number | null = null,
): Promise<(GridSummary & { households: number; population: number })[]> {
  return db.query(
    `SELECT code, name, level, households, population
     FROM grid WHERE version_id = ${versionOf(2)} AND parent_code = $1 ORDER BY code`,
    [code, versionId],
  );
}

export type StaffMember = { id: number; name: string; role: string };

export async function listStaffOfGrid(db: Db, code: string): Promise<StaffMember[]> {
  return db.query<StaffMember>('SELECT id, name, role FROM staff WHERE grid_code = $1 ORDER BY role, id', [
    code,
  ]);
}
