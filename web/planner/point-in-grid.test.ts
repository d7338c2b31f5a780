import { describe, expect, it } from 'vitest';
import { createTwoSquares } from '../../tests/web/planner-fixtures';
import { gridAt, pointInOutline } from './point-in-grid';

describe('gridAt', () => {
  it('finds the grid under a point, and none outside', () => {
    const level3 = createTwoSquares().filter((g) => g.level === 3);
    expect(gridAt([0.5, 0.5], level3)).toBe('A');
    expect(gridAt([1.5, 0.5], level3)).toBe('B');
    expect(gridAt([3, 3], level3)).toBeNull();
  });

  it('leaves holes out', () => {
    const outer: [number, number][] = [
      [0, 0],
      [4, 0],
      [4, 4],
      [0, 4],
      [0, 0],
    ];
    const hole: [number, number][] = [
      [1, 1],
      [3, 1],
      [3, 3],
      [1, 3],
      [1, 1],
    ];
    expect(pointInOutline([2, 2], [[outer, hole]])).toBe(false);
    expect(pointInOutline([0.5, 0.5], [[outer, hole]])).toBe(true);
  });
});
