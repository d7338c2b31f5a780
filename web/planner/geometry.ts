/** Longitude, latitude in WGS84 degrees. */
export type LonLat = [number, number];
/** A grid's outline as MultiPolygon coordinates: polygons → rings → positions (rings closed). */
export type MultiPolygonCoords = LonLat[][][];

/**
 * Two vertices closer than this are the same node. The server writes 9 decimals (~0.1 mm), so shared
 * vertices agree to ~1e-9°; 1e-7° (~1 cm) also absorbs rounding of points computed by a split.
 */
export const VERTEX_EPSILON_DEGREES = 1e-7;

export function samePosition(a: LonLat, b: LonLat, epsilon = VERTEX_EPSILON_DEGREES): boolean {
  return Math.abs(a[0] - b[0]) <= epsilon && Math.abs(a[1] - b[1]) <= epsilon;
}

/** Planar distance in degrees from `p` to the segment a–b (fine at the centimetre scale it is used for). */
export function distanceToSegmentDegrees(p: LonLat, a: LonLat, b: LonLat): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const lengthSquared = dx * dx + dy * dy;
  const t = lengthSquared === 0 ? 0 : ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / lengthSquared;
  const clamped = Math.max(0, Math.min(1, t));
  return Math.hypot(p[0] - (a[0] + clamped * dx), p[1] - (a[1] + clamped * dy));
}

/** Polygon or MultiPolygon coordinates as MultiPolygon coordinates, positions cut to 2D. */
export function toMultiPolygonCoords(
  geometry:
    | { type: 'Polygon'; coordinates: number[][][] }
    | { type: 'MultiPolygon'; coordinates: number[][][][] },
): MultiPolygonCoords {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.map((rings) => rings.map((ring) => ring.map((p) => [p[0] ?? 0, p[1] ?? 0] as LonLat)));
}
