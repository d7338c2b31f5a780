/**
 * All SQL of the demo-data loader. Values travel as `$n` parameters only; row batches travel as one
 * jsonb parameter unpacked with jsonb_to_recordset, which is fast and identical on PGlite and
 * PostgreSQL (no driver-specific COPY or multi-row VALUES building).
 */
import type { Db } from '../db/db';

export async function hasBoundaryVersion(db: Db): Promise<boolean> {
  const rows = await db.query<{ present: boolean }>(
    'SELECT EXISTS (SELECT 1 FROM boundary_version) AS present',
  );
  return rows[0]?.present === true;
}

export async function insertPublishedVersion(
  db: Db,
  name: string,
  note: string,
  publishedAt: Date,
): Promise<number> {
  const rows = await db.query<{ id: number }>(
    `INSERT INTO boundary_version (name, status, note, created_at, published_at)
     VALUES ($1, 'published', $2, $3, $3)
     RETURNING id`,
    [name, note, publishedAt],
  );
  return (rows[0] as { id: number }).id;
}

export type GridRow = {
  code: string;
  name: string;
  kind: string;
  parent_code: string | null;
  households: number;
  population: number;
};
export type SeedRow = { code: string; lon: number; lat: number };

/**
 * Level-1 grids: the Voronoi diagram of all sub-seeds, clipped to the district outline, and the cells
 * of each grid's sub-seeds unioned. Cells of one diagram share their edges exactly, so the grids tile
 * the outline with no gap or overlap.
 */
export async function insertLevel1Grids(
  db: Db,
  versionId: number,
  outlineGeoJson: string,
  grids: readonly GridRow[],
  seeds: readonly SeedRow[],
): Promise<void> {
  await db.query(
    `WITH outline AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON($2), 4326) AS geom),
     seeds AS (
       SELECT s.code, ST_SetSRID(ST_MakePoint(s.lon, s.lat), 4326) AS pt
       FROM jsonb_to_recordset($3::jsonb) AS s(code text, lon float8, lat float8)
     ),
     cells AS (
       SELECT d.geom AS cell
       FROM outline o, LATERAL ST_Dump(ST_VoronoiPolygons((SELECT ST_Collect(pt) FROM seeds), 0, o.geom)) AS d
     ),
     pieces AS (
       SELECT s.code, ST_CollectionExtract(ST_Intersection(c.cell, o.geom), 3) AS geom
       FROM cells c JOIN seeds s ON ST_Contains(c.cell, s.pt) CROSS JOIN outline o
     )
     INSERT INTO grid (version_id, code, name, level, kind, parent_code, households, population, geom)
     SELECT $1, g.code, g.name, 1, g.kind, NULL, g.households, g.population, ST_Multi(ST_Union(p.geom))
     FROM jsonb_to_recordset($4::jsonb) AS g(code text, name text, kind text, households int, population int)
     JOIN pieces p ON p.code = g.code
     GROUP BY g.code, g.name, g.kind, g.households, g.population`,
    [versionId, outlineGeoJson, JSON.stringify(seeds), JSON.stringify(grids)],
  );
}

/**
 * Level-2/3 grids: per parent, the Voronoi diagram of its children's seeds intersected with the
 * parent, so the children tile the parent exactly and never leave it.
 */
export async function insertChildGrids(
  db: Db,
  versionId: number,
  level: 2 | 3,
  grids: readonly (GridRow & { lon: number; lat: number })[],
): Promise<void> {
  await db.query(
    `WITH children AS (
       SELECT c.*, ST_SetSRID(ST_MakePoint(c.lon, c.lat), 4326) AS pt
       FROM jsonb_to_recordset($3::jsonb)
         AS c(code text, name text, kind text, parent_code text, households int, population int, lon float8, lat float8)
     ),
     parents AS (
       SELECT p.code, p.geom FROM grid p
       WHERE p.version_id = $1 AND p.level = $2::int - 1 AND p.code IN (SELECT parent_code FROM children)
     ),
     cells AS (
       SELECT p.code AS parent_code, p.geom AS parent_geom, d.geom AS cell
       FROM parents p
       CROSS JOIN LATERAL ST_Dump(
         ST_VoronoiPolygons((SELECT ST_Collect(c.pt) FROM children c WHERE c.parent_code = p.code), 0, p.geom)
       ) AS d
     )
     INSERT INTO grid (version_id, code, name, level, kind, parent_code, households, population, geom)
     SELECT $1, c.code, c.name, $2::int, c.kind, c.parent_code, c.households, c.population,
            ST_Multi(ST_CollectionExtract(ST_Intersection(cl.cell, cl.parent_geom), 3))
     FROM children c
     JOIN cells cl ON cl.parent_code = c.parent_code AND ST_Contains(cl.cell, c.pt)`,
    [versionId, level, JSON.stringify(grids)],
  );
}

export type StaffRow = { name: string; role: string; grid_code: string; phone: string };

export async function insertStaff(db: Db, rows: readonly StaffRow[]): Promise<void> {
  await db.query(
    `INSERT INTO staff (name, role, grid_code, phone)
     SELECT r.name, r.role, r.grid_code, r.phone
     FROM jsonb_to_recordset($1::jsonb) AS r(name text, role text, grid_code text, phone text)`,
    [JSON.stringify(rows)],
  );
}

export type PointRow = { lon: number; lat: number; grid_code: string; name: string };

export async function insertFacilities(
  db: Db,
  rows: readonly (PointRow & { kind: string })[],
): Promise<void> {
  await db.query(
    `INSERT INTO facility (kind, name, grid_code, geom)
     SELECT r.kind, r.name, r.grid_code, ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326)
     FROM jsonb_to_recordset($1::jsonb) AS r(kind text, name text, grid_code text, lon float8, lat float8)`,
    [JSON.stringify(rows)],
  );
}

export async function insertBuildings(
  db: Db,
  rows: readonly (PointRow & { households: number })[],
): Promise<void> {
  await db.query(
    `INSERT INTO building (name, households, grid_code, geom)
     SELECT r.name, r.households, r.grid_code, ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326)
     FROM jsonb_to_recordset($1::jsonb) AS r(name text, households int, grid_code text, lon float8, lat float8)`,
    [JSON.stringify(rows)],
  );
}

/** Timestamps travel as ISO-8601 strings inside the jsonb batch. */
export type CaseRow = {
  code: string;
  source: string;
  category: string;
  priority: string;
  status: string;
  title: string;
  description: string;
  address: string;
  reporter_name: string | null;
  lon: number;
  lat: number;
  grid_code: string;
  grid_l2_code: string;
  grid_l1_code: string;
  department_code: string | null;
  satisfaction: number | null;
  reject_reason: string | null;
  reported_at: string;
  due_at: string;
  accepted_at: string | null;
  dispatched_at: string | null;
  resolved_at: string | null;
  visited_at: string | null;
  archived_at: string | null;
  rejected_at: string | null;
  escalated_at: string | null;
  escalation_count: number;
  reopen_count: number;
  updated_at: string;
};

/** The grid at report time is the grid now: the demo starts with one published version. */
export async function insertCases(db: Db, versionId: number, rows: readonly CaseRow[]): Promise<void> {
  await db.query(
    `INSERT INTO cases (code, source, category, priority, status, title, description, address, reporter_name, geom,
       grid_code, grid_l2_code, grid_l1_code, reported_grid_code, reported_version_id, department_code,
       satisfaction, reject_reason, reported_at, due_at, accepted_at, dispatched_at, resolved_at, visited_at,
       archived_at, rejected_at, escalated_at, escalation_count, reopen_count, updated_at)
     SELECT r.code, r.source, r.category, r.priority, r.status, r.title, r.description, r.address, r.reporter_name,
       ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326),
       r.grid_code, r.grid_l2_code, r.grid_l1_code, r.grid_code, $1, r.department_code,
       r.satisfaction, r.reject_reason, r.reported_at, r.due_at, r.accepted_at, r.dispatched_at, r.resolved_at,
       r.visited_at, r.archived_at, r.rejected_at, r.escalated_at, r.escalation_count, r.reopen_count, r.updated_at
     FROM jsonb_to_recordset($2::jsonb) AS r(code text, source text, category text, priority text, status text,
       title text, description text, address text, reporter_name text, lon float8, lat float8, grid_code text,
       grid_l2_code text, grid_l1_code text, department_code text, satisfaction smallint, reject_reason text,
       reported_at timestamptz, due_at timestamptz, accepted_at timestamptz, dispatched_at timestamptz,
       resolved_at timestamptz, visited_at timestamptz, archived_at timestamptz, rejected_at timestamptz,
       escalated_at timestamptz, escalation_count int, reopen_count int, updated_at timestamptz)`,
    [versionId, JSON.stringify(rows)],
  );
}

export type CaseEventRow = {
  case_code: string;
  seq: number;
  action: string;
  from_status: string | null;
  to_status: string;
  actor: string;
  at: string;
  note: string | null;
  department_code: string | null;
  satisfaction: number | null;
  reason: string | null;
};

/** Events find their case by its unique code, so the loader never round-trips case ids. */
export async function insertCaseEvents(db: Db, rows: readonly CaseEventRow[]): Promise<void> {
  await db.query(
    `INSERT INTO case_event (case_id, seq, action, from_status, to_status, actor, at, note, department_code,
       satisfaction, reason)
     SELECT c.id, e.seq, e.action, e.from_status, e.to_status, e.actor, e.at, e.note, e.department_code,
       e.satisfaction, e.reason
     FROM jsonb_to_recordset($1::jsonb) AS e(case_code text, seq int, action text, from_status text,
       to_status text, actor text, at timestamptz, note text, department_code text, satisfaction smallint,
       reason text)
     JOIN cases c ON c.code = e.case_code
     ORDER BY c.id, e.seq`,
    [JSON.stringify(rows)],
  );
}

/**
 * Bulk-load mode for cases and their events. Per-row foreign-key triggers cost ~0.1–0.4 ms each on
 * PGlite (WASM) — most of the load time for 160k rows — so where the role may (superuser; PGlite
 * always is) the loader switches them off for its own transaction only, the way pg_restore
 * --disable-triggers does, and then proves integrity set-wise with `countDanglingReferences`.
 * CHECK constraints and unique indexes stay enforced. Trigger-maintained tables (the stats rollups)
 * are rebuilt afterwards with `refreshRollupsIfPresent`, as 004_stats_rollups.sql asks of such writers.
 */
export async function canSkipTriggers(db: Db): Promise<boolean> {
  const rows = await db.query<{ superuser: boolean }>(
    'SELECT rolsuper AS superuser FROM pg_roles WHERE rolname = current_user',
  );
  return rows[0]?.superuser === true;
}

export async function setTriggersSkipped(db: Db, skipped: boolean): Promise<void> {
  await db.exec(
    skipped ? 'SET LOCAL session_replication_role = replica' : 'SET LOCAL session_replication_role = origin',
  );
}

/** Rows of cases / case_event whose foreign keys point nowhere (must be 0 after a bulk load). */
export async function countDanglingReferences(db: Db): Promise<number> {
  const rows = await db.query<{ dangling: number }>(
    `SELECT
       (SELECT count(*) FROM cases c WHERE NOT EXISTS (SELECT 1 FROM case_category k WHERE k.code = c.category))
     + (SELECT count(*) FROM cases c
        WHERE NOT EXISTS (SELECT 1 FROM boundary_version v WHERE v.id = c.reported_version_id))
     + (SELECT count(*) FROM cases c
        WHERE c.department_code IS NOT NULL AND NOT EXISTS (SELECT 1 FROM department d WHERE d.code = c.department_code))
     + (SELECT count(*) FROM case_event e WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = e.case_id))
     + (SELECT count(*) FROM case_event e
        WHERE e.department_code IS NOT NULL AND NOT EXISTS (SELECT 1 FROM department d WHERE d.code = e.department_code))
       AS dangling`,
  );
  return rows[0]?.dangling ?? 0;
}

/** Rebuilds the trigger-maintained stats rollups when that migration is installed. */
export async function refreshRollupsIfPresent(db: Db): Promise<boolean> {
  const rows = await db.query<{ present: boolean }>(
    `SELECT to_regprocedure('stats_refresh_rollups()') IS NOT NULL AS present`,
  );
  if (rows[0]?.present !== true) return false;
  await db.query('SELECT stats_refresh_rollups()');
  return true;
}

/** Fresh statistics, so the first queries after loading get good plans. */
export async function analyzeDemoTables(db: Db): Promise<void> {
  await db.exec(
    'ANALYZE grid; ANALYZE staff; ANALYZE facility; ANALYZE building; ANALYZE cases; ANALYZE case_event;',
  );
}

/* Party-building overlay (scripts/demo/party.ts, party-lists.ts). */

export type PartyUnitRow = {
  code: string;
  kind: string;
  name: string;
  parent_code: string | null;
  grid_code: string;
  building_lon: number | null;
  building_lat: number | null;
};

/** Parents must be inserted first (the caller sends one chain depth at a time); buildings found by exact point. */
export async function insertPartyUnits(db: Db, rows: readonly PartyUnitRow[]): Promise<void> {
  await db.query(
    `INSERT INTO party_unit (code, kind, name, parent_id, grid_code, building_id)
     SELECT r.code, r.kind, r.name, (SELECT p.id FROM party_unit p WHERE p.code = r.parent_code), r.grid_code,
            (SELECT b.id FROM building b WHERE b.grid_code = r.grid_code
               AND b.geom ~= ST_SetSRID(ST_MakePoint(r.building_lon, r.building_lat), 4326) ORDER BY b.id LIMIT 1)
     FROM jsonb_to_recordset($1::jsonb) AS r(code text, kind text, name text, parent_code text, grid_code text,
       building_lon float8, building_lat float8)`,
    [JSON.stringify(rows)],
  );
}

export async function insertPartyMembers(
  db: Db,
  rows: readonly { name: string; unit_code: string; roles: string[] }[],
): Promise<void> {
  await db.query(
    `INSERT INTO party_member (name, unit_id, roles)
     SELECT r.name, u.id, ARRAY(SELECT jsonb_array_elements_text(r.roles))
     FROM jsonb_to_recordset($1::jsonb) AS r(name text, unit_code text, roles jsonb)
     JOIN party_unit u ON u.code = r.unit_code`,
    [JSON.stringify(rows)],
  );
}

export async function insertGridEvidence(
  db: Db,
  rows: readonly {
    grid_code: string;
    funding_on: string | null;
    volunteer_on: string | null;
    co_governance_on: string | null;
  }[],
): Promise<void> {
  await db.query(
    `INSERT INTO party_grid_evidence (grid_code, funding_on, volunteer_on, co_governance_on)
     SELECT r.grid_code, r.funding_on, r.volunteer_on, r.co_governance_on
     FROM jsonb_to_recordset($1::jsonb) AS r(grid_code text, funding_on date, volunteer_on date, co_governance_on date)`,
    [JSON.stringify(rows)],
  );
}

/** One statement per row with RETURNING id: the few hundred parents whose ids later rows need. */
export async function insertPartyRegistration(
  db: Db,
  r: {
    member_name: string;
    employer: string;
    community_code: string;
    grid_code: string | null;
    phone: string;
    registered_at: string;
  },
): Promise<number> {
  const rows = await db.query<{ id: number }>(
    `INSERT INTO party_registration (member_name, employer, community_code, grid_code, phone, registered_at)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [r.member_name, r.employer, r.community_code, r.grid_code, r.phone, r.registered_at],
  );
  return (rows[0] as { id: number }).id;
}

export async function insertServiceRecords(
  db: Db,
  rows: readonly {
    registration_id: number;
    activity: string;
    lon: number | null;
    lat: number | null;
    served_at: string;
    hours: number;
  }[],
): Promise<void> {
  await db.query(
    `INSERT INTO party_service_record (registration_id, activity, geom, served_at, hours)
     SELECT r.registration_id, r.activity,
            CASE WHEN r.lon IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326) END, r.served_at, r.hours
     FROM jsonb_to_recordset($1::jsonb) AS r(registration_id int, activity text, lon float8, lat float8,
       served_at timestamptz, hours numeric)`,
    [JSON.stringify(rows)],
  );
}

export async function insertPartyResource(
  db: Db,
  r: {
    category: string;
    name: string;
    provider: string;
    provider_kind: string;
    capacity: number;
    service_radius_metres: number;
    grid_code: string;
    lon: number;
    lat: number;
  },
): Promise<number> {
  const rows = await db.query<{ id: number }>(
    `INSERT INTO party_resource (category, name, provider, provider_kind, capacity, service_radius_metres, grid_code, geom)
     VALUES ($1, $2, $3, $4, $5, $6, $7, ST_SetSRID(ST_MakePoint($8, $9), 4326)) RETURNING id`,
    [
      r.category,
      r.name,
      r.provider,
      r.provider_kind,
      r.capacity,
      r.service_radius_metres,
      r.grid_code,
      r.lon,
      r.lat,
    ],
  );
  return (rows[0] as { id: number }).id;
}

export async function insertPartyProject(
  db: Db,
  r: { name: string; grid_code: string; resource_id: number; started_on: string },
): Promise<number> {
  const rows = await db.query<{ id: number }>(
    `INSERT INTO party_project (name, grid_code, resource_id, started_on) VALUES ($1, $2, $3, $4) RETURNING id`,
    [r.name, r.grid_code, r.resource_id, r.started_on],
  );
  return (rows[0] as { id: number }).id;
}

/** Needs take the level-3 grid of the published version holding their point (none → not inserted). */
export async function insertPartyNeeds(
  db: Db,
  rows: readonly {
    category: string;
    description: string;
    lon: number;
    lat: number;
    reported_at: string;
    resource_id: number | null;
    claimed_at: string | null;
    project_id: number | null;
  }[],
): Promise<void> {
  await db.query(
    `INSERT INTO party_need (category, description, grid_code, geom, reported_at, resource_id, claimed_at, project_id)
     SELECT r.category, r.description, g.code, ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326), r.reported_at,
            r.resource_id, r.claimed_at, r.project_id
     FROM jsonb_to_recordset($1::jsonb) AS r(category text, description text, lon float8, lat float8,
       reported_at timestamptz, resource_id int, claimed_at timestamptz, project_id int)
     CROSS JOIN LATERAL (SELECT g.code FROM grid g
       WHERE g.version_id = (SELECT id FROM boundary_version WHERE status = 'published') AND g.level = 3
         AND ST_Intersects(g.geom, ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326)) ORDER BY g.code LIMIT 1) g`,
    [JSON.stringify(rows)],
  );
}
