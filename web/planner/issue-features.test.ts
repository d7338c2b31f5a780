import { describe, expect, it } from 'vitest';
import { isDrawableGeometry, issueFeatures } from './issue-features';

describe('issueFeatures', () => {
  it('keeps drawable geometries with their report index and skips the rest', () => {
    const features = issueFeatures([
      { geometry: null },
      {
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [0, 0],
              [1, 0],
              [1, 1],
              [0, 0],
            ],
          ],
        },
      },
      { geometry: { type: 'GeometryCollection' } },
    ]);
    expect(features).toHaveLength(1);
    expect(features[0]?.properties.index).toBe(1);
    expect(isDrawableGeometry({ type: 'Polygon' })).toBe(false);
  });
});
