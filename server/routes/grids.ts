import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../deps';
import { ProblemError } from '../problem';
import { getGrid, listAncestors, listChildren, listGridFeatures, listStaffOfGrid } from '../queries/grids';
import { validate } from '../validation';

const LevelQuery = z.strictObject({
  level: z.enum(['1', '2', '3']).transform((v) => Number(v) as 1 | 2 | 3),
});

const CodeParam = z.object({ code: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'not a grid code') });

export function gridRoutes(deps: AppDeps) {
  return new Hono()
    .get('/', validate('query', LevelQuery), async (c) => {
      const { level } = c.req.valid('query');
      const collection = await listGridFeatures(deps.db, level);
      c.header('Cache-Control', 'no-cache');
      return c.json(collection);
    })
    .get('/:code', validate('param', CodeParam), async (c) => {
      const { code } = c.req.valid('param');
      const grid = await getGrid(deps.db, code);
      if (!grid) {
        throw new ProblemError(
          404,
          'grid-not-found',
          `No grid with code '${code}' in the published version.`,
        );
      }
      const [ancestors, children, staff] = await Promise.all([
        listAncestors(deps.db, code),
        listChildren(deps.db, code),
        listStaffOfGrid(deps.db, code),
      ]);
      return c.json({ grid, ancestors, children, staff });
    });
}
