/**
 * The topology and staffing rules a boundary version is checked against, and which of them block a
 * publish. Errors block because each breaks a promise the rest of GridSight relies on: every case
 * point falls in exactly one level-3 grid, and every level-3 grid rolls up into exactly one parent.
 * Unstaffed grids only warn: a freshly split grid has no worker until HR assigns one, and refusing the
 * publish would not get it one sooner.
 */
export const VALIDATION_RULES = {
  'invalid-geometry': { severity: 'error', title: 'Invalid geometry (self-intersection, bad ring)' },
  overlap: { severity: 'error', title: 'Siblings overlap' },
  gap: { severity: 'error', title: 'Part of the parent is covered by no child' },
  'outside-parent': { severity: 'error', title: 'Child extends outside its parent' },
  'empty-parent': { severity: 'error', title: 'Level-1/2 grid with no children' },
  orphan: { severity: 'error', title: 'Parent missing or of the wrong level' },
  'duplicate-code': { severity: 'error', title: 'The same code is used twice' },
  unstaffed: { severity: 'warning', title: 'Level-3 grid with no grid worker' },
} as const;

export type ValidationKind = keyof typeof VALIDATION_RULES;
export type Severity = 'error' | 'warning';

export type GeoJsonGeometry = { type: string; coordinates?: unknown; geometries?: unknown };

/** One finding, with the geometry to highlight (the overlap, the gap, the part outside, or the grid). */
export type ValidationIssue = {
  kind: ValidationKind;
  severity: Severity;
  gridCodes: string[];
  areaSquareMetres: number | null;
  geometry: GeoJsonGeometry | null;
  message: string;
};

export type ValidationReport = {
  versionId: number | null;
  toleranceSquareMetres: number;
  blocking: number;
  warnings: number;
  issues: ValidationIssue[];
};

export type IssueDraft = Omit<ValidationIssue, 'severity'>;

export function withSeverity(draft: IssueDraft): ValidationIssue {
  return { ...draft, severity: VALIDATION_RULES[draft.kind].severity };
}

export function buildReport(
  versionId: number | null,
  toleranceSquareMetres: number,
  drafts: IssueDraft[],
): ValidationReport {
  const issues = drafts.map(withSeverity);
  const blocking = issues.filter((i) => i.severity === 'error').length;
  return { versionId, toleranceSquareMetres, blocking, warnings: issues.length - blocking, issues };
}
