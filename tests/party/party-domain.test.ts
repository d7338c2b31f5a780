/** Pure rules of the party overlay: matching score, claim refusals, five haves, chain parents, month start. */
import { describe, expect, it } from 'vitest';
import { householdsPerMemberHousehold, localMonthStart } from '../../server/domain/party/coverage';
import { fiveHavesChecklist } from '../../server/domain/party/five-haves';
import { claimRefusal, matchScore } from '../../server/domain/party/matching';
import { isAllowedParent } from '../../server/domain/party/vocabulary';

const base = {
  needCategory: 'legal',
  resourceCategory: 'legal',
  distanceMetres: 0,
  serviceRadiusMetres: 1000,
  capacityLeft: 5,
};

describe('matching score (双向认领)', () => {
  it('is 1 at the resource with full capacity and falls linearly with distance', () => {
    expect(matchScore(base)).toBe(1);
    expect(matchScore({ ...base, distanceMetres: 500 })).toBeCloseTo(0.8 * 0.5 + 0.2, 12);
    expect(matchScore({ ...base, distanceMetres: 1000 })).toBeCloseTo(0.2, 12);
  });
  it('rewards capacity left, saturating at 5', () => {
    expect(matchScore({ ...base, capacityLeft: 1 })).toBeCloseTo(0.8 + 0.04, 12);
    expect(matchScore({ ...base, capacityLeft: 50 })).toBe(matchScore(base));
  });
  it('is 0 exactly when the claim would be refused, with the reason', () => {
    expect(claimRefusal({ ...base, resourceCategory: 'medical' })).toBe('category-mismatch');
    expect(claimRefusal({ ...base, distanceMetres: 1000.01 })).toBe('out-of-range');
    expect(claimRefusal({ ...base, capacityLeft: 0 })).toBe('no-capacity');
    expect(claimRefusal({ ...base, distanceMetres: 1000 })).toBeNull(); // the boundary is in reach
    expect(matchScore({ ...base, resourceCategory: 'medical' })).toBe(0);
    expect(matchScore({ ...base, distanceMetres: 2000 })).toBe(0);
  });
});

describe('five haves (五有)', () => {
  const all = {
    branch: true,
    position: true,
    fundingOn: '2026-01-01',
    volunteerOn: '2026-02-01',
    coGovernanceOn: '2026-03-01',
  };
  it('is complete when every item is in place, in the order of the source', () => {
    const c = fiveHavesChecklist(all);
    expect(c.complete).toBe(true);
    expect(c.missing).toEqual([]);
    expect(c.items.map((i) => i.zh)).toEqual(['有支部', '有阵地', '有经费', '有志愿服务', '有协商共治机制']);
  });
  it('lists the missing items', () => {
    const c = fiveHavesChecklist({ ...all, position: false, volunteerOn: null });
    expect(c.complete).toBe(false);
    expect(c.missing).toEqual(['position', 'volunteer']);
    expect(c.items[2]).toMatchObject({ item: 'funding', present: true, since: '2026-01-01' });
  });
});

describe('organisation chain and coverage formulas', () => {
  it('allows seed 000 and seed 001 chains, refuses skipped tiers', () => {
    expect(isAllowedParent('grid_branch', 'community_committee')).toBe(true);
    expect(isAllowedParent('grid_work_group', 'community_grand_committee')).toBe(true);
    expect(isAllowedParent('building_head_post', 'grid_work_group')).toBe(true);
    expect(isAllowedParent('member_household', 'building_group')).toBe(true);
    expect(isAllowedParent('building_group', 'street_committee')).toBe(false);
    expect(isAllowedParent('street_committee', null)).toBe(true);
    expect(isAllowedParent('grid_branch', null)).toBe(false);
  });
  it('households per member household is null without one', () => {
    expect(householdsPerMemberHousehold(600, 3)).toBe(200);
    expect(householdsPerMemberHousehold(600, 0)).toBeNull();
  });
  it('the local month starts at Beijing midnight of the 1st', () => {
    expect(localMonthStart(new Date('2026-11-20T00:00:00Z')).toISOString()).toBe('2026-10-31T16:00:00.000Z');
    expect(localMonthStart(new Date('2026-10-31T16:30:00Z')).toISOString()).toBe('2026-10-31T16:00:00.000Z');
    expect(localMonthStart(new Date('2026-10-31T15:30:00Z')).toISOString()).toBe('2026-09-30T16:00:00.000Z');
  });
});
