import type { LayerSpecification, SourceSpecification, StyleSpecification } from 'maplibre-gl';
import { BASEMAP_COLORS } from '../theme/theme';
import type { BasemapCollection, District } from './basemap-data';
import { MAP_TEXT_FONT } from './fonts';
import { GRID_LABEL_SOURCE_ID, gridLabelLayers } from './grid-labels';

export type BasemapStyleOptions = {
  /** County and province outlines around the district. */
  basemap: BasemapCollection;
  district: District;
  /**
   * An intranet raster tile URL template (`https://tiles.example/{z}/{x}/{y}.png`), from
   * `/api/health` `basemapUrl`. `null` (default): the offline basemap only.
   */
  rasterTileUrl?: string | null;
  /** Attribution shown for the raster tiles. */
  rasterAttribution?: string;
};

export const BASEMAP_SOURCE_IDS = {
  boundaries: 'boundaries',
  district: 'district',
  raster: 'raster',
} as const;

function sources(options: BasemapStyleOptions): Record<string, SourceSpecification> {
  const result: Record<string, SourceSpecification> = {
    [BASEMAP_SOURCE_IDS.boundaries]: { type: 'geojson', data: options.basemap },
    [BASEMAP_SOURCE_IDS.district]: {
      type: 'geojson',
      data: {
        type: 'Feature',
        properties: { name: options.district.name },
        geometry: options.district.outline,
      },
    },
    [GRID_LABEL_SOURCE_ID]: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
  };
  if (options.rasterTileUrl) {
    result[BASEMAP_SOURCE_IDS.raster] = {
      type: 'raster',
      tiles: [options.rasterTileUrl],
      tileSize: 256,
      ...(options.rasterAttribution ? { attribution: options.rasterAttribution } : {}),
    };
  }
  return result;
}

function rasterLayers(options: BasemapStyleOptions): LayerSpecification[] {
  if (!options.rasterTileUrl) return [];
  // Darkened and desaturated so the grid data keeps the colour.
  return [
    {
      id: 'raster',
      type: 'raster',
      source: BASEMAP_SOURCE_IDS.raster,
      paint: { 'raster-saturation': -0.6, 'raster-brightness-max': 0.55, 'raster-opacity': 0.9 },
    },
  ];
}

function boundaryLayers(hasRaster: boolean): LayerSpecification[] {
  const src = BASEMAP_SOURCE_IDS.boundaries;
  const isCounty: ['==', ['get', 'kind'], string] = ['==', ['get', 'kind'], 'county'];
  const isProvince: ['==', ['get', 'kind'], string] = ['==', ['get', 'kind'], 'province'];
  const fills: LayerSpecification[] = hasRaster
    ? []
    : [
        {
          id: 'province-fill',
          type: 'fill',
          source: src,
          filter: isProvince,
          paint: { 'fill-color': BASEMAP_COLORS.provinceFill },
        },
        {
          id: 'county-fill',
          type: 'fill',
          source: src,
          filter: isCounty,
          paint: { 'fill-color': BASEMAP_COLORS.countyFill },
        },
      ];
  return [
    ...fills,
    {
      id: 'county-line',
      type: 'line',
      source: src,
      filter: isCounty,
      paint: { 'line-color': BASEMAP_COLORS.countyLine, 'line-width': 0.8, 'line-dasharray': [3, 2] },
    },
    {
      id: 'province-line',
      type: 'line',
      source: src,
      filter: isProvince,
      paint: { 'line-color': BASEMAP_COLORS.provinceLine, 'line-width': 1.6 },
    },
  ];
}

function districtLayers(hasRaster: boolean): LayerSpecification[] {
  const src = BASEMAP_SOURCE_IDS.district;
  return [
    ...(hasRaster
      ? []
      : [
          {
            id: 'district-fill',
            type: 'fill',
            source: src,
            paint: { 'fill-color': BASEMAP_COLORS.districtFill },
          } as const,
        ]),
    {
      id: 'district-glow',
      type: 'line',
      source: src,
      paint: {
        'line-color': BASEMAP_COLORS.districtGlow,
        'line-width': 9,
        'line-opacity': 0.12,
        'line-blur': 6,
      },
    },
    {
      id: 'district-line',
      type: 'line',
      source: src,
      paint: { 'line-color': BASEMAP_COLORS.districtLine, 'line-width': 1.4 },
    },
  ];
}

/** Names of the neighbouring counties; the district's own name would sit under its grids. */
function countyLabelLayer(districtName: string): LayerSpecification {
  return {
    id: 'county-label',
    type: 'symbol',
    source: BASEMAP_SOURCE_IDS.boundaries,
    filter: ['all', ['==', ['get', 'kind'], 'county'], ['!=', ['get', 'name'], districtName]],
    layout: {
      'text-field': ['get', 'name'],
      'text-font': MAP_TEXT_FONT,
      'text-size': ['interpolate', ['linear'], ['zoom'], 8, 12, 12, 15],
      'text-letter-spacing': 0.25,
      'text-padding': 8,
    },
    paint: {
      'text-color': BASEMAP_COLORS.countyLabel,
      'text-halo-color': BASEMAP_COLORS.labelHalo,
      'text-halo-width': 1.5,
    },
  };
}

/**
 * The map style: an offline basemap from boundary data (no `glyphs`, so MapLibre draws all text
 * locally in the shipped font), an optional intranet raster underlay, and empty grid label layers
 * that the map fills once the grids arrive. deck.gl layers go between the basemap and the labels.
 */
export function buildBasemapStyle(options: BasemapStyleOptions): StyleSpecification {
  const hasRaster = Boolean(options.rasterTileUrl);
  return {
    version: 8,
    name: 'GridSight basemap',
    sources: sources(options),
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': BASEMAP_COLORS.background } },
      ...rasterLayers(options),
      ...boundaryLayers(hasRaster),
      ...districtLayers(hasRaster),
      countyLabelLayer(options.district.name),
      ...gridLabelLayers(),
    ],
  };
}
