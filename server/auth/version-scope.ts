import type { Context, MiddlewareHandler } from 'hono';
import type { Db } from '../db/db';
import { ProblemError } from '../problem';
import { forbiddenOutsideScope, inScope, scopeCodeOf, scopeOf } from './scope';

/**
 * Scope of boundary edits (#7). A planner whose scope is a grid may redraw, split, merge, add and
 * re-parent grids of that subtree (the published hierarchy) in a draft, and nothing else. Operations
 * on a whole version (create a draft, import, delete a draft, publish) change every grid of the
 * district, so they need a district-wide planner: a scoped planner prepares the draft, a district
 * planner publishes it. Reads stay open to every reader: boundaries are not case data.
 */
export function versionScopeGuard(db: Db): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === 'GET' || scopeCodeOf(c) === null) return next();
    const scope = await scopeOf(c, db);
    if (!scope) return next();
    const codes = await gridCodesTouched(c);
    if (codes === null) {
      throw new ProblemError(
        403,
        'district-planner-required',
        `This changes the whole boundary version; your scope is grid ${scope.code}. Ask a district-wide planner.`,
        { scopeCode: scope.code },
      );
    }
    const outside = codes.find((code) => !inScope(scope, code));
    if (outside !== undefined) throw forbiddenOutsideScope(scope, `Grid ${outside}`);
    return next();
  };
}

const GRID_PATH = /\/versions\/\d+\/grids\/([^/]+)(?:\/split)?$/;
const GRIDS_PATH = /\/versions\/\d+\/grids(?:\/merge)?$/;

type GridRef = { code?: unknown; parentCode?: unknown };

/** A new grid is judged by its parent (its own code is not published yet). */
function refsOf(body: unknown, isAdd: boolean): string[] {
  const b = (body ?? {}) as GridRef & { updates?: unknown; grids?: unknown };
  const list = Array.isArray(b.updates) ? b.updates : Array.isArray(b.grids) ? b.grids : [b];
  return (list as GridRef[]).flatMap((r) =>
    [isAdd ? undefined : r?.code, r?.parentCode].filter((v): v is string => typeof v === 'string'),
  );
}

/**
 * The published grid codes a write touches, or null for a whole-version operation. A body that is
 * not JSON yields no codes: the route's validator answers it.
 */
async function gridCodesTouched(c: Context): Promise<string[] | null> {
  const path = c.req.path;
  const one = GRID_PATH.exec(path);
  if (one?.[1]) {
    const body = c.req.method === 'DELETE' ? null : await c.req.json().catch(() => null);
    return [decodeURIComponent(one[1]), ...refsOf(body, false).filter((code) => code !== one[1])];
  }
  if (GRIDS_PATH.test(path)) {
    const body = await c.req.json().catch(() => null);
    const isAdd = c.req.method === 'POST' && !path.endsWith('/merge');
    // A new level-1 grid (no parent) extends the district itself.
    if (isAdd && (body as GridRef | null)?.parentCode === null) return null;
    return refsOf(body, isAdd);
  }
  return null;
}
