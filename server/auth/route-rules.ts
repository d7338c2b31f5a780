import type { Role } from './principal';

/**
 * Who may call each route: ONE table, keyed by `METHOD /full/path` exactly as Hono's `app.routes`
 * lists it. A route missing here is refused (403 `no-access-rule`), and tests/auth/route-matrix.test.ts
 * fails when `createApp()` has a route this table does not name.
 *
 * - `public`: no login (health, login, the web app's files, Open311 discovery/services; Open311 POST
 *   checks its own `api_key`).
 * - `{ roles }`: a logged-in user with one of these roles; unsafe methods also need `X-CSRF-Token`.
 * - `{ roles, apiKey: true }`: as above, or an Open311 `api_key` query parameter instead of a login.
 */
export type RouteRule = 'public' | { roles: readonly Role[]; apiKey?: true };

/** Everyone who reads the situation (the admin manages accounts and reads the audit log only). */
const READERS: readonly Role[] = ['leader', 'planner', 'dispatcher', 'worker'];
const PLANNER: readonly Role[] = ['planner'];
const ADMIN: readonly Role[] = ['admin'];
/** Reporting a case: field workers and the dispatch desk (hotline intake). */
const CASE_REPORTERS: readonly Role[] = ['worker', 'dispatcher'];
/** Case transitions: the action decides further (server/auth/case-actions.ts). */
const CASE_ACTORS: readonly Role[] = ['dispatcher', 'worker'];
/** The party lists (registrations, service records, needs, claims) are kept by the grid workers and the dispatch desk. */
const PARTY_WRITERS: readonly Role[] = ['worker', 'dispatcher'];
const ANY_USER: readonly Role[] = ['leader', 'planner', 'dispatcher', 'worker', 'admin'];

export const ROUTE_RULES: Readonly<Record<string, RouteRule>> = {
  'GET /api/health': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': { roles: ANY_USER },
  'GET /api/auth/session': { roles: ANY_USER },

  'GET /api/users': { roles: ADMIN },
  'POST /api/users': { roles: ADMIN },
  'PATCH /api/users/:id': { roles: ADMIN },
  'GET /api/audit': { roles: ADMIN },

  'GET /api/grids': { roles: READERS },
  'GET /api/grids/:code': { roles: READERS },

  'POST /api/cases': { roles: CASE_REPORTERS },
  'GET /api/cases': { roles: READERS },
  'GET /api/cases/:id': { roles: READERS },
  'POST /api/cases/:id/transitions': { roles: CASE_ACTORS },
  'GET /api/live': { roles: READERS },

  'GET /api/versions': { roles: READERS },
  'POST /api/versions': { roles: PLANNER },
  'POST /api/versions/import': { roles: PLANNER },
  'POST /api/versions/import/shapefile': { roles: PLANNER },
  'GET /api/versions/:id': { roles: READERS },
  'DELETE /api/versions/:id': { roles: PLANNER },
  'GET /api/versions/:id/grids': { roles: READERS },
  'POST /api/versions/:id/grids': { roles: PLANNER },
  'PATCH /api/versions/:id/grids': { roles: PLANNER },
  'POST /api/versions/:id/grids/merge': { roles: PLANNER },
  'PATCH /api/versions/:id/grids/:code': { roles: PLANNER },
  'DELETE /api/versions/:id/grids/:code': { roles: PLANNER },
  'POST /api/versions/:id/grids/:code/split': { roles: PLANNER },
  'GET /api/versions/:id/issues': { roles: READERS },
  'GET /api/versions/:id/impact': { roles: READERS },
  'POST /api/versions/:id/publish': { roles: PLANNER },
  'GET /api/versions/:id/diff/:other': { roles: READERS },
  'GET /api/versions/:id/export': { roles: READERS },

  'GET /api/stats/overview': { roles: READERS },
  'GET /api/stats/grids': { roles: READERS },
  'GET /api/stats/timeseries': { roles: READERS },
  'GET /api/stats/coverage': { roles: READERS },
  'GET /api/hotspots/bins': { roles: READERS },
  'GET /api/hotspots/clusters': { roles: READERS },
  'GET /api/hotspots/alerts': { roles: READERS },
  'GET /api/tiles/cases/:z/:x/:file': { roles: READERS },
  'GET /api/tiles/grids/:z/:x/:file': { roles: READERS },

  'GET /api/party/tree': { roles: READERS },
  'GET /api/party/grids': { roles: READERS },
  'GET /api/party/overview': { roles: READERS },
  'GET /api/party/points': { roles: READERS },
  'POST /api/party/registrations': { roles: PARTY_WRITERS },
  'POST /api/party/registrations/:id/services': { roles: PARTY_WRITERS },
  'GET /api/party/needs': { roles: READERS },
  'POST /api/party/needs': { roles: PARTY_WRITERS },
  'GET /api/party/needs/:id/matches': { roles: READERS },
  'POST /api/party/needs/:id/claim': { roles: PARTY_WRITERS },
  'GET /api/party/resources': { roles: READERS },
  'GET /api/party/projects': { roles: READERS },

  'GET /open311/v2/discovery.json': 'public',
  'GET /open311/v2/services.json': 'public',
  'GET /open311/v2/services/:file': 'public',
  'POST /open311/v2/requests.json': 'public',
  'GET /open311/v2/requests.json': { roles: READERS, apiKey: true },
  'GET /open311/v2/requests/:file': { roles: READERS, apiKey: true },
  'GET /open311/v2/tokens/:file': { roles: READERS, apiKey: true },

  // The built web app (index.html for client routes, hashed assets), or the "not built" page.
  'GET /*': 'public',
  'GET /': 'public',
};

export function ruleFor(method: string, path: string): RouteRule | undefined {
  return ROUTE_RULES[`${method} ${path}`];
}

/** Whether `role` may call a route with this rule (API keys aside). */
export function roleAllowed(rule: RouteRule, role: Role): boolean {
  return rule === 'public' || rule.roles.includes(role);
}
