/** Plain typed rows the generator produces and the loader inserts. Coordinates are WGS84 [lon, lat]. */

import type { CaseCategory, CaseSource } from '../../server/domain/case-vocabulary';
import type { CaseAction, CaseStatus } from '../../server/domain/case-workflow';
import type { Priority } from '../../server/domain/sla';
import type { DemoOrganisation } from './party';
import type { DemoPartyLists } from './party-lists';
import type { LonLat } from './planar';

export type GridKind = 'street' | 'town' | 'community' | 'village' | 'unit';

/**
 * A grid and the seed points its cell grows from. The cell itself is made by the loader in PostGIS:
 * the union of the Voronoi cells of `seeds`, clipped to the parent (or to the district outline).
 */
export type DemoGrid = {
  code: string;
  name: string;
  level: 1 | 2 | 3;
  kind: GridKind;
  parentCode: string | null;
  households: number;
  population: number;
  seeds: LonLat[];
};

export type DemoStaff = {
  name: string;
  role: 'grid_worker' | 'grid_head' | 'building_head';
  gridCode: string;
  phone: string;
};

export type FacilityKind = 'service_center' | 'station' | 'mediation_center' | 'camera' | 'party_household';

/** Facilities and buildings carry the level-3 grid they stand in (one rule for every point). */
export type DemoFacility = { kind: FacilityKind; name: string; gridCode: string; location: LonLat };

export type DemoBuilding = { name: string; households: number; gridCode: string; location: LonLat };

export type DemoCaseEvent = {
  action: CaseAction | 'report';
  from: CaseStatus | null;
  to: CaseStatus;
  actor: string;
  at: Date;
  note: string | null;
  departmentCode: string | null;
  satisfaction: number | null;
  reason: string | null;
};

export type DemoCase = {
  code: string;
  source: CaseSource;
  category: CaseCategory;
  priority: Priority;
  status: CaseStatus;
  title: string;
  description: string;
  address: string;
  reporterName: string | null;
  location: LonLat;
  gridCode: string;
  gridL2Code: string;
  gridL1Code: string;
  departmentCode: string | null;
  satisfaction: number | null;
  rejectReason: string | null;
  reportedAt: Date;
  dueAt: Date;
  acceptedAt: Date | null;
  dispatchedAt: Date | null;
  resolvedAt: Date | null;
  visitedAt: Date | null;
  archivedAt: Date | null;
  rejectedAt: Date | null;
  escalatedAt: Date | null;
  escalationCount: number;
  reopenCount: number;
  updatedAt: Date;
  events: DemoCaseEvent[];
};

export type DemoData = {
  seed: number;
  now: Date;
  boundaryVersionName: string;
  district: { code: string; name: string; outline: { type: 'MultiPolygon'; coordinates: unknown } };
  departments: { code: string; nameZh: string; nameEn: string }[];
  categories: { code: CaseCategory; nameZh: string; nameEn: string; departmentCode: string }[];
  grids: DemoGrid[];
  staff: DemoStaff[];
  facilities: DemoFacility[];
  buildings: DemoBuilding[];
  cases: DemoCase[];
  /** The party-building overlay (scripts/demo/party.ts, party-lists.ts). */
  party: DemoOrganisation & DemoPartyLists;
};
