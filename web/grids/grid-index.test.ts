import { describe, expect, it } from 'vitest';
import { createGridTiers } from '../../tests/web/grid-fixtures';
import { ancestorChain, createGridIndex, drillTarget, isWithin, level3Within } from './grid-index';

describe('grid index', () => {
  it('walks a level-3 grid up to its street, top first', () => {
    const index = createGridIndex(createGridTiers());
    expect(ancestorChain(index, 'A2b').map((g) => g.code)).toEqual(['A', 'A2', 'A2b']);
    expect(ancestorChain(index, 'nope')).toEqual([]);
  });

  it('stops at a parent that is not loaded', () => {
    const tiers = createGridTiers();
    const index = createGridIndex({ 3: tiers[3] ?? [] });
    expect(ancestorChain(index, 'A2b').map((g) => g.code)).toEqual(['A2b']);
  });

  it('knows which grids lie within another', () => {
    const index = createGridIndex(createGridTiers());
    expect(isWithin(index, 'A1a', 'A')).toBe(true);
    expect(isWithin(index, 'B1a', 'A')).toBe(false);
    expect([...level3Within(index, 'A2')].sort()).toEqual(['A2a', 'A2b']);
    expect([...level3Within(index, 'A1a')]).toEqual(['A1a']);
  });
});

describe('drillTarget', () => {
  const index = createGridIndex(createGridTiers());
  const target = (hit: string, focus: string | null) => drillTarget(index, hit, focus)?.code;

  it('opens the street from the district view', () => {
    expect(target('A2b', null)).toBe('A');
  });

  it('goes one tier down inside the focus', () => {
    expect(target('A2b', 'A')).toBe('A2');
    expect(target('A2b', 'A2')).toBe('A2b');
  });

  it('moves sideways outside the focus', () => {
    expect(target('B1a', 'A')).toBe('B');
    expect(target('A1a', 'A2')).toBe('A1');
  });

  it('stays on the lowest tier at a level-3 focus', () => {
    expect(target('A2b', 'A2b')).toBe('A2b');
    expect(target('A2a', 'A2b')).toBe('A2a');
  });
});
