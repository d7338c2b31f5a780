/** 需求清单、资源清单、项目清单 and 双向认领: needs, resources, claims and projects. */
import type { Db } from '../db/db';
import { PUBLISHED_VERSION } from './stats-scope';

const LOCATION = (alias: string) => `json_build_array(ST_X(${alias}.geom), ST_Y(${alias}.geom))`;

/** Rows whose level-3 grid (column) is the grid in `param` or below it; all when NULL. */
const underGrid = (column: string, param: string) =>
  `(${param}::text IS NULL OR ${column} IN (SELECT l.code FROM stats_grid_lineage l
     WHERE ${param} IN (l.l1_code, l.l2_code, l.l3_code)))`;

export type Need = {
  id: number;
  category: string;
  description: string;
  gridCode: string;
  location: [number, number];
  reportedAt: string;
  resourceId: number | null;
  claimedAt: string | null;
  projectId: number | null;
};

const NEED_COLUMNS = `n.id, n.category, n.description, n.grid_code AS "gridCode", ${LOCATION('n')} AS location,
  n.reported_at AS "reportedAt", n.resource_id AS "resourceId", n.claimed_at AS "claimedAt", n.project_id AS "projectId"`;

export type NewNeed = { category: string; description: string; location: [number, number]; reportedAt: Date };

/** Inserts a need in the level-3 grid of the published version holding its point; null when none does. */
export async function insertNeed(db: Db, n: NewNeed): Promise<Need | null> {
  const rows = await db.query<Need>(
    `WITH pt AS (SELECT ST_SetSRID(ST_MakePoint($3, $4), 4326) AS geom),
     home AS (SELECT g.code FROM grid g, pt WHERE g.version_id = ${PUBLISHED_VERSION} AND g.level = 3
              AND ST_Intersects(g.geom, pt.geom) ORDER BY g.code LIMIT 1),
     n AS (INSERT INTO party_need (category, description, grid_code, geom, reported_at)
           SELECT $1, $2, home.code, pt.geom, $5 FROM home, pt RETURNING *)
     SELECT ${NEED_COLUMNS} FROM n`,
    [n.category, n.description, n.location[0], n.location[1], n.reportedAt],
  );
  return rows[0] ?? null;
}

export async function listNeeds(
  db: Db,
  grid: string | null,
  status: 'open' | 'claimed' | null,
): Promise<Need[]> {
  return db.query<Need>(
    `SELECT ${NEED_COLUMNS} FROM party_need n
     WHERE ${underGrid('n.grid_code', '$1')}
       AND ($2::text IS NULL OR ($2 = 'open') = (n.resource_id IS NULL))
     ORDER BY n.id`,
    [grid, status],
  );
}

export async function findNeed(db: Db, id: number): Promise<Need | null> {
  const rows = await db.query<Need>(`SELECT ${NEED_COLUMNS} FROM party_need n WHERE n.id = $1`, [id]);
  return rows[0] ?? null;
}

export type Candidate = {
  id: number;
  category: string;
  name: string;
  provider: string;
  providerKind: 'unit' | 'volunteer';
  capacity: number;
  capacityLeft: number;
  serviceRadiusMetres: number;
  gridCode: string;
  location: [number, number];
  distanceMetres: number;
};

const CANDIDATE_COLUMNS = `r.id, r.category, r.name, r.provider, r.provider_kind AS "providerKind", r.capacity,
  r.capacity - (SELECT count(*) FROM party_need x WHERE x.resource_id = r.id) AS "capacityLeft",
  r.service_radius_metres AS "serviceRadiusMetres", r.grid_code AS "gridCode", ${LOCATION('r')} AS location,
  ST_Distance(r.geom::geography, n.geom::geography) AS "distanceMetres"`;

/** One resource as seen from one need (distance, capacity left); null when the resource does not exist. */
export async function resourceForNeed(db: Db, needId: number, resourceId: number): Promise<Candidate | null> {
  const rows = await db.query<Candidate>(
    `SELECT ${CANDIDATE_COLUMNS} FROM party_resource r, party_need n WHERE n.id = $1 AND r.id = $2 FOR UPDATE OF r`,
    [needId, resourceId],
  );
  return rows[0] ?? null;
}

/** Resources of the need's category whose service distance reaches it (geography index on resources). */
export async function candidatesForNeed(db: Db, needId: number): Promise<Candidate[]> {
  return db.query<Candidate>(
    `SELECT ${CANDIDATE_COLUMNS} FROM party_need n
     JOIN party_resource r ON r.category = n.category
       AND ST_DWithin(r.geom::geography, n.geom::geography, r.service_radius_metres)
     WHERE n.id = $1
     ORDER BY "distanceMetres", r.id`,
    [needId],
  );
}

/** Claims an unclaimed need; null when it was claimed meanwhile. */
export async function claimNeed(db: Db, needId: number, resourceId: number, at: Date): Promise<Need | null> {
  const rows = await db.query<Need>(
    `WITH n AS (UPDATE party_need SET resource_id = $2, claimed_at = $3
                WHERE id = $1 AND resource_id IS NULL RETURNING *)
     SELECT ${NEED_COLUMNS} FROM n`,
    [needId, resourceId, at],
  );
  return rows[0] ?? null;
}

export type Resource = Omit<Candidate, 'distanceMetres'>;

export async function listResources(db: Db, grid: string | null): Promise<Resource[]> {
  return db.query<Resource>(
    `SELECT r.id, r.category, r.name, r.provider, r.provider_kind AS "providerKind", r.capacity,
            r.capacity - (SELECT count(*) FROM party_need x WHERE x.resource_id = r.id) AS "capacityLeft",
            r.service_radius_metres AS "serviceRadiusMetres", r.grid_code AS "gridCode", ${LOCATION('r')} AS location
     FROM party_resource r WHERE ${underGrid('r.grid_code', '$1')} ORDER BY r.id`,
    [grid],
  );
}

export type Project = {
  id: number;
  name: string;
  gridCode: string;
  resourceId: number | null;
  startedOn: string;
  needs: { id: number; category: string; description: string; gridCode: string }[];
};

/** 项目清单 with the claimed needs each project links. */
export async function listProjects(db: Db, grid: string | null): Promise<Project[]> {
  return db.query<Project>(
    `SELECT p.id, p.name, p.grid_code AS "gridCode", p.resource_id AS "resourceId",
            to_char(p.started_on, 'YYYY-MM-DD') AS "startedOn",
            coalesce((SELECT json_agg(json_build_object('id', n.id, 'category', n.category,
                        'description', n.description, 'gridCode', n.grid_code) ORDER BY n.id)
                      FROM party_need n WHERE n.project_id = p.id), '[]') AS needs
     FROM party_project p WHERE ${underGrid('p.grid_code', '$1')} ORDER BY p.id`,
    [grid],
  );
}

export type PartyPoint = {
  id: number;
  kind: string;
  name: string;
  gridCode: string | null;
  location: [number, number];
};

/** Map points: 党员中心户 (at their building) and stations (党群服务中心, 红帆驿站/党建驿站). */
export async function listPartyPoints(db: Db, grid: string | null, stationKinds: readonly string[]) {
  return db.query<PartyPoint>(
    `SELECT u.id, 'member_household' AS kind, u.name, u.grid_code AS "gridCode", ${LOCATION('b')} AS location
     FROM party_unit u JOIN building b ON b.id = u.building_id
     WHERE u.kind = 'member_household' AND ${underGrid('u.grid_code', '$1')}
     UNION ALL
     SELECT f.id, f.kind, f.name, f.grid_code, ${LOCATION('f')}
     FROM facility f WHERE f.kind = ANY($2::text[]) AND ${underGrid('f.grid_code', '$1')}
     ORDER BY 2, 1`,
    [grid, [...stationKinds]],
  );
}
