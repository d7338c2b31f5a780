/**
 * A hand-built party overlay on createTilingFixture()'s rectangles (C1-1, C1-2 in 甲社区 C1; C2-1, C2-2
 * in 乙村 C2). At latitude 27.6°, 0.001° of longitude ≈ 98.6 m and 0.001° of latitude ≈ 110.8 m.
 *
 *   buildings (households)            grid    organisation
 *   B1 (113.810,27.610)  100          C1-1    党员中心户 H11
 *   B2 (113.840,27.640)  200          C1-1    楼栋党小组 G11
 *   B3 (113.810,27.690)  400          C1-2    党员中心户 H12 (grid without a branch: under the 社区党委)
 *   B4 (113.860,27.610)  150          C2-1    楼栋长 BH21 and 党员中心户 H21 (one building, counted once)
 *   B5 (113.880,27.630)  300          C2-1    —
 *   B6 (113.880,27.680)  450          C2-2    —
 *
 *   facilities: F1 红帆驿站 (113.812,27.610) in C1-1, ≈197 m from B1 (the only building within 500 m
 *   of a station); F2 党群服务中心 (113.8505,27.630) in C2-1, ≈49 m east of C1-1's edge, so 阵地 for
 *   both C1-1 and C2-1, ≥ 937 m from every building; a camera at B6 (not a station).
 *   branches: C1-1 网格党支部 BR11; C2-1 网格工作组 WG21 (seed 001 variant under 社区大党委 PC2).
 */
import type { Db } from '../../server/db/db';
import { createTilingFixture, insertPublishedVersion } from '../support/fixtures';

/** 2026-11-20 08:00 Beijing = 00:00 UTC; the local month starts 2026-10-31T16:00Z. */
export const PARTY_NOW = new Date('2026-11-20T00:00:00Z');

const BUILDINGS: [string, number, string, number, number][] = [
  ['B1', 100, 'C1-1', 113.81, 27.61],
  ['B2', 200, 'C1-1', 113.84, 27.64],
  ['B3', 400, 'C1-2', 113.81, 27.69],
  ['B4', 150, 'C2-1', 113.86, 27.61],
  ['B5', 300, 'C2-1', 113.88, 27.63],
  ['B6', 450, 'C2-2', 113.88, 27.68],
];

const FACILITIES: [string, string, string, number, number][] = [
  ['station', '甲社区红帆驿站', 'C1-1', 113.812, 27.61],
  ['service_center', '乙村党群服务中心', 'C2-1', 113.8505, 27.63],
  ['camera', '监控点', 'C2-2', 113.88, 27.68],
];

/** code, kind, name, parent code, grid, building name, member roles */
const UNITS: [string, string, string, string | null, string, string | null, string[][]][] = [
  ['W', 'street_committee', '测试街道党工委', null, 'S1', null, [['secretary']]],
  [
    'PC1',
    'community_committee',
    '甲社区党委',
    'W',
    'C1',
    null,
    [['secretary', 'two_committees'], ['two_committees']],
  ],
  ['PC2', 'community_grand_committee', '乙村大党委', 'W', 'C2', null, [['secretary']]],
  [
    'BR11',
    'grid_branch',
    '甲社区第1网格党支部',
    'PC1',
    'C1-1',
    null,
    [['secretary', 'party_group_leader'], ['grid_head'], ['policy_publicist', 'information_collector']],
  ],
  [
    'WG21',
    'grid_work_group',
    '乙村第1网格工作组',
    'PC2',
    'C2-1',
    null,
    [['grid_head', 'villager_group_leader'], ['council_head']],
  ],
  ['G11', 'building_group', 'B2党小组', 'BR11', 'C1-1', 'B2', [['building_head', 'party_group_leader']]],
  ['H11', 'member_household', '党员中心户（B1）', 'BR11', 'C1-1', 'B1', [['household_head']]],
  ['H12', 'member_household', '党员中心户（B3）', 'PC1', 'C1-2', 'B3', [['household_head']]],
  ['BH21', 'building_head_post', 'B4楼栋长', 'WG21', 'C2-1', 'B4', [['building_head']]],
  [
    'H21',
    'member_household',
    '党员中心户（B4）',
    'BH21',
    'C2-1',
    'B4',
    [['household_head', 'stability_mediator']],
  ],
];

async function insertPlaces(db: Db): Promise<void> {
  for (const [name, households, grid, lon, lat] of BUILDINGS)
    await db.query(
      `INSERT INTO building (name, households, grid_code, geom) VALUES ($1, $2, $3, ST_SetSRID(ST_MakePoint($4, $5), 4326))`,
      [name, households, grid, lon, lat],
    );
  for (const [kind, name, grid, lon, lat] of FACILITIES)
    await db.query(
      `INSERT INTO facility (kind, name, grid_code, geom) VALUES ($1, $2, $3, ST_SetSRID(ST_MakePoint($4, $5), 4326))`,
      [kind, name, grid, lon, lat],
    );
}

async function insertOrganisation(db: Db): Promise<void> {
  for (const [code, kind, name, parent, grid, building, members] of UNITS) {
    await db.query(
      `INSERT INTO party_unit (code, kind, name, parent_id, grid_code, building_id)
       VALUES ($1, $2, $3, (SELECT id FROM party_unit WHERE code = $4), $5, (SELECT id FROM building WHERE name = $6))`,
      [code, kind, name, parent, grid, building],
    );
    for (const [i, roles] of members.entries())
      await db.query(
        `INSERT INTO party_member (name, unit_id, roles) SELECT $1, id, $2::text[] FROM party_unit WHERE code = $3`,
        [`${code}党员${i + 1}`, roles, code],
      );
  }
  // Five haves: C1-1 complete; C1-2 funding only; C2-1 lacks 协商共治; C2-2 has no record at all.
  await db.query(
    `INSERT INTO party_grid_evidence (grid_code, funding_on, volunteer_on, co_governance_on) VALUES
       ('C1-1', '2026-01-10', '2026-02-01', '2026-03-01'), ('C1-2', '2025-06-01', NULL, NULL),
       ('C2-1', '2026-04-01', '2026-05-01', NULL)`,
  );
}

/**
 * 双报到: R1 (C1, grid C1-1) served 11-05 3 h and 10-25 2 h; R2 (C1, no grid) 09-01 4 h; R3 (C2, grid
 * C2-2) 11-19 1.5 h and 11-25 5 h (after "now": ignored); R4 (C2, grid C2-1) never served.
 */
async function insertInService(db: Db): Promise<void> {
  const regs: [string, string, string | null, [string, number][]][] = [
    [
      'R1',
      'C1',
      'C1-1',
      [
        ['2026-11-05T02:00:00Z', 3],
        ['2026-10-25T02:00:00Z', 2],
      ],
    ],
    ['R2', 'C1', null, [['2026-09-01T02:00:00Z', 4]]],
    [
      'R3',
      'C2',
      'C2-2',
      [
        ['2026-11-19T02:00:00Z', 1.5],
        ['2026-11-25T02:00:00Z', 5],
      ],
    ],
    ['R4', 'C2', 'C2-1', []],
  ];
  for (const [name, community, grid, services] of regs) {
    const [reg] = await db.query<{ id: number }>(
      `INSERT INTO party_registration (member_name, employer, community_code, grid_code, registered_at)
       VALUES ($1, '区财政局', $2, $3, '2026-01-01T00:00:00Z') RETURNING id`,
      [name, community, grid],
    );
    for (const [at, hours] of services)
      await db.query(
        `INSERT INTO party_service_record (registration_id, activity, served_at, hours) VALUES ($1, '政策宣传', $2, $3)`,
        [(reg as { id: number }).id, at, hours],
      );
  }
}

/**
 * Resources: RS1 elderly_care (113.815,27.615) radius 1000 m capacity 2; RS2 elderly_care
 * (113.870,27.620) 3000 m capacity 1; RS3 legal (113.812,27.611) 800 m capacity 5; RS4 legal
 * (113.830,27.630) 5000 m capacity 1.
 * Needs: N1 elderly_care at B1 (C1-1) claimed by RS1 (≈742 m) in project P1; N2 elderly_care at B2
 * (C1-1, ≥3.7 km from RS1 and RS2); N3 legal (113.813,27.612) (C1-1; RS3 ≈148 m, RS4 ≈2.6 km);
 * N4 elderly_care at B4 (C2-1; RS2 ≈1.48 km); N5 culture at B6 (C2-2).
 */
async function insertLists(db: Db): Promise<void> {
  const resources: [string, string, number, number, number, number, string][] = [
    ['RS1', 'elderly_care', 113.815, 27.615, 1000, 2, 'C1-1'],
    ['RS2', 'elderly_care', 113.87, 27.62, 3000, 1, 'C2-1'],
    ['RS3', 'legal', 113.812, 27.611, 800, 5, 'C1-1'],
    ['RS4', 'legal', 113.83, 27.63, 5000, 1, 'C1-1'],
  ];
  for (const [name, category, lon, lat, radius, capacity, grid] of resources)
    await db.query(
      `INSERT INTO party_resource (category, name, provider, provider_kind, capacity, service_radius_metres, grid_code, geom)
       VALUES ($1, $2, '区卫健委党支部', 'unit', $3, $4, $5, ST_SetSRID(ST_MakePoint($6, $7), 4326))`,
      [category, name, capacity, radius, grid, lon, lat],
    );
  await db.query(
    `INSERT INTO party_project (name, grid_code, resource_id, started_on)
     SELECT '敬老助老项目', 'C1-1', id, '2026-10-01' FROM party_resource WHERE name = 'RS1'`,
  );
  const needs: [string, string, number, number, string, boolean][] = [
    ['N1', 'elderly_care', 113.81, 27.61, 'C1-1', true],
    ['N2', 'elderly_care', 113.84, 27.64, 'C1-1', false],
    ['N3', 'legal', 113.813, 27.612, 'C1-1', false],
    ['N4', 'elderly_care', 113.86, 27.61, 'C2-1', false],
    ['N5', 'culture', 113.88, 27.68, 'C2-2', false],
  ];
  for (const [description, category, lon, lat, grid, claimed] of needs)
    await db.query(
      `INSERT INTO party_need (category, description, grid_code, geom, reported_at, resource_id, claimed_at, project_id)
       VALUES ($1, $2, $3, ST_SetSRID(ST_MakePoint($4, $5), 4326), '2026-11-01T00:00:00Z',
         CASE WHEN $6 THEN (SELECT id FROM party_resource WHERE name = 'RS1') END,
         CASE WHEN $6 THEN '2026-11-02T00:00:00Z'::timestamptz END,
         CASE WHEN $6 THEN (SELECT id FROM party_project LIMIT 1) END)`,
      [category, description, grid, lon, lat, claimed],
    );
}

export async function loadPartyFixture(db: Db): Promise<void> {
  await insertPublishedVersion(db, createTilingFixture());
  await db.transaction(async (tx) => {
    await insertPlaces(tx);
    await insertOrganisation(tx);
    await insertInService(tx);
    await insertLists(tx);
  });
}

/** Ids of fixture rows by their name/description. */
export async function fixtureIds(db: Db): Promise<Record<string, number>> {
  const rows = await db.query<{ key: string; id: number }>(
    `SELECT name AS key, id FROM party_resource UNION ALL SELECT description, id FROM party_need
     UNION ALL SELECT member_name, id FROM party_registration`,
  );
  return Object.fromEntries(rows.map((r) => [r.key, r.id]));
}
