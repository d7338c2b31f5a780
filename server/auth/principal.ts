import type { Context } from 'hono';
import { ProblemError } from '../problem';

/**
 * Who is making a request. Shared contract of the access-control work (#7): the auth middleware
 * sets it, routes read it with `principalOf(c)`, the audit log and PII masking key off it.
 */
export const ROLES = ['leader', 'planner', 'dispatcher', 'worker', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export type Principal = {
  /** `app_user.id`; API-key callers (Open311) have none. */
  userId: number | null;
  username: string;
  displayName: string;
  role: Role;
  /** Grid code whose subtree (in the published version) the principal may act on; `null` = whole district. */
  scopeCode: string | null;
};

/** Hono environment of routes behind the auth middleware. */
export type AuthEnv = { Variables: { principal: Principal } };

/** The authenticated principal; a route behind the auth middleware never sees an anonymous request. */
export function principalOf(c: Context): Principal {
  const principal = c.get('principal' as never) as Principal | undefined;
  if (!principal) {
    throw new ProblemError(401, 'not-authenticated', 'Log in first: POST /api/auth/login.');
  }
  return principal;
}
