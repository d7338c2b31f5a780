import type { AppDeps } from '../deps';
import type { AuthDeps } from './middleware';
import { DEFAULT_SESSION_TTL_MS } from './session-store';

export type AuthSettings = AuthDeps & { secureCookies: boolean };

/** The access-control settings of an app, with their defaults. */
export function authSettingsOf(deps: AppDeps): AuthSettings {
  return {
    db: deps.db,
    ...(deps.now ? { now: deps.now } : {}),
    sessionTtlMs: deps.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS,
    secureCookies: deps.secureCookies ?? false,
    open311Keys: deps.open311Keys ?? [],
  };
}
