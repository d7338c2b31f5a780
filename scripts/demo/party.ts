/**
 * The party organisation over the demo grids (党建引领, seeds 000/001/003): a 党工委 per street, a 社区党委
 * (or, in some communities, seed 001's 社区大党委) per community/village, a branch (or 网格工作组) in most
 * level-3 grids, building groups in some buildings, the 党员中心户 at the demo's party-household points,
 * members with their roles, and five-haves evidence — with realistic gaps so figures are not all 100 %.
 */
import type { MemberRole, UnitKind } from '../../server/domain/party/vocabulary';
import type { GridLayout } from './grid-plan';
import { personName } from './people';
import type { LonLat } from './planar';
import type { Random } from './random';
import type { DemoBuilding, DemoFacility, DemoGrid } from './types';

/** Share of level-3 grids with a grid-tier unit; the rest are the gaps the overlay must show. */
const BRANCH_SHARE = 0.88;
/** Share of communities organised after seed 001's 大党委 variant. */
const GRAND_COMMITTEE_SHARE = 0.2;
const EVIDENCE_SHARE = { funding: 0.8, volunteer: 0.75, coGovernance: 0.6 } as const;

export type DemoPartyUnit = {
  code: string;
  kind: UnitKind;
  name: string;
  parentCode: string | null;
  gridCode: string;
  /** The building a unit stands in, found by grid and exact location when loading. */
  building: { gridCode: string; location: LonLat } | null;
};
export type DemoPartyMember = { name: string; unitCode: string; roles: MemberRole[] };
export type DemoGridEvidence = {
  gridCode: string;
  fundingOn: string | null;
  volunteerOn: string | null;
  coGovernanceOn: string | null;
};
export type DemoOrganisation = {
  units: DemoPartyUnit[];
  members: DemoPartyMember[];
  evidence: DemoGridEvidence[];
};

type Builder = DemoOrganisation & { random: Random };

function addUnit(b: Builder, unit: DemoPartyUnit, roles: MemberRole[][]): DemoPartyUnit {
  b.units.push(unit);
  for (const r of roles) b.members.push({ name: personName(b.random), unitCode: unit.code, roles: r });
  return unit;
}

function dayBefore(now: Date, days: number): string {
  return new Date(now.getTime() - days * 86_400_000).toISOString().slice(0, 10);
}

const FOUR_OFFICERS: MemberRole[] = [
  'policy_publicist',
  'information_collector',
  'stability_mediator',
  'business_mentor',
];

/** A 社区党委/村党委 (or 大党委) with its 两委 members (the "2" of "234"). */
function communityUnit(b: Builder, l2: DemoGrid, streetCode: string): DemoPartyUnit {
  const grand = l2.kind === 'community' && b.random.chance(GRAND_COMMITTEE_SHARE);
  const committees = Array.from({ length: b.random.int(4, 6) }, (): MemberRole[] => ['two_committees']);
  return addUnit(
    b,
    {
      code: `PC-${l2.code}`,
      kind: grand ? 'community_grand_committee' : 'community_committee',
      name: grand ? `${l2.name}大党委` : `${l2.name}党委`,
      parentCode: streetCode,
      gridCode: l2.code,
      building: null,
    },
    [['secretary', 'two_committees'], ...committees],
  );
}

/** The grid-tier unit with its 三长 and 四员 ("3" and "4" of "234"). */
function gridUnit(b: Builder, l3: DemoGrid, parent: DemoPartyUnit, village: boolean): DemoPartyUnit {
  const grand = parent.kind === 'community_grand_committee';
  const heads: MemberRole[][] = village
    ? [['secretary', 'party_group_leader'], ['grid_head', 'villager_group_leader'], ['council_head']]
    : [['secretary', 'party_group_leader'], ['grid_head']];
  const officers = b.random
    .shuffle(FOUR_OFFICERS)
    .slice(0, b.random.int(2, 4))
    .map((r) => [r]);
  return addUnit(
    b,
    {
      code: `PB-${l3.code}`,
      kind: grand ? 'grid_work_group' : 'grid_branch',
      name: grand ? `${l3.name}网格工作组` : `${l3.name}党支部`,
      parentCode: parent.code,
      gridCode: l3.code,
      building: null,
    },
    [...heads, ...officers],
  );
}

/** Building groups in a few of the largest buildings; returns the unit code per building location. */
function buildingUnits(b: Builder, l3: DemoGrid, parent: DemoPartyUnit, buildings: DemoBuilding[]) {
  const grand = parent.kind === 'grid_work_group';
  const chosen = [...buildings].sort((x, y) => y.households - x.households).slice(0, b.random.int(0, 4));
  const byLocation = new Map<string, string>();
  chosen.forEach((bd, i) => {
    const unit = addUnit(
      b,
      {
        code: `PG-${l3.code}-${i + 1}`,
        kind: grand ? 'building_head_post' : 'building_group',
        name: grand ? `${bd.name}楼栋长` : `${bd.name}党小组`,
        parentCode: parent.code,
        gridCode: l3.code,
        building: { gridCode: l3.code, location: bd.location },
      },
      [['building_head', 'party_group_leader']],
    );
    byLocation.set(String(bd.location), unit.code);
  });
  return byLocation;
}

function evidence(b: Builder, l3: DemoGrid, now: Date): DemoGridEvidence {
  const on = (p: number) => (b.random.chance(p) ? dayBefore(now, b.random.int(30, 1000)) : null);
  return {
    gridCode: l3.code,
    fundingOn: on(EVIDENCE_SHARE.funding),
    volunteerOn: on(EVIDENCE_SHARE.volunteer),
    coGovernanceOn: on(EVIDENCE_SHARE.coGovernance),
  };
}

type GridInput = { buildings: DemoBuilding[]; households: DemoFacility[]; village: boolean };

function planGridOrganisation(
  b: Builder,
  l3: DemoGrid,
  community: DemoPartyUnit,
  input: GridInput,
  now: Date,
) {
  const village = input.village;
  const branch = b.random.chance(BRANCH_SHARE) ? gridUnit(b, l3, community, village) : null;
  const groups = branch ? buildingUnits(b, l3, branch, input.buildings) : new Map<string, string>();
  input.households.forEach((h, i) => {
    const parentCode = groups.get(String(h.location)) ?? branch?.code ?? community.code;
    addUnit(
      b,
      {
        code: `PH-${l3.code}-${i + 1}`,
        kind: 'member_household',
        name: h.name,
        parentCode,
        gridCode: l3.code,
        building: { gridCode: l3.code, location: h.location },
      },
      [['household_head']],
    );
  });
  b.evidence.push(evidence(b, l3, now));
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) out.set(key(item), [...(out.get(key(item)) ?? []), item]);
  return out;
}

export function planOrganisation(
  layout: GridLayout,
  buildings: readonly DemoBuilding[],
  facilities: readonly DemoFacility[],
  now: Date,
  random: Random,
): DemoOrganisation {
  const b: Builder = { units: [], members: [], evidence: [], random };
  const buildingsOf = groupBy(buildings, (x) => x.gridCode);
  const householdsOf = groupBy(
    facilities.filter((f) => f.kind === 'party_household'),
    (f) => f.gridCode,
  );
  for (const l1 of layout.level1) {
    const street = addUnit(
      b,
      {
        code: `PW-${l1.code}`,
        kind: 'street_committee',
        name: `${l1.name}党工委`,
        parentCode: null,
        gridCode: l1.code,
        building: null,
      },
      [['secretary']],
    );
    for (const l2 of layout.level2.filter((g) => g.parentCode === l1.code)) {
      const community = communityUnit(b, l2, street.code);
      for (const l3 of layout.level3.filter((g) => g.parentCode === l2.code)) {
        const input = {
          buildings: buildingsOf.get(l3.code) ?? [],
          households: householdsOf.get(l3.code) ?? [],
          village: l2.kind === 'village',
        };
        planGridOrganisation(b, l3, community, input, now);
      }
    }
  }
  return { units: b.units, members: b.members, evidence: b.evidence };
}
