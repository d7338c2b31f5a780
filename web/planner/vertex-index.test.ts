import { describe, expect, it } from 'vitest';
import { createTwoSquares } from '../../tests/web/planner-fixtures';
import type { LonLat } from './geometry';
import { buildVertexIndex, type EditableGrid, nodeKey, nodesOfGrid } from './vertex-index';

describe('buildVertexIndex', () => {
  it('makes one node of vertices shared by neighbours and by the parent', () => {
    const index = buildVertexIndex(createTwoSquares());
    expect(index.get(nodeKey([1, 0]))?.owners).toEqual(['A', 'B']);
    expect(index.get(nodeKey([0, 0]))?.owners).toEqual(['A', 'P']);
    expect(index.size).toBe(6);
  });

  it('treats vertices within epsilon as the same node', () => {
    const [a, b] = createTwoSquares();
    if (!a || !b) throw new Error('fixture');
    const shifted = {
      ...b,
      coordinates: [[b.coordinates[0]?.[0]?.map(([x, y]) => [x + 1e-9, y] as LonLat) ?? []]],
    };
    expect(buildVertexIndex([a, shifted]).get(nodeKey([1, 1]))?.owners).toEqual(['A', 'B']);
  });

  it('lists the handles of one grid once each, without the closing vertex', () => {
    const grids = createTwoSquares();
    const index = buildVertexIndex(grids);
    const a = grids[0] as EditableGrid;
    expect(nodesOfGrid(index, a).map((n) => n.position)).toEqual([
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
    ]);
  });
});
