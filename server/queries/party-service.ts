/** 在职党员"双报到": registrations of outside members with a community, and their service records. */
import type { Db } from '../db/db';
import { PUBLISHED_VERSION } from './stats-scope';

export type GridRef = { code: string; level: number; parentCode: string | null };

export async function findGrid(db: Db, code: string): Promise<GridRef | null> {
  const rows = await db.query<GridRef>(
    `SELECT code, level, parent_code AS "parentCode" FROM grid WHERE version_id = ${PUBLISHED_VERSION} AND code = $1`,
    [code],
  );
  return rows[0] ?? null;
}

export type NewRegistration = {
  memberName: string;
  employer: string;
  communityCode: string;
  gridCode: string | null;
  phone: string | null;
  registeredAt: Date;
};

export type Registration = NewRegistration & { id: number };

const REGISTRATION_COLUMNS = `id, member_name AS "memberName", employer, community_code AS "communityCode",
  grid_code AS "gridCode", phone, registered_at AS "registeredAt"`;

export async function insertRegistration(db: Db, r: NewRegistration): Promise<Registration> {
  const rows = await db.query<Registration>(
    `INSERT INTO party_registration (member_name, employer, community_code, grid_code, phone, registered_at)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${REGISTRATION_COLUMNS}`,
    [r.memberName, r.employer, r.communityCode, r.gridCode, r.phone, r.registeredAt],
  );
  return rows[0] as Registration;
}

/** The grid a registration belongs to (its level-3 grid, else its community), or null when there is none. */
export async function registrationGridCode(db: Db, id: number): Promise<string | null> {
  const rows = await db.query<{ code: string }>(
    'SELECT COALESCE(grid_code, community_code) AS code FROM party_registration WHERE id = $1',
    [id],
  );
  return rows[0]?.code ?? null;
}

export async function registrationExists(db: Db, id: number): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM party_registration WHERE id = $1', [id]);
  return rows.length > 0;
}

export type NewServiceRecord = {
  registrationId: number;
  activity: string;
  location: [number, number] | null;
  servedAt: Date;
  hours: number;
};

export type ServiceRecord = NewServiceRecord & { id: number };

export async function insertServiceRecord(db: Db, r: NewServiceRecord): Promise<ServiceRecord> {
  const rows = await db.query<ServiceRecord>(
    `INSERT INTO party_service_record (registration_id, activity, geom, served_at, hours)
     VALUES ($1, $2, CASE WHEN $3::float8 IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint($3, $4), 4326) END, $5, $6)
     RETURNING id, registration_id AS "registrationId", activity,
       CASE WHEN geom IS NULL THEN NULL ELSE json_build_array(ST_X(geom), ST_Y(geom)) END AS location,
       served_at AS "servedAt", hours::float8 AS hours`,
    [r.registrationId, r.activity, r.location?.[0] ?? null, r.location?.[1] ?? null, r.servedAt, r.hours],
  );
  return rows[0] as ServiceRecord;
}
