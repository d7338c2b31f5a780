/**
 * Planar geometry in longitude/latitude degrees — the same plane PostGIS uses for geometry(…, 4326),
 * so "nearest seed" here is exactly "inside that seed's ST_VoronoiPolygons cell" there.
 */
export type LonLat = readonly [number, number];
export type Ring = readonly LonLat[];
/** GeoJSON MultiPolygon coordinates: polygons → rings → positions. */
export type MultiPolygonCoordinates = readonly (readonly Ring[])[];

export function distanceDegrees(a: LonLat, b: LonLat): number {
  // Not Math.hypot: this runs millions of times and hypot is several times slower in V8.
  const dx = a[0] - b[0];
  const dy = a[1] - b[1];
  return Math.sqrt(dx * dx + dy * dy);
}

function ringContains(ring: Ring, p: LonLat): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as LonLat;
    const [xj, yj] = ring[j] as LonLat;
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Even-odd rule over all rings: holes are rings inside a shell. */
export function multiPolygonContains(mp: MultiPolygonCoordinates, p: LonLat): boolean {
  let inside = false;
  for (const polygon of mp) for (const ring of polygon) if (ringContains(ring, p)) inside = !inside;
  return inside;
}

function segmentDistance(p: LonLat, a: LonLat, b: LonLat): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  const ex = p[0] - (a[0] + t * dx);
  const ey = p[1] - (a[1] + t * dy);
  return Math.sqrt(ex * ex + ey * ey);
}

export function boundaryDistanceDegrees(mp: MultiPolygonCoordinates, p: LonLat): number {
  let min = Number.POSITIVE_INFINITY;
  for (const polygon of mp) {
    for (const ring of polygon) {
      for (let i = 1; i < ring.length; i++) {
        min = Math.min(min, segmentDistance(p, ring[i - 1] as LonLat, ring[i] as LonLat));
      }
    }
  }
  return min;
}

export function bboxOf(mp: MultiPolygonCoordinates): [number, number, number, number] {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of mp) {
    for (const ring of polygon) {
      for (const [x, y] of ring) {
        box[0] = Math.min(box[0], x);
        box[1] = Math.min(box[1], y);
        box[2] = Math.max(box[2], x);
        box[3] = Math.max(box[3], y);
      }
    }
  }
  return box;
}

/** Degrees of longitude / latitude per metre at a latitude (spherical Earth; good to ~0.5 %). */
export function degreesPerMetre(latitude: number): { lon: number; lat: number } {
  const lat = 1 / 111_320;
  return { lon: lat / Math.cos((latitude * Math.PI) / 180), lat };
}
