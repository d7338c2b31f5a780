import { describe, expect, it } from 'vitest';
import { createBasemap, createDistrict } from '../../tests/web/basemap-fixtures';
import { BASEMAP_SOURCE_IDS, buildBasemapStyle } from './basemap-style';
import { MAP_FONT_FAMILY } from './fonts';
import { GRID_LABEL_LAYER_IDS, GRID_LABEL_SOURCE_ID } from './grid-labels';
import { DECK_BEFORE_LAYER_ID } from './layers/layer-ids';

const build = (rasterTileUrl: string | null = null) =>
  buildBasemapStyle({ basemap: createBasemap(), district: createDistrict(), rasterTileUrl });

describe('buildBasemapStyle', () => {
  it('has no glyphs URL, so MapLibre draws all text locally', () => {
    const style = build();
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
  });

  it('draws every label in the shipped CJK font', () => {
    const symbols = build().layers.filter((l) => l.type === 'symbol');
    expect(symbols.length).toBeGreaterThanOrEqual(4);
    for (const layer of symbols) {
      expect(layer.layout?.['text-font']).toEqual([MAP_FONT_FAMILY]);
    }
  });

  it('references no remote URL when offline', () => {
    expect(JSON.stringify(build())).not.toMatch(/https?:\/\//);
  });

  it('draws background, county lines, district outline and county labels, with grid labels on top', () => {
    const ids = build().layers.map((l) => l.id);
    expect(ids[0]).toBe('background');
    for (const id of ['county-line', 'province-line', 'district-line', 'county-label'])
      expect(ids).toContain(id);
    // deck.gl layers go before the lowest grid label layer; all grid labels come after the basemap.
    expect(ids.indexOf(DECK_BEFORE_LAYER_ID)).toBeGreaterThan(ids.indexOf('county-label'));
    expect(ids.slice(-3)).toEqual([
      GRID_LABEL_LAYER_IDS[3],
      GRID_LABEL_LAYER_IDS[2],
      GRID_LABEL_LAYER_IDS[1],
    ]);
  });

  it('carries the boundary data and an empty grid label source', () => {
    const { sources } = build();
    expect(sources[BASEMAP_SOURCE_IDS.boundaries]).toMatchObject({ type: 'geojson', data: createBasemap() });
    expect(sources[BASEMAP_SOURCE_IDS.district]).toMatchObject({
      data: { type: 'Feature', properties: { name: '安源区' } },
    });
    expect(sources[GRID_LABEL_SOURCE_ID]).toEqual({
      type: 'geojson',
      data: { type: 'FeatureCollection', features: [] },
    });
  });

  it("labels the neighbouring counties, not the district's own", () => {
    const label = build().layers.find((l) => l.id === 'county-label');
    expect(label && 'filter' in label ? label.filter : undefined).toEqual([
      'all',
      ['==', ['get', 'kind'], 'county'],
      ['!=', ['get', 'name'], '安源区'],
    ]);
  });

  it('adds an intranet raster underlay only when a tile URL is configured', () => {
    expect(build().sources[BASEMAP_SOURCE_IDS.raster]).toBeUndefined();
    const style = build('http://tiles.intranet/{z}/{x}/{y}.png');
    expect(style.sources[BASEMAP_SOURCE_IDS.raster]).toMatchObject({
      type: 'raster',
      tiles: ['http://tiles.intranet/{z}/{x}/{y}.png'],
    });
    const ids = style.layers.map((l) => l.id);
    expect(ids.indexOf('raster')).toBe(1);
    // Opaque fills would hide the tiles.
    expect(ids).not.toContain('county-fill');
    expect(ids).not.toContain('district-fill');
  });
});
