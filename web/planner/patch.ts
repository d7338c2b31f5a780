import type { LonLat, MultiPolygonCoords } from './geometry';
import type { GeometryChanges } from './move-node';

export type GeometryUpdate = {
  code: string;
  revision: number;
  geometry: { type: 'MultiPolygon'; coordinates: MultiPolygonCoords };
};

/** The server's batch limit (`PATCH /api/versions/:id/grids`). */
export const MAX_BATCH_UPDATES = 50;

/**
 * The body of one atomic batch PATCH writing `changes` at the grids' current revisions. Throws for
 * a grid the editor does not know (its revision is needed) or a batch over the server's limit.
 */
export function buildBatchUpdates(
  changes: GeometryChanges,
  revisionOf: (code: string) => number | undefined,
): GeometryUpdate[] {
  const updates = Object.entries(changes).map(([code, coordinates]) => {
    const revision = revisionOf(code);
    if (revision === undefined) throw new Error(`no revision known for grid ${code}`);
    return { code, revision, geometry: { type: 'MultiPolygon' as const, coordinates } };
  });
  if (updates.length > MAX_BATCH_UPDATES) {
    throw new Error(
      `an edit touching ${updates.length} grids exceeds the batch limit of ${MAX_BATCH_UPDATES}`,
    );
  }
  return updates;
}

/** The outlines of `codes` as they are now, for the `before` side of an undoable edit. */
export function snapshotOf(
  codes: readonly string[],
  outlineOf: (code: string) => MultiPolygonCoords | undefined,
): GeometryChanges {
  const out: GeometryChanges = {};
  for (const code of codes) {
    const coordinates = outlineOf(code);
    if (coordinates) out[code] = coordinates;
  }
  return out;
}

/** A split line from the clicked points; null until it has two distinct points. */
export function splitLine(points: readonly LonLat[]): { type: 'LineString'; coordinates: LonLat[] } | null {
  const distinct = points.filter(
    (p, i) => i === 0 || p[0] !== points[i - 1]?.[0] || p[1] !== points[i - 1]?.[1],
  );
  return distinct.length >= 2 ? { type: 'LineString', coordinates: distinct } : null;
}

/** Merge is offered only for two different level-3 grids of one parent (the server checks adjacency). */
export function canMerge(
  a: { code: string; level: number; parentCode: string | null } | null,
  b: { code: string; level: number; parentCode: string | null } | null,
): boolean {
  return Boolean(a && b && a.code !== b.code && a.level === b.level && a.parentCode === b.parentCode);
}
