import { forbiddenOutsideScope, inScope, type Scope } from '../auth/scope';
import type { Db } from '../db/db';
import { type GridAssignment, locateGrid } from '../queries/case-intake';
import { getCase } from '../queries/cases';
import { type CaseDeps, nowOf } from './case-deps';

/**
 * Scope checks of the case writes (#7). A write outside the scope is 403. For a scoped principal a
 * case id that does not exist is answered the same way, so a write cannot probe which ids exist in
 * other grids; a district-wide principal still gets 404 for a missing case.
 */
export async function assertCaseWritable(deps: CaseDeps, scope: Scope | null, id: number): Promise<void> {
  if (scope === null) return;
  const found = await getCase(deps.db, id, nowOf(deps));
  if (!found || !inScope(scope, found.gridCode)) throw forbiddenOutsideScope(scope, `Case ${id}`);
}

/**
 * A scoped principal reports (cases, party needs) only points inside its subtree (the grid intake would assign). A point
 * outside every grid is left to intake's own 422, which tells the reporter what to fix.
 */
export async function assertPointWritable(
  db: Db,
  scope: Scope | null,
  point: { lon: number; lat: number },
): Promise<void> {
  if (scope === null) return;
  assertGridWritable(scope, await locateGrid(db, point.lon, point.lat), point);
}

/** assertPointWritable for a point whose grid is already located (intake locates it anyway). */
export function assertGridWritable(
  scope: Scope | null,
  grid: GridAssignment | null,
  point: { lon: number; lat: number },
): void {
  if (scope === null || !grid || inScope(scope, grid.gridCode)) return;
  throw forbiddenOutsideScope(
    scope,
    `The point (${point.lon}, ${point.lat}) lies in grid ${grid.gridCode}, which`,
  );
}

/** A repeated `externalId` answers with the case already registered: only when that case is in scope. */
export function assertIntakeResultVisible(
  scope: Scope | null,
  gridCode: string,
  externalId: string | null,
): void {
  if (inScope(scope, gridCode) || scope === null) return;
  throw forbiddenOutsideScope(scope, `The case with externalId '${externalId ?? ''}'`);
}
