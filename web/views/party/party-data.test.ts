import { describe, expect, it } from 'vitest';
import { type ChainUnit, coverageByGrid, organisationRows, splitPartyPoints } from './party-data';

function createUnit(id: number, kind: string, children: ChainUnit[] = []): ChainUnit {
  return { id, kind, name: `${kind} ${id}`, members: [], children };
}

describe('party data', () => {
  it('counts the five haves in place per grid, and whether it has a branch', () => {
    const present = (...flags: boolean[]) => ({ items: flags.map((p) => ({ present: p })) });
    const coverage = coverageByGrid([
      { code: 'A', organisation: { gridsWithBranch: 1 }, checklist: present(true, true, false, true, false) },
      { code: 'B', organisation: { gridsWithBranch: 0 }, checklist: present(false, true, true, true, true) },
      { code: 'C', organisation: { gridsWithBranch: 0 } },
    ]);
    expect(coverage.get('A')).toEqual({ hasBranch: true, haves: 3 });
    expect(coverage.get('B')).toEqual({ hasBranch: false, haves: 4 });
    expect(coverage.get('C')).toEqual({ hasBranch: false, haves: 0 });
  });

  it('splits member households from stations', () => {
    const at = (id: number, kind: string) => ({ id, kind, name: '', location: [0, 0] as [number, number] });
    const { households, stations } = splitPartyPoints([
      at(1, 'member_household'),
      at(2, 'station'),
      at(3, 'service_center'),
    ]);
    expect(households.map((p) => p.id)).toEqual([1]);
    expect(stations.map((p) => p.id)).toEqual([2, 3]);
  });

  it('lists the chain above, then the grid units indented below it', () => {
    const above = [createUnit(1, 'street_committee', [createUnit(2, 'community_committee')])];
    const units = [
      createUnit(3, 'grid_branch', [createUnit(4, 'building_group'), createUnit(5, 'member_household')]),
    ];
    expect(organisationRows(above, units).map((r) => [r.unit.id, r.depth])).toEqual([
      [1, 0],
      [2, 1],
      [3, 2],
      [4, 3],
      [5, 3],
    ]);
    expect(organisationRows([], units).map((r) => r.depth)).toEqual([0, 1, 1]);
  });
});
