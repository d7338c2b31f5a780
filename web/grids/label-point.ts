import type { MultiPolygon, Polygon, Position } from 'geojson';

type Ring = Position[];

/** Signed area of a ring (shoelace), in squared degrees: only its magnitude is compared. */
function ringArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    sum += (xj - xi) * (yj + yi);
  }
  return sum / 2;
}

function ringCentroid(ring: Ring): [number, number] {
  let [cx, cy, a] = [0, 0, 0];
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    const f = xj * yi - xi * yj;
    cx += (xj + xi) * f;
    cy += (yj + yi) * f;
    a += f;
  }
  if (a === 0) return (ring[0] as [number, number]) ?? [0, 0];
  return [cx / (3 * a), cy / (3 * a)];
}

/** Even-odd point-in-polygon over all rings (holes included). */
function contains(polygon: Ring[], [x, y]: [number, number]): boolean {
  let inside = false;
  for (const ring of polygon) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] as [number, number];
      const [xj, yj] = ring[j] as [number, number];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

/** Midpoint of the widest inside span of the horizontal line at `y`. */
function widestSpanMidpoint(polygon: Ring[], y: number): [number, number] | null {
  const xs: number[] = [];
  for (const ring of polygon) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] as [number, number];
      const [xj, yj] = ring[j] as [number, number];
      if (yi > y !== yj > y) xs.push(((xj - xi) * (y - yi)) / (yj - yi) + xi);
    }
  }
  xs.sort((a, b) => a - b);
  let best: [number, number] | null = null;
  for (let i = 0; i + 1 < xs.length; i += 2) {
    const [a, b] = [xs[i] as number, xs[i + 1] as number];
    if (!best || b - a > best[1] - best[0]) best = [a, b];
  }
  return best ? [(best[0] + best[1]) / 2, y] : null;
}

/**
 * One point to hang a grid's label on, inside the grid: the centroid of its largest part, or, when
 * that falls outside (a crescent, an L-shape), the middle of the widest span through it. One point
 * per grid also keeps MapLibre from repeating a polygon's label in every tile it crosses.
 */
export function labelPoint(geometry: Polygon | MultiPolygon): [number, number] | null {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let largest: Ring[] | undefined;
  let largestArea = -1;
  for (const polygon of polygons) {
    const outer = polygon[0];
    if (!outer || outer.length < 4) continue;
    const area = Math.abs(ringArea(outer));
    if (area > largestArea) [largest, largestArea] = [polygon, area];
  }
  if (!largest) return null;
  const centroid = ringCentroid(largest[0] as Ring);
  if (contains(largest, centroid)) return centroid;
  return widestSpanMidpoint(largest, centroid[1]) ?? centroid;
}
