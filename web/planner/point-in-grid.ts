import type { LonLat, MultiPolygonCoords } from './geometry';

/** Even-odd ray casting on one ring (planar, fine at grid scale). */
function insideRing(p: LonLat, ring: readonly LonLat[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
    const [xi, yi] = ring[i] as LonLat;
    const [xj, yj] = ring[j] as LonLat;
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Whether a point lies inside a (multi)polygon: inside an outer ring and in none of its holes. */
export function pointInOutline(p: LonLat, outline: MultiPolygonCoords): boolean {
  return outline.some(
    ([outer, ...holes]) =>
      outer !== undefined && insideRing(p, outer) && !holes.some((h) => insideRing(p, h)),
  );
}

/** The code of the first grid whose outline contains the point, or null. */
export function gridAt(
  p: LonLat,
  grids: readonly { code: string; coordinates: MultiPolygonCoords }[],
): string | null {
  return grids.find((g) => pointInOutline(p, g.coordinates))?.code ?? null;
}
