import type { SourceRecord } from './csv-records';

type Feature = {
  type?: unknown;
  geometry?: { type?: unknown; coordinates?: unknown } | null;
  properties?: unknown;
};

/**
 * A GeoJSON FeatureCollection of Point features → records: the point becomes `lon`/`lat`, the
 * properties the other fields. A feature that is not a point keeps no location and is reported.
 */
export function* geojsonRecords(doc: unknown): Generator<SourceRecord> {
  const features = (doc as { type?: unknown; features?: unknown })?.features;
  if ((doc as { type?: unknown })?.type !== 'FeatureCollection' || !Array.isArray(features)) {
    throw new Error(
      'Not a GeoJSON FeatureCollection (expected {"type": "FeatureCollection", "features": [...]}).',
    );
  }
  for (const [i, f] of (features as Feature[]).entries()) {
    const props =
      f?.properties && typeof f.properties === 'object' ? (f.properties as Record<string, unknown>) : {};
    const record: Record<string, unknown> = { ...props };
    const coords = f?.geometry?.coordinates;
    if (f?.geometry?.type === 'Point' && Array.isArray(coords)) {
      record.lon = coords[0];
      record.lat = coords[1];
    } else {
      record.__geometry = String(f?.geometry?.type ?? 'none');
    }
    yield { row: i + 1, record };
  }
}
