import { describe, expect, it } from 'vitest';
import type { GridFeature } from '../../grids/grid-features';
import { hexToRgba, PARTY_COLORS } from '../../theme/theme';
import {
  createPartyCoverageLayer,
  PARTY_COVERAGE_CLASSES,
  partyCoverageClass,
  partyCoverageClassColor,
  partyCoverageColor,
} from './party-coverage';
import { createMemberHouseholdLayer, type PartyPlace } from './party-points';
import { createStationLayers } from './party-stations';

function createPlace(id: number, location: [number, number] = [113.85, 27.62]): PartyPlace {
  return { id, name: `place ${id}`, location };
}

function createGrid(code: string): GridFeature {
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
    properties: { code, name: code, level: 3, parentCode: 'P', households: 300, population: 900 },
  } as GridFeature;
}

describe('party layers', () => {
  it('classes a grid by its five haves; a grid without a branch stands apart', () => {
    expect(partyCoverageClass({ hasBranch: false, haves: 3 })).toBe('noBranch');
    expect(partyCoverageClass({ hasBranch: true, haves: 5 })).toBe(5);
    expect(partyCoverageClass({ hasBranch: true, haves: 0 })).toBe(1);
    const colors = PARTY_COVERAGE_CLASSES.map(partyCoverageClassColor);
    expect(new Set(colors).size).toBe(PARTY_COVERAGE_CLASSES.length);
  });

  it('fills a grid by its class, and leaves unknown grids to the caller', () => {
    expect(partyCoverageColor({ hasBranch: true, haves: 5 }, 100)).toEqual(
      hexToRgba(PARTY_COLORS.fiveHavesRamp[4] as string, 100),
    );
    expect(partyCoverageColor(undefined)).toBeNull();
    const noData = hexToRgba('#000000', 50);
    const layer = createPartyCoverageLayer({
      features: [createGrid('A'), createGrid('B')],
      coverage: new Map([['A', { hasBranch: false, haves: 2 }]]),
      noDataColor: noData,
    });
    const fill = layer.props.getFillColor as unknown as (f: GridFeature) => number[];
    expect(fill(createGrid('A'))).toEqual(hexToRgba(PARTY_COLORS.noBranch, PARTY_COLORS.fillAlpha));
    expect(fill(createGrid('B'))).toEqual(noData);
    expect(layer.props.pickable).toBe(false);
  });

  it('draws the stations with a walking radius in metres and a marker in pixels', () => {
    const [radius, marker] = createStationLayers({ stations: [createPlace(1)], radiusMetres: 500 });
    expect(radius.props.radiusUnits).toBe('meters');
    expect(radius.props.getRadius).toBe(500);
    expect(marker.props.radiusUnits).toBe('pixels');
    expect(
      (marker.props.getPosition as unknown as (p: PartyPlace) => number[])(createPlace(2, [1, 2])),
    ).toEqual([1, 2]);
  });

  it('draws member households as pixel-sized dots', () => {
    const layer = createMemberHouseholdLayer({ households: [createPlace(1)], radiusPixels: 6 });
    expect(layer.props.radiusUnits).toBe('pixels');
    expect(layer.props.getRadius).toBe(6);
    expect(layer.props.data).toHaveLength(1);
  });
});
