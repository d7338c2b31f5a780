import { createApp } from '../../server/app';
import { CASE_ACTION_ROLES } from '../../server/auth/case-actions';
import type { Role } from '../../server/auth/principal';
import { ruleFor } from '../../server/auth/route-rules';
import type { CaseAction } from '../../server/domain/case-workflow';
import { updateUser } from '../../server/queries/users';
import { sessionHeaders } from './auth';
import type { TestDb } from './test-db';

type App = ReturnType<typeof createApp>;

/** The route `METHOD /pattern` that answers a request, found with the app's own router. */
function routeOf(app: App, method: string, path: string): { method: string; path: string } | null {
  const [handlers] = app.router.match(method === 'HEAD' ? 'GET' : method, path);
  const route = handlers.map(([[, r]]) => r).find((r) => r.method !== 'ALL');
  return route ? { method: route.method, path: route.path } : null;
}

function actionOf(body: unknown): CaseAction | null {
  if (typeof body !== 'string') return null;
  try {
    const action = (JSON.parse(body) as { action?: unknown }).action;
    return typeof action === 'string' && action in CASE_ACTION_ROLES ? (action as CaseAction) : null;
  } catch {
    return null;
  }
}

/** A role the rule table allows for the request (for a case transition: one allowed that action). */
function roleFor(app: App, method: string, path: string, body: unknown): Role | null {
  const route = routeOf(app, method, path);
  if (!route) return null;
  const rule = ruleFor(route.method, route.path);
  if (!rule || rule === 'public') return null;
  const action = route.path === '/api/cases/:id/transitions' ? actionOf(body) : null;
  const roles = action ? rule.roles.filter((r) => CASE_ACTION_ROLES[action].includes(r)) : rule.roles;
  return roles[0] ?? rule.roles[0] ?? null;
}

const USERNAME = /^[a-z0-9_.-]{2,40}$/;

/**
 * Makes `app.request()` log in for callers written before access control: a request that brings no
 * Cookie header gets the session of a district-wide user of a role the rule table allows for it
 * (named after its `X-Actor` header when that is a valid username, so audit trails keep their names).
 * Requests with a Cookie header go through untouched: that is how access-control tests call it.
 */
export function withTestSessions<A extends App>(t: TestDb, app: A): A {
  const original = app.request;
  const cache = new Map<string, Promise<Record<string, string>>>();
  const currentRole = new Map<string, Role>();
  const headersFor = async (role: Role, username: string | undefined) => {
    const name = username ?? `test-${role}`;
    const key = `${name}|${role}`;
    let headers = cache.get(key);
    if (!headers) {
      headers = sessionHeaders(t, { role, scopeCode: null, username: name });
      cache.set(key, headers);
      currentRole.set(name, role);
      return headers;
    }
    const resolved = await headers;
    if (currentRole.get(name) !== role) {
      const [user] = await t.db.query<{ id: number }>('SELECT id FROM app_user WHERE username = $1', [name]);
      if (user) await updateUser(t.db, user.id, { role });
      currentRole.set(name, role);
    }
    return resolved;
  };
  app.request = ((input: RequestInfo | URL, init?: RequestInit, ...rest: unknown[]) => {
    const call = original as (...args: unknown[]) => Response | Promise<Response>;
    const req = input instanceof Request ? input : null;
    const headers = new Headers(init?.headers ?? req?.headers);
    if (headers.has('cookie')) return call(input, init, ...rest);
    const method = (init?.method ?? req?.method ?? 'GET').toUpperCase();
    const url = new URL(req ? req.url : String(input), 'http://localhost');
    const role = roleFor(app, method, url.pathname, init?.body);
    if (!role) return call(input, init, ...rest);
    return (async () => {
      const actor = headers.get('x-actor')?.trim().toLowerCase();
      const session = await headersFor(role, actor && USERNAME.test(actor) ? actor : undefined);
      for (const [k, v] of Object.entries(session)) headers.set(k, v);
      if (req) return call(new Request(req, { headers }), init ? { ...init, headers } : undefined, ...rest);
      return call(input, { ...init, headers }, ...rest);
    })();
  }) as A['request'];
  return app;
}

/** The real Hono app over a test database; requests go through `app.request()` (real HTTP semantics, no socket). */
export function createTestApp(t: TestDb, now?: () => Date) {
  return withTestSessions(
    t,
    createApp(
      { db: t.db, capabilities: t.capabilities, district: { code: '360302', name: '安源区' }, now },
      { onUnexpected: (err) => console.error('unexpected error in test app', err) },
    ),
  );
}
