import { Hono } from 'hono';
import { z } from 'zod';
import { isVisibleGrid, scopeFilterOf, scopeOf } from '../auth/scope';
import type { AppDeps } from '../deps';
import { AsOfSchema } from '../domain/boundary/as-of';
import { ProblemError } from '../problem';
import { getGrid, listAncestors, listChildren, listGridFeatures, listStaffOfGrid } from '../queries/grids';
import { versionLiveAt } from '../queries/versions';
import { validate } from '../validation';

const LevelQuery = z.strictObject({
  level: z.enum(['1', '2', '3']).transform((v) => Number(v) as 1 | 2 | 3),
  asOf: AsOfSchema.optional(),
});

/**
 * `?asOf=` on `/:code` is read by hand, not by a validator: a query validator would make `query` a
 * required argument of the typed client's existing calls.
 */
function asOfOf(raw: string | undefined): Date | undefined {
  if (raw === undefined) return undefined;
  const parsed = AsOfSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ProblemError(
      400,
      'invalid-request',
      'Invalid query: asOf must be YYYY-MM-DD or an ISO 8601 instant.',
    );
  }
  return parsed.data;
}

async function versionAt(deps: AppDeps, asOf: Date | undefined): Promise<number | null> {
  if (!asOf) return null;
  const id = await versionLiveAt(deps.db, asOf);
  if (id === null) {
    throw new ProblemError(
      404,
      'no-version-at-date',
      `No boundary version was published at ${asOf.toISOString()}.`,
    );
  }
  return id;
}

const CodeParam = z.object({ code: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'not a grid code') });

export function gridRoutes(deps: AppDeps) {
  return new Hono()
    .get('/', validate('query', LevelQuery), async (c) => {
      const { level, asOf } = c.req.valid('query');
      const { scopeCode } = scopeFilterOf(c);
      const collection = await listGridFeatures(deps.db, level, await versionAt(deps, asOf), scopeCode);
      c.header('Cache-Control', 'no-cache');
      return c.json(collection);
    })
    .get('/:code', validate('param', CodeParam), async (c) => {
      const { code } = c.req.valid('param');
      const versionId = await versionAt(deps, asOfOf(c.req.query('asOf')));
      const scope = await scopeOf(c, deps.db);
      // Outside the scope (#7) reads as absent; ancestors stay readable for breadcrumbs.
      const grid = isVisibleGrid(scope, code) ? await getGrid(deps.db, code, versionId) : null;
      if (!grid) {
        throw new ProblemError(
          404,
          'grid-not-found',
          `No grid with code '${code}' in the ${versionId === null ? 'published' : 'requested'} version.`,
        );
      }
      const [ancestors, children, staff] = await Promise.all([
        listAncestors(deps.db, code, versionId),
        listChildren(deps.db, code, versionId),
        listStaffOfGrid(deps.db, code),
      ]);
      const visibleChildren = children.filter((child) => isVisibleGrid(scope, child.code));
      return c.json({ grid, ancestors, children: visibleChildren, staff });
    });
}
