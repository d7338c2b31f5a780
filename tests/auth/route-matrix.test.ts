import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { ROLES, type Role } from '../../server/auth/principal';
import { ROUTE_RULES, roleAllowed, ruleFor } from '../../server/auth/route-rules';
import { sessionHeaders } from '../support/auth';
import { testBackends } from '../support/backends';
import { openTestDb, type TestDb } from '../support/test-db';

const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));
const API_KEY = 'matrix-test-key';
/** Problem types the access-control layer answers with. */
const AUTH_REFUSALS = ['not-authenticated', 'role-not-allowed', 'no-access-rule', 'csrf-token-missing'];

type Route = { method: string; path: string };

/** A concrete path for a route pattern: ids that exist nowhere, so writes change nothing. */
function concretePath(pattern: string): string {
  if (pattern === '/*') return '/some/client/route';
  return pattern
    .replace(/:file/g, '999999.json')
    .replace(/:(id|other)/g, '999999')
    .replace(/:code/g, 'NOPE')
    .replace(/:[xz]/g, '1');
}

async function call(app: ReturnType<typeof createApp>, route: Route, headers: Record<string, string>) {
  const unsafe = !['GET', 'HEAD'].includes(route.method);
  const res = await app.request(concretePath(route.path), {
    method: route.method,
    headers: unsafe ? { ...headers, 'content-type': 'application/json' } : headers,
    ...(unsafe ? { body: '{}' } : {}),
  });
  let type = '';
  if (res.headers.get('content-type')?.includes('problem+json')) {
    type = String(((await res.json()) as { type?: string }).type ?? '');
  } else {
    await res.body?.cancel();
  }
  return { status: res.status, slug: type.split('/').pop() ?? '' };
}

describe.each(testBackends())('access rules of every route (%s)', (backend) => {
  let t: TestDb;
  let app: ReturnType<typeof createApp>;
  let routes: Route[];

  beforeAll(async () => {
    t = await openTestDb(backend, 'demo');
    app = createApp(
      {
        db: t.db,
        capabilities: t.capabilities,
        district: { code: '360302', name: '安源区' },
        open311Keys: [API_KEY],
      },
      {
        ...(existsSync(WEB_DIST) ? { webDistDir: WEB_DIST } : {}),
        onUnexpected: (err) => console.error(err),
      },
    );
    const seen = new Set<string>();
    routes = app.routes
      .filter((r) => r.method !== 'ALL')
      .filter((r) => {
        const key = `${r.method} ${r.path}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      })
      .map((r) => ({ method: r.method, path: r.path }));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('has a rule for every route of createApp(), and no rule for a route that does not exist', () => {
    const missing = routes
      .filter((r) => ruleFor(r.method, r.path) === undefined)
      .map((r) => `${r.method} ${r.path}`);
    expect(missing).toEqual([]);
    const keys = new Set(routes.map((r) => `${r.method} ${r.path}`));
    // `GET /` only exists when the web app is not built.
    const stale = Object.keys(ROUTE_RULES).filter((k) => !keys.has(k) && k !== 'GET /');
    expect(stale).toEqual([]);
  });

  it('lets each role through exactly the routes its rules allow; anonymous callers get 401', {
    timeout: 300_000,
  }, async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const route of routes) {
      const rule = ruleFor(route.method, route.path);
      if (rule === undefined) continue;
      const anon = await call(app, route, {});
      checked++;
      if (rule === 'public') {
        if (anon.status === 401 || AUTH_REFUSALS.includes(anon.slug))
          failures.push(`anonymous ${route.method} ${route.path}: ${anon.status}`);
      } else if (anon.status !== 401) {
        failures.push(`anonymous ${route.method} ${route.path}: ${anon.status}, expected 401`);
      }
      for (const role of ROLES as readonly Role[]) {
        const headers = await sessionHeaders(t, { role, scopeCode: null });
        const got = await call(app, route, headers);
        checked++;
        if (roleAllowed(rule, role)) {
          if (got.status === 401 || got.status === 403)
            failures.push(`${role} ${route.method} ${route.path}: ${got.status} ${got.slug}`);
        } else if (got.status !== 403 || got.slug !== 'role-not-allowed') {
          failures.push(
            `${role} ${route.method} ${route.path}: ${got.status} ${got.slug}, expected 403 role-not-allowed`,
          );
        }
      }
    }
    console.log(
      `[route matrix ${backend}] ${routes.length} routes x (${ROLES.length} roles + anonymous) = ${checked} requests`,
    );
    expect(failures).toEqual([]);
  });

  it('takes an Open311 api_key instead of a login on the Open311 reads', async () => {
    const ok = await app.request(`/open311/v2/requests.json?api_key=${API_KEY}`);
    expect(ok.status).toBe(200);
    const bad = await app.request('/open311/v2/requests.json?api_key=wrong');
    expect(bad.status).toBe(403);
    expect((await app.request('/open311/v2/requests.json')).status).toBe(401);
  });

  it('answers 404 (not 401) for a path no route matches', async () => {
    expect((await app.request('/api/no-such-thing', { method: 'POST' })).status).toBe(404);
  });
});
