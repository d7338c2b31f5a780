import type { Db } from '../db/db';
import { DEFAULT_TOLERANCE_SQUARE_METRES } from '../domain/boundary/tolerance';
import { buildReport } from '../domain/boundary/validation-rules';
import { ProblemError } from '../problem';
import { knownTopologyClean, recordTopologyClean } from './boundary-issues';
import { type ValidationScope, validateVersion, WHOLE_VERSION } from './boundary-validation';
import { lockVersion, publishedVersionId } from './versions';

/**
 * Publishing a draft, inside the caller's transaction.
 *
 * Cases follow the new grids, but only those that can have moved: the cases currently assigned to a
 * changed level-3 grid (index on `cases.grid_code`) and the cases whose point lies in a changed grid's
 * new geometry (GiST on `cases.geom`). Each is then located once against the draft by point-in-polygon.
 * Rewriting all 5M cases took 161 s by UPDATE; this touches only cases of changed grids: 1,000 changed
 * of 50,000 grids is ~2 % of the territory, ~100k of 5M cases, ~3 s of UPDATE at the measured
 * 32 µs/row plus the index probes, inside the 20 s budget. `reported_grid_code` is never written.
 */

/** One publish at a time per database, whatever versions they touch (transaction-scoped advisory lock). */
export async function lockPublishing(tx: Db): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('gridsight.boundary-publish'))`);
}

/** Level-3 grids whose geometry or ancestry differs between the two versions (codes of either side). */
const CHANGED_LEVEL_THREE = `
  lineage AS (
    SELECT g.version_id, g.code, g.geom, g.parent_code AS l2, p.parent_code AS l1
    FROM grid g JOIN grid p ON p.version_id = g.version_id AND p.code = g.parent_code
    WHERE g.version_id IN ($1, $2) AND g.level = 3
  ), changed AS MATERIALIZED (
    SELECT COALESCE(n.code, o.code) AS code, n.geom AS ngeom
    FROM (SELECT * FROM lineage WHERE version_id = $2) n
    FULL JOIN (SELECT * FROM lineage WHERE version_id = $1) o ON o.code = n.code
    WHERE n.code IS NULL OR o.code IS NULL OR NOT ST_OrderingEquals(n.geom, o.geom)
       OR n.l2 IS DISTINCT FROM o.l2 OR n.l1 IS DISTINCT FROM o.l1
  )`;

/**
 * Moves cases of changed grids onto the draft's level-3 grids; returns [changed grids, cases moved].
 *
 * Most affected cases stay where they are (at 50k grids, 1,000 changed: 54,632 affected, 2,504
 * moved), so each is first tested against its own grid's draft geometry in one hash join; only the
 * cases that grid no longer holds (or that lost their grid) probe the GiST index for another grid.
 * Probing the index for every affected case cost 0.25 ms each (the index holds every version's grids
 * of all levels): 13 s of an 18 s reassignment. The result is the same: a case on a shared edge
 * stays with its current grid when that grid still holds it, else goes to the lowest code holding it.
 * Only rows whose codes change reach the UPDATE (and the statement triggers on `cases`).
 */
export async function reassignCases(
  tx: Db,
  oldId: number,
  newId: number,
): Promise<{ changedGrids: number; casesMoved: number }> {
  const [row] = await tx.query<{ changedGrids: number; casesMoved: number }>(
    `WITH ${CHANGED_LEVEL_THREE},
     affected AS MATERIALIZED (
       SELECT c.id, c.geom, c.grid_code, c.grid_l2_code, c.grid_l1_code FROM cases c
       WHERE c.grid_code IN (SELECT code FROM changed)
       UNION ALL
       -- Cases of unchanged grids that a changed grid's new shape reaches (its edge, mostly); the
       -- code test keeps the two halves apart, so no de-duplication of 50k rows with their points.
       SELECT DISTINCT c.id, c.geom, c.grid_code, c.grid_l2_code, c.grid_l1_code FROM cases c JOIN changed ch
         ON ch.ngeom IS NOT NULL AND c.geom && ch.ngeom AND ST_Intersects(c.geom, ch.ngeom)
       WHERE c.grid_code NOT IN (SELECT code FROM changed)
     ), kept AS MATERIALIZED (
       SELECT a.id, a.grid_code, a.grid_l2_code, a.grid_l1_code, n.code, n.l2, n.l1
       FROM affected a JOIN lineage n ON n.version_id = $2 AND n.code = a.grid_code
       WHERE ST_Intersects(n.geom, a.geom)
     ), relocated AS (
       SELECT a.id, a.grid_code, a.grid_l2_code, a.grid_l1_code, t.code, t.l2, t.l1 FROM affected a CROSS JOIN LATERAL (
         SELECT n.code, n.parent_code AS l2, p.parent_code AS l1
         FROM grid n JOIN grid p ON p.version_id = n.version_id AND p.code = n.parent_code
         -- 'version_id + 0': the GiST index alone, never ANDed per case with the version index.
         WHERE n.version_id + 0 = $2 AND n.level = 3 AND n.geom && a.geom AND ST_Intersects(n.geom, a.geom)
         ORDER BY n.code LIMIT 1) t
       WHERE NOT EXISTS (SELECT 1 FROM kept k WHERE k.id = a.id)
     ), target AS MATERIALIZED (
       SELECT t.id, t.code, t.l2, t.l1 FROM (SELECT * FROM kept UNION ALL SELECT * FROM relocated) t
       WHERE (t.grid_code, t.grid_l2_code, t.grid_l1_code) IS DISTINCT FROM (t.code, t.l2, t.l1)
     ), moved AS (
       UPDATE cases c SET grid_code = t.code, grid_l2_code = t.l2, grid_l1_code = t.l1
       FROM target t
       -- The id array keeps the join to the few moved rows on the primary key (CTE row estimates are
       -- guesses; a guess of 20k rows hashed all of \`cases\` instead, 2 s at 1M cases).
       WHERE c.id = ANY (ARRAY(SELECT id FROM target)) AND c.id = t.id AND (c.grid_code, c.grid_l2_code, c.grid_l1_code) IS DISTINCT FROM (t.code, t.l2, t.l1)
       RETURNING 1
     )
     SELECT (SELECT count(*)::int FROM changed) AS "changedGrids", (SELECT count(*)::int FROM moved) AS "casesMoved"`,
    [oldId, newId],
  );
  return row ?? { changedGrids: 0, casesMoved: 0 };
}

/**
 * Swaps the published version: the old one retired, the draft published, at the same instant (never
 * before the old one's publish, which the table's CHECK requires). The "exactly one published"
 * trigger is deferred to commit, so the swap passes through zero published rows in between.
 */
export async function swapPublished(
  tx: Db,
  draftId: number,
  at: Date,
): Promise<{ retiredId: number | null; publishedAt: string }> {
  const retired = await tx.query<{ id: number; at: string }>(
    `UPDATE boundary_version SET status = 'retired', retired_at = GREATEST($1::timestamptz, published_at)
     WHERE status = 'published' RETURNING id, retired_at AS at`,
    [at],
  );
  const [published] = await tx.query<{ at: string }>(
    `UPDATE boundary_version SET status = 'published', published_at = $2 WHERE id = $1 RETURNING published_at AS at`,
    [draftId, retired[0]?.at ?? at],
  );
  return { retiredId: retired[0]?.id ?? null, publishedAt: published?.at ?? String(at) };
}

/**
 * Hook for the stats rollups (migration 004, `refreshRollups` in server/queries/stats-rollups.ts).
 * Deliberately empty: those rollups are kept current by row triggers on `cases`, and publish moves
 * cases with a plain UPDATE, so the triggers already fire for each moved case inside this transaction.
 * `refreshRollups` is a full rebuild, meant for loads that bypass triggers; calling it here would
 * cost a rebuild over all cases per publish, against the 20 s budget. Call it here only if publish
 * ever switches to CREATE TABLE AS / a trigger-bypassing path.
 */
export async function refreshRollupsAfterPublish(_tx: Db): Promise<void> {}

export type PublishResult = {
  versionId: number;
  retiredVersionId: number | null;
  publishedAt: string;
  changedGrids: number;
  casesReassigned: number;
};

/**
 * The whole publish in one transaction. The advisory lock serialises publishes; the status is read
 * after taking it, so of two concurrent publishes the second sees "no longer a draft" and gets 409.
 */
export async function publishVersion(db: Db, versionId: number, at: Date): Promise<PublishResult> {
  return db.transaction(async (tx) => {
    await lockPublishing(tx);
    const v = await lockVersion(tx, versionId, 'update');
    if (!v) throw new ProblemError(404, 'version-not-found', `No boundary version ${versionId}.`);
    if (v.status !== 'draft') {
      throw new ProblemError(
        409,
        'version-not-draft',
        `Version ${versionId} is already ${v.status}; only a draft can be published.`,
        { versionStatus: v.status },
      );
    }
    const oldId = await publishedVersionId(tx);
    // The published version passed these rules when it was published: only what differs can fail now.
    const scope: ValidationScope = oldId === null ? WHOLE_VERSION : { kind: 'changedSince', baseId: oldId };
    const report = buildReport(
      versionId,
      DEFAULT_TOLERANCE_SQUARE_METRES,
      await validateVersion(tx, versionId, DEFAULT_TOLERANCE_SQUARE_METRES, scope),
    );
    if (report.blocking > 0) {
      throw new ProblemError(
        422,
        'draft-has-errors',
        `The draft has ${report.blocking} blocking validation issue(s); fix them (GET /api/versions/${versionId}/issues) and publish again.`,
        { blocking: report.blocking, warnings: report.warnings },
      );
    }
    const moved =
      oldId === null ? { changedGrids: 0, casesMoved: 0 } : await reassignCases(tx, oldId, versionId);
    const swap = await swapPublished(tx, versionId, at);
    // The check above found no topology issue among what changed; over a base known clean (or with no
    // base, when it checked everything) that is the whole version's answer, so the next draft's issues
    // can be checked against this version without first validating it (boundary-issues.ts).
    if (oldId === null || (await knownTopologyClean(tx, oldId, DEFAULT_TOLERANCE_SQUARE_METRES))) {
      await recordTopologyClean(tx, versionId, DEFAULT_TOLERANCE_SQUARE_METRES);
    }
    await refreshRollupsAfterPublish(tx);
    return {
      versionId,
      retiredVersionId: swap.retiredId,
      publishedAt: swap.publishedAt,
      changedGrids: moved.changedGrids,
      casesReassigned: moved.casesMoved,
    };
  });
}
