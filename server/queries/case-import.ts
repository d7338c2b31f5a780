import type { Db } from '../db/db';
import { CASE_CODE_SQL } from './case-intake';

/** One validated row, shaped as the `jsonb_to_recordset` columns below. */
export type ImportCaseRow = {
  row_no: number;
  code_prefix: string;
  external_id: string;
  source: string;
  category: string;
  priority: string;
  title: string | null;
  description: string | null;
  address: string | null;
  reporter_name: string | null;
  reporter_phone: string | null;
  lon: number;
  lat: number;
  reported_at: string;
  due_at: string;
};

/** Rows outside every grid, `externalId`s actually inserted, and the event ids the batch appended. */
export type BatchResult = {
  outsideRows: number[];
  insertedExternalIds: string[];
  firstEventId: number | null;
  lastEventId: number | null;
};

/**
 * One statement per batch: the rows travel as one jsonb parameter (same SQL on PostgreSQL and PGlite,
 * no COPY needed), are located in the published level-3 grids, inserted with their `report` event;
 * re-imports are no-ops thanks to ON CONFLICT (external_id). The result is aggregated without joining
 * the CTEs back to each other: the planner cannot estimate CTE sizes and would nest-loop 2,000 × 2,000.
 */
const BATCH_SQL = `
WITH input AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(row_no int, code_prefix text, external_id text, source text,
    category text, priority text, title text, description text, address text, reporter_name text,
    reporter_phone text, lon float8, lat float8, reported_at timestamptz, due_at timestamptz)
),
located AS MATERIALIZED (
  SELECT r.*, nextval(pg_get_serial_sequence('cases', 'id')) AS id, g.version_id, g.code AS grid_code,
         g.parent_code AS grid_l2_code, p.parent_code AS grid_l1_code
  FROM input r
  JOIN LATERAL (
    SELECT g.version_id, g.code, g.parent_code FROM grid g
    WHERE g.version_id = (SELECT id FROM boundary_version WHERE status = 'published') AND g.level = 3
      AND ST_Covers(g.geom, ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326))
    ORDER BY g.code LIMIT 1
  ) g ON true
  JOIN grid p ON p.version_id = g.version_id AND p.code = g.parent_code
),
ins AS (
  INSERT INTO cases (id, code, external_id, source, category, priority, status, title, description, address,
    reporter_name, reporter_phone, geom, grid_code, grid_l2_code, grid_l1_code, reported_grid_code,
    reported_version_id, reported_at, due_at, updated_at)
  OVERRIDING SYSTEM VALUE
  SELECT id, ${CASE_CODE_SQL('code_prefix', 'id')}, external_id, source, category, priority, 'reported', title,
    description, address, reporter_name, reporter_phone, ST_SetSRID(ST_MakePoint(lon, lat), 4326), grid_code,
    grid_l2_code, grid_l1_code, grid_code, version_id, reported_at, due_at, reported_at
  FROM located
  ON CONFLICT (external_id) DO NOTHING
  RETURNING id, external_id, reported_at
),
ev AS (
  INSERT INTO case_event (case_id, seq, action, from_status, to_status, actor, at)
  SELECT id, 1, 'report', NULL, 'reported', $2::text, reported_at FROM ins
  RETURNING id
)
SELECT (SELECT coalesce(array_agg(row_no), '{}') FROM input
          WHERE row_no NOT IN (SELECT row_no FROM located)) AS outside_rows,
       (SELECT coalesce(array_agg(external_id), '{}') FROM ins) AS inserted_external_ids,
       (SELECT min(id) FROM ev) AS first_event_id,
       (SELECT max(id) FROM ev) AS last_event_id`;

export async function insertCaseBatch(db: Db, rows: ImportCaseRow[], actor: string): Promise<BatchResult> {
  const [r] = await db.query<{
    outside_rows: number[];
    inserted_external_ids: string[];
    first_event_id: number | null;
    last_event_id: number | null;
  }>(BATCH_SQL, [JSON.stringify(rows), actor]);
  return {
    outsideRows: r?.outside_rows ?? [],
    insertedExternalIds: r?.inserted_external_ids ?? [],
    firstEventId: r?.first_event_id ?? null,
    lastEventId: r?.last_event_id ?? null,
  };
}
