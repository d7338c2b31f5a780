import type { Db } from '../db/db';
import { CASE_CODE_ID_DIGITS } from '../domain/case-code';
import { type CaseEventRecord, EVENT_RETURNING, toEventRecord } from './cases';

export type GridAssignment = { versionId: number; gridCode: string; gridL2Code: string; gridL1Code: string };

/**
 * The level-3 grid of the published version that covers the point (GiST-indexed), with its parents.
 * A point on a shared edge is covered by two grids; the smaller code wins so the answer is stable.
 */
export async function locateGrid(db: Db, lon: number, lat: number): Promise<GridAssignment | null> {
  const rows = await db.query<GridAssignment>(
    `SELECT g.version_id AS "versionId", g.code AS "gridCode", g.parent_code AS "gridL2Code",
            p.parent_code AS "gridL1Code"
     FROM grid g
     JOIN boundary_version v ON v.id = g.version_id AND v.status = 'published'
     JOIN grid p ON p.version_id = g.version_id AND p.code = g.parent_code
     WHERE g.level = 3 AND ST_Covers(g.geom, ST_SetSRID(ST_MakePoint($1, $2), 4326))
     ORDER BY g.code LIMIT 1`,
    [lon, lat],
  );
  return rows[0] ?? null;
}

export type NewCase = {
  codePrefix: string;
  externalId: string | null;
  source: string;
  category: string;
  priority: string;
  title: string | null;
  description: string | null;
  address: string | null;
  reporterName: string | null;
  reporterPhone: string | null;
  mediaUrl: string | null;
  lon: number;
  lat: number;
  reportedAt: Date;
  dueAt: Date;
  actor: string;
};

/** SQL for a case code: the prefix made in `caseCodePrefix()` plus the zero-padded id. */
export const CASE_CODE_SQL = (prefix: string, id: string) =>
  `${prefix} || lpad(${id}::text, ${CASE_CODE_ID_DIGITS}, '0')`;

/**
 * Inserts the case and its `report` event (seq 1) in one statement. The id is drawn first so the code
 * can contain it. A concurrent insert of the same `externalId` makes this a no-op: returns null.
 */
export async function insertCase(
  db: Db,
  c: NewCase,
  grid: GridAssignment,
): Promise<{ caseId: number; event: CaseEventRecord } | null> {
  const rows = await db.query(
    `WITH n AS (SELECT nextval(pg_get_serial_sequence('cases', 'id')) AS id),
     ins AS (
       INSERT INTO cases (id, code, external_id, source, category, priority, status, title, description, address,
         reporter_name, reporter_phone, media_url, geom, grid_code, grid_l2_code, grid_l1_code, reported_grid_code,
         reported_version_id, reported_at, due_at, updated_at)
       OVERRIDING SYSTEM VALUE
       SELECT n.id, ${CASE_CODE_SQL('$1::text', 'n.id')}, $2::text, $3::text, $4::text, $5::text, 'reported',
         $6::text, $7::text, $8::text, $9::text, $10::text, $11::text,
         ST_SetSRID(ST_MakePoint($12::float8, $13::float8), 4326), $14::text, $15::text, $16::text, $14::text,
         $17::integer, $18::timestamptz, $19::timestamptz, $18::timestamptz
       FROM n
       ON CONFLICT (external_id) DO NOTHING
       RETURNING id, reported_at)
     INSERT INTO case_event (case_id, seq, action, from_status, to_status, actor, at)
     SELECT id, 1, 'report', NULL, 'reported', $20::text, reported_at FROM ins
     RETURNING case_id, ${EVENT_RETURNING}`,
    [
      c.codePrefix,
      c.externalId,
      c.source,
      c.category,
      c.priority,
      c.title,
      c.description,
      c.address,
      c.reporterName,
      c.reporterPhone,
      c.mediaUrl,
      c.lon,
      c.lat,
      grid.gridCode,
      grid.gridL2Code,
      grid.gridL1Code,
      grid.versionId,
      c.reportedAt,
      c.dueAt,
      c.actor,
    ],
  );
  const row = rows[0];
  return row ? { caseId: Number(row.case_id), event: toEventRecord(row) } : null;
}
