import { z } from 'zod';
import { ProblemError } from '../problem';

/**
 * Which .dbf column holds which grid property. dBase names are at most 10 characters, so the export
 * names are truncated (PARENTCODE) and Chinese GIS practice uses pinyin initials (WGBM 网格编码,
 * WGMC 网格名称, JB 级别, SJBM 上级编码, HS 户数, RK 人口). Matching ignores case; a request may map
 * any property to another column (`fields=code:BM,name:MC`).
 */
export const GRID_PROPERTIES = [
  'code',
  'name',
  'level',
  'parentCode',
  'kind',
  'households',
  'population',
] as const;
export type GridProperty = (typeof GRID_PROPERTIES)[number];
export type FieldMapping = Partial<Record<GridProperty, string>>;

export const DEFAULT_FIELD_NAMES: Record<GridProperty, readonly string[]> = {
  code: ['CODE', 'GRID_CODE', 'WGBM', 'BM'],
  name: ['NAME', 'GRID_NAME', 'WGMC', 'MC'],
  level: ['LEVEL', 'GRID_LEVEL', 'JB', 'WGJB'],
  parentCode: ['PARENTCODE', 'PARENT_COD', 'PARENT', 'PCODE', 'SJBM'],
  kind: ['KIND', 'TYPE', 'LX'],
  households: ['HOUSEHOLDS', 'HH', 'HS'],
  population: ['POPULATION', 'POP', 'RK'],
};
const REQUIRED: readonly GridProperty[] = ['code', 'name', 'level'];

/** `code:BM,name:MC` → a mapping; unknown properties fail the request's validation. */
export const FieldMappingQuery = z
  .string()
  .max(500)
  .transform((s, ctx) => {
    const mapping: FieldMapping = {};
    for (const pair of s.split(',').filter(Boolean)) {
      const [property = '', column = ''] = pair.split(':').map((p) => p.trim());
      if (!(GRID_PROPERTIES as readonly string[]).includes(property) || !column) {
        ctx.addIssue({
          code: 'custom',
          message: `"${pair}" is not property:COLUMN with a property of ${GRID_PROPERTIES.join(', ')}`,
        });
        return z.NEVER;
      }
      mapping[property as GridProperty] = column;
    }
    return mapping;
  });

/** The column for each property, from the mapping or the default names; missing required ones → 400. */
export function resolveColumns(columns: readonly string[], mapping: FieldMapping): FieldMapping {
  const byUpper = new Map(columns.map((c) => [c.toUpperCase(), c]));
  const resolved: FieldMapping = {};
  const missing: string[] = [];
  for (const property of GRID_PROPERTIES) {
    const wanted = mapping[property];
    const column = wanted
      ? byUpper.get(wanted.toUpperCase())
      : DEFAULT_FIELD_NAMES[property].map((n) => byUpper.get(n)).find(Boolean);
    if (column) resolved[property] = column;
    else if (wanted || REQUIRED.includes(property))
      missing.push(wanted ? `${property} (asked for column ${wanted})` : property);
  }
  if (missing.length > 0) {
    throw new ProblemError(
      400,
      'shapefile-fields',
      `No .dbf column for ${missing.join(', ')}. The columns are ${columns.join(', ') || 'none'}; name them as documented (e.g. CODE, NAME, LEVEL, PARENTCODE) or map them with fields=code:COLUMN,name:COLUMN,level:COLUMN.`,
      { columns, expected: DEFAULT_FIELD_NAMES },
    );
  }
  return resolved;
}

/** One .dbf record as grid properties: codes as text (a numeric column keeps no leading zero anyway), counts as integers. */
export function gridProperties(
  record: Record<string, unknown>,
  columns: FieldMapping,
): Record<string, unknown> {
  const value = (p: GridProperty) => {
    const column = columns[p];
    return column === undefined ? null : (record[column] ?? null);
  };
  const text = (v: unknown) =>
    v === null ? null : typeof v === 'number' ? String(v) : String(v).trim() || null;
  const count = (v: unknown) => (v === null || v === '' ? null : Number(v));
  return {
    code: text(value('code')),
    name: text(value('name')),
    level: value('level'),
    parentCode: text(value('parentCode')),
    kind: text(value('kind')),
    households: count(value('households')),
    population: count(value('population')),
  };
}
