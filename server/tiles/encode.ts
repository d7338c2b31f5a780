import { fromGeojsonVt, type VtFeature } from 'vt-pbf';
import { TILE_EXTENT } from '../domain/hotspots/tile-math';

/**
 * The TypeScript MVT encoder, used where the database cannot encode (PGlite). Input geometry is
 * already in tile pixels, clipped and oriented by SQL; this only writes protobuf via vt-pbf
 * (the encoder Mapbox's own geojson-vt pipeline uses).
 */
export type TileValue = string | number | boolean | null;

export type TileFeature =
  | { id?: number; type: 'point'; point: [number, number]; properties: Record<string, TileValue> }
  | { id?: number; type: 'polygon'; rings: [number, number][][]; properties: Record<string, TileValue> };

export type TileLayer = { name: string; features: TileFeature[] };

function toVt(f: TileFeature): VtFeature {
  const base = { tags: f.properties, ...(f.id === undefined ? {} : { id: f.id }) };
  return f.type === 'point'
    ? { ...base, type: 1, geometry: [f.point] }
    : { ...base, type: 3, geometry: f.rings };
}

/** MVT bytes; an empty array when no layer has a feature (ST_AsMVT answers the same). */
export function encodeTile(layers: readonly TileLayer[]): Uint8Array {
  const present = layers.filter((l) => l.features.length > 0);
  if (present.length === 0) return new Uint8Array();
  const vt: Record<string, { features: VtFeature[] }> = {};
  for (const l of present) vt[l.name] = { features: l.features.map(toVt) };
  return fromGeojsonVt(vt, { version: 2, extent: TILE_EXTENT });
}

type Position = [number, number];
type PolygonalGeoJson = { type: string; coordinates: unknown };

/** Polygon/MultiPolygon pixel GeoJSON → the flat ring list MVT wants (orientation marks holes). */
export function polygonRings(geometry: PolygonalGeoJson | null): Position[][] {
  if (!geometry) return [];
  if (geometry.type === 'Polygon') return geometry.coordinates as Position[][];
  if (geometry.type === 'MultiPolygon') return (geometry.coordinates as Position[][][]).flat();
  return [];
}
