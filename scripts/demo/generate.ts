/**
 * The deterministic demo-data generator: a pure function of (district, seed, now). No I/O, no
 * Math.random, no clock: the same inputs give the same data, bit for bit. Each part draws from its
 * own forked random stream, so changing how one part draws leaves the others as they were.
 */
import { CASE_CATEGORIES, CATEGORY_NAMES, DEPARTMENTS } from '../../server/domain/case-vocabulary';
import { planBuildings } from './buildings';
import { planCases } from './cases';
import type { DistrictData } from './district-data';
import { planFacilities } from './facilities';
import { planGrids } from './grid-plan';
import { planHotspots } from './hotspots';
import { planOrganisation } from './party';
import { planPartyLists } from './party-lists';
import { createRandom } from './random';
import { planStaff } from './staff';
import type { DemoData } from './types';

export const BOUNDARY_VERSION_NAME = '2026年网格划分（初始版）';

export type GenerateOptions = { seed: number; now: Date };

export function generateDemoData(district: DistrictData, options: GenerateOptions): DemoData {
  const random = createRandom(options.seed);
  const layout = planGrids(district, random.fork('grids'));
  const buildings = planBuildings(layout, random.fork('buildings'));
  const staff = planStaff(layout, buildings, random.fork('staff'));
  const hotspots = planHotspots(layout, random.fork('hotspots'));
  const facilities = planFacilities(layout, buildings, hotspots, random.fork('facilities'));
  const organisation = planOrganisation(layout, buildings, facilities, options.now, random.fork('party'));
  const partyLists = planPartyLists(layout, buildings, options.now, random.fork('party-lists'));
  const cases = planCases({ layout, buildings, hotspots, staff, now: options.now }, random.fork('cases'));
  return {
    seed: options.seed,
    now: options.now,
    boundaryVersionName: BOUNDARY_VERSION_NAME,
    district: { code: district.district.code, name: district.district.name, outline: district.outline },
    departments: Object.entries(DEPARTMENTS).map(([code, d]) => ({ code, nameZh: d.zh, nameEn: d.en })),
    categories: CASE_CATEGORIES.map((code) => ({
      code,
      nameZh: CATEGORY_NAMES[code].zh,
      nameEn: CATEGORY_NAMES[code].en,
      departmentCode: CATEGORY_NAMES[code].department,
    })),
    grids: layout.grids,
    staff,
    facilities,
    buildings,
    cases,
    party: { ...organisation, ...partyLists },
  };
}
