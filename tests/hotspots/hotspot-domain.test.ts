import { describe, expect, it } from 'vitest';
import { mergeAnchorGroups, repeatLocationGroups } from '../../server/domain/hotspots/alert-groups';
import { binFeatures, dominantCategory, latticeOver } from '../../server/domain/hotspots/square-bins';
import { caseTileMode, isValidTile, MIN_POINT_ZOOM } from '../../server/domain/hotspots/tile-math';
import {
  lonLatToMercator,
  mercatorToLonLat,
  mercatorUnitsPerMetre,
} from '../../server/domain/hotspots/web-mercator';

describe('repeat-location anchor groups', () => {
  it('merges groups that share a case, keeps disjoint ones apart', () => {
    const merged = mergeAnchorGroups([
      { category: 'safety', caseIds: [1, 2, 3] },
      { category: 'safety', caseIds: [3, 4, 5] },
      { category: 'dispute', caseIds: [10, 11, 12] },
      { category: 'safety', caseIds: [2, 3] },
    ]);
    expect(merged).toEqual([
      { category: 'safety', caseIds: [1, 2, 3, 4, 5] },
      { category: 'dispute', caseIds: [10, 11, 12] },
    ]);
  });
  it('checks radius and window exactly inside a DBSCAN component', () => {
    const day = 86_400_000;
    const m = 1 / 111_320; // ~1 m of latitude
    const at = (id: number, metresNorth: number, days: number) => ({
      id,
      category: 'safety',
      component: 0,
      lon: 113.8,
      lat: 27.6 + metresNorth * m,
      reportedAtMs: days * day,
    });
    const params = { minCases: 3, radiusMetres: 50, windowDays: 30 };
    // 1-3 within 40 m of 1 and 20 days: an alert. 4 is 60 m from 1 (but 20 m from 3): not with anchor 1.
    const cases = [at(1, 0, 0), at(2, 20, 10), at(3, 40, 20), at(4, 60, 25), at(5, 0, 100)];
    expect(repeatLocationGroups(cases, params)).toEqual([{ category: 'safety', caseIds: [1, 2, 3, 4] }]);
    // Anchor 2 (day 10) holds 2, 3 (20 m, day 20) and 4 (40 m, day 25) within 15 days.
    expect(repeatLocationGroups(cases, { ...params, windowDays: 15 })).toEqual([
      { category: 'safety', caseIds: [2, 3, 4] },
    ]);
    expect(repeatLocationGroups(cases, { ...params, windowDays: 5 })).toEqual([]);
    // At 30 m every anchor reaches only its next neighbour (20 m): pairs, no alert.
    expect(repeatLocationGroups(cases, { ...params, radiusMetres: 30 })).toEqual([]);
  });
  it('returns nothing for no anchors', () => {
    expect(mergeAnchorGroups([])).toEqual([]);
  });
});

describe('square bins', () => {
  it('a lattice covers the bbox with whole bins', () => {
    const size = 250 * mercatorUnitsPerMetre(27.6);
    const l = latticeOver([113.8, 27.6, 113.9, 27.7], size);
    // 0.1° of longitude at 27.6°N ≈ 9.86 km ≈ 39.5 bins of 250 m → 40 or 41 columns.
    expect(l.columns).toBeGreaterThanOrEqual(40);
    expect(l.columns).toBeLessThanOrEqual(41);
    expect(l.rows).toBeGreaterThanOrEqual(44); // 0.1° of latitude ≈ 11.07 km ≈ 44.3 bins
    expect(l.rows).toBeLessThanOrEqual(46);
  });

  it('emits non-empty bins with counts, categories, dominant category and Gi*', () => {
    const l = { col0: 0, row0: 0, columns: 3, rows: 3, size: 1000 };
    const features = binFeatures(l, [
      { ix: 0, iy: 0, category: 'safety', count: 3 },
      { ix: 0, iy: 0, category: 'dispute', count: 1 },
      { ix: 1, iy: 0, category: 'dispute', count: 2 },
      { ix: 0, iy: 1, category: 'dispute', count: 2 },
      { ix: 1, iy: 1, category: 'policy', count: 1 },
    ]);
    expect(features.map((f) => f.properties.count).reduce((a, b) => a + b, 0)).toBe(9);
    const corner = features.find((f) => f.properties.bin === '0:0');
    expect(corner?.properties).toMatchObject({
      count: 4,
      categories: { safety: 3, dispute: 1 },
      dominantCategory: 'safety',
      giClass: 2,
    });
    expect(corner?.properties.giZ).toBeCloseTo(2.372, 3); // the lattice of gi-star.test.ts
    expect(corner?.geometry.coordinates[0]).toHaveLength(5);
  });

  it('dominant category ties go to the alphabetically first', () => {
    expect(dominantCategory({ safety: 2, dispute: 2 })).toBe('dispute');
    expect(dominantCategory({})).toBeNull();
  });
});

describe('web mercator and tiles', () => {
  it('round-trips lon/lat', () => {
    const [x, y] = lonLatToMercator(113.85, 27.65);
    const [lon, lat] = mercatorToLonLat(x, y);
    expect(lon).toBeCloseTo(113.85, 9);
    expect(lat).toBeCloseTo(27.65, 9);
    expect(x).toBeCloseTo(12673724.0268, 3); // PostGIS ST_Transform(…, 3857) gives the same
    expect(y).toBeCloseTo(3204918.0319, 3);
  });

  it.each([
    [{ z: 0, x: 0, y: 0 }, true],
    [{ z: 10, x: 1023, y: 1023 }, true],
    [{ z: 10, x: 1024, y: 0 }, false],
    [{ z: 23, x: 0, y: 0 }, false],
    [{ z: 1, x: -1, y: 0 }, false],
  ])('isValidTile(%o) = %s', (t, ok) => {
    expect(isValidTile(t)).toBe(ok);
  });

  it('serves points only from the threshold zoom and below the per-tile cap', () => {
    expect(caseTileMode(MIN_POINT_ZOOM - 1, 1)).toBe('bins');
    expect(caseTileMode(MIN_POINT_ZOOM, 100)).toBe('points');
    expect(caseTileMode(16, 1_000_000)).toBe('bins');
  });
});
