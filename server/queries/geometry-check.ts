import type { Db } from '../db/db';
import { OVERLAY_GRID_SIZE_DEGREES } from '../domain/boundary/tolerance';

/**
 * The database half of geometry input validation: validity needs GEOS, "inside the parent" needs the
 * parent. Runs before anything is written, so a bad edit answers 422 with the reason instead of a
 * CHECK violation.
 */
export type GeometryVerdict = {
  valid: boolean;
  /** ST_IsValidReason, e.g. "Self-intersection[113.85 27.65]". */
  reason: string;
  areaSquareMetres: number;
};

export async function checkValidity(db: Db, geojson: string): Promise<GeometryVerdict> {
  const [row] = await db.query<GeometryVerdict>(
    `WITH g AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) AS geom)
     SELECT ST_IsValid(geom) AS valid, ST_IsValidReason(geom) AS reason,
            CASE WHEN ST_IsValid(geom) THEN ST_Area(geom::geography) ELSE 0 END AS "areaSquareMetres"
     FROM g`,
    [geojson],
  );
  if (!row) throw new Error('validity check returned no row');
  return row;
}

/**
 * Area (m²) of `geojson` lying outside grid `parentCode` of the version; null when the parent does not
 * exist. Snapped to the overlay grid so a vertex placed exactly on the parent edge counts as inside.
 */
export async function areaOutsideParent(
  db: Db,
  versionId: number,
  parentCode: string,
  geojson: string,
): Promise<number | null> {
  const rows = await db.query<{ outside: number }>(
    `SELECT COALESCE(ST_Area(ST_Difference(ST_SetSRID(ST_GeomFromGeoJSON($3), 4326), p.geom, $4::float8)::geography), 0)
            AS outside
     FROM grid p WHERE p.version_id = $1 AND p.code = $2`,
    [versionId, parentCode, geojson, OVERLAY_GRID_SIZE_DEGREES],
  );
  return rows[0]?.outside ?? null;
}

/** Area (m²) `geojson` shares with children of `parentCode` other than `exceptCode`: an added grid must not overlap. */
export async function areaOverlappingSiblings(
  db: Db,
  versionId: number,
  parentCode: string,
  geojson: string,
  exceptCode: string | null,
): Promise<{ area: number; codes: string[] }> {
  const [row] = await db.query<{ area: number; codes: string[] }>(
    `WITH n AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON($3), 4326) AS geom)
     SELECT COALESCE(sum(ST_Area(ST_Intersection(s.geom, n.geom, $5::float8)::geography)), 0) AS area,
            COALESCE(array_agg(s.code ORDER BY s.code), '{}') AS codes
     FROM grid s, n
     WHERE s.version_id = $1 AND s.parent_code = $2 AND s.code IS DISTINCT FROM $4
       AND s.geom && n.geom AND ST_Relate(s.geom, n.geom, '2********')`,
    [versionId, parentCode, geojson, exceptCode, OVERLAY_GRID_SIZE_DEGREES],
  );
  return row ?? { area: 0, codes: [] };
}
