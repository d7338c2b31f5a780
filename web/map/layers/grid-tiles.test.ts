import { describe, expect, it } from 'vitest';
import type { GridFeature } from '../../grids/grid-features';
import { BIGSCREEN_THEME } from '../../theme/theme';
import { TIER_OUTLINE_WIDTH_PIXELS } from './grid-tier-outline';
import {
  createGridTileLayer,
  gridsExtent,
  gridTileUrl,
  TILED_TIER_MIN_GRIDS,
  tierUsesTiles,
} from './grid-tiles';
import { DECK_BEFORE_LAYER_ID } from './layer-ids';

const scale = { breaks: [10, 20], colors: ['#000000', '#808080', '#ffffff'] };
type Fill = (f: { properties: { code: string } }) => number[];

describe('grid tile layer', () => {
  it('is used for a tier above the threshold only, and not before the count is known', () => {
    expect(tierUsesTiles(undefined)).toBe(false);
    expect(tierUsesTiles(138)).toBe(false);
    expect(tierUsesTiles(TILED_TIER_MIN_GRIDS)).toBe(false);
    expect(tierUsesTiles(50_000)).toBe(true);
  });

  it('reads the grid tiles of its level', () => {
    expect(gridTileUrl(3)).toBe('/api/tiles/grids/{z}/{x}/{y}.mvt?level=3');
    const layer = createGridTileLayer({ level: 3 });
    expect(layer.props.data).toBe(gridTileUrl(3));
    expect((layer.props as { beforeId?: string }).beforeId).toBe(DECK_BEFORE_LAYER_ID);
    expect(layer.props.pickable).toBe(false);
    // Offline: the MVT parser's worker comes with the app, not from a CDN (loaders.gl's default).
    const workerUrl = (layer.props.loadOptions as { mvt?: { workerUrl?: string } }).mvt?.workerUrl;
    expect(workerUrl).toMatch(/mvt-worker/);
    expect(workerUrl).not.toMatch(/^https?:/);
  });

  it('outlines like the GeoJSON tier and fills by metric value per grid code', () => {
    const outline = createGridTileLayer({ level: 3, widthScale: 2 });
    expect(outline.props.filled).toBe(false);
    expect(outline.props.getLineWidth).toBe(TIER_OUTLINE_WIDTH_PIXELS[3] * 2);
    const fill = createGridTileLayer({
      level: 3,
      widthScale: 0,
      choropleth: { values: new Map([['G-1', 25]]), scale, alpha: 100 },
    });
    expect(fill.id).not.toBe(outline.id);
    expect(fill.props.filled).toBe(true);
    expect(fill.props.stroked).toBe(false);
    const getFill = fill.props.getFillColor as unknown as Fill;
    expect(getFill({ properties: { code: 'G-1' } })).toEqual([255, 255, 255, 100]);
    expect(getFill({ properties: { code: 'G-2' } })).toEqual(BIGSCREEN_THEME.map.noData);
  });

  it('loads level 3 from z11 tiles within the grids when zoomed out further', () => {
    const square = (x: number, y: number): GridFeature =>
      ({
        type: 'Feature',
        properties: { code: `A${x}`, name: 'a', level: 1, parentCode: null },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [x, y],
              [x + 1, y],
              [x + 1, y + 1],
              [x, y + 1],
              [x, y],
            ],
          ],
        },
      }) as GridFeature;
    const extent = gridsExtent([square(113, 27), square(114, 28)]);
    expect(extent).toEqual([113, 27, 115, 29]);
    expect(gridsExtent([])).toBeUndefined();
    const finest = createGridTileLayer({ level: 3, extent });
    expect(finest.props.minZoom).toBe(11);
    expect(finest.props.extent).toEqual([113, 27, 115, 29]);
    expect(createGridTileLayer({ level: 1 }).props.minZoom).toBe(0);
  });
});
