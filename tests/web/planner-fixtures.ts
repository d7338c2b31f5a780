import type { LonLat } from '../../web/planner/geometry';
import type { EditableGrid } from '../../web/planner/vertex-index';

/** Two unit squares side by side sharing the edge x = 1, and a parent around both. */
export function createTwoSquares(): EditableGrid[] {
  const square = (x: number): LonLat[] => [
    [x, 0],
    [x + 1, 0],
    [x + 1, 1],
    [x, 1],
    [x, 0],
  ];
  return [
    { code: 'A', level: 3, parentCode: 'P', revision: 1, coordinates: [[square(0)]] },
    { code: 'B', level: 3, parentCode: 'P', revision: 4, coordinates: [[square(1)]] },
    {
      code: 'P',
      level: 2,
      parentCode: null,
      revision: 2,
      coordinates: [
        [
          [
            [0, 0],
            [2, 0],
            [2, 1],
            [0, 1],
            [0, 0],
          ],
        ],
      ],
    },
  ];
}
