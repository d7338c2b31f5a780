import type { Db } from '../db/db';
import type { GridFeatureCollection } from './grids';

/** A boundary version as the API shows it. */
export type BoundaryVersion = {
  id: number;
  name: string;
  status: 'draft' | 'published' | 'retired';
  basedOn: number | null;
  note: string | null;
  createdAt: string;
  publishedAt: string | null;
  retiredAt: string | null;
  gridCount: number;
};

const VERSION_COLUMNS = `v.id, v.name, v.status, v.based_on AS "basedOn", v.note,
  v.created_at AS "createdAt", v.published_at AS "publishedAt", v.retired_at AS "retiredAt",
  (SELECT count(*)::int FROM grid g WHERE g.version_id = v.id) AS "gridCount"`;

export async function listVersions(db: Db): Promise<BoundaryVersion[]> {
  return db.query<BoundaryVersion>(
    `SELECT ${VERSION_COLUMNS} FROM boundary_version v
     ORDER BY (v.status = 'published') DESC, (v.status = 'draft') DESC, v.id DESC`,
  );
}

export async function getVersion(db: Db, id: number): Promise<BoundaryVersion | null> {
  const rows = await db.query<BoundaryVersion>(
    `SELECT ${VERSION_COLUMNS} FROM boundary_version v WHERE v.id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

export async function publishedVersionId(db: Db): Promise<number | null> {
  const rows = await db.query<{ id: number }>(`SELECT id FROM boundary_version WHERE status = 'published'`);
  return rows[0]?.id ?? null;
}

/** The version that was live at `asOf` (published_at <= t < retired_at), or null before the first publish. */
export async function versionLiveAt(db: Db, asOf: Date): Promise<number | null> {
  const rows = await db.query<{ id: number }>(
    `SELECT id FROM boundary_version
     WHERE status <> 'draft' AND published_at <= $1 AND (retired_at IS NULL OR retired_at > $1)
     ORDER BY published_at DESC LIMIT 1`,
    [asOf],
  );
  return rows[0]?.id ?? null;
}

/**
 * Status of a version, locked for the rest of the transaction. Edits take a share lock and publish an
 * exclusive one, so an edit never lands in a version that has just been published.
 */
export async function lockVersion(
  tx: Db,
  id: number,
  mode: 'share' | 'update',
): Promise<{ status: string; basedOn: number | null } | null> {
  const rows = await tx.query<{ status: string; basedOn: number | null }>(
    `SELECT status, based_on AS "basedOn" FROM boundary_version WHERE id = $1 FOR ${mode === 'share' ? 'SHARE' : 'UPDATE'}`,
    [id],
  );
  return rows[0] ?? null;
}

/** A new draft holding a copy of every grid of `sourceId`; revisions restart at 1. */
export async function createDraftFrom(
  tx: Db,
  sourceId: number | null,
  name: string,
  note: string | null,
): Promise<number> {
  const [v] = await tx.query<{ id: number }>(
    `INSERT INTO boundary_version (name, status, based_on, note) VALUES ($1, 'draft', $2, $3) RETURNING id`,
    [name, sourceId, note],
  );
  if (!v) throw new Error('INSERT ... RETURNING gave no row');
  if (sourceId !== null) {
    await tx.query(
      `INSERT INTO grid (version_id, code, name, level, kind, parent_code, households, population, geom)
       SELECT $1, code, name, level, kind, parent_code, households, population, geom
       FROM grid WHERE version_id = $2`,
      [v.id, sourceId],
    );
    // The copy adds a version id the planner's statistics have never seen, estimated at one row: the
    // new draft's grids were then joined in nested loops (its issues at 50k grids: orphans 8 s, gaps of
    // what changed 4 s, instead of 0.2 s and 0.4 s). Autovacuum comes a minute late at best, and for a
    // copy alone not at all once the table holds ten versions (its 10 % threshold). Only this column's
    // statistics go stale with a copy; they take ~0.15 s at 100k grids. ANALYZE counts the rows this
    // transaction inserted, and its statistics roll back with it.
    await tx.query('ANALYZE grid (version_id)');
  }
  return v.id;
}

export async function updateVersionMeta(
  db: Db,
  id: number,
  name: string | null,
  note: string | null,
): Promise<void> {
  await db.query(
    `UPDATE boundary_version SET name = COALESCE($2, name), note = COALESCE($3, note) WHERE id = $1`,
    [id, name, note],
  );
}

/** Deletes a draft (its grids go by cascade). Returns false when it is not a draft (or does not exist). */
export async function deleteDraft(db: Db, id: number): Promise<boolean> {
  const rows = await db.query(
    `DELETE FROM boundary_version WHERE id = $1 AND status = 'draft' RETURNING id`,
    [id],
  );
  return rows.length > 0;
}

/**
 * Every grid of a version as GeoJSON, optionally one level. `revision` is included so an editor can
 * send it back with its edit; export leaves it out (a revision means nothing in another database).
 */
export async function versionFeatures(
  db: Db,
  id: number,
  options: { level?: number | null; withRevision: boolean },
): Promise<GridFeatureCollection> {
  const rows = await db.query<{ feature: GridFeatureCollection['features'][number] }>(
    `SELECT json_build_object(
        'type', 'Feature', 'id', g.code,
        'geometry', ST_AsGeoJSON(g.geom, 9)::json,
        'properties', jsonb_build_object(
          'code', g.code, 'name', g.name, 'level', g.level, 'parentCode', g.parent_code,
          'households', g.households, 'population', g.population)
          || CASE WHEN $3 THEN jsonb_build_object('revision', g.revision, 'kind', g.kind) ELSE '{}'::jsonb END
      ) AS feature
     FROM grid g
     WHERE g.version_id = $1 AND ($2::int IS NULL OR g.level = $2)
     ORDER BY g.level, g.code`,
    [id, options.level ?? null, options.withRevision],
  );
  return { type: 'FeatureCollection', features: rows.map((r) => r.feature) };
}
