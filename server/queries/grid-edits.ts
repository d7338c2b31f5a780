import type { Db } from '../db/db';
import { OVERLAY_GRID_SIZE_DEGREES } from '../domain/boundary/tolerance';

/**
 * SQL primitives of draft editing: read a grid, write one with its revision checked in the same
 * statement, split, merge, insert. The rules that decide whether an edit is allowed live in
 * `boundary-edits.ts`; this module only talks to the database.
 */
export type DraftGrid = {
  code: string;
  name: string;
  level: 1 | 2 | 3;
  parentCode: string | null;
  revision: number;
  households: number;
  population: number;
  buildingHouseholds: number;
  /** Current geometry, for checks against a new parent. */
  geojson: string;
};

export async function getDraftGrid(tx: Db, versionId: number, code: string): Promise<DraftGrid | null> {
  const rows = await tx.query<DraftGrid>(
    `SELECT g.code, g.name, g.level, g.parent_code AS "parentCode", g.revision, g.households, g.population,
            (SELECT COALESCE(sum(b.households), 0)::int FROM building b WHERE ST_Intersects(b.geom, g.geom))
              AS "buildingHouseholds",
            ST_AsGeoJSON(g.geom, 9) AS geojson
     FROM grid g WHERE g.version_id = $1 AND g.code = $2 FOR UPDATE`,
    [versionId, code],
  );
  return rows[0] ?? null;
}

/** Households of the buildings (points) inside a GeoJSON geometry. */
export async function buildingHouseholdsIn(tx: Db, geojson: string): Promise<number> {
  const [row] = await tx.query<{ households: number }>(
    `SELECT COALESCE(sum(b.households), 0)::int AS households FROM building b
     WHERE ST_Intersects(b.geom, ST_SetSRID(ST_GeomFromGeoJSON($1), 4326))`,
    [geojson],
  );
  return row?.households ?? 0;
}

export type GridPatch = {
  geojson: string | null;
  name: string | null;
  parentCode: string | null;
  households: number | null;
  population: number | null;
};

/**
 * Applies a patch only if the row still has `expectedRevision`; returns the new revision, or null when
 * the revision was stale (the caller reads the current one for the 409).
 */
export async function updateGridRow(
  tx: Db,
  versionId: number,
  code: string,
  expectedRevision: number,
  patch: GridPatch,
): Promise<number | null> {
  const rows = await tx.query<{ revision: number }>(
    `UPDATE grid SET
       geom = COALESCE(ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($4), 4326)), geom),
       name = COALESCE($5, name),
       parent_code = COALESCE($6, parent_code),
       households = COALESCE($7, households),
       population = COALESCE($8, population),
       revision = revision + 1,
       updated_at = now()
     WHERE version_id = $1 AND code = $2 AND revision = $3
     RETURNING revision`,
    [
      versionId,
      code,
      expectedRevision,
      patch.geojson,
      patch.name,
      patch.parentCode,
      patch.households,
      patch.population,
    ],
  );
  return rows[0]?.revision ?? null;
}

export async function currentRevision(tx: Db, versionId: number, code: string): Promise<number | undefined> {
  const rows = await tx.query<{ revision: number }>(
    'SELECT revision FROM grid WHERE version_id = $1 AND code = $2',
    [versionId, code],
  );
  return rows[0]?.revision;
}

export type SplitPart = { geojson: string; areaSquareMetres: number; buildings: number };

/**
 * The parts of a grid cut by a line. Split on the precision grid first so a line drawn through an
 * existing vertex does not leave a zero-width sliver as a third part.
 */
export async function splitParts(
  tx: Db,
  versionId: number,
  code: string,
  lineGeojson: string,
): Promise<SplitPart[]> {
  return tx.query<SplitPart>(
    `WITH cut AS (
       SELECT (ST_Dump(ST_CollectionExtract(ST_Split(ST_SnapToGrid(g.geom, $4::float8),
                ST_SetSRID(ST_GeomFromGeoJSON($3), 4326)), 3))).geom AS geom
       FROM grid g WHERE g.version_id = $1 AND g.code = $2
     )
     SELECT ST_AsGeoJSON(ST_Multi(geom), 9) AS geojson, ST_Area(geom::geography) AS "areaSquareMetres",
            (SELECT COALESCE(sum(b.households), 0)::int FROM building b WHERE ST_Intersects(b.geom, cut.geom))
              AS buildings
     FROM cut WHERE ST_Area(geom::geography) > 0
     ORDER BY ST_Area(geom::geography) DESC`,
    [versionId, code, lineGeojson, OVERLAY_GRID_SIZE_DEGREES],
  );
}

export type NewGrid = {
  code: string;
  name: string;
  level: number;
  kind: string | null;
  parentCode: string | null;
  households: number;
  population: number;
  geojson: string;
};

export async function insertGridRow(tx: Db, versionId: number, g: NewGrid): Promise<void> {
  await tx.query(
    `INSERT INTO grid (version_id, code, name, level, kind, parent_code, households, population, geom)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($9), 4326)))`,
    [versionId, g.code, g.name, g.level, g.kind, g.parentCode, g.households, g.population, g.geojson],
  );
}

/** Children of a split grid go to whichever part holds a point of their surface. */
export async function reparentChildrenInto(
  tx: Db,
  versionId: number,
  oldParent: string,
  newParent: string,
  geojson: string,
): Promise<void> {
  await tx.query(
    `UPDATE grid SET parent_code = $3, revision = revision + 1, updated_at = now()
     WHERE version_id = $1 AND parent_code = $2
       AND ST_Intersects(ST_PointOnSurface(geom), ST_SetSRID(ST_GeomFromGeoJSON($4), 4326))`,
    [versionId, oldParent, newParent, geojson],
  );
}

export async function existingCodes(tx: Db, versionId: number, prefix: string): Promise<Set<string>> {
  const rows = await tx.query<{ code: string }>(
    `SELECT code FROM grid WHERE version_id = $1 AND starts_with(code, $2)`,
    [versionId, prefix],
  );
  return new Set(rows.map((r) => r.code));
}

/** Do two grids share a boundary of positive length (not just a corner)? DE-9IM boundary∩boundary = 1. */
export async function shareEdge(tx: Db, versionId: number, a: string, b: string): Promise<boolean> {
  const [row] = await tx.query<{ adjacent: boolean }>(
    `SELECT ST_Relate(x.geom, y.geom, '****1****') AND NOT ST_Relate(x.geom, y.geom, '2********') AS adjacent
     FROM grid x, grid y WHERE x.version_id = $1 AND y.version_id = $1 AND x.code = $2 AND y.code = $3`,
    [versionId, a, b],
  );
  return row?.adjacent ?? false;
}

/** Merges `absorbed` into `kept`: union geometry, summed figures, children moved, absorbed row deleted. */
export async function mergeInto(tx: Db, versionId: number, kept: string, absorbed: string): Promise<number> {
  const [row] = await tx.query<{ revision: number }>(
    `UPDATE grid k SET geom = ST_Multi(ST_Union(k.geom, a.geom, $4::float8)),
            households = k.households + a.households, population = k.population + a.population,
            revision = k.revision + 1, updated_at = now()
     FROM grid a WHERE k.version_id = $1 AND k.code = $2 AND a.version_id = $1 AND a.code = $3
     RETURNING k.revision`,
    [versionId, kept, absorbed, OVERLAY_GRID_SIZE_DEGREES],
  );
  await tx.query(
    `UPDATE grid SET parent_code = $2, revision = revision + 1, updated_at = now()
     WHERE version_id = $1 AND parent_code = $3`,
    [versionId, kept, absorbed],
  );
  await tx.query('DELETE FROM grid WHERE version_id = $1 AND code = $2', [versionId, absorbed]);
  return row?.revision ?? 0;
}

export async function deleteGridRow(tx: Db, versionId: number, code: string): Promise<void> {
  await tx.query('DELETE FROM grid WHERE version_id = $1 AND code = $2', [versionId, code]);
}

export async function childCount(tx: Db, versionId: number, code: string): Promise<number> {
  const [row] = await tx.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM grid WHERE version_id = $1 AND parent_code = $2',
    [versionId, code],
  );
  return row?.n ?? 0;
}
