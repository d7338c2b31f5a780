import type { Db } from '../db/db';
import { PERSONS_PER_HOUSEHOLD } from '../domain/boundary/households';
import {
  type ImportCollection,
  type ImportGrid,
  inputIssue,
  readImportFeatures,
} from '../domain/boundary/import-features';
import { buildReport, type ValidationReport } from '../domain/boundary/validation-rules';
import { validateVersion } from './boundary-validation';
import { type BoundaryVersion, createDraftFrom, getVersion } from './versions';

/** Imported geometries GEOS finds invalid, with the reason, checked in one round trip. */
export async function invalidImportGeometries(
  db: Db,
  grids: readonly ImportGrid[],
): Promise<{ code: string; reason: string }[]> {
  return db.query<{ code: string; reason: string }>(
    `SELECT f.code, ST_IsValidReason(x.g) AS reason
     FROM jsonb_to_recordset($1::jsonb) AS f(code text, geometry text)
     CROSS JOIN LATERAL (SELECT ST_SetSRID(ST_GeomFromGeoJSON(f.geometry), 4326) AS g) x
     WHERE NOT ST_IsValid(x.g)`,
    [JSON.stringify(grids.map((g) => ({ code: g.code, geometry: g.geometry })))],
  );
}

/**
 * All grids of an import in one statement. Missing households are taken from the buildings inside,
 * missing population from those households at the census household size.
 */
export async function insertImportedGrids(
  tx: Db,
  versionId: number,
  grids: readonly ImportGrid[],
): Promise<void> {
  await tx.query(
    `WITH f AS (
       SELECT f.*, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(f.geometry), 4326)) AS geom
       FROM jsonb_to_recordset($2::jsonb) AS f(code text, name text, level int, kind text, "parentCode" text,
                                               households int, population int, geometry text)
     ), est AS (
       SELECT f.*, COALESCE(f.households, (SELECT COALESCE(sum(b.households), 0)::int FROM building b
                                           WHERE ST_Intersects(b.geom, f.geom))) AS hh
       FROM f
     )
     INSERT INTO grid (version_id, code, name, level, kind, parent_code, households, population, geom)
     SELECT $1, code, name, level, kind, "parentCode", hh, COALESCE(population, round(hh * $3::float8)::int), geom FROM est`,
    [versionId, JSON.stringify(grids), PERSONS_PER_HOUSEHOLD],
  );
}

export type ImportResult = { saved: boolean; version: BoundaryVersion | null; report: ValidationReport };

/** Thrown inside the transaction to roll a dry run back after its report was made. */
class DryRunRollback extends Error {
  constructor(readonly report: ValidationReport) {
    super('dry run');
  }
}

/**
 * Imports a whole version as a new draft. Shape and validity problems are found before any write;
 * topology is then checked by the same SQL rules as a saved draft, inside the transaction, which a
 * dry run (or an import with orphans, which the deferred FK would refuse) rolls back.
 */
export async function importVersion(
  db: Db,
  collection: ImportCollection,
  o: { name: string; dryRun: boolean; tolerance: number; maxVertices: number; note?: string },
  /** Runs in the import's transaction once it is sure to be saved (the audit row). */
  onSaved?: (tx: Db, versionId: number) => Promise<void>,
): Promise<ImportResult> {
  const { grids, issues } = readImportFeatures(collection, o.maxVertices);
  for (const bad of await invalidImportGeometries(db, grids)) {
    issues.push(inputIssue('invalid-geometry', bad.code, `${bad.code}: ${bad.reason}.`));
  }
  if (issues.length > 0)
    return { saved: false, version: null, report: buildReport(null, o.tolerance, issues) };
  try {
    return await db.transaction(async (tx) => {
      const id = await createDraftFrom(tx, null, o.name, o.note ?? 'imported from GeoJSON');
      await tx.query(
        `UPDATE boundary_version SET based_on = (SELECT id FROM boundary_version WHERE status = 'published') WHERE id = $1`,
        [id],
      );
      await insertImportedGrids(tx, id, grids);
      const report = buildReport(id, o.tolerance, await validateVersion(tx, id, o.tolerance));
      if (o.dryRun || report.issues.some((i) => i.kind === 'orphan'))
        throw new DryRunRollback({ ...report, versionId: null });
      await onSaved?.(tx, id);
      return { saved: true, version: await getVersion(tx, id), report };
    });
  } catch (err) {
    if (err instanceof DryRunRollback) return { saved: false, version: null, report: err.report };
    throw err;
  }
}
