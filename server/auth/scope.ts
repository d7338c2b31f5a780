/**
 * Scope enforcement (#7): a principal with `scopeCode` acts only on that grid's subtree in the
 * published boundary version; `null` is the whole district. Reads outside the scope answer 404
 * (a scoped user cannot tell "not there" from "not yours"), writes answer 403.
 */
import type { Context } from 'hono';
import type { Db } from '../db/db';
import { ProblemError } from '../problem';
import { resolveScopeRows } from '../queries/scope';
import type { Principal } from './principal';

/** A resolved scope: the subtree's codes (every level) and the scope grid's ancestors, top first. */
export type Scope = {
  code: string;
  subtree: ReadonlySet<string>;
  ancestors: readonly string[];
};

/**
 * The scope code of the request's principal; null (whole district) when it has none. Routes sit
 * behind the auth middleware, which answers 401 before a handler runs, so "no principal" only
 * happens where the middleware is not mounted (the role table decides which routes those are).
 */
export function scopeCodeOf(c: Context): string | null {
  const principal = c.get('principal' as never) as Principal | undefined;
  return principal?.scopeCode ?? null;
}

/** `{ scopeCode }` to spread into a query filter, or nothing for district-wide principals. */
export function scopeFilterOf(c: Context): { scopeCode?: string } {
  const code = scopeCodeOf(c);
  return code === null ? {} : { scopeCode: code };
}

/** The request's resolved scope (one query, remembered on the request); null = whole district. */
export async function scopeOf(c: Context, db: Db): Promise<Scope | null> {
  const code = scopeCodeOf(c);
  if (code === null) return null;
  const cached = c.get('scope' as never) as Scope | undefined;
  if (cached) return cached;
  const rows = await resolveScopeRows(db, code);
  const scope: Scope = { code, subtree: new Set(rows.subtree), ancestors: rows.ancestors };
  c.set('scope' as never, scope as never);
  return scope;
}

/** Whether grid `code` (any level) lies in the scope; everything does for a district-wide scope. */
export function inScope(scope: Scope | null, code: string): boolean {
  return scope === null || scope.subtree.has(code);
}

/** Whether a grid may be shown: in the subtree, or an ancestor of the scope grid (breadcrumbs). */
export function isVisibleGrid(scope: Scope | null, code: string): boolean {
  return inScope(scope, code) || (scope?.ancestors.includes(code) ?? false);
}

/** A read outside the scope: the same answer as a thing that does not exist. */
export function notFoundInScope(what: string, type = 'not-found'): ProblemError {
  return new ProblemError(404, type, `No ${what}. Check it, or ask an admin whether it lies in your scope.`);
}

/** A write outside the scope. */
export function forbiddenOutsideScope(scope: Scope, what: string): ProblemError {
  return new ProblemError(
    403,
    'outside-scope',
    `${what} is outside your scope (grid ${scope.code} and the grids under it). Ask a user whose scope covers it.`,
    { scopeCode: scope.code },
  );
}

/**
 * The grid a scoped read is about: the requested one when it lies in the scope, the scope grid when
 * none is asked for (clamping district-wide reads), 404 when the requested grid is outside.
 */
export function clampGridToScope(scope: Scope | null, requested: string | undefined): string | undefined {
  if (scope === null) return requested;
  if (requested === undefined) return scope.code;
  if (!inScope(scope, requested)) {
    throw notFoundInScope(`grid with code '${requested}' in the published version`, 'grid-not-found');
  }
  return requested;
}
