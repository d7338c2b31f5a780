import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { GridCollectionDto, GridPropertiesDto } from '../api/types';

export type GridLevel = 1 | 2 | 3;
export const GRID_LEVELS: readonly GridLevel[] = [1, 2, 3];

export type GridProperties = GridPropertiesDto;
export type GridGeometry = Polygon | MultiPolygon;
/** A grid as drawn on the map: a polygonal GeoJSON feature with the grid's properties. */
export type GridFeature = Feature<GridGeometry, GridProperties>;

/** Grid features of each tier, as loaded so far (a tier is absent until it arrives). */
export type GridTiers = Partial<Record<GridLevel, GridFeature[]>>;

function isPolygonal(geometry: { type: string; coordinates: unknown }): geometry is GridGeometry {
  return (
    (geometry.type === 'Polygon' || geometry.type === 'MultiPolygon') && Array.isArray(geometry.coordinates)
  );
}

/**
 * Narrows the API's grid collection to polygonal features. The server declares geometry loosely
 * (`{type, coordinates}`); a grid that is not a (Multi)Polygon cannot be drawn and is left out.
 */
export function toGridFeatures(collection: GridCollectionDto): GridFeature[] {
  const features: GridFeature[] = [];
  for (const f of collection.features) {
    if (isPolygonal(f.geometry)) {
      features.push({
        type: 'Feature',
        id: f.properties.code,
        geometry: f.geometry,
        properties: f.properties,
      });
    }
  }
  return features;
}
