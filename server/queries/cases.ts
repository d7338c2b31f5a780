import type { Db, Row, SqlParam } from '../db/db';
import { type CaseAction, type CaseStatus, OPEN_STATUSES } from '../domain/case-workflow';
import type { LiveCaseEvent } from '../live/case-event-bus';
import { scopeFilterSql } from './scope';

/** A case as the API returns it. `overdue` is derived from `dueAt` and `status` at read time. */
export type CaseRecord = {
  id: number;
  code: string;
  externalId: string | null;
  source: string;
  category: string;
  priority: string;
  status: CaseStatus;
  title: string | null;
  description: string | null;
  address: string | null;
  lon: number;
  lat: number;
  gridCode: string;
  gridL2Code: string;
  gridL1Code: string;
  reportedGridCode: string;
  reportedVersionId: number;
  departmentCode: string | null;
  satisfaction: number | null;
  rejectReason: string | null;
  mediaUrl: string | null;
  reportedAt: string;
  dueAt: string;
  acceptedAt: string | null;
  dispatchedAt: string | null;
  resolvedAt: string | null;
  visitedAt: string | null;
  archivedAt: string | null;
  rejectedAt: string | null;
  escalatedAt: string | null;
  escalationCount: number;
  reopenCount: number;
  updatedAt: string;
  overdue: boolean;
};

export type CaseEventRecord = {
  id: number;
  seq: number;
  action: CaseAction | 'report';
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus;
  actor: string;
  at: string;
  note: string | null;
  departmentCode: string | null;
  satisfaction: number | null;
  reason: string | null;
};

export type Reporter = { name: string | null; phone: string | null };

/** Open statuses as a SQL list, from the domain's constant (never from a request). */
export const OPEN_STATUS_SQL = OPEN_STATUSES.map((s) => `'${s}'`).join(', ');

/** Case columns; `$1` is always "now" so `overdue` is computed against the injectable clock. */
export const CASE_COLUMNS = `c.id, c.code, c.external_id, c.source, c.category, c.priority, c.status, c.title,
  c.description, c.address, ST_X(c.geom) AS lon, ST_Y(c.geom) AS lat, c.grid_code, c.grid_l2_code,
  c.grid_l1_code, c.reported_grid_code, c.reported_version_id, c.department_code, c.satisfaction,
  c.reject_reason, c.media_url, c.reported_at, c.due_at, c.accepted_at, c.dispatched_at, c.resolved_at,
  c.visited_at, c.archived_at, c.rejected_at, c.escalated_at, c.escalation_count, c.reopen_count, c.updated_at,
  (c.status IN (${OPEN_STATUS_SQL}) AND c.due_at < $1::timestamptz) AS overdue,
  c.reporter_name, c.reporter_phone,
  (extract(epoch FROM c.reported_at) * 1000000)::bigint AS reported_us`;

function iso(v: unknown): string {
  return (v instanceof Date ? v : new Date(String(v))).toISOString();
}

function isoOrNull(v: unknown): string | null {
  return v === null || v === undefined ? null : iso(v);
}

export function toCaseRecord(r: Row): CaseRecord {
  return {
    id: Number(r.id),
    code: r.code as string,
    externalId: (r.external_id as string | null) ?? null,
    source: r.source as string,
    category: r.category as string,
    priority: r.priority as string,
    status: r.status as CaseStatus,
    title: (r.title as string | null) ?? null,
    description: (r.description as string | null) ?? null,
    address: (r.address as string | null) ?? null,
    lon: Number(r.lon),
    lat: Number(r.lat),
    gridCode: r.grid_code as string,
    gridL2Code: r.grid_l2_code as string,
    gridL1Code: r.grid_l1_code as string,
    reportedGridCode: r.reported_grid_code as string,
    reportedVersionId: Number(r.reported_version_id),
    departmentCode: (r.department_code as string | null) ?? null,
    satisfaction: (r.satisfaction as number | null) ?? null,
    rejectReason: (r.reject_reason as string | null) ?? null,
    mediaUrl: (r.media_url as string | null) ?? null,
    reportedAt: iso(r.reported_at),
    dueAt: iso(r.due_at),
    acceptedAt: isoOrNull(r.accepted_at),
    dispatchedAt: isoOrNull(r.dispatched_at),
    resolvedAt: isoOrNull(r.resolved_at),
    visitedAt: isoOrNull(r.visited_at),
    archivedAt: isoOrNull(r.archived_at),
    rejectedAt: isoOrNull(r.rejected_at),
    escalatedAt: isoOrNull(r.escalated_at),
    escalationCount: Number(r.escalation_count),
    reopenCount: Number(r.reopen_count),
    updatedAt: iso(r.updated_at),
    overdue: Boolean(r.overdue),
  };
}

export async function getCase(
  db: Db,
  id: number,
  now: Date,
): Promise<(CaseRecord & { reporter: Reporter }) | null> {
  const rows = await db.query(`SELECT ${CASE_COLUMNS} FROM cases c WHERE c.id = $2`, [now, id]);
  const r = rows[0];
  if (!r) return null;
  const reporter = {
    name: (r.reporter_name as string | null) ?? null,
    phone: (r.reporter_phone as string | null) ?? null,
  };
  return { ...toCaseRecord(r), reporter };
}

export async function findCaseIdByExternalId(db: Db, externalId: string): Promise<number | null> {
  const rows = await db.query<{ id: number }>('SELECT id FROM cases WHERE external_id = $1', [externalId]);
  return rows[0]?.id ?? null;
}

/** Event columns under the names `toEventRecord` reads; `e` is the table alias, empty in RETURNING. */
function eventColumns(alias: 'e.' | ''): string {
  return `${alias}id AS event_id, ${alias}seq, ${alias}action, ${alias}from_status, ${alias}to_status, ${alias}actor,
  ${alias}at, ${alias}note, ${alias}department_code AS event_department_code,
  ${alias}satisfaction AS event_satisfaction, ${alias}reason`;
}
export const EVENT_COLUMNS = eventColumns('e.');
export const EVENT_RETURNING = eventColumns('');

export function toEventRecord(r: Row): CaseEventRecord {
  return {
    id: Number(r.event_id),
    seq: Number(r.seq),
    action: r.action as CaseEventRecord['action'],
    fromStatus: (r.from_status as CaseStatus | null) ?? null,
    toStatus: r.to_status as CaseStatus,
    actor: r.actor as string,
    at: iso(r.at),
    note: (r.note as string | null) ?? null,
    departmentCode: (r.event_department_code as string | null) ?? null,
    satisfaction: (r.event_satisfaction as number | null) ?? null,
    reason: (r.reason as string | null) ?? null,
  };
}

/** The full audit trail of a case, oldest first. */
export async function listCaseEvents(db: Db, caseId: number): Promise<CaseEventRecord[]> {
  const rows = await db.query(
    `SELECT ${EVENT_COLUMNS} FROM case_event e WHERE e.case_id = $1 ORDER BY e.seq`,
    [caseId],
  );
  return rows.map(toEventRecord);
}

export function toLiveEvent(event: CaseEventRecord, c: CaseRecord): LiveCaseEvent {
  const { id, seq, action, fromStatus, toStatus, actor, at } = event;
  return {
    id,
    caseId: c.id,
    seq,
    action,
    fromStatus,
    toStatus,
    actor,
    at,
    case: {
      code: c.code,
      category: c.category,
      source: c.source,
      priority: c.priority,
      status: c.status,
      gridCode: c.gridCode,
      gridL2Code: c.gridL2Code,
      gridL1Code: c.gridL1Code,
      lon: c.lon,
      lat: c.lat,
      dueAt: c.dueAt,
      overdue: c.overdue,
    },
  };
}

/**
 * Live events after `afterId`: either the oldest first (an import publishing what it committed) or the
 * newest `limit` (a client resuming after `Last-Event-ID` gets the recent ones, not a stale backlog).
 * Always returned in ascending id order.
 */
export async function listLiveEvents(
  db: Db,
  range: { afterId: number; upToId?: number; limit: number; take: 'oldest' | 'newest'; scopeCode?: string },
  now: Date,
): Promise<LiveCaseEvent[]> {
  const params: SqlParam[] = [now, range.afterId, range.limit, range.upToId ?? Number.MAX_SAFE_INTEGER];
  const direction = range.take === 'newest' ? 'DESC' : 'ASC';
  // A scoped client (#7) resumes with its own cases' events only ($5).
  if (range.scopeCode !== undefined) params.push(range.scopeCode);
  const scoped = range.scopeCode === undefined ? '' : ` AND ${scopeFilterSql('c.grid_code', '$5')}`;
  const rows = await db.query(
    `SELECT ${EVENT_COLUMNS}, ${CASE_COLUMNS}
     FROM case_event e JOIN cases c ON c.id = e.case_id
     WHERE e.id > $2 AND e.id <= $4${scoped}
     ORDER BY e.id ${direction} LIMIT $3`,
    params,
  );
  const events = rows.map((r) => toLiveEvent(toEventRecord(r), toCaseRecord(r)));
  return range.take === 'newest' ? events.reverse() : events;
}

export async function departmentExists(db: Db, code: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM department WHERE code = $1', [code]);
  return rows.length > 0;
}

export async function listDepartmentCodes(db: Db): Promise<string[]> {
  const rows = await db.query<{ code: string }>('SELECT code FROM department ORDER BY code');
  return rows.map((r) => r.code);
}
