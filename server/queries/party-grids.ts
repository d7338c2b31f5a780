/** Assembles the party figures (party-figures.ts) into the responses of /api/party/grids and /overview. */
import type { Db } from '../db/db';
import { householdsPerMemberHousehold, localMonthStart, rate } from '../domain/party/coverage';
import { type FiveHavesChecklist, fiveHavesChecklist } from '../domain/party/five-haves';
import { WALKING_DISTANCE_METRES } from '../domain/party/vocabulary';
import type { GridLevel } from './grids';
import {
  type FigureGrouping,
  type InServiceRow,
  inServiceFigures,
  type NeedsRow,
  needsFigures,
  type OrganisationRow,
  organisationFigures,
  tierGrids,
} from './party-figures';
import type { ScopeGrid } from './stats-scope';

export type PartyFigures = {
  organisation: {
    grids: number;
    gridsWithBranch: number;
    /** 有支部 share of level-3 grids (网格党支部 or 网格工作组). */
    branchCoverage: number | null;
    buildings: number;
    buildingsCovered: number;
    /** Buildings with a 楼栋党小组/楼栋长 or a 党员中心户, over all buildings. */
    buildingCoverage: number | null;
    memberHouseholds: number;
    householdsPerMemberHousehold: number | null;
  };
  stations: {
    radiusMetres: number;
    buildingsNearStation: number;
    buildingShare: number | null;
    householdsNearStation: number;
    buildingHouseholds: number;
    householdShare: number | null;
  };
  fiveHaves: {
    grids: number;
    complete: number;
    completion: number | null;
    /** Level-3 grids with each item in place. */
    present: { branch: number; position: number; funding: number; volunteer: number; coGovernance: number };
  };
  inService: {
    registeredMembers: number;
    activeMembers: number;
    activeShare: number | null;
    hoursThisMonth: number;
  };
  needs: { needs: number; claimed: number; unclaimed: number; claimedShare: number | null; projects: number };
};

const EMPTY_ORG = (code: string): OrganisationRow => ({
  code,
  grids: 0,
  households: 0,
  gridsWithBranch: 0,
  memberHouseholds: 0,
  buildings: 0,
  buildingsCovered: 0,
  buildingHouseholds: 0,
  buildingsNearStation: 0,
  householdsNearStation: 0,
  fiveHavesComplete: 0,
  withBranch: 0,
  withPosition: 0,
  withFunding: 0,
  withVolunteer: 0,
  withCoGovernance: 0,
  fundingOn: null,
  volunteerOn: null,
  coGovernanceOn: null,
});

function organisationPart(o: OrganisationRow): Pick<PartyFigures, 'organisation' | 'stations' | 'fiveHaves'> {
  return {
    organisation: {
      grids: o.grids,
      gridsWithBranch: o.gridsWithBranch,
      branchCoverage: rate(o.gridsWithBranch, o.grids),
      buildings: o.buildings,
      buildingsCovered: o.buildingsCovered,
      buildingCoverage: rate(o.buildingsCovered, o.buildings),
      memberHouseholds: o.memberHouseholds,
      householdsPerMemberHousehold: householdsPerMemberHousehold(o.households, o.memberHouseholds),
    },
    stations: {
      radiusMetres: WALKING_DISTANCE_METRES,
      buildingsNearStation: o.buildingsNearStation,
      buildingShare: rate(o.buildingsNearStation, o.buildings),
      householdsNearStation: o.householdsNearStation,
      buildingHouseholds: o.buildingHouseholds,
      householdShare: rate(o.householdsNearStation, o.buildingHouseholds),
    },
    fiveHaves: {
      grids: o.grids,
      complete: o.fiveHavesComplete,
      completion: rate(o.fiveHavesComplete, o.grids),
      present: {
        branch: o.withBranch,
        position: o.withPosition,
        funding: o.withFunding,
        volunteer: o.withVolunteer,
        coGovernance: o.withCoGovernance,
      },
    },
  };
}

function figures(o: OrganisationRow, s: InServiceRow | undefined, n: NeedsRow | undefined): PartyFigures {
  const registered = s?.registeredMembers ?? 0;
  const active = s?.activeMembers ?? 0;
  const needs = n?.needs ?? 0;
  const claimed = n?.claimed ?? 0;
  return {
    ...organisationPart(o),
    inService: {
      registeredMembers: registered,
      activeMembers: active,
      activeShare: rate(active, registered),
      hoursThisMonth: s?.hoursThisMonth ?? 0,
    },
    needs: {
      needs,
      claimed,
      unclaimed: needs - claimed,
      claimedShare: rate(claimed, needs),
      projects: n?.projects ?? 0,
    },
  };
}

/** The level-3 checklist from the evidence row of that one grid. */
function checklist(o: OrganisationRow): FiveHavesChecklist {
  return fiveHavesChecklist({
    branch: o.withBranch > 0,
    position: o.withPosition > 0,
    fundingOn: o.fundingOn,
    volunteerOn: o.volunteerOn,
    coGovernanceOn: o.coGovernanceOn,
  });
}

async function groupedFigures(db: Db, grouping: FigureGrouping, scope: string | null, now: Date) {
  const [org, service, needs] = await Promise.all([
    organisationFigures(db, grouping, scope),
    inServiceFigures(db, grouping, scope, now),
    needsFigures(db, grouping, scope),
  ]);
  const byCode = <T extends { code: string }>(rows: T[]) => new Map(rows.map((r) => [r.code, r]));
  const orgOf = byCode(org);
  const serviceOf = byCode(service);
  const needsOf = byCode(needs);
  return (code: string) => ({
    org: orgOf.get(code) ?? EMPTY_ORG(code),
    figures: figures(orgOf.get(code) ?? EMPTY_ORG(code), serviceOf.get(code), needsOf.get(code)),
  });
}

export type PartyGridFigures = PartyFigures & {
  code: string;
  name: string;
  parentCode: string | null;
  households: number;
  /** Level 3 only: the five-haves checklist with the missing items. */
  checklist?: FiveHavesChecklist;
};

export type PartyTierFigures = {
  level: GridLevel;
  grid: ScopeGrid | null;
  asOf: string;
  monthStart: string;
  grids: PartyGridFigures[];
};

export async function getPartyTier(db: Db, level: GridLevel, grid: ScopeGrid | null, now: Date) {
  const [grids, of] = await Promise.all([
    tierGrids(db, level, grid?.code ?? null),
    groupedFigures(db, level, grid?.code ?? null, now),
  ]);
  const rows: PartyGridFigures[] = grids.map((g) => {
    const { org, figures: f } = of(g.code);
    return { ...g, ...f, ...(level === 3 ? { checklist: checklist(org) } : {}) };
  });
  const result: PartyTierFigures = {
    level,
    grid,
    asOf: now.toISOString(),
    monthStart: localMonthStart(now).toISOString(),
    grids: rows,
  };
  return result;
}

export type PartyOverview = PartyFigures & { grid: ScopeGrid | null; asOf: string; monthStart: string };

/** The scope's figures as one group: the big screen's 党建引领 KPI group. */
export async function getPartyOverview(db: Db, grid: ScopeGrid | null, now: Date): Promise<PartyOverview> {
  const of = await groupedFigures(db, 'scope', grid?.code ?? null, now);
  return {
    grid,
    asOf: now.toISOString(),
    monthStart: localMonthStart(now).toISOString(),
    ...of('*').figures,
  };
}
