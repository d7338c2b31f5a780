import { describe, expect, it } from 'vitest';
import { BIGSCREEN_THEME } from '../../theme/theme';
import { createCasePulseLayer, PULSE_RING } from './case-pulse';
import { choroplethFillColor, createGridChoroplethLayer, GRID_CHOROPLETH_LAYER_ID } from './grid-choropleth';
import { createGridTierOutlineLayer, TIER_OUTLINE_WIDTH_PIXELS } from './grid-tier-outline';
import { DECK_BEFORE_LAYER_ID } from './layer-ids';

const scale = { breaks: [10, 20], colors: ['#000000', '#808080', '#ffffff'] };

describe('grid choropleth layer', () => {
  it('colours a grid by its class and unknown values with the no-data fill', () => {
    expect(choroplethFillColor(5, scale, 100)).toEqual([0, 0, 0, 100]);
    expect(choroplethFillColor(20, scale, 100)).toEqual([255, 255, 255, 100]);
    expect(choroplethFillColor(null, scale)).toEqual(BIGSCREEN_THEME.map.noData);
    expect(choroplethFillColor(undefined, scale)).toEqual(BIGSCREEN_THEME.map.noData);
  });

  it('is drawn under the labels and not pickable', () => {
    const layer = createGridChoroplethLayer({ features: [], values: new Map(), scale });
    expect(layer.id).toBe(GRID_CHOROPLETH_LAYER_ID);
    expect(layer.props.pickable).toBe(false);
    expect((layer.props as { beforeId?: string }).beforeId).toBe(DECK_BEFORE_LAYER_ID);
  });
});

describe('tier outline layer', () => {
  it('scales its width and keeps a distinct id per tier and suffix', () => {
    const layer = createGridTierOutlineLayer({ level: 2, features: [], widthScale: 2 });
    expect(layer.props.getLineWidth).toBe(TIER_OUTLINE_WIDTH_PIXELS[2] * 2);
    expect(layer.id).toBe('grid-tier-outline-2');
    expect(createGridTierOutlineLayer({ level: 1, features: [], idSuffix: '-tour' }).id).toBe(
      'grid-tier-outline-1-tour',
    );
  });
});

describe('case pulse layer', () => {
  it('sizes rings by the animation clock', () => {
    const pulse = { id: 1, code: 'C', lon: 113.8, lat: 27.6, bornMs: 0 };
    const layer = createCasePulseLayer({ pulses: [pulse], nowMs: PULSE_RING.periodMs / 2, sizeScale: 2 });
    const getRadius = layer.props.getRadius as (p: typeof pulse) => number;
    expect(getRadius(pulse)).toBeCloseTo(PULSE_RING.minRadiusPixels + PULSE_RING.maxRadiusPixels);
    expect(layer.props.radiusUnits).toBe('pixels');
  });
});
