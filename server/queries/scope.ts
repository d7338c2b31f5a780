/**
 * Access scope in SQL (#7): a principal's scope is a grid code, and they act on that grid's subtree
 * in the published boundary version. The subtree is walked through `parent_code` (the hierarchy
 * has exactly three levels), never through code prefixes: planners move grids between parents and
 * codes stay stable across versions. No scope (the whole district) adds no SQL at all: callers only
 * add these fragments when a scope code is set, so district-wide queries keep their plans.
 */
import type { Db } from '../db/db';
import type { GridLevel } from './grids';

const PUBLISHED_VERSION = `(SELECT id FROM boundary_version WHERE status = 'published')`;

/**
 * Codes of every level under the grid in parameter `param` (itself included), published version.
 * Index-backed: the primary key (version_id, code) and `grid_version_parent`.
 */
export function scopeSubtreeSql(param: string): string {
  return `SELECT s1.code FROM grid s1
    WHERE s1.version_id = ${PUBLISHED_VERSION} AND (s1.code = ${param} OR s1.parent_code = ${param})
    UNION ALL
    SELECT s3.code FROM grid s2 JOIN grid s3 ON s3.version_id = s2.version_id AND s3.parent_code = s2.code
    WHERE s2.version_id = ${PUBLISHED_VERSION} AND s2.parent_code = ${param}`;
}

/** The subtree plus the scope grid's ancestors: what a scoped map shows (breadcrumbs, outlines). */
export function scopeVisibleGridsSql(param: string): string {
  return `${scopeSubtreeSql(param)}
    UNION ALL
    SELECT a1.parent_code FROM grid a1
    WHERE a1.version_id = ${PUBLISHED_VERSION} AND a1.code = ${param} AND a1.parent_code IS NOT NULL
    UNION ALL
    SELECT a2.parent_code FROM grid a1
    JOIN grid a2 ON a2.version_id = a1.version_id AND a2.code = a1.parent_code
    WHERE a1.version_id = ${PUBLISHED_VERSION} AND a1.code = ${param} AND a2.parent_code IS NOT NULL`;
}

/** Columns that name a case's or a grid's code; chosen by the caller's SQL, never by a request. */
export type ScopedColumn = 'c.grid_code' | 'b.grid_code' | 'g.code' | 'grid_code';

/** `column` restricted to the scope subtree of the grid code in parameter `param`. */
export function scopeFilterSql(column: ScopedColumn, param: string): string {
  return `${column} IN (${scopeSubtreeSql(param)})`;
}

/** `column` restricted to the visible grids (subtree and ancestors) of the scope in `param`. */
export function scopeVisibleFilterSql(column: 'g.code', param: string): string {
  return `${column} IN (${scopeVisibleGridsSql(param)})`;
}

/** A scope resolved against the published version; `level` null when the grid is not published. */
export type ResolvedScopeRows = {
  code: string;
  level: GridLevel | null;
  subtree: string[];
  ancestors: string[];
};

/** The subtree and ancestor codes of scope `code`, for checks in TypeScript (live events, details). */
export async function resolveScopeRows(db: Db, code: string): Promise<ResolvedScopeRows> {
  const [grid] = await db.query<{ level: number }>(
    `SELECT level FROM grid WHERE version_id = ${PUBLISHED_VERSION} AND code = $1`,
    [code],
  );
  if (!grid) return { code, level: null, subtree: [], ancestors: [] };
  const rows = await db.query<{ code: string; kind: 'subtree' | 'ancestor' }>(
    `SELECT t.code, 'subtree' AS kind FROM (${scopeSubtreeSql('$1')}) t
     UNION ALL
     SELECT v.code, 'ancestor' FROM (${scopeVisibleGridsSql('$1')}) v
     WHERE v.code NOT IN (${scopeSubtreeSql('$1')})`,
    [code],
  );
  return {
    code,
    level: Number(grid.level) as GridLevel,
    subtree: rows.filter((r) => r.kind === 'subtree').map((r) => r.code),
    ancestors: rows.filter((r) => r.kind === 'ancestor').map((r) => r.code),
  };
}
