import type { Db } from '../db/db';
import { buildReport, type ValidationReport } from '../domain/boundary/validation-rules';
import {
  findTopologyIssues,
  type ValidationScope,
  validateVersion,
  WHOLE_VERSION,
} from './boundary-validation';
import { publishedVersionId } from './versions';

/**
 * The issues of a saved version (`GET /api/versions/:id/issues`): the same report as validating every
 * grid, computed from what the version changed against the published one when that gives the same
 * answer. At 50,000 grids a draft changing 1,000 took ~40 s to validate whole (#8), ~1 s scoped; a
 * published version nobody checked yet costs one whole check of it first (~5-9 s there), once.
 *
 * Why the shortcut is exact, and when. The topology rules (overlap, gap, child outside its parent) read
 * a grid's geometry, level and parent and those of its siblings, children and parent. The scoped check
 * (`ValidationScope`) re-measures every such issue that involves a grid changed against the base, the
 * same way the whole check does; an issue involving no changed grid has identical inputs in the base,
 * so it is an issue of the base too. Hence: whole report = scoped report + the base's own issues among
 * unchanged grids, and the scoped report alone is exact only when the base has no topology issue at the
 * requested tolerance. Being published does not make a version clean: publish refuses only issues the
 * draft's changes made, and seeded or bulk-loaded versions were never validated at all. So cleanliness
 * is a recorded fact (table `boundary_version_topology_clean`), established either when a version is
 * published over a base known clean (its own publish check was then exact, and found none), or here,
 * once, by checking the published version itself. Only versions that are no longer drafts are recorded;
 * their grids never change, so the fact never goes stale. Clean at τ (no issue larger than τ) implies
 * clean at every t ≥ τ, so one record serves all larger tolerances; a smaller one is checked anew.
 *
 * A base with topology issues of its own (only seeded data nobody validated) gets the whole check every
 * time: as slow as before, but exact. The other rules (orphan, empty parent, unstaffed) are index
 * look-ups and always run over the whole version; unstaffed also reads staff, which changes between
 * versions.
 */

/** Whether `versionId` is recorded as having no topology issue larger than `tolerance` m². */
export async function knownTopologyClean(db: Db, versionId: number, tolerance: number): Promise<boolean> {
  const [row] = await db.query<{ clean: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM boundary_version_topology_clean
                    WHERE version_id = $1 AND tolerance_square_metres <= $2) AS clean`,
    [versionId, tolerance],
  );
  return row?.clean === true;
}

/**
 * Records that `versionId` has no topology issue larger than `tolerance` m², keeping the smallest such
 * tolerance known. A draft is never recorded (it can still change); the caller must have checked.
 */
export async function recordTopologyClean(db: Db, versionId: number, tolerance: number): Promise<void> {
  await db.query(
    `INSERT INTO boundary_version_topology_clean (version_id, tolerance_square_metres)
     SELECT id, $2 FROM boundary_version WHERE id = $1 AND status <> 'draft'
     ON CONFLICT (version_id) DO UPDATE
       SET tolerance_square_metres = EXCLUDED.tolerance_square_metres, checked_at = now()
       WHERE EXCLUDED.tolerance_square_metres < boundary_version_topology_clean.tolerance_square_metres`,
    [versionId, tolerance],
  );
}

/**
 * The narrowest scope whose report equals the whole version's at `tolerance`: changes against the
 * published version once that is known clean (checking it once if it is not known yet), else all.
 */
export async function exactValidationScope(db: Db, tolerance: number): Promise<ValidationScope> {
  const baseId = await publishedVersionId(db);
  if (baseId === null) return WHOLE_VERSION;
  if (!(await knownTopologyClean(db, baseId, tolerance))) {
    if ((await findTopologyIssues(db, baseId, tolerance)).length > 0) return WHOLE_VERSION;
    await recordTopologyClean(db, baseId, tolerance);
  }
  return { kind: 'changedSince', baseId };
}

/** The report of a saved version (404 handled by the caller). */
export async function validationReport(
  db: Db,
  versionId: number,
  tolerance: number,
): Promise<ValidationReport> {
  const scope = await exactValidationScope(db, tolerance);
  return buildReport(versionId, tolerance, await validateVersion(db, versionId, tolerance, scope));
}
