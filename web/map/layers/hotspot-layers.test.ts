import { describe, expect, it } from 'vitest';
import type { HotspotBinFeature } from '../../api/hotspots';
import { HOTSPOT_COLORS, hexToRgba } from '../../theme/theme';
import { createSelectedCaseLayer } from './case-points';
import { drillGridFill } from './drill-grids';
import { binFillColor, createHotspotBinsLayer, GI_CLASSES, giClassColor } from './hotspot-bins';

function createBin(overrides: Partial<HotspotBinFeature['properties']> = {}): HotspotBinFeature {
  return {
    type: 'Feature',
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
    properties: {
      bin: '0:0',
      count: 3,
      categories: { dispute: 3 },
      dominantCategory: 'dispute',
      giZ: 2.1,
      giClass: 2,
      ...overrides,
    },
  };
}

const COUNT_SCALE = { breaks: [2, 5], colors: ['#000000', '#808080', '#ffffff'] };

describe('hotspot layers', () => {
  it('colours hot classes red and cold classes blue, darker with confidence (RdBu)', () => {
    expect(giClassColor(3)).toEqual(hexToRgba('#b2182b', HOTSPOT_COLORS.binAlpha.significant));
    expect(giClassColor(-3)).toEqual(hexToRgba('#2166ac', HOTSPOT_COLORS.binAlpha.significant));
    const [r3, , b3] = giClassColor(3);
    const [r1, , b1] = giClassColor(1);
    expect(r3).toBeLessThan(r1 + 1);
    expect(b3).toBeLessThan(b1);
  });

  it('gives every class its own colour and fades the insignificant one', () => {
    const colors = GI_CLASSES.map((c) => giClassColor(c).join(','));
    expect(new Set(colors).size).toBe(GI_CLASSES.length);
    expect(giClassColor(0)[3]).toBe(HOTSPOT_COLORS.binAlpha.insignificant);
  });

  it('colours by count class in count mode', () => {
    expect(binFillColor(createBin({ count: 1 }).properties, 'count', COUNT_SCALE).slice(0, 3)).toEqual([
      0, 0, 0,
    ]);
    expect(binFillColor(createBin({ count: 9 }).properties, 'count', COUNT_SCALE).slice(0, 3)).toEqual([
      255, 255, 255,
    ]);
  });

  it('hides empty bins in count mode but keeps significant cold ones in Gi* mode', () => {
    const bins = [createBin(), createBin({ bin: '1:0', count: 0, giClass: -2 })];
    expect(
      createHotspotBinsLayer({ features: bins, mode: 'count', countScale: COUNT_SCALE }).props.data,
    ).toHaveLength(1);
    expect(createHotspotBinsLayer({ features: bins, countScale: COUNT_SCALE }).props.data).toHaveLength(2);
  });

  it('shades grids outside the focus', () => {
    expect(drillGridFill('A', null)).toEqual(HOTSPOT_COLORS.drillFill);
    expect(drillGridFill('B', new Set(['A']))).toEqual(HOTSPOT_COLORS.drillDimmed);
  });

  it('marks no case when none is selected', () => {
    expect(createSelectedCaseLayer({ selected: null }).props.data).toEqual([]);
    expect(createSelectedCaseLayer({ selected: { id: 1, lon: 1, lat: 2 } }).props.data).toHaveLength(1);
  });
});
