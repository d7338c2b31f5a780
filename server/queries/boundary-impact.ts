import type { Db } from '../db/db';
import { balanceFigure, type GridWorkload } from '../domain/boundary/balance';
import {
  type BalanceComparison,
  compareBalance,
  IMPACT_WINDOW_DAYS,
  type ImpactRow,
  impactRows,
  impactWindow,
  type SideInput,
} from '../domain/boundary/impact';

/**
 * What a draft would change, measured on real cases: each case of the window is replayed onto the
 * draft's boundaries by point-in-polygon, only for grids that changed (the rest keep their published
 * assignment, so the replay costs scale with the edit, not with the city).
 */
export type CaseWindow = { from: Date; to: Date };

/** One side (before or after) of a changed grid, as the SQL measures it. */
export type ImpactSideRow = SideInput;

/** Grids that differ (geometry, parent, name, added, removed) between `baseId` and `versionId`, measured on both sides. */
export async function changedGridSides(
  db: Db,
  versionId: number,
  baseId: number,
  window: CaseWindow,
): Promise<ImpactSideRow[]> {
  return db.query<ImpactSideRow>(
    `WITH cmp AS (
       SELECT COALESCE(d.code, b.code) AS code, COALESCE(d.name, b.name) AS name, COALESCE(d.level, b.level) AS level,
         array_remove(ARRAY[
           CASE WHEN b.code IS NULL THEN 'added' END,
           CASE WHEN d.code IS NULL THEN 'removed' END,
           CASE WHEN b.code IS NOT NULL AND d.code IS NOT NULL AND NOT ST_OrderingEquals(d.geom, b.geom) THEN 'geometry' END,
           CASE WHEN b.code IS NOT NULL AND d.code IS NOT NULL AND d.parent_code IS DISTINCT FROM b.parent_code THEN 'parent' END,
           CASE WHEN b.code IS NOT NULL AND d.code IS NOT NULL AND d.name <> b.name THEN 'name' END], NULL) AS changes,
         b.geom AS bgeom, b.households AS bh, b.population AS bp, b.parent_code AS bpc,
         d.geom AS dgeom, d.households AS dh, d.population AS dp, d.parent_code AS dpc
       FROM (SELECT * FROM grid WHERE version_id = $1) d
       FULL JOIN (SELECT * FROM grid WHERE version_id = $2) b ON b.code = d.code
     ), changed AS MATERIALIZED (SELECT * FROM cmp WHERE cardinality(changes) > 0),
     sides AS (
       SELECT code, name, level, changes, 'before' AS side, bgeom AS geom, bh AS households, bp AS population, bpc AS parent
       FROM changed WHERE bgeom IS NOT NULL
       UNION ALL
       SELECT code, name, level, changes, 'after', dgeom, dh, dp, dpc FROM changed WHERE dgeom IS NOT NULL
     )
     SELECT s.code, s.name, s.level, s.changes, s.side, s.parent AS "parentCode", s.households, s.population,
       (SELECT count(*)::int FROM staff st WHERE st.grid_code = s.code AND st.role = 'grid_worker') AS staff,
       k.cases, k.median AS "medianResponseMinutes"
     FROM sides s CROSS JOIN LATERAL (
       SELECT count(*)::int AS cases,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.accepted_at - c.reported_at) / 60) AS median
       FROM cases c
       WHERE c.geom && s.geom AND ST_Intersects(c.geom, s.geom) AND c.reported_at >= $3 AND c.reported_at < $4
     ) k
     ORDER BY s.level, s.code, s.side DESC`,
    [versionId, baseId, window.from, window.to],
  );
}

/**
 * Cases and grid workers per level-3 grid of a version. A grid identical to the published one counts
 * its cases by `grid_code` (an index look-up); a changed or new one by point-in-polygon.
 */
export async function levelThreeWorkloads(
  db: Db,
  versionId: number,
  publishedId: number,
  window: CaseWindow,
): Promise<GridWorkload[]> {
  return db.query<GridWorkload>(
    `SELECT g.code,
       CASE WHEN p.code IS NOT NULL AND ST_OrderingEquals(p.geom, g.geom)
         THEN (SELECT count(*)::int FROM cases c
               WHERE c.grid_code = g.code AND c.reported_at >= $3 AND c.reported_at < $4)
         ELSE (SELECT count(*)::int FROM cases c
               WHERE ST_Intersects(c.geom, g.geom) AND c.reported_at >= $3 AND c.reported_at < $4)
       END AS cases,
       (SELECT count(*)::int FROM staff st WHERE st.grid_code = g.code AND st.role = 'grid_worker') AS workers
     FROM grid g LEFT JOIN grid p ON p.version_id = $2 AND p.code = g.code AND p.level = 3
     WHERE g.version_id = $1 AND g.level = 3
     ORDER BY g.code`,
    [versionId, publishedId, window.from, window.to],
  );
}

export type VersionImpact = {
  versionId: number;
  baseVersionId: number;
  publishedVersionId: number;
  window: { from: string; to: string; days: number };
  grids: ImpactRow[];
  balance: BalanceComparison;
};

/** Impact of `versionId` against what it was based on (or the published version), at instant `now`. */
export async function versionImpact(
  db: Db,
  versionId: number,
  baseId: number,
  publishedId: number,
  now: Date,
): Promise<VersionImpact> {
  const window = impactWindow(now);
  const sides = await changedGridSides(db, versionId, baseId, window);
  const draft = balanceFigure(await levelThreeWorkloads(db, versionId, publishedId, window));
  const published = balanceFigure(await levelThreeWorkloads(db, publishedId, publishedId, window));
  return {
    versionId,
    baseVersionId: baseId,
    publishedVersionId: publishedId,
    window: { from: window.from.toISOString(), to: window.to.toISOString(), days: IMPACT_WINDOW_DAYS },
    grids: impactRows(sides),
    balance: compareBalance(draft, published),
  };
}
