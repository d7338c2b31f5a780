import type { MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { labelPoint } from './label-point';

describe('labelPoint', () => {
  it('puts a square label at its centre', () => {
    const square: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [2, 0],
          [2, 2],
          [0, 2],
          [0, 0],
        ],
      ],
    };
    const [x, y] = labelPoint(square) ?? [Number.NaN, Number.NaN];
    expect(x).toBeCloseTo(1);
    expect(y).toBeCloseTo(1);
  });

  it('uses the largest part of a multipolygon', () => {
    const geometry: MultiPolygon = {
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [10, 10],
            [10.1, 10],
            [10.1, 10.1],
            [10, 10],
          ],
        ],
        [
          [
            [0, 0],
            [4, 0],
            [4, 4],
            [0, 4],
            [0, 0],
          ],
        ],
      ],
    };
    expect(labelPoint(geometry)).toEqual([2, 2]);
  });

  it('keeps the label inside a U shape whose centroid falls in the gap', () => {
    // A "U": the centroid (2, ~1.6) lies in the notch between the arms.
    const u: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [4, 0],
          [4, 4],
          [3, 4],
          [3, 1],
          [1, 1],
          [1, 4],
          [0, 4],
          [0, 0],
        ],
      ],
    };
    const point = labelPoint(u);
    expect(point).not.toBeNull();
    const [x, y] = point as [number, number];
    const inLeftArm = x > 0 && x < 1;
    const inRightArm = x > 3 && x < 4;
    const inBase = y > 0 && y < 1;
    expect(inLeftArm || inRightArm || inBase).toBe(true);
  });

  it('returns null for a degenerate geometry', () => {
    expect(labelPoint({ type: 'Polygon', coordinates: [] })).toBeNull();
  });
});
