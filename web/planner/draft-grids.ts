import type { GridFeature } from '../grids/grid-features';
import { toMultiPolygonCoords } from './geometry';
import type { EditableGrid } from './vertex-index';

/** The `revision` the draft endpoint adds to each grid's properties (absent on published grids). */
export function revisionOf(properties: object): number | null {
  return 'revision' in properties && typeof properties.revision === 'number' ? properties.revision : null;
}

/** Draft grid features as the editor's grids; a feature without a revision cannot be edited. */
export function toEditableGrids(features: readonly GridFeature[]): EditableGrid[] {
  const grids: EditableGrid[] = [];
  for (const f of features) {
    const revision = revisionOf(f.properties);
    if (revision === null) continue;
    grids.push({
      code: f.properties.code,
      level: f.properties.level,
      parentCode: f.properties.parentCode,
      revision,
      coordinates: toMultiPolygonCoords(f.geometry),
    });
  }
  return grids;
}

/** A feature with its outline replaced by an edited (or dragged, not yet saved) one. */
export function withOutline(
  feature: GridFeature,
  coordinates: EditableGrid['coordinates'] | undefined,
): GridFeature {
  return coordinates ? { ...feature, geometry: { type: 'MultiPolygon', coordinates } } : feature;
}
