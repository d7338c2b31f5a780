import type { GridFeature, GridLevel, GridTiers } from '../../web/grids/grid-features';

/** An axis-aligned square grid feature (lon/lat degrees), for tests that need no real data. */
export function createGridFeature(
  code: string,
  level: GridLevel,
  parentCode: string | null,
  [minX, minY, maxX, maxY]: [number, number, number, number],
  households = 400,
): GridFeature {
  return {
    type: 'Feature',
    id: code,
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [minX, minY],
          [maxX, minY],
          [maxX, maxY],
          [minX, maxY],
          [minX, minY],
        ],
      ],
    },
    properties: { code, name: `grid ${code}`, level, parentCode, households, population: households * 3 },
  };
}

/**
 * Two streets: A (two communities of two grids each) and B (one community, one grid).
 *
 *   A1a A2a | B1a
 *   A1b A2b |
 */
export function createGridTiers(): GridTiers {
  return {
    1: [createGridFeature('A', 1, null, [0, 0, 2, 2]), createGridFeature('B', 1, null, [2, 0, 3, 2])],
    2: [
      createGridFeature('A1', 2, 'A', [0, 0, 1, 2]),
      createGridFeature('A2', 2, 'A', [1, 0, 2, 2]),
      createGridFeature('B1', 2, 'B', [2, 0, 3, 2]),
    ],
    3: [
      createGridFeature('A1a', 3, 'A1', [0, 1, 1, 2], 300),
      createGridFeature('A1b', 3, 'A1', [0, 0, 1, 1], 350),
      createGridFeature('A2a', 3, 'A2', [1, 1, 2, 2], 420),
      createGridFeature('A2b', 3, 'A2', [1, 0, 2, 1], 480),
      createGridFeature('B1a', 3, 'B1', [2, 0, 3, 2], 510),
    ],
  };
}
