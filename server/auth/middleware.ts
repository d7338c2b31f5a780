import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { Db } from '../db/db';
import { isValidApiKey } from '../open311/api-keys';
import { ProblemError } from '../problem';
import { CSRF_HEADER, readSessionCookie } from './cookie';
import type { Principal } from './principal';
import { type RouteRule, roleAllowed, ruleFor } from './route-rules';
import { resumeSession } from './session-store';
import { sameToken } from './tokens';

export type AuthDeps = {
  db: Db;
  now?: () => Date;
  sessionTtlMs: number;
  open311Keys?: readonly string[];
};

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The principal of an Open311 client that sent a valid `api_key`. */
const OPEN311_CLIENT: Principal = {
  userId: null,
  username: 'open311',
  displayName: 'Open311 client',
  role: 'leader',
  scopeCode: null,
};

/** `METHOD /path` of the route that will answer: the first matched route that is not middleware. */
export function routeKeyOf(c: Context): { method: string; path: string } | null {
  const route = matchedRoutes(c).find((r) => r.method !== 'ALL');
  return route ? { method: route.method, path: route.path } : null;
}

/** The session's principal and CSRF token, set on the context as `principal` / `csrfToken`. */
async function resolveSession(
  c: Context,
  deps: AuthDeps,
): Promise<{ principal: Principal; csrf: string } | null> {
  const token = readSessionCookie(c);
  if (!token) return null;
  const s = await resumeSession(deps.db, token, deps.now?.() ?? new Date(), deps.sessionTtlMs);
  if (!s) return null;
  const principal: Principal = {
    userId: s.userId,
    username: s.username,
    displayName: s.displayName,
    role: s.role,
    scopeCode: s.scopeCode,
  };
  return { principal, csrf: s.csrfToken };
}

function forbidden(rule: Exclude<RouteRule, 'public'>, principal: Principal): ProblemError {
  return new ProblemError(
    403,
    'role-not-allowed',
    `The ${principal.role} role may not use this; it is for ${rule.roles.join(', ')}. Log in with such an account.`,
    { role: principal.role, allowed: rule.roles },
  );
}

/**
 * Resolves the session cookie to a `Principal` (`c.set('principal')`) and applies the route rule
 * table: 401 anonymous, 403 role not allowed / no rule / missing CSRF token. Routes no rule names
 * answer 403 `no-access-rule` (fail closed); paths no route matches fall through to the 404.
 */
export function authMiddleware(deps: AuthDeps): MiddlewareHandler {
  return async (c, next) => {
    const key = routeKeyOf(c);
    if (!key) return next();
    const rule = ruleFor(key.method, key.path);
    if (rule === undefined) {
      throw new ProblemError(
        403,
        'no-access-rule',
        `${key.method} ${key.path} has no access rule; add it to server/auth/route-rules.ts.`,
      );
    }
    if (rule === 'public') return next();

    if (rule.apiKey) {
      const apiKey = c.req.query('api_key');
      if (apiKey !== undefined && !readSessionCookie(c)) {
        if (!isValidApiKey(apiKey, deps.open311Keys ?? [])) {
          throw new ProblemError(403, 'api-key', 'Invalid api_key. Ask the operator for one.');
        }
        c.set('principal' as never, OPEN311_CLIENT as never);
        return next();
      }
    }

    const session = await resolveSession(c, deps);
    if (!session) {
      throw new ProblemError(
        401,
        'not-authenticated',
        'Log in first (POST /api/auth/login), then try again.',
      );
    }
    if (!roleAllowed(rule, session.principal.role)) throw forbidden(rule, session.principal);
    if (UNSAFE.has(c.req.method)) {
      const sent = c.req.header(CSRF_HEADER);
      if (!sent || !sameToken(sent, session.csrf)) {
        throw new ProblemError(
          403,
          'csrf-token-missing',
          `Send the X-CSRF-Token header with the csrfToken from GET /api/auth/session.`,
        );
      }
    }
    c.set('principal' as never, session.principal as never);
    c.set('csrfToken' as never, session.csrf as never);
    return next();
  };
}
