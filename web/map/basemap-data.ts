import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';

export type BasemapKind = 'county' | 'province';
export type BasemapProperties = { name: string; gb: string; kind: BasemapKind };
export type BasemapFeature = Feature<Polygon | MultiPolygon, BasemapProperties>;
export type BasemapCollection = FeatureCollection<Polygon | MultiPolygon, BasemapProperties>;

/** The district GridSight covers: its name and outline. */
export type District = { name: string; outline: Polygon | MultiPolygon };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPolygonal(value: unknown): value is Polygon | MultiPolygon {
  return (
    isRecord(value) &&
    (value.type === 'Polygon' || value.type === 'MultiPolygon') &&
    Array.isArray(value.coordinates)
  );
}

/**
 * Checks data/basemap.json (county and province outlines from an npm boundary package) and keeps
 * the features that can be drawn. Throws on a file that is not a FeatureCollection at all.
 */
export function parseBasemap(json: unknown): BasemapCollection {
  if (!isRecord(json) || json.type !== 'FeatureCollection' || !Array.isArray(json.features)) {
    throw new Error('basemap: expected a GeoJSON FeatureCollection');
  }
  const features: BasemapFeature[] = [];
  for (const f of json.features as unknown[]) {
    if (!isRecord(f) || !isPolygonal(f.geometry) || !isRecord(f.properties)) continue;
    const { name, gb, kind } = f.properties;
    if (typeof name !== 'string') continue;
    features.push({
      type: 'Feature',
      geometry: f.geometry,
      properties: {
        name,
        gb: typeof gb === 'string' ? gb : '',
        kind: kind === 'province' ? 'province' : 'county',
      },
    });
  }
  return { type: 'FeatureCollection', features };
}

/**
 * Checks data/district.json: `{ district: {name}, outline: (Multi)Polygon }`. A GeoJSON Feature
 * with a `name` property is accepted too.
 */
export function parseDistrict(json: unknown): District {
  if (
    isRecord(json) &&
    isRecord(json.district) &&
    typeof json.district.name === 'string' &&
    isPolygonal(json.outline)
  ) {
    return { name: json.district.name, outline: json.outline };
  }
  if (isRecord(json) && json.type === 'Feature' && isPolygonal(json.geometry) && isRecord(json.properties)) {
    const name = json.properties.name;
    if (typeof name === 'string') return { name, outline: json.geometry };
  }
  throw new Error('district: expected { district: {name}, outline } or a GeoJSON Feature');
}

/** [minLon, minLat, maxLon, maxLat] of a (Multi)Polygon. */
export function geometryBbox(geometry: Polygon | MultiPolygon): [number, number, number, number] {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (const [x, y] of ring as [number, number][]) {
        minX = Math.min(minX, x);
        minY = Math.min(minY, y);
        maxX = Math.max(maxX, x);
        maxY = Math.max(maxY, y);
      }
    }
  }
  return [minX, minY, maxX, maxY];
}
