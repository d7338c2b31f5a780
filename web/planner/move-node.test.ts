import { describe, expect, it } from 'vitest';
import { createTwoSquares } from '../../tests/web/planner-fixtures';
import type { LonLat } from './geometry';
import { applyChanges, moveNode, moveNodeInRing } from './move-node';

describe('moveNode', () => {
  it('moves a shared vertex in both neighbours and bends the parent edge it lies on', () => {
    const changes = moveNode(createTwoSquares(), [1, 1], [1.2, 0.9]);
    expect(Object.keys(changes)).toEqual(['A', 'B', 'P']);
    expect(changes.P?.[0]?.[0]).toContainEqual([1.2, 0.9]);
    expect(changes.A?.[0]?.[0]).toContainEqual([1.2, 0.9]);
    expect(changes.B?.[0]?.[0]?.[3]).toEqual([1.2, 0.9]);
  });

  it('moves the closing vertex with the first one', () => {
    const changes = moveNode(createTwoSquares(), [0, 0], [-0.1, 0]);
    const ring = changes.A?.[0]?.[0] ?? [];
    expect(ring[0]).toEqual([-0.1, 0]);
    expect(ring.at(-1)).toEqual([-0.1, 0]);
    expect(Object.keys(changes)).toEqual(['A', 'P']);
  });

  it('inserts the moved vertex into an edge that passes through the node (T-junction)', () => {
    const ring: LonLat[] = [
      [0, 0],
      [2, 0],
      [2, 1],
      [0, 1],
      [0, 0],
    ];
    expect(moveNodeInRing(ring, [1, 0], [1, -0.2])).toEqual([
      [0, 0],
      [1, -0.2],
      [2, 0],
      [2, 1],
      [0, 1],
      [0, 0],
    ]);
    expect(moveNodeInRing(ring, [5, 5], [6, 6])).toBeNull();
  });

  it('applies changes to the touched grids only', () => {
    const grids = createTwoSquares();
    const next = applyChanges(grids, { A: [] });
    expect(next[1]).toBe(grids[1]);
    expect(next[0]).not.toBe(grids[0]);
  });
});
