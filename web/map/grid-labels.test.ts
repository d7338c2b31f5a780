import { describe, expect, it } from 'vitest';
import { createGridTiers } from '../../tests/web/grid-fixtures';
import { createGridIndex } from '../grids/grid-index';
import { GRID_LABEL_DEFAULTS, gridLabelCollection, gridLabelLayers, gridLabelRules } from './grid-labels';

describe('gridLabelCollection', () => {
  it('gives each grid one point inside it, tagged with its ancestors', () => {
    const tiers = createGridTiers();
    const index = createGridIndex(tiers);
    const labels = gridLabelCollection([...(tiers[1] ?? []), ...(tiers[3] ?? [])], index);
    expect(labels.features).toHaveLength(7);
    const a2b = labels.features.find((f) => f.properties.code === 'A2b');
    expect(a2b?.properties).toEqual({ code: 'A2b', name: 'grid A2b', level: 3, l1: 'A', l2: 'A2' });
    expect(a2b?.geometry.coordinates).toEqual([1.5, 0.5]);
    expect(labels.features.find((f) => f.properties.code === 'A')?.properties).toMatchObject({
      l1: 'A',
      l2: '',
    });
  });
});

describe('gridLabelRules', () => {
  const index = createGridIndex(createGridTiers());
  const props = (code: string) => index.get(code)?.properties ?? null;

  it('labels streets always and deeper tiers from a zoom on, with nothing in focus', () => {
    const rules = gridLabelRules(null);
    expect(rules[1]).toMatchObject({ visible: true, minzoom: 0 });
    expect(rules[2]).toMatchObject({ visible: true, minzoom: GRID_LABEL_DEFAULTS[2].minzoom });
    expect(rules[3]).toMatchObject({ visible: true, minzoom: GRID_LABEL_DEFAULTS[3].minzoom });
  });

  it("labels a street's communities at any zoom and only inside it", () => {
    const rules = gridLabelRules(props('A'));
    expect(rules[1].visible).toBe(false);
    expect(rules[2]).toEqual({
      visible: true,
      minzoom: 0,
      filter: ['all', ['==', ['get', 'level'], 2], ['==', ['get', 'l1'], 'A']],
    });
    expect(rules[3].filter).toEqual(['all', ['==', ['get', 'level'], 3], ['==', ['get', 'l1'], 'A']]);
  });

  it("labels a community's grids, and a grid's siblings", () => {
    const expected = ['all', ['==', ['get', 'level'], 3], ['==', ['get', 'l2'], 'A2']];
    expect(gridLabelRules(props('A2'))[3]).toEqual({ visible: true, minzoom: 0, filter: expected });
    expect(gridLabelRules(props('A2b'))[3].filter).toEqual(expected);
    expect(gridLabelRules(props('A2b'))[2].visible).toBe(false);
  });
});

describe('gridLabelLayers', () => {
  it('stacks level 3 lowest and level 1 on top', () => {
    expect(gridLabelLayers().map((l) => l.id)).toEqual(['grid-labels-3', 'grid-labels-2', 'grid-labels-1']);
  });
});
