/**
 * `GET /api/party/grids` and `/api/party/overview`: the party overlay's figures per grid of a tier
 * (or for one scope), aggregated in SQL from the level-3 grids through the published hierarchy.
 * Group keys come from the allow-list below; values always travel as `$n` parameters.
 */
import type { Db } from '../db/db';
import { localMonthStart } from '../domain/party/coverage';
import {
  ACTIVE_WINDOW_DAYS,
  BUILDING_TIER_KINDS,
  GRID_TIER_KINDS,
  STATION_FACILITY_KINDS,
  WALKING_DISTANCE_METRES,
} from '../domain/party/vocabulary';
import type { GridLevel } from './grids';
import { PUBLISHED_VERSION, TIER_COLUMN } from './stats-scope';

/** A tier (group by that level's ancestor) or the whole scope as one group keyed '*'. */
export type FigureGrouping = GridLevel | 'scope';

const groupKey = (g: FigureGrouping) => (g === 'scope' ? `'*'::text` : TIER_COLUMN[g]);

/** Lineage rows inside the scope grid in parameter `param` (or all when it is NULL). */
const inScope = (param: string) =>
  `(${param}::text IS NULL OR ${param} IN (l.l1_code, l.l2_code, l.l3_code))`;

export type OrganisationRow = {
  code: string;
  grids: number;
  households: number;
  gridsWithBranch: number;
  memberHouseholds: number;
  buildings: number;
  buildingsCovered: number;
  buildingHouseholds: number;
  buildingsNearStation: number;
  householdsNearStation: number;
  fiveHavesComplete: number;
  withBranch: number;
  withPosition: number;
  withFunding: number;
  withVolunteer: number;
  withCoGovernance: number;
  /** Evidence dates, meaningful when the group is one level-3 grid. */
  fundingOn: string | null;
  volunteerOn: string | null;
  coGovernanceOn: string | null;
};

/**
 * Per level-3 grid: branch, member households, buildings covered by a building-tier unit or a member
 * household, buildings within walking distance of a station (probed around each station through the
 * building geography index), the five haves; then summed per group. 阵地 = a station within the walking
 * distance of the grid polygon (inside counts: distance 0); the planar box of 0.01° (≥ 556 m up to 60°N)
 * only skips far stations before the costly geodesic polygon distance.
 */
const ORGANISATION_SQL = (key: string) => `
  WITH leaf AS (
    SELECT g.code, g.households, g.geom, l.l1_code, l.l2_code, l.l3_code
    FROM grid g JOIN stats_grid_lineage l ON l.code = g.code
    WHERE g.version_id = ${PUBLISHED_VERSION} AND g.level = 3 AND ${inScope('$1')}
  ), near_station AS (
    SELECT DISTINCT b.id FROM facility f
    JOIN building b ON ST_DWithin(b.geom::geography, f.geom::geography, $3)
    WHERE f.kind = ANY($2::text[]) AND b.grid_code IN (SELECT code FROM leaf)
  ), organised AS (
    SELECT DISTINCT u.building_id AS id FROM party_unit u
    WHERE u.building_id IS NOT NULL AND (u.kind = ANY($4::text[]) OR u.kind = 'member_household')
  ), bld AS (
    SELECT b.grid_code, count(*) AS buildings, sum(b.households) AS households,
           count(o.id) AS covered, count(n.id) AS near, coalesce(sum(b.households) FILTER (WHERE n.id IS NOT NULL), 0) AS near_households
    FROM building b LEFT JOIN organised o ON o.id = b.id LEFT JOIN near_station n ON n.id = b.id
    WHERE b.grid_code IN (SELECT code FROM leaf) GROUP BY 1
  ), per_leaf AS (
    SELECT leaf.*, coalesce(bld.buildings, 0) AS buildings, coalesce(bld.covered, 0) AS covered,
           coalesce(bld.households, 0) AS building_households, coalesce(bld.near, 0) AS near,
           coalesce(bld.near_households, 0) AS near_households,
           EXISTS (SELECT 1 FROM party_unit u WHERE u.grid_code = leaf.code AND u.kind = ANY($5::text[])) AS has_branch,
           (SELECT count(*) FROM party_unit u WHERE u.grid_code = leaf.code AND u.kind = 'member_household') AS member_households,
           EXISTS (SELECT 1 FROM facility f WHERE f.kind = ANY($2::text[]) AND f.geom && ST_Expand(leaf.geom, 0.01)
                   AND ST_DWithin(f.geom::geography, leaf.geom::geography, $3)) AS has_position,
           e.funding_on, e.volunteer_on, e.co_governance_on
    FROM leaf LEFT JOIN bld ON bld.grid_code = leaf.code LEFT JOIN party_grid_evidence e ON e.grid_code = leaf.code
  )
  SELECT ${key} AS code, count(*) AS grids, sum(households) AS households,
         count(*) FILTER (WHERE has_branch) AS "gridsWithBranch", sum(member_households) AS "memberHouseholds",
         sum(buildings) AS buildings, sum(covered) AS "buildingsCovered", sum(building_households) AS "buildingHouseholds",
         sum(near) AS "buildingsNearStation", sum(near_households) AS "householdsNearStation",
         count(*) FILTER (WHERE has_branch AND has_position AND funding_on IS NOT NULL
                          AND volunteer_on IS NOT NULL AND co_governance_on IS NOT NULL) AS "fiveHavesComplete",
         count(*) FILTER (WHERE has_branch) AS "withBranch", count(*) FILTER (WHERE has_position) AS "withPosition",
         count(funding_on) AS "withFunding", count(volunteer_on) AS "withVolunteer",
         count(co_governance_on) AS "withCoGovernance",
         to_char(min(funding_on), 'YYYY-MM-DD') AS "fundingOn", to_char(min(volunteer_on), 'YYYY-MM-DD') AS "volunteerOn",
         to_char(min(co_governance_on), 'YYYY-MM-DD') AS "coGovernanceOn"
  FROM per_leaf l GROUP BY 1`;

export async function organisationFigures(
  db: Db,
  grouping: FigureGrouping,
  scope: string | null,
): Promise<OrganisationRow[]> {
  return db.query<OrganisationRow>(ORGANISATION_SQL(groupKey(grouping)), [
    scope,
    [...STATION_FACILITY_KINDS],
    WALKING_DISTANCE_METRES,
    [...BUILDING_TIER_KINDS],
    [...GRID_TIER_KINDS],
  ]);
}

export type InServiceRow = {
  code: string;
  registeredMembers: number;
  activeMembers: number;
  hoursThisMonth: number;
};

/**
 * 在职党员"双报到" per group. A registration belongs to its community; at level 3 to the grid it serves
 * (registrations without one are not counted at level 3). Hours: records in [month start, now].
 */
export async function inServiceFigures(
  db: Db,
  grouping: FigureGrouping,
  scope: string | null,
  now: Date,
): Promise<InServiceRow[]> {
  const home = grouping === 3 ? 'r.grid_code' : 'r.community_code';
  const activeSince = new Date(now.getTime() - ACTIVE_WINDOW_DAYS * 86_400_000);
  return db.query<InServiceRow>(
    `WITH reg AS (
       SELECT r.id, ${groupKey(grouping)} AS code
       FROM party_registration r JOIN stats_grid_lineage l ON l.code = ${home}
       WHERE ${inScope('$1')}
     ), act AS (
       SELECT s.registration_id, max(s.served_at) AS last_at,
              sum(s.hours) FILTER (WHERE s.served_at >= $3) AS month_hours
       FROM party_service_record s WHERE s.served_at <= $4 GROUP BY 1
     )
     SELECT reg.code, count(*) AS "registeredMembers", count(*) FILTER (WHERE a.last_at >= $2) AS "activeMembers",
            coalesce(sum(a.month_hours), 0)::float8 AS "hoursThisMonth"
     FROM reg LEFT JOIN act a ON a.registration_id = reg.id GROUP BY 1`,
    [scope, activeSince, localMonthStart(now), now],
  );
}

export type NeedsRow = { code: string; needs: number; claimed: number; projects: number };

/** Needs (需求清单) per group by the level-3 grid they were reported in; claimed = matched to a resource. */
export async function needsFigures(
  db: Db,
  grouping: FigureGrouping,
  scope: string | null,
): Promise<NeedsRow[]> {
  return db.query<NeedsRow>(
    `SELECT ${groupKey(grouping)} AS code, count(*) AS needs, count(n.resource_id) AS claimed,
            count(DISTINCT n.project_id) AS projects
     FROM party_need n JOIN stats_grid_lineage l ON l.code = n.grid_code
     WHERE ${inScope('$1')} GROUP BY 1`,
    [scope],
  );
}

export type TierGridRow = { code: string; name: string; parentCode: string | null; households: number };

export async function tierGrids(db: Db, level: GridLevel, scope: string | null): Promise<TierGridRow[]> {
  return db.query<TierGridRow>(
    `SELECT g.code, g.name, g.parent_code AS "parentCode", g.households
     FROM grid g JOIN stats_grid_lineage l ON l.code = g.code
     WHERE g.version_id = ${PUBLISHED_VERSION} AND g.level = $1 AND ${inScope('$2')}
     ORDER BY g.code`,
    [level, scope],
  );
}
