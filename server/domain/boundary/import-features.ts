import { z } from 'zod';
import {
  DEFAULT_MAX_VERTICES,
  type PolygonGeometry,
  PolygonGeometrySchema,
  polygonInputProblem,
  toPlainGeoJson,
} from './geometry-input';
import { GRID_CODE_PATTERN } from './grid-codes';
import type { IssueDraft } from './validation-rules';

/**
 * Reading a whole boundary version from GeoJSON (the same shape `GET /versions/:id/export` writes).
 * Malformed properties make the request malformed (400); geometry and code problems become issues
 * of the validation report, so a planner sees all of them at once in a dry run.
 */
const GridPropertiesSchema = z.object({
  code: z.string().regex(GRID_CODE_PATTERN, 'code: 1-40 letters, digits, _ or -'),
  name: z.string().min(1).max(100),
  level: z.coerce.number().int().min(1).max(3),
  parentCode: z.string().nullable().optional(),
  kind: z.enum(['street', 'town', 'community', 'village', 'unit']).nullable().optional(),
  households: z.number().int().min(0).nullable().optional(),
  population: z.number().int().min(0).nullable().optional(),
});

export const ImportCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z
    .array(
      z.object({
        type: z.literal('Feature'),
        geometry: z.unknown(),
        properties: GridPropertiesSchema,
      }),
    )
    .min(1, 'the collection has no features')
    .max(100_000),
});
export type ImportCollection = z.infer<typeof ImportCollectionSchema>;

export type ImportGrid = {
  code: string;
  name: string;
  level: number;
  kind: string | null;
  parentCode: string | null;
  households: number | null;
  population: number | null;
  /** Plain GeoJSON text of the (Multi)Polygon. */
  geometry: string;
};

/** Structurally sound grids plus issues for the rest (shape problems, duplicate codes). */
export function readImportFeatures(
  collection: ImportCollection,
  maxVertices = DEFAULT_MAX_VERTICES,
): { grids: ImportGrid[]; issues: IssueDraft[] } {
  const grids: ImportGrid[] = [];
  const issues: IssueDraft[] = [];
  const seen = new Set<string>();
  for (const f of collection.features) {
    const p = f.properties;
    const parsed = PolygonGeometrySchema.safeParse(f.geometry);
    const problem = parsed.success
      ? polygonInputProblem(parsed.data as PolygonGeometry, maxVertices)
      : 'not a GeoJSON Polygon/MultiPolygon in WGS84';
    if (problem) issues.push(inputIssue('invalid-geometry', p.code, `${p.code}: ${problem}.`));
    else if (seen.has(p.code))
      issues.push(inputIssue('duplicate-code', p.code, `${p.code} appears more than once.`));
    else {
      grids.push(toImportGrid(p, parsed.data as PolygonGeometry));
      seen.add(p.code);
    }
  }
  return { grids, issues };
}

function toImportGrid(p: z.infer<typeof GridPropertiesSchema>, g: PolygonGeometry): ImportGrid {
  return {
    code: p.code,
    name: p.name,
    level: p.level,
    kind: p.kind ?? null,
    parentCode: p.level === 1 ? null : (p.parentCode ?? null),
    households: p.households ?? null,
    population: p.population ?? null,
    geometry: toPlainGeoJson(g),
  };
}

export function inputIssue(kind: IssueDraft['kind'], code: string, message: string): IssueDraft {
  return { kind, gridCodes: [code], areaSquareMetres: null, geometry: null, message };
}
