import { type LonLat, type MultiPolygonCoords, VERTEX_EPSILON_DEGREES } from './geometry';

/** What the editor needs of a grid: its identity, tier, optimistic revision and outline. */
export type EditableGrid = {
  code: string;
  level: number;
  parentCode: string | null;
  revision: number;
  coordinates: MultiPolygonCoords;
};

/** One topological node: a position and every grid (of any tier) with a vertex there. */
export type VertexNode = { key: string; position: LonLat; owners: string[] };

export type VertexIndex = ReadonlyMap<string, VertexNode>;

/**
 * Key of the epsilon cell a position falls in. Shared vertices are written from the same stored
 * coordinates, so they land in the same cell; two points straddling a cell edge would not, which
 * the move (edge test in `moveNode`) tolerates.
 */
export function nodeKey(position: LonLat, epsilon = VERTEX_EPSILON_DEGREES): string {
  return `${Math.round(position[0] / epsilon)}:${Math.round(position[1] / epsilon)}`;
}

/** Every distinct vertex of a grid, without the closing repeat of each ring. */
export function gridVertices(grid: EditableGrid): LonLat[] {
  const out: LonLat[] = [];
  for (const polygon of grid.coordinates) {
    for (const ring of polygon) out.push(...ring.slice(0, -1));
  }
  return out;
}

/** The shared-vertex index: vertices of all grids within epsilon are one node. */
export function buildVertexIndex(
  grids: readonly EditableGrid[],
  epsilon = VERTEX_EPSILON_DEGREES,
): VertexIndex {
  const nodes = new Map<string, VertexNode>();
  for (const grid of grids) {
    for (const position of gridVertices(grid)) {
      const key = nodeKey(position, epsilon);
      const node = nodes.get(key) ?? { key, position, owners: [] };
      if (!node.owners.includes(grid.code)) node.owners.push(grid.code);
      nodes.set(key, node);
    }
  }
  return nodes;
}

/** The nodes of one grid, in ring order, each once: the drag handles of the selected grid. */
export function nodesOfGrid(
  index: VertexIndex,
  grid: EditableGrid,
  epsilon = VERTEX_EPSILON_DEGREES,
): VertexNode[] {
  const seen = new Set<string>();
  const out: VertexNode[] = [];
  for (const position of gridVertices(grid)) {
    const key = nodeKey(position, epsilon);
    const node = index.get(key);
    if (node && !seen.has(key)) {
      seen.add(key);
      out.push(node);
    }
  }
  return out;
}
