import { z } from 'zod';

/**
 * Checks on planner-supplied GeoJSON that need no database: shape, finite in-range coordinates, closed
 * rings, a vertex budget and WGS84 only. Validity (self-intersection) and "inside the parent" need
 * PostGIS and are checked by `server/queries/geometry-check.ts` after this passes.
 */

/** Enough for a hand-drawn grid with a detailed street edge; a bigger polygon is almost surely a mistake. */
export const DEFAULT_MAX_VERTICES = 5000;

export type Position = [number, number];
export type PolygonCoordinates = Position[][];
type Crs = { type: string; properties: { name: string } };
export type PolygonGeometry =
  | { type: 'Polygon'; coordinates: PolygonCoordinates; crs?: Crs | undefined }
  | { type: 'MultiPolygon'; coordinates: PolygonCoordinates[]; crs?: Crs | undefined };

const position = z
  .array(z.number())
  .min(2, 'a position needs longitude and latitude')
  .max(3, 'a position has at most 3 numbers')
  .transform((p) => [p[0], p[1]] as Position);

const ring = z.array(position);

/** Names of WGS84 a `crs` member may carry (the 2008 GeoJSON draft); anything else is refused. */
const WGS84_NAMES = new Set(['EPSG:4326', 'urn:ogc:def:crs:EPSG::4326', 'urn:ogc:def:crs:OGC:1.3:CRS84']);

/** Checked in `polygonInputProblem`, not here, so a foreign CRS answers 422 with the geometry problems. */
const crs = z.object({ type: z.string(), properties: z.object({ name: z.string() }) });

export const PolygonGeometrySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1), crs: crs.optional() }),
  z.object({
    type: z.literal('MultiPolygon'),
    coordinates: z.array(z.array(ring).min(1)).min(1),
    crs: crs.optional(),
  }),
]);

export const LineGeometrySchema = z.object({
  type: z.literal('LineString'),
  coordinates: z.array(position).min(2, 'a line needs at least 2 positions'),
  crs: crs.optional(),
});
export type LineGeometry = { type: 'LineString'; coordinates: Position[]; crs?: Crs | undefined };

function polygonsOf(g: PolygonGeometry): PolygonCoordinates[] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

function positionProblem([lon, lat]: Position): string | null {
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) return 'a coordinate is not a finite number';
  if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
    return `coordinate [${lon}, ${lat}] is outside WGS84 longitude/latitude range (is it projected?)`;
  }
  return null;
}

function ringProblem(r: Position[], where: string): string | null {
  if (r.length < 4) return `${where} has ${r.length} positions; a closed ring needs at least 4`;
  const first = r[0] as Position;
  const last = r[r.length - 1] as Position;
  if (first[0] !== last[0] || first[1] !== last[1]) return `${where} is not closed (last ≠ first position)`;
  for (const p of r) {
    const problem = positionProblem(p);
    if (problem) return `${where}: ${problem}`;
  }
  return null;
}

/** The first structural problem of a polygon geometry, or null. Pure: no database needed. */
export function polygonInputProblem(g: PolygonGeometry, maxVertices = DEFAULT_MAX_VERTICES): string | null {
  const crsProblem = crsInputProblem(g.crs);
  if (crsProblem) return crsProblem;
  let vertices = 0;
  const polygons = polygonsOf(g);
  for (const [pi, polygon] of polygons.entries()) {
    for (const [ri, r] of polygon.entries()) {
      vertices += r.length;
      const where = polygons.length > 1 ? `polygon ${pi + 1} ring ${ri + 1}` : `ring ${ri + 1}`;
      const problem = ringProblem(r, where);
      if (problem) return problem;
    }
  }
  if (vertices > maxVertices) return `${vertices} vertices exceed the limit of ${maxVertices}; simplify it`;
  return null;
}

function crsInputProblem(c: Crs | undefined): string | null {
  if (!c || WGS84_NAMES.has(c.properties.name)) return null;
  return `crs '${c.properties.name}' is not accepted; only WGS84 (EPSG:4326) is: convert GCJ-02/BD-09 or projected data first`;
}

export function lineInputProblem(line: LineGeometry): string | null {
  const crsProblem = crsInputProblem(line.crs);
  if (crsProblem) return `split line: ${crsProblem}`;
  for (const p of line.coordinates) {
    const problem = positionProblem(p);
    if (problem) return `split line: ${problem}`;
  }
  return null;
}

/** The geometry as plain GeoJSON for `ST_GeomFromGeoJSON` (no `crs`: PostGIS would reject URN forms). */
export function toPlainGeoJson(g: PolygonGeometry | LineGeometry): string {
  return JSON.stringify({ type: g.type, coordinates: g.coordinates });
}
