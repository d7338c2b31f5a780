import type { FeatureCollection, Point } from 'geojson';
import type { ExpressionSpecification, SymbolLayerSpecification } from 'maplibre-gl';
import type { GridFeature, GridLevel, GridProperties } from '../grids/grid-features';
import { ancestorAtLevel, type GridIndex } from '../grids/grid-index';
import { labelPoint } from '../grids/label-point';
import { BASEMAP_COLORS } from '../theme/theme';
import { MAP_TEXT_FONT } from './fonts';

export const GRID_LABEL_SOURCE_ID = 'grid-labels';

/** MapLibre label layer of each tier. Level 3 is lowest, so deck layers go beneath it. */
export const GRID_LABEL_LAYER_IDS: Record<GridLevel, string> = {
  1: 'grid-labels-1',
  2: 'grid-labels-2',
  3: 'grid-labels-3',
};

/** A label point with the codes of the grid's ancestors, so filters can select a subtree. */
export type GridLabelProperties = { code: string; name: string; level: GridLevel; l1: string; l2: string };

/** Text size (px) and the zoom from which a tier is labelled when nothing is in focus. */
export const GRID_LABEL_DEFAULTS: Record<GridLevel, { sizePixels: number; minzoom: number }> = {
  1: { sizePixels: 16, minzoom: 0 },
  2: { sizePixels: 12.5, minzoom: 13 },
  3: { sizePixels: 12, minzoom: 14.6 },
};

/** Label points of every loaded grid. */
export function gridLabelCollection(
  features: readonly GridFeature[],
  index: GridIndex,
): FeatureCollection<Point, GridLabelProperties> {
  const out: FeatureCollection<Point, GridLabelProperties> = { type: 'FeatureCollection', features: [] };
  for (const f of features) {
    const point = labelPoint(f.geometry);
    if (!point) continue;
    const { code, name, level } = f.properties;
    out.features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: point },
      properties: {
        code,
        name,
        level,
        l1: ancestorAtLevel(index, code, 1)?.code ?? '',
        l2: ancestorAtLevel(index, code, 2)?.code ?? '',
      },
    });
  }
  return out;
}

/** How one tier's label layer is shown for a given focus. */
export type GridLabelRule = { visible: boolean; minzoom: number; filter: ExpressionSpecification };

/** Matches no label (a hidden layer's filter). */
const NONE: ExpressionSpecification = ['==', ['get', 'level'], -1];

function byLevel(level: GridLevel, extra?: ExpressionSpecification): ExpressionSpecification {
  const levelFilter: ExpressionSpecification = ['==', ['get', 'level'], level];
  return extra ? ['all', levelFilter, extra] : levelFilter;
}

function within(key: 'l1' | 'l2', code: string): ExpressionSpecification {
  return ['==', ['get', key], code];
}

/**
 * Which labels are shown: with nothing in focus, streets always and deeper tiers from a zoom on;
 * with a grid in focus, its children always (a level-3 focus: itself and its siblings), its
 * grandchildren from a zoom on, and nothing outside it.
 */
export function gridLabelRules(focus: GridProperties | null): Record<GridLevel, GridLabelRule> {
  const d = GRID_LABEL_DEFAULTS;
  const hidden = (level: GridLevel): GridLabelRule => ({
    visible: false,
    minzoom: d[level].minzoom,
    filter: NONE,
  });
  if (!focus) {
    return {
      1: { visible: true, minzoom: d[1].minzoom, filter: byLevel(1) },
      2: { visible: true, minzoom: d[2].minzoom, filter: byLevel(2) },
      3: { visible: true, minzoom: d[3].minzoom, filter: byLevel(3) },
    };
  }
  if (focus.level === 1) {
    return {
      1: hidden(1),
      2: { visible: true, minzoom: 0, filter: byLevel(2, within('l1', focus.code)) },
      3: { visible: true, minzoom: d[3].minzoom, filter: byLevel(3, within('l1', focus.code)) },
    };
  }
  const community = focus.level === 2 ? focus.code : (focus.parentCode ?? '');
  return {
    1: hidden(1),
    2: hidden(2),
    3: { visible: true, minzoom: 0, filter: byLevel(3, within('l2', community)) },
  };
}

/** The three label layers, lowest tier first (drawn beneath the upper tiers' labels). */
export function gridLabelLayers(): SymbolLayerSpecification[] {
  return ([3, 2, 1] as const).map((level) => ({
    id: GRID_LABEL_LAYER_IDS[level],
    type: 'symbol',
    source: GRID_LABEL_SOURCE_ID,
    minzoom: GRID_LABEL_DEFAULTS[level].minzoom,
    filter: byLevel(level),
    layout: {
      'text-field': ['get', 'name'],
      'text-font': MAP_TEXT_FONT,
      'text-size': GRID_LABEL_DEFAULTS[level].sizePixels,
      'text-max-width': 8,
      'text-padding': 4,
      'symbol-sort-key': level,
      ...(level === 1 ? { 'text-letter-spacing': 0.08 } : {}),
    },
    paint: {
      'text-color': level === 3 ? BASEMAP_COLORS.gridLabelMuted : BASEMAP_COLORS.gridLabel,
      'text-halo-color': BASEMAP_COLORS.labelHalo,
      'text-halo-width': level === 1 ? 2 : 1.5,
      'text-halo-blur': 0.5,
    },
  }));
}
