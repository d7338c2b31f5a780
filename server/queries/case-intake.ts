import type { Db } from '../db/db';
import { CASE_CODE_ID_DIGITS } from '../domain/case-code';
import { type AuditEntry, auditInsertFrom } from './audit';
import { type CaseEventRecord, EVENT_RETURNING, toEventRecord } from './cases';

export type GridAssignment = { versionId: number; gridCode: string; gridL2Code: string; gridL1Code: string };

/** The level-3 grid of the published version covering the point ($1, $2), smaller code first on a shared edge. */
const LOCATE_SQL = `SELECT g.version_id AS "versionId", g.code AS "gridCode", g.parent_code AS "gridL2Code",
         p.parent_code AS "gridL1Code"
  FROM grid g
  JOIN boundary_version v ON v.id = g.version_id AND v.status = 'published'
  JOIN grid p ON p.version_id = g.version_id AND p.code = g.parent_code
  WHERE g.level = 3 AND ST_Covers(g.geom, ST_SetSRID(ST_MakePoint($1, $2), 4326))
  ORDER BY g.code LIMIT 1`;

/**
 * The level-3 grid of the published version that covers the point (GiST-indexed), with its parents.
 * A point on a shared edge is covered by two grids; the smaller code wins so the answer is stable.
 */
export async function locateGrid(db: Db, lon: number, lat: number): Promise<GridAssignment | null> {
  const rows = await db.query<GridAssignment>(LOCATE_SQL, [lon, lat]);
  return rows[0] ?? null;
}

export type IntakeSlot = {
  grid: GridAssignment | null;
  /** A fresh case id (drawn whether or not the case is then stored). */
  caseId: number;
  /** The case already registered under the external id, if any. */
  existingId: number | null;
};

/**
 * Everything an intake needs to know before it writes, in one round trip: the grid of the point, a
 * case id, and whether the external id is already registered.
 */
export async function prepareIntake(
  db: Db,
  lon: number,
  lat: number,
  externalId: string | null,
): Promise<IntakeSlot> {
  const rows = await db.query<GridAssignment & { caseId: number; existingId: number | null }>(
    `SELECT l.*, nextval(pg_get_serial_sequence('cases', 'id')) AS "caseId",
            (SELECT id FROM cases WHERE external_id = $3::text) AS "existingId"
     FROM (SELECT 1) one LEFT JOIN (${LOCATE_SQL}) l ON true`,
    [lon, lat, externalId],
  );
  const row = rows[0];
  if (!row) throw new Error('prepareIntake returned no row');
  const grid = row.gridCode
    ? {
        versionId: row.versionId,
        gridCode: row.gridCode,
        gridL2Code: row.gridL2Code,
        gridL1Code: row.gridL1Code,
      }
    : null;
  return {
    grid,
    caseId: Number(row.caseId),
    existingId: row.existingId === null ? null : Number(row.existingId),
  };
}

export type NewCase = {
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
  `${prefix} || lpad(${id}::text, greatest(${CASE_CODE_ID_DIGITS}, length(${id}::text)), '0')`;

/**
 * Stores an intake in one statement (so one round trip, and atomic without a transaction): the case
 * under the id drawn by prepareIntake, its `report` event (seq 1) and its audit row. A concurrent
 * insert of the same externalId makes it write nothing: returns null.
 */
export async function insertCaseWithAudit(
  db: Db,
  c: NewCase & { id: number; code: string },
  grid: GridAssignment,
  audit: AuditEntry,
): Promise<CaseEventRecord | null> {
  const params = [
    c.id,
    c.code,
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
  ];
  const logged = auditInsertFrom('ins', audit, params.length + 1);
  const rows = await db.query(
    `WITH ins AS (
       INSERT INTO cases (id, code, external_id, source, category, priority, status, title, description, address,
         reporter_name, reporter_phone, media_url, geom, grid_code, grid_l2_code, grid_l1_code, reported_grid_code,
         reported_version_id, reported_at, due_at, updated_at)
       OVERRIDING SYSTEM VALUE
       VALUES ($1::bigint, $2::text, $3::text, $4::text, $5::text, $6::text, 'reported', $7::text, $8::text, $9::text,
         $10::text, $11::text, $12::text, ST_SetSRID(ST_MakePoint($13::float8, $14::float8), 4326), $15::text,
         $16::text, $17::text, $15::text, $18::integer, $19::timestamptz, $20::timestamptz, $19::timestamptz)
       ON CONFLICT (external_id) DO NOTHING
       RETURNING id, reported_at),
     logged AS (${logged.sql})
     INSERT INTO case_event (case_id, seq, action, from_status, to_status, actor, at)
     SELECT id, 1, 'report', NULL, 'reported', $21::text, reported_at FROM ins
     RETURNING case_id, ${EVENT_RETURNING}`,
    [...params, ...logged.params],
  );
  const row = rows[0];
  return row ? toEventRecord(row) : null;
}
