import type { Db } from '../db/db';
import type { GeoJsonGeometry } from '../domain/boundary/validation-rules';

/** Added, removed and changed grids between two versions, with the area change of each. */
export type DiffRow = {
  code: string;
  name: string;
  level: number;
  change: 'added' | 'removed' | 'changed';
  changes: string[];
  areaBeforeSquareMetres: number | null;
  areaAfterSquareMetres: number | null;
  areaChangeSquareMetres: number;
  /** The grid in `to` (or in `from` when removed), for highlighting. */
  geometry: GeoJsonGeometry;
};

export async function diffVersions(db: Db, fromId: number, toId: number): Promise<DiffRow[]> {
  return db.query<DiffRow>(
    `WITH cmp AS (
       SELECT COALESCE(t.code, f.code) AS code, COALESCE(t.name, f.name) AS name, COALESCE(t.level, f.level) AS level,
         CASE WHEN f.code IS NULL THEN 'added' WHEN t.code IS NULL THEN 'removed' ELSE 'changed' END AS change,
         array_remove(ARRAY[
           CASE WHEN f.code IS NOT NULL AND t.code IS NOT NULL AND NOT ST_OrderingEquals(t.geom, f.geom) THEN 'geometry' END,
           CASE WHEN f.code IS NOT NULL AND t.code IS NOT NULL AND t.parent_code IS DISTINCT FROM f.parent_code THEN 'parent' END,
           CASE WHEN f.code IS NOT NULL AND t.code IS NOT NULL AND t.name <> f.name THEN 'name' END], NULL) AS changes,
         f.geom AS fgeom, t.geom AS tgeom
       FROM (SELECT * FROM grid WHERE version_id = $1) f
       FULL JOIN (SELECT * FROM grid WHERE version_id = $2) t ON t.code = f.code
     ), areas AS (
       SELECT *, ST_Area(fgeom::geography) AS before, ST_Area(tgeom::geography) AS after
       FROM cmp WHERE change <> 'changed' OR cardinality(changes) > 0
     )
     SELECT code, name, level, change, changes,
       before AS "areaBeforeSquareMetres", after AS "areaAfterSquareMetres",
       COALESCE(after, 0) - COALESCE(before, 0) AS "areaChangeSquareMetres",
       ST_AsGeoJSON(COALESCE(tgeom, fgeom), 6)::json AS geometry
     FROM areas ORDER BY level, code`,
    [fromId, toId],
  );
}
