import {
  distanceToSegmentDegrees,
  type LonLat,
  type MultiPolygonCoords,
  samePosition,
  VERTEX_EPSILON_DEGREES,
} from './geometry';
import type { EditableGrid } from './vertex-index';

/** New outlines of the grids a node move touches, by grid code. */
export type GeometryChanges = Record<string, MultiPolygonCoords>;

/**
 * A ring with the node at `from` moved to `to`, or null when the ring does not touch the node.
 * A ring whose vertex sits there moves it (the closing repeat too); a ring whose edge passes
 * through it without a vertex (a T-junction, as a split leaves on the neighbour) gets the moved
 * vertex inserted in that edge, so the two outlines stay glued instead of opening a sliver.
 */
export function moveNodeInRing(
  ring: LonLat[],
  from: LonLat,
  to: LonLat,
  epsilon = VERTEX_EPSILON_DEGREES,
): LonLat[] | null {
  let moved = false;
  const next = ring.map((p) => {
    if (!samePosition(p, from, epsilon)) return p;
    moved = true;
    return to;
  });
  if (moved) return next;
  for (let i = 0; i + 1 < ring.length; i += 1) {
    const a = ring[i] as LonLat;
    const b = ring[i + 1] as LonLat;
    if (distanceToSegmentDegrees(from, a, b) <= epsilon) {
      return [...ring.slice(0, i + 1), to, ...ring.slice(i + 1)];
    }
  }
  return null;
}

function moveNodeInGrid(
  coordinates: MultiPolygonCoords,
  from: LonLat,
  to: LonLat,
  epsilon: number,
): MultiPolygonCoords | null {
  let changed = false;
  const next = coordinates.map((polygon) =>
    polygon.map((ring) => {
      const moved = moveNodeInRing(ring, from, to, epsilon);
      if (moved) changed = true;
      return moved ?? ring;
    }),
  );
  return changed ? next : null;
}

/** Moves the node at `from` to `to` in every grid that has it (as a vertex or on an edge). */
export function moveNode(
  grids: readonly EditableGrid[],
  from: LonLat,
  to: LonLat,
  epsilon = VERTEX_EPSILON_DEGREES,
): GeometryChanges {
  const changes: GeometryChanges = {};
  for (const grid of grids) {
    const next = moveNodeInGrid(grid.coordinates, from, to, epsilon);
    if (next) changes[grid.code] = next;
  }
  return changes;
}

/** The grids with the changes applied (unchanged grids keep their identity). */
export function applyChanges(grids: readonly EditableGrid[], changes: GeometryChanges): EditableGrid[] {
  return grids.map((g) => {
    const coordinates = changes[g.code];
    return coordinates ? { ...g, coordinates } : g;
  });
}
