import type { Db, SqlParam } from '../db/db';

/** Who did a write. `userId` is null for API-key callers (Open311) and before login existed. */
export type AuditActor = { userId: number | null; username: string; role: string | null };

/** The request a write came from, when known (for correlating with access logs). */
export type AuditRequest = { requestId: string | null; ip: string | null };

export type AuditEntry = {
  actor: AuditActor;
  /** `<entity>.<verb>`, e.g. `case.intake`, `case.dispatch`, `grid.update`, `version.publish`, `user.login`. */
  action: string;
  entityType: string;
  entityId: string | number;
  /** The entity as it was before the write; null for a creation. Personal data already masked. */
  before: unknown;
  /** The entity after the write; null for a deletion. Personal data already masked. */
  after: unknown;
  request?: AuditRequest | undefined;
};

export type AuditRecord = {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
};

const AUDIT_COLUMNS = `actor_id, actor_name, actor_role, action, entity_type, entity_id, before, after, request_id, ip`;

/** The values of one audit row for AUDIT_COLUMNS, as `$n` placeholders from `first` and their parameters. */
function auditValues(e: AuditEntry, first: number): { placeholders: string; params: SqlParam[] } {
  const types = ['', '', '', '', '', '', '::jsonb', '::jsonb', '', ''];
  return {
    placeholders: types.map((type, i) => `$${first + i}${type}`).join(', '),
    params: [
      e.actor.userId,
      e.actor.username.slice(0, 200) || 'anonymous',
      e.actor.role,
      e.action,
      e.entityType,
      String(e.entityId),
      jsonOrNull(e.before),
      jsonOrNull(e.after),
      e.request?.requestId?.slice(0, 200) ?? null,
      e.request?.ip?.slice(0, 100) ?? null,
    ],
  };
}

/**
 * Appends one audit row. Call it with the transaction of the write itself, so the row commits or
 * rolls back with the write; `audit_log` refuses UPDATE and DELETE.
 */
export async function recordAudit(tx: Db, e: AuditEntry): Promise<void> {
  const v = auditValues(e, 1);
  await tx.query(`INSERT INTO audit_log (${AUDIT_COLUMNS}) VALUES (${v.placeholders})`, v.params);
}

/**
 * The audit row of a write made in the same statement, as a data-modifying CTE body: it inserts the
 * row once per row of `source` (a CTE of the write's RETURNING, so nothing is logged when the write
 * wrote nothing). Parameters from `$first` on.
 */
export function auditInsertFrom(
  source: string,
  e: AuditEntry,
  first: number,
): { sql: string; params: SqlParam[] } {
  const v = auditValues(e, first);
  return {
    sql: `INSERT INTO audit_log (${AUDIT_COLUMNS}) SELECT ${v.placeholders} FROM ${source}`,
    params: v.params,
  };
}

function jsonOrNull(v: unknown): string | null {
  return v === null || v === undefined ? null : JSON.stringify(v);
}

export type AuditFilter = {
  actor?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  action?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  /** Keyset: rows with an id below this one (the list is newest first). */
  beforeId?: number | undefined;
  limit: number;
};

/** Newest first, keyset-paged by id; `next` is the id to pass as `beforeId` for the next page. */
export async function listAudit(
  db: Db,
  f: AuditFilter,
): Promise<{ items: AuditRecord[]; next: number | null }> {
  const params: SqlParam[] = [];
  const p = (v: SqlParam) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where: string[] = [];
  if (f.actor !== undefined) where.push(`actor_name = ${p(f.actor)}`);
  if (f.entityType !== undefined) where.push(`entity_type = ${p(f.entityType)}`);
  if (f.entityId !== undefined) where.push(`entity_id = ${p(f.entityId)}`);
  if (f.action !== undefined) where.push(`action = ${p(f.action)}`);
  if (f.from !== undefined) where.push(`at >= ${p(f.from)}::timestamptz`);
  if (f.to !== undefined) where.push(`at < ${p(f.to)}::timestamptz`);
  if (f.beforeId !== undefined) where.push(`id < ${p(f.beforeId)}::bigint`);
  const rows = await db.query(
    `SELECT id, at, actor_id, actor_name, actor_role, action, entity_type, entity_id, before, after,
            request_id, ip
     FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY id DESC LIMIT ${p(f.limit + 1)}`,
    params,
  );
  const items = rows.slice(0, f.limit).map(
    (r): AuditRecord => ({
      id: Number(r.id),
      at: (r.at instanceof Date ? r.at : new Date(String(r.at))).toISOString(),
      actorId: r.actor_id === null ? null : Number(r.actor_id),
      actorName: r.actor_name as string,
      actorRole: (r.actor_role as string | null) ?? null,
      action: r.action as string,
      entityType: r.entity_type as string,
      entityId: r.entity_id as string,
      // Both adapters parse jsonb into values.
      before: r.before ?? null,
      after: r.after ?? null,
      requestId: (r.request_id as string | null) ?? null,
      ip: (r.ip as string | null) ?? null,
    }),
  );
  const last = items[items.length - 1];
  return { items, next: rows.length > f.limit && last ? last.id : null };
}

/** A grid as the audit log keeps it: attributes, revision and the geometry as GeoJSON (WGS84). */
export type GridSnapshot = {
  code: string;
  name: string;
  level: number;
  parentCode: string | null;
  households: number;
  population: number;
  revision: number;
  geometry: unknown;
};

/** Snapshots of the named grids of a version that exist now (a missing code is simply absent). */
export async function gridSnapshots(
  db: Db,
  versionId: number,
  codes: readonly string[],
): Promise<GridSnapshot[]> {
  if (codes.length === 0) return [];
  const rows = await db.query(
    `SELECT code, name, level, parent_code, households, population, revision, ST_AsGeoJSON(geom, 9) AS geojson
     FROM grid WHERE version_id = $1 AND code = ANY($2::text[]) ORDER BY code`,
    [versionId, [...codes]],
  );
  return rows.map((r) => ({
    code: r.code as string,
    name: r.name as string,
    level: Number(r.level),
    parentCode: (r.parent_code as string | null) ?? null,
    households: Number(r.households),
    population: Number(r.population),
    revision: Number(r.revision),
    geometry: JSON.parse(r.geojson as string) as unknown,
  }));
}
