import type { Db } from '../db/db';

export type DataCounts = {
  versions: number;
  grids: { level1: number; level2: number; level3: number };
  staff: number;
  facilities: number;
  buildings: number;
  cases: number;
  caseEvents: number;
};

/**
 * Above this many rows (by the planner's estimate) a table is not counted: `count(*)` over 5M cases
 * reads the whole table (~0.5 s); `pg_class.reltuples`, kept by (auto)ANALYZE, is close enough for a
 * health page. Below it, or before the first ANALYZE (reltuples = -1), the count is exact.
 */
export const EXACT_COUNT_LIMIT = 200_000;

/** count(*) of a small table, the planner's estimate of a large one (the scalar subqueries are lazy InitPlans). */
const rowCount = (table: 'cases' | 'case_event') => `(SELECT CASE
    WHEN e.n > ${EXACT_COUNT_LIMIT} THEN e.n::bigint ELSE (SELECT count(*) FROM ${table}) END
  FROM (SELECT reltuples AS n FROM pg_class WHERE oid = '${table}'::regclass) e)`;

export async function countData(db: Db): Promise<DataCounts> {
  const [row] = await db.query<{
    versions: number;
    l1: number;
    l2: number;
    l3: number;
    staff: number;
    facilities: number;
    buildings: number;
    cases: number;
    events: number;
  }>(
    `SELECT
       (SELECT count(*) FROM boundary_version)::int AS versions,
       (SELECT count(*) FROM grid g JOIN boundary_version v ON v.id = g.version_id
          WHERE v.status = 'published' AND g.level = 1)::int AS l1,
       (SELECT count(*) FROM grid g JOIN boundary_version v ON v.id = g.version_id
          WHERE v.status = 'published' AND g.level = 2)::int AS l2,
       (SELECT count(*) FROM grid g JOIN boundary_version v ON v.id = g.version_id
          WHERE v.status = 'published' AND g.level = 3)::int AS l3,
       (SELECT count(*) FROM staff)::int AS staff,
       (SELECT count(*) FROM facility)::int AS facilities,
       (SELECT count(*) FROM building)::int AS buildings,
       ${rowCount('cases')}::int AS cases,
       ${rowCount('case_event')}::int AS events`,
  );
  if (!row) throw new Error('count query returned no row');
  return {
    versions: row.versions,
    grids: { level1: row.l1, level2: row.l2, level3: row.l3 },
    staff: row.staff,
    facilities: row.facilities,
    buildings: row.buildings,
    cases: row.cases,
    caseEvents: row.events,
  };
}
