import { describe, expect, it } from 'vitest';
import { createGridTiers } from '../../../tests/web/grid-fixtures';
import type { ClassedScale } from '../../theme/ramp';
import { FILL_ALPHA, GRID_COLORS } from '../../theme/theme';
import { createGridFillLayer, gridFillColor } from './grid-fill';
import { createGridHighlightLayer, GRID_HIGHLIGHT_DEFAULTS } from './grid-highlight';
import { createGridOutlineLayer, GRID_OUTLINE_DEFAULTS } from './grid-outline';
import { DECK_BEFORE_LAYER_ID, GRID_LAYER_IDS } from './layer-ids';

const SCALE: ClassedScale = { breaks: [400], colors: ['#000000', '#ffffff'] };

describe('createGridOutlineLayer', () => {
  it('draws each upper tier with its default width and colour, under the labels', () => {
    const features = createGridTiers()[1] ?? [];
    const layer = createGridOutlineLayer({ level: 1, features });
    expect(layer.id).toBe(GRID_LAYER_IDS.outline1);
    expect(layer.props).toMatchObject({
      data: features,
      filled: false,
      stroked: true,
      pickable: false,
      lineWidthUnits: 'pixels',
      getLineWidth: GRID_OUTLINE_DEFAULTS[1].widthPixels,
      getLineColor: GRID_OUTLINE_DEFAULTS[1].color,
      beforeId: DECK_BEFORE_LAYER_ID,
    });
    expect(GRID_OUTLINE_DEFAULTS[1].widthPixels).toBeGreaterThan(GRID_OUTLINE_DEFAULTS[2].widthPixels);
  });

  it('takes style overrides', () => {
    const layer = createGridOutlineLayer({ level: 2, features: [], style: { widthPixels: 4 } });
    expect(layer.id).toBe(GRID_LAYER_IDS.outline2);
    expect(layer.props.getLineWidth).toBe(4);
    expect(layer.props.getLineColor).toEqual(GRID_OUTLINE_DEFAULTS[2].color);
  });
});

const level3 = createGridTiers()[3] ?? [];
function grid(code: string) {
  const found = level3.find((f) => f.properties.code === code);
  if (!found) throw new Error(`fixture has no ${code}`);
  return found;
}

describe('gridFillColor', () => {
  const low = grid('A1a').properties;
  const high = grid('B1a').properties;

  it('colours by households class', () => {
    expect(gridFillColor(low, SCALE, null)).toEqual([0, 0, 0, FILL_ALPHA.focused]);
    expect(gridFillColor(high, SCALE, null)).toEqual([255, 255, 255, FILL_ALPHA.focused]);
  });

  it('dims grids outside the focus', () => {
    const inside = new Set(['A1a']);
    expect(gridFillColor(low, SCALE, inside)[3]).toBe(FILL_ALPHA.focused);
    expect(gridFillColor(high, SCALE, inside)[3]).toBe(FILL_ALPHA.dimmed);
  });

  it('uses the no-data colour when households are unknown', () => {
    const color = gridFillColor({ ...low, households: Number.NaN }, SCALE, null);
    expect(color.slice(0, 3)).toEqual(GRID_COLORS.noData.slice(0, 3));
  });
});

describe('createGridFillLayer', () => {
  it('is the pickable level-3 layer, recoloured when the scale or focus changes', () => {
    const features = level3;
    const first = grid('A1a');
    const inside = new Set(['A1a']);
    const onClick = () => undefined;
    const layer = createGridFillLayer({ features, scale: SCALE, insideFocus: inside, onClick });
    expect(layer.id).toBe(GRID_LAYER_IDS.fill);
    expect(layer.props).toMatchObject({
      pickable: true,
      filled: true,
      beforeId: DECK_BEFORE_LAYER_ID,
      onClick,
    });
    expect(layer.props.updateTriggers).toEqual({ getFillColor: [SCALE, inside, null] });
    const getFill = layer.props.getFillColor as (f: (typeof features)[number]) => unknown;
    expect(getFill(first)).toEqual(gridFillColor(first.properties, SCALE, inside));
  });

  it('takes an overlay colour over the households colour, dimmed outside the focus', () => {
    const overlay = (p: { code: string }): [number, number, number, number] | null =>
      p.code === 'A1a' ? [200, 100, 50, 190] : null;
    const layer = createGridFillLayer({
      features: level3,
      scale: SCALE,
      insideFocus: new Set(['B1a']),
      fillColor: overlay,
    });
    const getFill = layer.props.getFillColor as unknown as (f: (typeof level3)[number]) => number[];
    expect(getFill(grid('A1a'))).toEqual([200, 100, 50, FILL_ALPHA.dimmed]);
    expect(gridFillColor(grid('A1a').properties, SCALE, null, overlay)).toEqual([200, 100, 50, 190]);
    expect(gridFillColor(grid('B1a').properties, SCALE, null, overlay)).toEqual(
      gridFillColor(grid('B1a').properties, SCALE, null),
    );
  });
});

describe('createGridHighlightLayer', () => {
  it('draws nothing without a feature, keeping its id', () => {
    const layer = createGridHighlightLayer({ kind: 'hover', feature: null });
    expect(layer.id).toBe(GRID_LAYER_IDS.hover);
    expect(layer.props.data).toEqual([]);
  });

  it('tints the hover target and only outlines the focus', () => {
    const feature = createGridTiers()[2]?.[0] ?? null;
    const hover = createGridHighlightLayer({ kind: 'hover', feature });
    const focus = createGridHighlightLayer({ kind: 'focus', feature });
    expect(hover.props).toMatchObject({
      data: [feature],
      filled: true,
      getLineColor: GRID_HIGHLIGHT_DEFAULTS.hover.lineColor,
    });
    expect(focus.props).toMatchObject({ id: GRID_LAYER_IDS.focus, filled: false });
  });
});
