import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { describe, expect, it } from 'vitest';
import { encodeTile, polygonRings } from '../../server/tiles/encode';

describe('TypeScript MVT encoder', () => {
  it('writes points and polygons that @mapbox/vector-tile reads back', () => {
    const bytes = encodeTile([
      {
        name: 'cases',
        features: [
          { id: 7, type: 'point', point: [10, 20], properties: { category: 'safety', overdue: true } },
        ],
      },
      {
        name: 'grids',
        features: [
          {
            type: 'polygon',
            rings: polygonRings({
              type: 'Polygon',
              coordinates: [
                [
                  [0, 0],
                  [100, 0],
                  [100, 100],
                  [0, 100],
                  [0, 0],
                ],
              ],
            }),
            properties: { code: 'C1', parentCode: null },
          },
        ],
      },
    ]);
    const tile = new VectorTile(new PbfReader(bytes));
    const point = tile.layers.cases?.feature(0);
    expect(point?.id).toBe(7);
    expect(point?.properties).toEqual({ category: 'safety', overdue: true });
    expect(point?.loadGeometry()[0]?.[0]).toMatchObject({ x: 10, y: 20 });
    const grid = tile.layers.grids?.feature(0);
    expect(grid?.type).toBe(3);
    expect(grid?.properties).toEqual({ code: 'C1' }); // nulls are not encoded (ST_AsMVT agrees)
    expect(grid?.loadGeometry()[0]).toHaveLength(5);
  });

  it('an empty tile is zero bytes', () => {
    expect(encodeTile([{ name: 'cases', features: [] }])).toHaveLength(0);
  });
});
