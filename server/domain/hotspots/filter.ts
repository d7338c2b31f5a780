import { z } from 'zod';
import { bboxParam, csvOf } from '../../query-params';
import { CASE_CATEGORIES, CASE_SOURCES } from '../case-vocabulary';

/**
 * The case filter shared by every hotspot and tile endpoint. Names and semantics mirror
 * `GET /api/cases` (grid of any level, category/source as comma lists, `from` inclusive, `to`
 * exclusive, bbox on the point), so a count shown for a selection equals the case list's count.
 */
export type CaseAreaFilter = {
  /** [minLon, minLat, maxLon, maxLat] in WGS84. */
  bbox?: [number, number, number, number];
  from?: Date;
  to?: Date;
  category?: string[];
  source?: string[];
  /** A grid code of any level; its descendants' cases are included. */
  grid?: string;
  /** Access scope (#7), set by the route from the principal, never from the query. */
  scopeCode?: string;
};

/** Bins and tiles project the box to Web Mercator, which ends at ±85°. */
const bbox = bboxParam(85);

const instant = z.union([z.iso.datetime({ offset: true }), z.iso.date()]).transform((v) => new Date(v));

/** Spread into each endpoint's strict query schema. `categories`/`sources` are accepted aliases. */
export const CASE_AREA_FILTER_SHAPE = {
  bbox: bbox.optional(),
  from: instant.optional(),
  to: instant.optional(),
  category: csvOf(CASE_CATEGORIES).optional(),
  categories: csvOf(CASE_CATEGORIES).optional(),
  source: csvOf(CASE_SOURCES).optional(),
  sources: csvOf(CASE_SOURCES).optional(),
  grid: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/, 'not a grid code')
    .optional(),
};

type ParsedFilterFields = {
  bbox?: [number, number, number, number] | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  category?: string[] | undefined;
  categories?: string[] | undefined;
  source?: string[] | undefined;
  sources?: string[] | undefined;
  grid?: string | undefined;
};

/** Picks the filter out of a parsed query, folding the aliases in. */
export function toCaseAreaFilter(q: ParsedFilterFields): CaseAreaFilter {
  const f: CaseAreaFilter = {};
  if (q.bbox) f.bbox = q.bbox;
  if (q.from) f.from = q.from;
  if (q.to) f.to = q.to;
  const category = q.category ?? q.categories;
  if (category) f.category = category;
  const source = q.source ?? q.sources;
  if (source) f.source = source;
  if (q.grid) f.grid = q.grid;
  return f;
}
