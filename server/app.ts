import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { except } from 'hono/combine';
import { authSettingsOf } from './auth/auth-deps';
import { authMiddleware } from './auth/middleware';
import { withCaseDefaults } from './cases/case-deps';
import type { AppDeps } from './deps';
import { problem, problemResponse, toProblem } from './problem';
import { auditRoutes } from './routes/audit';
import { authRoutes } from './routes/auth';
import { caseRoutes } from './routes/cases';
import { gridRoutes } from './routes/grids';
import { healthRoutes } from './routes/health';
import { hotspotRoutes } from './routes/hotspots';
import { liveRoutes } from './routes/live';
import { open311Routes } from './routes/open311';
import { partyRoutes } from './routes/party';
import { statsRoutes } from './routes/stats';
import { tileRoutes } from './routes/tiles';
import { userRoutes } from './routes/users';
import { versionsRoutes } from './routes/versions';
import { originOf, securityHeaders } from './security';
import { mountWebApp } from './static-web';

export const MAX_BODY_BYTES = 1024 * 1024;
/** Uploads that set their own, larger limit (a zipped Shapefile: `routes/versions-shapefile.ts`). */
const ownBodyLimit = (c: Context) => c.req.path.endsWith('/versions/import/shapefile');

/** The API, one sub-app per resource, chained so `hc<AppType>` keeps every route's types. */
export function createApi(deps: AppDeps) {
  const caseDeps = withCaseDefaults(deps);
  return new Hono()
    .use(except(ownBodyLimit, bodyLimit({ maxSize: MAX_BODY_BYTES })))
    .route('/health', healthRoutes(deps))
    .route('/auth', authRoutes(authSettingsOf(deps)))
    .route('/users', userRoutes(deps))
    .route('/grids', gridRoutes(deps))
    .route('/cases', caseRoutes(caseDeps))
    .route('/live', liveRoutes(caseDeps))
    .route('/versions', versionsRoutes(deps))
    .route('/stats', statsRoutes(deps))
    .route('/hotspots', hotspotRoutes(deps))
    .route('/tiles', tileRoutes(deps))
    .route('/party', partyRoutes(deps))
    .route('/audit', auditRoutes(deps));
}

export type AppType = ReturnType<typeof createApi>;

export type AppOptions = {
  /** Folder of the built web app; omitted in API tests. */
  webDistDir?: string;
  onUnexpected?: (err: unknown) => void;
};

/** The whole HTTP app, built from its dependencies so tests call `app.request()` without a socket. */
export function createApp(appDeps: AppDeps, options: AppOptions = {}) {
  // One live bus per app, shared by /api/cases, /api/live and /open311.
  const deps = withCaseDefaults(appDeps);
  const onUnexpected = options.onUnexpected ?? ((err: unknown) => console.error(err));
  const app = new Hono();
  app.use(securityHeaders(originOf(deps.basemapUrl)));
  // Login, roles and CSRF for every route, from the rule table in server/auth/route-rules.ts.
  app.use(authMiddleware(authSettingsOf(deps)));
  app.route('/api', createApi(deps));
  app.route('/open311/v2', open311Routes(deps));
  app.onError((err, c) => {
    const p = toProblem(err);
    if (p.status >= 500) onUnexpected(err);
    return problemResponse(c, p);
  });
  app.notFound((c) =>
    problemResponse(
      c,
      problem(404, 'route-not-found', `No route ${c.req.method} ${c.req.path}. See README.md.`),
    ),
  );
  if (options.webDistDir) mountWebApp(app, options.webDistDir);
  return app;
}
