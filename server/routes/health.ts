import { Hono } from 'hono';
import type { AppDeps } from '../deps';
import { countData } from '../queries/health';

export function healthRoutes(deps: AppDeps) {
  return new Hono().get('/', async (c) => {
    const counts = await countData(deps.db);
    return c.json({
      status: 'ok' as const,
      backend: deps.db.backend,
      postgis: deps.capabilities.postgisVersion,
      capabilities: { mvt: deps.capabilities.mvt },
      counts,
      district: deps.district,
      basemapUrl: deps.basemapUrl ?? null,
    });
  });
}
