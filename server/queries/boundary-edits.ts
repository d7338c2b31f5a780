import type { Db } from '../db/db';
import {
  DEFAULT_MAX_VERTICES,
  type LineGeometry,
  lineInputProblem,
  type PolygonGeometry,
  polygonInputProblem,
  toPlainGeoJson,
} from '../domain/boundary/geometry-input';
import { nextFreeCode } from '../domain/boundary/grid-codes';
import { estimateAfterReshape, figuresOfNewGrid, splitFigures } from '../domain/boundary/households';
import { checkRevision } from '../domain/boundary/revision';
import { DEFAULT_TOLERANCE_SQUARE_METRES } from '../domain/boundary/tolerance';
import { ProblemError } from '../problem';
import { areaOutsideParent, areaOverlappingSiblings, checkValidity } from './geometry-check';
import * as edits from './grid-edits';
import { lockVersion } from './versions';

/**
 * The edit operations of a draft, each run inside the caller's transaction: check the version is a
 * draft, check revisions, validate geometry input, then write. Any refusal throws a ProblemError, and
 * the transaction rolls back, so a batch is all-or-nothing.
 */
export type EditOptions = { maxVertices?: number };
export type GridRevision = { code: string; revision: number };

export async function assertDraft(tx: Db, versionId: number): Promise<void> {
  const v = await lockVersion(tx, versionId, 'share');
  if (!v) throw new ProblemError(404, 'version-not-found', `No boundary version ${versionId}.`);
  if (v.status !== 'draft') {
    throw new ProblemError(
      409,
      'version-not-draft',
      `Version ${versionId} is ${v.status}; only drafts can be changed. Create a draft from it first.`,
      { versionStatus: v.status },
    );
  }
}

/** Shape checks, then GEOS validity; returns the plain GeoJSON text for the SQL. */
export async function assertGeometry(tx: Db, g: PolygonGeometry, options: EditOptions): Promise<string> {
  const problem = polygonInputProblem(g, options.maxVertices ?? DEFAULT_MAX_VERTICES);
  if (problem) throw new ProblemError(422, 'invalid-geometry', `The geometry is not usable: ${problem}.`);
  const geojson = toPlainGeoJson(g);
  const verdict = await checkValidity(tx, geojson);
  if (!verdict.valid) {
    throw new ProblemError(
      422,
      'invalid-geometry',
      `The geometry is not valid: ${verdict.reason}. Remove the self-intersection (a ring must not cross itself) and retry.`,
      { reason: verdict.reason },
    );
  }
  return geojson;
}

async function assertInsideParent(
  tx: Db,
  versionId: number,
  parentCode: string,
  geojson: string,
): Promise<void> {
  const outside = await areaOutsideParent(tx, versionId, parentCode, geojson);
  if (outside === null)
    throw new ProblemError(422, 'parent-not-found', `Parent grid '${parentCode}' is not in this version.`);
  if (outside > DEFAULT_TOLERANCE_SQUARE_METRES) {
    throw new ProblemError(
      422,
      'outside-parent',
      `The geometry extends ${outside.toFixed(1)} m² outside its parent '${parentCode}'. Keep it inside the parent boundary.`,
      { parentCode, areaSquareMetres: outside },
    );
  }
}

async function lockedGrid(
  tx: Db,
  versionId: number,
  code: string,
  revision: number,
): Promise<edits.DraftGrid> {
  const grid = await edits.getDraftGrid(tx, versionId, code);
  const check = checkRevision(grid?.revision, revision);
  if (!check.ok && check.reason === 'missing')
    throw new ProblemError(404, 'grid-not-found', `No grid '${code}' in version ${versionId}.`);
  if (!check.ok && check.reason === 'stale') throw staleRevision(code, revision, check.currentRevision);
  return grid as edits.DraftGrid;
}

function staleRevision(code: string, sent: number, current: number): ProblemError {
  return new ProblemError(
    409,
    'stale-revision',
    `Grid '${code}' was changed by someone else (revision ${current}, you sent ${sent}). Reload it and apply your edit again.`,
    { code, currentRevision: current },
  );
}

async function assertParentLevel(
  tx: Db,
  versionId: number,
  parentCode: string,
  childLevel: number,
): Promise<void> {
  const parent = await edits.getDraftGrid(tx, versionId, parentCode);
  if (!parent || parent.level !== childLevel - 1) {
    throw new ProblemError(
      422,
      'invalid-parent',
      `'${parentCode}' is not a level-${childLevel - 1} grid of this version; a level-${childLevel} grid needs one as parent.`,
    );
  }
}

export type GridUpdate = {
  code: string;
  revision: number;
  geometry?: PolygonGeometry | undefined;
  name?: string | undefined;
  parentCode?: string | undefined;
};

/** Geometry, name and/or parent of one grid, with its revision checked. */
export async function updateGrid(
  tx: Db,
  versionId: number,
  u: GridUpdate,
  options: EditOptions,
): Promise<GridRevision> {
  const grid = await lockedGrid(tx, versionId, u.code, u.revision);
  if (u.parentCode !== undefined) await assertParentLevel(tx, versionId, u.parentCode, grid.level);
  const geojson = u.geometry ? await assertGeometry(tx, u.geometry, options) : null;
  const parentCode = u.parentCode ?? grid.parentCode;
  if (parentCode && (geojson || u.parentCode !== undefined)) {
    await assertInsideParent(tx, versionId, parentCode, geojson ?? grid.geojson);
  }
  const figures = geojson
    ? estimateAfterReshape(grid, grid.buildingHouseholds, await edits.buildingHouseholdsIn(tx, geojson))
    : null;
  const patch = {
    geojson,
    name: u.name ?? null,
    parentCode: u.parentCode ?? null,
    households: figures?.households ?? null,
    population: figures?.population ?? null,
  };
  const revision = await edits.updateGridRow(tx, versionId, u.code, u.revision, patch);
  if (revision === null)
    throw staleRevision(u.code, u.revision, (await edits.currentRevision(tx, versionId, u.code)) ?? 0);
  return { code: u.code, revision };
}

/** Several updates as one change (a shared vertex dragged moves two grids); parents first. */
export async function updateGrids(
  tx: Db,
  versionId: number,
  updates: GridUpdate[],
  options: EditOptions,
): Promise<GridRevision[]> {
  const levels = new Map<string, number>();
  for (const u of updates) levels.set(u.code, (await edits.getDraftGrid(tx, versionId, u.code))?.level ?? 9);
  const ordered = [...updates].sort((a, b) => (levels.get(a.code) ?? 9) - (levels.get(b.code) ?? 9));
  const out: GridRevision[] = [];
  for (const u of ordered) out.push(await updateGrid(tx, versionId, u, options));
  return out;
}

export type SplitRequest = {
  code: string;
  revision: number;
  line: LineGeometry;
  newCode?: string | undefined;
  newName?: string | undefined;
};

/** Cuts a grid in exactly two; the larger part keeps the code, children follow their part. */
export async function splitGrid(
  tx: Db,
  versionId: number,
  r: SplitRequest,
): Promise<{ kept: GridRevision; created: GridRevision }> {
  const grid = await lockedGrid(tx, versionId, r.code, r.revision);
  const problem = lineInputProblem(r.line);
  if (problem) throw new ProblemError(422, 'invalid-geometry', `${problem}.`);
  const parts = await edits.splitParts(tx, versionId, r.code, toPlainGeoJson(r.line));
  if (parts.length !== 2) {
    throw new ProblemError(
      422,
      'split-not-in-two',
      `The line cuts grid '${r.code}' into ${parts.length} part(s); draw a line that crosses it once, from edge to edge.`,
      { parts: parts.length },
    );
  }
  const [big, small] = parts as [edits.SplitPart, edits.SplitPart];
  const newCode = r.newCode ?? nextFreeCode(r.code, await edits.existingCodes(tx, versionId, r.code));
  if (await edits.currentRevision(tx, versionId, newCode))
    throw new ProblemError(
      409,
      'code-taken',
      `Code '${newCode}' is already used in this version; choose another newCode.`,
    );
  const [keptFigures, newFigures] = splitFigures(
    grid,
    parts.map((p) => ({ buildings: p.buildings, areaSquareMetres: p.areaSquareMetres })),
  ) as [{ households: number; population: number }, { households: number; population: number }];
  const revision = await edits.updateGridRow(tx, versionId, r.code, r.revision, {
    geojson: big.geojson,
    name: null,
    parentCode: null,
    ...keptFigures,
  });
  await edits.insertGridRow(tx, versionId, {
    code: newCode,
    name: r.newName ?? `${grid.name}(${newCode})`.slice(0, 100),
    level: grid.level,
    kind: null,
    parentCode: grid.parentCode,
    geojson: small.geojson,
    ...newFigures,
  });
  if (grid.level < 3) await edits.reparentChildrenInto(tx, versionId, r.code, newCode, small.geojson);
  return { kept: { code: r.code, revision: revision ?? 0 }, created: { code: newCode, revision: 1 } };
}

/** Merges two adjacent siblings; the first keeps its code and absorbs the second (and its children). */
export async function mergeGrids(
  tx: Db,
  versionId: number,
  keep: GridRevision,
  absorb: GridRevision,
): Promise<{ kept: GridRevision; removed: string }> {
  const a = await lockedGrid(tx, versionId, keep.code, keep.revision);
  const b = await lockedGrid(tx, versionId, absorb.code, absorb.revision);
  if (a.code === b.code)
    throw new ProblemError(422, 'merge-same-grid', 'Choose two different grids to merge.');
  if (a.level !== b.level || a.parentCode !== b.parentCode) {
    throw new ProblemError(
      422,
      'merge-not-siblings',
      `'${a.code}' and '${b.code}' have different parents or levels; move one first, then merge.`,
    );
  }
  if (!(await edits.shareEdge(tx, versionId, a.code, b.code))) {
    throw new ProblemError(
      422,
      'merge-not-adjacent',
      `'${a.code}' and '${b.code}' do not share a boundary of positive length (touching at a corner is not enough).`,
    );
  }
  const revision = await edits.mergeInto(tx, versionId, a.code, b.code);
  return { kept: { code: a.code, revision }, removed: b.code };
}

export type AddRequest = {
  code: string;
  name: string;
  level: 1 | 2 | 3;
  parentCode: string | null;
  kind?: string | undefined;
  geometry: PolygonGeometry;
};

/** A new grid, which must lie in its parent's uncovered area (no overlap with its siblings). */
export async function addGrid(
  tx: Db,
  versionId: number,
  r: AddRequest,
  options: EditOptions,
): Promise<GridRevision> {
  if ((r.level === 1) !== (r.parentCode === null))
    throw new ProblemError(
      422,
      'invalid-parent',
      'A level-1 grid has no parent; a level-2/3 grid needs parentCode.',
    );
  if (await edits.currentRevision(tx, versionId, r.code))
    throw new ProblemError(409, 'code-taken', `Code '${r.code}' is already used in this version.`);
  if (r.parentCode) await assertParentLevel(tx, versionId, r.parentCode, r.level);
  const geojson = await assertGeometry(tx, r.geometry, options);
  if (r.parentCode) {
    await assertInsideParent(tx, versionId, r.parentCode, geojson);
    const overlap = await areaOverlappingSiblings(tx, versionId, r.parentCode, geojson, null);
    if (overlap.area > DEFAULT_TOLERANCE_SQUARE_METRES) {
      throw new ProblemError(
        422,
        'overlaps-siblings',
        `The new grid overlaps ${overlap.codes.join(', ')} by ${overlap.area.toFixed(1)} m²; draw it in the parent's uncovered area.`,
        { gridCodes: overlap.codes, areaSquareMetres: overlap.area },
      );
    }
  }
  const figures = figuresOfNewGrid(await edits.buildingHouseholdsIn(tx, geojson));
  await edits.insertGridRow(tx, versionId, {
    code: r.code,
    name: r.name,
    level: r.level,
    kind: r.kind ?? null,
    parentCode: r.parentCode,
    geojson,
    ...figures,
  });
  return { code: r.code, revision: 1 };
}

/** Removes a grid (and, by cascade, its children) from a draft. */
export async function deleteGrid(tx: Db, versionId: number, code: string, revision: number): Promise<void> {
  await lockedGrid(tx, versionId, code, revision);
  await edits.deleteGridRow(tx, versionId, code);
}
