import type { Feature, Geometry } from 'geojson';

const GEOMETRY_TYPES = new Set([
  'Point',
  'MultiPoint',
  'LineString',
  'MultiLineString',
  'Polygon',
  'MultiPolygon',
]);

/** A validation issue's loosely typed geometry, narrowed to GeoJSON we can draw (collections left out). */
export function isDrawableGeometry(g: { type: string; coordinates?: unknown } | null): g is Geometry {
  return g !== null && GEOMETRY_TYPES.has(g.type) && Array.isArray(g.coordinates);
}

/** The issues that carry a drawable geometry, each tagged with its index in the report. */
export function issueFeatures(
  issues: readonly { geometry: { type: string; coordinates?: unknown } | null }[],
): Feature<Geometry, { index: number }>[] {
  const out: Feature<Geometry, { index: number }>[] = [];
  issues.forEach((issue, index) => {
    if (isDrawableGeometry(issue.geometry))
      out.push({ type: 'Feature', geometry: issue.geometry, properties: { index } });
  });
  return out;
}
