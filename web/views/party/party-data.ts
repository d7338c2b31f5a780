/** Pure shaping of the /api/party answers for the organisation layer and the grid panel. */
import type { PartyCoverage } from '../../map/layers/party-coverage';
import type { PartyPlace } from '../../map/layers/party-points';

/** What the coverage needs of a level-3 row of /api/party/grids. */
type TierRow = {
  code: string;
  organisation: { gridsWithBranch: number };
  checklist?: { items: readonly { present: boolean }[] } | undefined;
};

/** Level-3 grid code → has a branch, how many of the five haves are in place. */
export function coverageByGrid(rows: readonly TierRow[]): Map<string, PartyCoverage> {
  return new Map(
    rows.map((r) => [
      r.code,
      {
        hasBranch: r.organisation.gridsWithBranch > 0,
        haves: r.checklist?.items.filter((i) => i.present).length ?? 0,
      },
    ]),
  );
}

type PointRow = PartyPlace & { kind: string };

/** Splits /api/party/points into member households and stations (every other kind). */
export function splitPartyPoints(points: readonly PointRow[]): {
  households: PartyPlace[];
  stations: PartyPlace[];
} {
  const households: PartyPlace[] = [];
  const stations: PartyPlace[] = [];
  for (const p of points) (p.kind === 'member_household' ? households : stations).push(p);
  return { households, stations };
}

/** A member of a unit, with the role keys the panel translates. */
export type UnitMember = { id: number; name: string; roles: { role: string }[] };

/**
 * A unit of the organisation tree as the panel lists it. The typed client cannot follow the recursive
 * `children` (it arrives as JSON), so children are checked by `childUnits` as they are walked.
 */
export type ChainUnit = { id: number; kind: string; name: string; members: UnitMember[]; children: unknown };
export type ChainRow = { unit: ChainUnit; depth: number };

function isChainUnit(v: unknown): v is ChainUnit {
  if (typeof v !== 'object' || v === null) return false;
  const u = v as Record<string, unknown>;
  return (
    typeof u.id === 'number' &&
    typeof u.kind === 'string' &&
    typeof u.name === 'string' &&
    Array.isArray(u.members)
  );
}

export function childUnits(unit: ChainUnit): ChainUnit[] {
  return Array.isArray(unit.children) ? unit.children.filter(isChainUnit) : [];
}

/**
 * The chain above the grid and the grid's own units as one indented list, top-down (depth first):
 * 街道党工委 → 社区党委 → 网格党支部 → 楼栋党小组 → 党员中心户.
 */
export function organisationRows(above: readonly ChainUnit[], units: readonly ChainUnit[]): ChainRow[] {
  const rows: ChainRow[] = [];
  const walk = (nodes: readonly ChainUnit[], depth: number) => {
    for (const unit of nodes) {
      rows.push({ unit, depth });
      walk(childUnits(unit), depth + 1);
    }
  };
  // The chain above is a path per root; the grid's own units hang below its deepest link.
  let depth = 0;
  for (let level: readonly ChainUnit[] = above; level.length > 0; depth++) {
    for (const unit of level) rows.push({ unit, depth });
    level = level.flatMap(childUnits);
  }
  walk(units, depth);
  return rows;
}
